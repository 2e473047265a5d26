"""Co-sponsorship: the bipartite network of states and the drafts they sponsored, and its projection.

The bipartite graph has a node per state (``kind="state"``, ``bipartite=0``) and per draft
(``kind="draft"``, ``bipartite=1``), and an edge for each sponsorship with its role and the evidence
it was read from. Projected onto the states, two states are linked by the number of drafts both
sponsored (``weight``, and ``drafts``: their symbols). Centrality and communities (Louvain, with a
seed) are computed on the projection. The graph is read through the named query ``sponsorships``.

>>> b = bipartite([("D1", "FRA", "submitter"), ("D1", "DEU", "joinedLater"), ("D2", "DEU", "submitter"),
...                ("D2", "RUS", "onBehalfOf")])
>>> p = projection(b)
>>> sorted((min(a, b), max(a, b), w) for a, b, w in p.edges(data="weight"))
[('DEU', 'FRA', 1), ('DEU', 'RUS', 1)]
>>> centrality(b, p).set_index("state").loc["DEU", "betweenness"]
np.float64(1.0)
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from kg import queries
from kg.analysis.blocs import louvain
from kg.analysis.votes import Selection, read_csv
from kg.store import Store

__all__ = ["bipartite", "centrality", "communities", "load_network", "projection", "sponsorships"]


def sponsorships(store: Store, selection: Selection | None = None) -> pd.DataFrame:
    """Every sponsorship by a state (named query ``sponsorships``), one row each with its first evidence;
    ``selection`` keeps a report's (by the evidence's document), sessions' or motions' drafts."""
    frame = read_csv(queries.run_csv(store, "sponsorships"))
    frame = frame[~frame["state"].str.contains("/", regex=False)]  # groups and other sponsors: not states
    selection = selection or Selection()
    if selection.report:
        frame = frame[frame["document"] == selection.report]
    if selection.sessions:
        session = pd.to_numeric(frame["session"], errors="coerce")
        frame = frame[(session >= selection.sessions[0]) & (session <= selection.sessions[1])]
    if selection.motions:
        frame = frame[frame["draft"].isin(selection.motions)]
    return frame.drop_duplicates(["draft", "state", "role"]).reset_index(drop=True)


def bipartite(rows: Iterable[tuple[str, str, str]] | pd.DataFrame, names: dict[str, str] | None = None) -> nx.Graph:
    """The state–draft graph from (draft, state, role) rows or a ``sponsorships`` frame.

    A state with several roles on one draft (named in the heading and joined later) has one edge,
    whose ``role`` lists them."""
    names = names or {}
    if isinstance(rows, pd.DataFrame):
        records = rows.to_dict("records")
    else:
        records = [{"draft": d, "state": s, "role": r} for d, s, r in rows]
    graph = nx.Graph()
    for r in records:
        draft, state = r["draft"], r["state"]
        graph.add_node(draft, kind="draft", bipartite=1, name=draft)
        graph.add_node(state, kind="state", bipartite=0, name=names.get(state, state))
        if graph.has_edge(state, draft):
            roles = graph.edges[state, draft]["role"].split()
            graph.edges[state, draft]["role"] = " ".join(sorted(set(roles) | {r["role"]}))
            continue
        evidence = {k: str(r.get(k, "")) for k in ("document", "page", "line_start", "line_end", "quote")}
        graph.add_edge(state, draft, role=r["role"], **evidence)
    return graph


def projection(graph: nx.Graph) -> nx.Graph:
    """States linked by the number of drafts both sponsored (``weight``) and the drafts' symbols."""
    states = [n for n, kind in graph.nodes(data="kind") if kind == "state"]
    out = nx.Graph()
    out.add_nodes_from((s, {"name": graph.nodes[s].get("name", s), "drafts": graph.degree(s)}) for s in states)
    for draft in (n for n, kind in graph.nodes(data="kind") if kind == "draft"):
        sponsors = sorted(graph.neighbors(draft))
        for i, a in enumerate(sponsors):
            for b in sponsors[i + 1:]:
                if out.has_edge(a, b):
                    out.edges[a, b]["weight"] += 1
                    out.edges[a, b]["drafts"] += " " + draft
                else:
                    out.add_edge(a, b, weight=1, drafts=draft)
    return out


def centrality(graph: nx.Graph, projected: nx.Graph) -> pd.DataFrame:
    """Per state: drafts sponsored, partners, strength (co-sponsorships summed), degree centrality,
    eigenvector centrality (weighted; per connected component) and betweenness (distance 1/weight)."""
    if projected.number_of_nodes() == 0:
        return pd.DataFrame(columns=["state", "name", "drafts", "partners", "strength", "degree",
                                     "eigenvector", "betweenness"])
    for _, _, data in projected.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    degree = nx.degree_centrality(projected)
    eigen: dict[str, float] = {}
    for component in nx.connected_components(projected):
        sub = projected.subgraph(component)
        if sub.number_of_nodes() < 3:
            eigen.update({n: float("nan") for n in component})
            continue
        eigen.update(nx.eigenvector_centrality_numpy(sub, weight="weight"))
    between = nx.betweenness_centrality(projected, weight="distance", normalized=True)
    rows = [{"state": s, "name": projected.nodes[s].get("name", s), "drafts": graph.degree(s),
             "partners": projected.degree(s), "strength": projected.degree(s, weight="weight"),
             "degree": degree[s], "eigenvector": float(np.abs(eigen[s])), "betweenness": between[s]}
            for s in projected.nodes]
    return pd.DataFrame(rows).sort_values(["betweenness", "state"], ascending=[False, True], ignore_index=True)


def communities(projected: nx.Graph, *, resolution: float = 1.0, seed: int = 0) -> list[frozenset[str]]:
    """Louvain communities of the co-sponsorship projection (weighted by drafts shared)."""
    if projected.number_of_nodes() == 0:
        return []
    return louvain(projected, resolution=resolution, seed=seed)


def load_network(store: Store, selection: Selection | None = None,
                 names: dict[str, str] | None = None) -> tuple[nx.Graph, nx.Graph]:
    """The bipartite graph and its projection for the selected drafts."""
    graph = bipartite(sponsorships(store, selection), names)
    return graph, projection(graph)
