"""Results a user can keep: tables as CSV, networks as GraphML and GEXF (for Gephi).

Every writer takes a folder, creates it if needed, and returns the paths it wrote. Graph files keep
every node and edge attribute that GraphML and GEXF can hold (text, integers, floats); missing values
are left out of the node or edge that lacks them.

>>> import tempfile, networkx as nx
>>> from pathlib import Path
>>> g = nx.Graph(construction="toy"); g.add_edge("FRA", "DEU", weight=0.5)
>>> folder = Path(tempfile.mkdtemp())
>>> [p.name for p in write_graph(g, folder / "toy")]
['toy.graphml', 'toy.gexf']
>>> nx.read_graphml(folder / "toy.graphml").edges["FRA", "DEU"]["weight"]
0.5
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from kg.analysis.blocs import BlocReport
from kg.analysis.drift import Drift
from kg.analysis.rival import Rivals

__all__ = ["write_blocs", "write_cosponsorship", "write_csv", "write_drift", "write_graph", "write_rivals"]


def _clean(value: object) -> object | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, str)):
        return value
    return str(value)


def _portable(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are plain Python values (NaN kept as a float), none missing-valued."""
    out = graph.__class__()
    out.graph.update({k: v for k, v in ((k, _clean(v)) for k, v in graph.graph.items()) if v is not None})
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: v for k, v in ((k, _clean(v)) for k, v in data.items()) if v is not None})
    for a, b, data in graph.edges(data=True):
        out.add_edge(a, b, **{k: v for k, v in ((k, _clean(v)) for k, v in data.items()) if v is not None})
    return out


def write_graph(graph: nx.Graph, stem: Path) -> list[Path]:
    """``stem``.graphml and ``stem``.gexf."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    portable = _portable(graph)
    graphml, gexf = stem.with_suffix(".graphml"), stem.with_suffix(".gexf")
    nx.write_graphml(portable, graphml)
    for data in (d for _, d in portable.nodes(data=True)):  # GEXF has no NaN: leave such values out
        for key in [k for k, v in data.items() if isinstance(v, float) and math.isnan(v)]:
            del data[key]
    for _, _, data in portable.edges(data=True):
        for key in [k for k, v in data.items() if isinstance(v, float) and math.isnan(v)]:
            del data[key]
    nx.write_gexf(portable, gexf)
    return [graphml, gexf]


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """One table as CSV (UTF-8, header row, no index)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, float_format="%.6g")
    return path


def write_blocs(report: BlocReport, out: Path) -> list[Path]:
    """blocs.csv (state, name, bloc, score, votes, blocs at other resolutions), agreement.csv (state_a,
    state_b, votes, agreement, kappa, pi), partitions.csv, cohesion.csv, agreement.graphml/.gexf."""
    return [write_csv(report.blocs_frame(), out / "blocs.csv"),
            write_csv(report.agreement.frame(), out / "agreement.csv"),
            write_csv(report.partitions_frame(), out / "partitions.csv"),
            write_csv(report.cohesion, out / "cohesion.csv"),
            *write_graph(report.graph, out / "agreement")]


def write_cosponsorship(graph: nx.Graph, projected: nx.Graph, table: pd.DataFrame, out: Path) -> list[Path]:
    """cosponsorship.csv (centrality and community per state), cosponsorship.graphml/.gexf (the
    projection) and sponsorship.graphml/.gexf (the bipartite state–draft graph)."""
    return [write_csv(table, out / "cosponsorship.csv"), *write_graph(projected, out / "cosponsorship"),
            *write_graph(graph, out / "sponsorship")]


def write_rivals(rivals: Rivals, out: Path) -> list[Path]:
    """rival-drafts.csv (every state's positions and sponsorships), rival-crosstab.csv and
    rival-sponsors-opposed.csv (states that sponsored one draft and opposed or abstained on the other)."""
    crosstab = rivals.crosstab()
    crosstab.index = crosstab.index.astype(str)
    return [write_csv(rivals.frame(), out / "rival-drafts.csv"),
            write_csv(crosstab.reset_index().rename(columns={crosstab.index.name or "index": f"{rivals.a} \\ {rivals.b}"}),
                      out / "rival-crosstab.csv"),
            write_csv(rivals.sponsored_one_opposed_other(), out / "rival-sponsors-opposed.csv")]


def write_drift(drift: Drift, out: Path) -> list[Path]:
    """drift.csv (session, state, bloc, score), drift-sessions.csv and drift-moves.csv."""
    return [write_csv(drift.memberships, out / "drift.csv"), write_csv(drift.sessions, out / "drift-sessions.csv"),
            write_csv(drift.moves, out / "drift-moves.csv")]
