"""Static figures for papers (matplotlib): agreement heatmap, states on a line, co-sponsorship network,
rival-drafts cross-table, bloc drift over sessions.

Each function returns a ``matplotlib.figure.Figure`` drawn on the Agg canvas (no pyplot, no global
backend change, never ``show()``); save it with ``fig.savefig("name.png")`` or ``.svg``. Blocs take the
colours of ``PALETTE`` in order, as in the interactive page.

>>> from kg.analysis import VoteTable, analyse
>>> t = VoteTable.from_votes([(e, s, "yes" if (s in "AB") == (e in "13") else "no") for e in "1234" for s in "ABCD"])
>>> fig = heatmap(analyse(t, k=1, seeds=2))
>>> fig.axes[0].get_title()
'Voting agreement (kappa), all vote events: 4 states, 4 votes'
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text

from kg.analysis.blocs import BlocReport
from kg.analysis.drift import Drift
from kg.analysis.rival import POSITIONS, Rivals

__all__ = ["PALETTE", "UnkgFigure", "colour", "cosponsorship", "drift", "heatmap", "line", "nothing_to_show",
           "rival", "save"]

# tab10, then the lighter half of tab20: 20 colours that stay apart
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7",
           "#dbdb8d", "#9edae5"]
NO_BLOC = "#d9d9d9"


def colour(bloc: object) -> str:
    """The colour of bloc number ``bloc`` (1, 2, ...); grey for none.

    >>> colour(1), colour(21), colour(None)
    ('#1f77b4', '#1f77b4', '#d9d9d9')
    """
    if not isinstance(bloc, (int, float, np.integer, np.floating)) or np.isnan(bloc):
        return NO_BLOC
    return PALETTE[(int(bloc) - 1) % len(PALETTE)]


class UnkgFigure(Figure):
    """A matplotlib figure that shows itself in a notebook (``_repr_png_``) without pyplot."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    fig = UnkgFigure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _tick_size(n: int) -> float:
    return float(max(2.0, min(8.0, 420.0 / max(n, 1))))


def _ordered_states(report: BlocReport) -> list[str]:
    labels = report.partition.labels()
    states = [s for s in report.agreement.states if s in report.graph]
    return sorted(states, key=lambda s: (labels.get(s, 10**6), report.scores.get(s, np.nan), s))


