"""The interactive network page: one self-contained HTML file that works offline.

States are the nodes, coloured by bloc and sized by a chosen measure; the edges are those of the
agreement network. Hovering shows a state's or a pair's figures; clicking a state shows its votes
and sponsorships, clicking an edge the two states' votes side by side, each with its evidence (the
document, page, lines and text it was read from). Filters choose the vote events that count (stage,
sessions, single events): the pair figures are recomputed in the page for the filtered set, while
the blocs and the layout stay those computed by unkg on the whole selection.

The frame is ``kg.html``'s template ``network.html`` with its one stylesheet; vis-network
(``static/vis-network.min.js``, see ``static/NOTICE.md``), the page's own script and the stylesheet are inlined
(``Markup``: trusted files of the package, checked to hold no ``</script``); nothing is fetched at run time. The data travels as JSON in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped, and the script puts
every text into the page with ``textContent``; the few texts the HTML itself holds are escaped by the template.

>>> from kg.analysis import VoteTable, analyse
>>> from kg.analysis.facts import Facts
>>> t = VoteTable.from_votes([(e, s, "yes" if (s in "AB") == (e in "13") else "no") for e in "1234" for s in "ABCD"])
>>> html = render(analyse(t, k=1, seeds=2), Facts(), title="<toy>")
>>> "&lt;toy&gt;" in html and "<toy>" not in html and "vis.Network" in html
True
"""

from __future__ import annotations

import json
import math
from importlib.resources import files
from pathlib import Path

import networkx as nx
import numpy as np
from markupsafe import Markup

from kg.analysis.blocs import BlocReport
from kg.analysis.facts import Facts
from kg.analysis.votes import CODES
from kg import html
from kg.errors import UnkgError
from kg.viz.figures import colour

__all__ = ["SIZES", "page_data", "render", "write"]

SIZES = {"strength": "strength", "degree": "partners", "votes": "votes cast", "betweenness": "betweenness"}
_CHARS = {0: ".", CODES["yes"]: "Y", CODES["no"]: "N", CODES["abstain"]: "A", CODES["non-voting"]: "-"}


def _shown(x: object, digits: int = 2) -> float | None:
    """``x`` rounded as ``f"{x:.2f}"`` prints it, or None where it is undefined.

    >>> _shown(0.625), f"{0.625:.2f}", _shown(float("nan"))
    (0.62, '0.62', None)
    """
    value = _number(x)
    return None if value is None else float(f"{value:.{digits}f}")


def _number(x: object) -> float | int | None:
    if x is None:
        return None
    value = float(x)  # type: ignore[arg-type]
    if math.isnan(value):
        return None
    return int(value) if isinstance(x, (int, np.integer)) else value


def _sizes(report: BlocReport, size: str) -> dict[str, float]:
    graph = report.graph
    if size == "strength":
        return dict(graph.degree(weight="weight"))
    if size == "degree":
        return dict(graph.degree())
    if size == "votes":
        cast = dict(zip(report.table.states, report.table.cast()))
        return {s: float(cast.get(s, 0)) for s in graph.nodes}
    if size == "betweenness":
        for _, _, d in graph.edges(data=True):
            d["_distance"] = 1.0 / max(d["weight"], 1e-9)
        out = nx.betweenness_centrality(graph, weight="_distance")
        for _, _, d in graph.edges(data=True):
            del d["_distance"]
        return out
    raise UnkgError(f"size is one of {', '.join(SIZES)}, not {size!r}")