def heatmap(report: BlocReport, measure: str = "kappa") -> Figure:
    """The pairwise agreement matrix (``agreement``, ``kappa`` or ``pi``) of the states in the network,
    ordered by bloc and, inside a bloc, along the line; bloc boundaries drawn, blocs named above."""
    states = _ordered_states(report)
    index = [report.agreement.states.index(s) for s in states]
    matrix = report.agreement.measure(measure)[np.ix_(index, index)].astype(float)
    n = len(states)
    fig = _figure(8.5, 8)
    ax = fig.add_subplot()
    if measure == "agreement":
        image = ax.imshow(matrix, cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
    else:
        image = ax.imshow(matrix, cmap="RdBu", vmin=-1, vmax=1, interpolation="nearest")
    labels = report.partition.labels()
    edges = [i for i in range(1, n) if labels.get(states[i]) != labels.get(states[i - 1])]
    for i in edges:
        ax.axhline(i - 0.5, color="black", linewidth=0.6)
        ax.axvline(i - 0.5, color="black", linewidth=0.6)
    ax.set_xticks(range(n), states, rotation=90, fontsize=_tick_size(n))
    ax.set_yticks(range(n), states, fontsize=_tick_size(n))
    bounds = [0] + edges + [n]
    for start, end in itertools.pairwise(bounds):
        bloc = labels.get(states[start])
        ax.text((start + end - 1) / 2, -1.5, f"bloc {bloc}" if bloc else "", ha="center", va="bottom", fontsize=7,
                color=colour(bloc))
    votes = len(report.table)
    ax.set_title(f"Voting agreement ({measure}), {report.table.selection.describe()}: {n} states, {votes} votes",
                 pad=18)
    ax.set_xlabel("state (ordered by bloc, then along the line)")
    ax.set_ylabel("state")
    fig.colorbar(image, ax=ax, shrink=0.7, label=measure + (" (blank: undefined or no common vote)"
                                                           if measure != "agreement" else ""))
    return fig


def nothing_to_show(report: BlocReport, measure: str = "kappa") -> dict[str, str]:
    """The figures of ``heatmap`` and ``line`` that would show next to nothing for this report, each with the
    reason: a heatmap whose score says nothing for most pairs, a line with fewer than two states on it. Kappa
    and pi are undefined for a pair whose votes leave no room for chance (two states that voted alike every
    time) and exactly 0 where one state voted the same way every time: with two votes, most pairs.

    >>> from kg.analysis import VoteTable, analyse
    >>> t = VoteTable.from_votes([(e, s, "yes" if (s in "AB") == (e in "13") else "no") for e in "1234" for s in "ABCD"])
    >>> nothing_to_show(analyse(t, k=1, seeds=2))
    {}
    """
    out = {}
    states = _ordered_states(report)
    index = [report.agreement.states.index(s) for s in states]
    matrix = report.agreement.measure(measure)[np.ix_(index, index)].astype(float)
    pairs = len(states) * (len(states) - 1)
    off = ~np.eye(len(states), dtype=bool)
    empty = int((np.isnan(matrix) | (matrix == 0))[off].sum()) if measure != "agreement" else \
        int(np.isnan(matrix)[off].sum())
    if pairs == 0 or empty > pairs / 2:
        share = empty / pairs if pairs else 1.0
        what = "undefined or 0" if measure != "agreement" else "undefined"
        out["heatmap"] = (f"{measure} is {what} for {share:.0%} of the pairs of states ({len(report.table)} votes); "
                          "agreement.csv holds every pair's figures")
    scored = sum(1 for s in report.partition.labels() if not np.isnan(report.scores.get(s, np.nan)))
    if scored < 2:
        out["line"] = f"{scored} state has a score on the line"
    return out


# the places, in points from its dot, where a label of states on the line is tried, nearest first: right of
# the dot, then left of it, above and below
_LABEL_PLACES = [(dx, dy, ha) for dy in (7.0, -7.0, 15.0, -15.0, 23.0, -23.0)
                 for dx, ha in ((4.0, "left"), (-4.0, "right"))]


def _cluster_label(states: list[str]) -> str:
    if len(states) <= 4:
        return " ".join(states)
    return f"{len(states)} states: {' '.join(states[:3])} …"


def line(report: BlocReport) -> Figure:
    """States on a line (the ordering score), one row per bloc, coloured by bloc. States at the same score
    are one dot, as large as their number, with one label (``81 states: ARE ARG ARM …`` past four); labels
    are placed where they overlap no other label and no dot, and one that finds no such place is left out,
    which the title says (every state is in ``blocs.csv``)."""
    labels = report.partition.labels()
    frame = pd.DataFrame({"state": list(labels), "bloc": list(labels.values())})
    frame["score"] = [report.scores.get(s, np.nan) for s in frame["state"]]
    frame = frame.dropna(subset=["score"]).sort_values(["bloc", "score", "state"])
    frame["at"] = frame["score"].round(6)
    blocs = sorted(frame["bloc"].unique())
    fig = _figure(10, 1.4 + 0.9 * max(len(blocs), 1))
    ax = fig.add_subplot()
    clusters = []  # (bloc, score, states)
    for bloc in blocs:
        part = frame[frame["bloc"] == bloc].groupby("at", sort=True)["state"].apply(list)
        sizes = [14 * np.sqrt(len(states)) for states in part]
        ax.scatter(part.index, [bloc] * len(part), s=sizes, color=colour(bloc),
                   label=f"bloc {bloc} ({sum(len(s) for s in part)})", zorder=2)
        clusters += [(bloc, float(score), states) for score, states in part.items()]
    ax.set_yticks(blocs, [f"bloc {b}" for b in blocs])
    ax.set_ylim(max(blocs, default=1) + 0.6, min(blocs, default=1) - 0.6)
    ax.margins(x=0.12)  # room for the labels of the dots at either end
    ax.grid(axis="x", linewidth=0.3)
    ax.set_xlabel(f"score: first principal component of the votes ({report.explained:.0%} of variance)")
    title = f"States on a line, by bloc: {report.table.selection.describe()}"
    caption = "each dot: the states at one score, as large as their number"
    ax.set_title(f"{title}\n{caption}")  # two lines from the start: the layout is fixed before the labels
    left_out = _place_labels(fig, ax, clusters)
    if left_out:
        ax.set_title(f"{title}\n{caption}; {left_out} left without a label where it would overlap another "
                     "(every state is in blocs.csv)")
    return fig


def _place_labels(fig: Figure, ax, clusters: list[tuple[int, float, list[str]]]) -> int:  # type: ignore[no-untyped-def]
    """Label each cluster of states at the first offset where it overlaps nothing placed; the number of labels
    that found no place. The layout is fixed first, so that what is measured is what is drawn."""
    fig.canvas.draw()
    fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = ax.get_window_extent(renderer)
    taken = list(_dot_extents(ax, clusters))
    left_out = 0
    # the largest clusters choose first
    for bloc, score, states in sorted(clusters, key=lambda c: (-len(c[2]), c[0], c[1])):
        for dx, dy, ha in _LABEL_PLACES:
            text = ax.annotate(_cluster_label(states), (score, bloc), xytext=(dx, dy), textcoords="offset points",
                               fontsize=5.5, va="center", ha=ha,
                               arrowprops={"arrowstyle": "-", "linewidth": 0.3, "color": "#777777", "shrinkA": 0,
                                           "shrinkB": 2})
            text.update_positions(renderer)
            box = Text.get_window_extent(text, renderer).expanded(1.04, 1.15)  # the words, not the leader line
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            text.remove()
        else:
            left_out += 1
    return left_out


def _dot_extents(ax, clusters):  # type: ignore[no-untyped-def]
    """The display box of each cluster's dot (marker area ``14 * sqrt(n)`` points squared)."""
    from matplotlib.transforms import Bbox

    scale = ax.figure.dpi / 72
    for bloc, score, states in clusters:
        x, y = ax.transData.transform((score, bloc))
        half = np.sqrt(14 * np.sqrt(len(states))) / 2 * scale
        yield Bbox.from_extents(x - half, y - half, x + half, y + half)


def cosponsorship(projected: nx.Graph, communities: list[frozenset[str]], *, seed: int = 0,
                  title: str = "Co-sponsorship") -> Figure:
    """The co-sponsorship network (spring layout with ``seed``): states coloured by community, sized by
    the drafts they sponsored, edges as wide as the drafts two states sponsored together."""
    fig = _figure(9, 8)
    ax = fig.add_subplot()
    ax.set_axis_off()
    label = {s: i for i, c in enumerate(communities, start=1) for s in c}
    if projected.number_of_nodes():
        layout = nx.spring_layout(projected, seed=seed, weight="weight")
        widths = [0.3 + 0.7 * d.get("weight", 1) for _, _, d in projected.edges(data=True)]
        nx.draw_networkx_edges(projected, layout, ax=ax, width=widths, alpha=0.25, edge_color="#555555")
        nodes = list(projected.nodes)
        nx.draw_networkx_nodes(projected, layout, ax=ax, nodelist=nodes,
                               node_color=[colour(label.get(n)) for n in nodes],
                               node_size=[40 + 40 * projected.nodes[n].get("drafts", 1) for n in nodes])
        nx.draw_networkx_labels(projected, layout, ax=ax, font_size=5)
        ax.legend(handles=[Patch(color=colour(i), label=f"community {i} ({len(c)})")
                           for i, c in enumerate(communities, start=1)][:20], fontsize=7, loc="lower left")
    ax.set_title(f"{title}: {projected.number_of_nodes()} states, {projected.number_of_edges()} pairs")
    return fig


def rival(rivals: Rivals) -> Figure:
    """The cross-table of states by their positions on two rival drafts, with counts."""
    table = rivals.crosstab().loc[list(POSITIONS), list(POSITIONS)]
    fig = _figure(6.5, 5.5)
    ax = fig.add_subplot()
    values = table.to_numpy()
    ax.imshow(values, cmap="Blues", vmin=0, vmax=max(int(values.max()), 1))
    for i in range(len(POSITIONS)):
        for j in range(len(POSITIONS)):
            v = int(values[i, j])
            ax.text(j, i, str(v), ha="center", va="center", fontsize=11,
                    color="white" if v > values.max() / 2 else "black")
    ax.set_xticks(range(len(POSITIONS)), POSITIONS)
    ax.set_yticks(range(len(POSITIONS)), POSITIONS)
    ax.set_xlabel(f"position on {rivals.b}")
    ax.set_ylabel(f"position on {rivals.a}")
    both = len(rivals.sponsored_both())
    ax.set_title(f"Rival drafts: {len(rivals.positions)} states ({both} sponsored both)")
    return fig


def drift(result: Drift) -> Figure:
    """States (rows, grouped by their most frequent bloc, movers last in each group) by sessions
    (columns), each cell the state's bloc."""
    matrix = result.matrix()
    usual = result.memberships.groupby("state")["bloc"].agg(lambda b: b.value_counts().sort_index().idxmax())
    frame = pd.DataFrame({"usual": usual.reindex(matrix.index),
                          "moves": matrix.apply(lambda row: row.dropna().diff().fillna(0).ne(0).sum(), axis=1)})
    matrix = matrix.loc[frame.sort_values(["usual", "moves"], kind="stable").index]
    blocs = sorted(int(b) for b in pd.unique(result.memberships["bloc"]))
    codes = {b: i for i, b in enumerate(blocs)}
    values = matrix.apply(lambda column: column.map(lambda b: np.nan if b is pd.NA else codes[int(b)]))
    values = values.to_numpy(dtype=float)
    fig = _figure(11, 8)
    ax = fig.add_subplot()
    cmap = ListedColormap([colour(b) for b in blocs] or [NO_BLOC]).with_extremes(bad="white")
    ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, vmin=-0.5, vmax=max(len(blocs), 1) - 0.5,
              interpolation="nearest")
    sessions = list(matrix.columns)
    step = max(1, len(sessions) // 25)
    ax.set_xticks(range(0, len(sessions), step), [str(s) for s in sessions[::step]], fontsize=7)
    ax.set_yticks(range(len(matrix.index)), list(matrix.index), fontsize=_tick_size(len(matrix.index)))
    ax.set_xlabel("session")
    ax.set_ylabel("state (grouped by most frequent bloc)")
    ax.set_title(f"Blocs by session, numbers carried across sessions: {len(sessions)} sessions, "
                 f"{len(result.moves)} moves")
    ax.legend(handles=[Patch(color=colour(b), label=f"bloc {b}") for b in blocs][:20], fontsize=6,
              loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def save(fig: Figure, stem: Path, formats: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """``stem``.png and ``stem``.svg (200 dpi for PNG)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = stem.with_suffix("." + fmt)
        fig.savefig(path, dpi=200 if fmt == "png" else None)
        paths.append(path)
    return paths