def page_data(report: BlocReport, facts: Facts, *, size: str = "strength", title: str | None = None) -> dict:
    """Everything the page shows, as plain JSON-ready values."""
    table, graph, partition = report.table, report.graph, report.partition
    labels = partition.labels()
    sizes = _sizes(report, size)
    cast = dict(zip(table.states, table.cast()))
    column = {s: i for i, s in enumerate(table.states)}
    event_ids = list(table.events["event"])
    event_index = {e: i for i, e in enumerate(event_ids)}
    states = []
    votes = {}
    vote_evidence: dict[str, dict[int, list[int]]] = {}
    for state in sorted(graph.nodes, key=lambda s: (labels.get(s, 10**6), s)):
        bloc = labels.get(state)
        states.append({"id": state, "name": table.names.get(state, state), "bloc": bloc, "colour": colour(bloc),
                       "score": _number(report.scores.get(state, np.nan)), "votes": int(cast.get(state, 0)),
                       "size": _number(sizes.get(state, 0.0))})
        votes[state] = "".join(_CHARS[int(c)] for c in table.matrix[:, column[state]])
    for (event, state), indices in facts.vote_evidence.items():
        if state in votes and event in event_index:
            vote_evidence.setdefault(state, {})[event_index[event]] = indices
    sponsorships: dict[str, list[dict]] = {}
    for s in facts.sponsorships:
        if s["state"] in votes:
            sponsorships.setdefault(str(s["state"]), []).append(s)
    events = [{"id": e, "motion": r["motion"], "identifier": r["identifier"], "rollcall": r["rollcall"],
               "title": r["title"], "session": str(r["session"]), "date": r["date"], "stage": r["stage"],
               "body": r["body"], "source": r["source"], "evidence": facts.event_evidence.get(e, [])}
              for e, r in zip(event_ids, table.events.to_dict("records"))]
    edges = [{"from": a, "to": b, "weight": _number(d["weight"]), "votes": d["votes"],
              "agreement": _number(d["agreement"]), "kappa": _number(d["kappa"]), "pi": _number(d["pi"])}
             for a, b, d in graph.edges(data=True)]
    cohesion = report.cohesion.to_dict("records")
    # a bloc's figures as the command line prints them (two decimals, rounded once, here): the page's own
    # rounding (JavaScript's toFixed) would turn 0.625 into 0.63 where Python prints 0.62
    blocs = [{"bloc": int(r["bloc"]), "size": int(r["size"]), "colour": colour(r["bloc"]),
              "agreement": _shown(r["agreement"]), "kappa": _shown(r["kappa"]),
              "agreement_index": _shown(r["agreement_index"])} for r in cohesion]
    return {
        "title": title or f"Voting blocs: {table.selection.describe()}",
        "selection": table.selection.describe(),
        "construction": graph.graph.get("construction", ""),
        "measure": graph.graph.get("measure", "kappa"),
        "undefined": graph.graph.get("undefined", "agreement"),
        "absent": report.agreement.absent,
        "resolution": partition.resolution, "seed": partition.seed, "seeds": partition.seeds,
        "modularity": _number(partition.modularity), "stability": _number(partition.stability),
        "explained": _number(report.explained), "size": size, "size_label": SIZES[size],
        "states": states, "edges": edges, "events": events, "votes": votes, "vote_evidence": vote_evidence,
        "sponsorships": sponsorships, "evidence": [list(e) for e in facts.evidence], "blocs": blocs,
        "complete": facts.complete,
    }


def _json(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _static(name: str) -> str:
    return (files("kg.viz") / "static" / name).read_text(encoding="utf-8")


def _script(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")]
    body = "\n".join(lines)
    if "</script" in body.lower():
        raise UnkgError("a bundled script contains </script and cannot be inlined")
    return body


def render(report: BlocReport, facts: Facts, *, size: str = "strength", title: str | None = None) -> str:
    """The whole page, as text."""
    data = page_data(report, facts, size=size, title=title)
    partition = report.partition
    about = (f"{len(report.table)} vote events ({data['selection']}); {len(data['states'])} states; "
             f"network: {data['construction']}; absences: {data['absent']}; Louvain at resolution "
             f"{partition.resolution:g}, seed {partition.seed}: {len(partition.blocs)} blocs, modularity "
             f"{partition.modularity:.3f}, stability over {partition.seeds} seeds "
             f"{'n/a' if partition.stability != partition.stability else f'{partition.stability:.3f}'}; "
             f"node size: {SIZES[size]}. Blocs and layout are computed on the whole selection; "
             f"the filters change which votes the pair figures count.")
    return html.render("network.html", title=data["title"], about=about, selection=data["selection"],
                       stylesheet=Markup(html.STYLESHEET.read_text(encoding="utf-8")), data=Markup(_json(data)),
                       vis=Markup(_script(_static("vis-network.min.js"))), script=Markup(_script(_static("network.js"))))


def write(path: Path, report: BlocReport, facts: Facts, *, size: str = "strength", title: str | None = None) -> Path:
    """Write the page to ``path`` (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report, facts, size=size, title=title), encoding="utf-8")
    return path
