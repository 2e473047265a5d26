"""Static figures: their content (titles, axes, labels, counts, image sizes), and PNG and SVG files."""

from __future__ import annotations

import matplotlib.image
import pytest
from matplotlib.collections import PathCollection
from matplotlib.image import AxesImage

from kg.analysis import Selection, analyse, drift, load_network, load_votes, rival_drafts
from kg.analysis.cosponsorship import communities
from kg.viz import figures

from .conftest import DRAFTS, L27, L37, SESSIONS


@pytest.fixture(scope="module")
def report(store):
    return analyse(load_votes(store, Selection(report="A/73/505")).present(), seeds=2)


def image(fig):
    [im] = [a for a in fig.axes[0].get_children() if isinstance(a, AxesImage)]
    return im.get_array()


def test_heatmap(report):
    fig = figures.heatmap(report)
    ax = fig.axes[0]
    n = report.graph.number_of_nodes()
    assert ax.get_title() == f"Voting agreement (kappa), report A/73/505: {n} states, 2 votes"
    assert image(fig).shape == (n, n)
    assert len(ax.get_xticklabels()) == n and {t.get_text() for t in ax.get_xticklabels()} == set(report.graph)
    blocs = [t.get_text() for t in ax.texts if t.get_text()]
    assert blocs == [f"bloc {i}" for i in range(1, len(report.partition.blocs) + 1)]
    assert fig.axes[1].get_ylabel().startswith("kappa")  # the colour bar
    assert figures.heatmap(report, "agreement").axes[0].get_title().startswith("Voting agreement (agreement)")


def test_line(report):
    fig = figures.line(report)
    ax = fig.axes[0]
    assert len([c for c in ax.collections if isinstance(c, PathCollection)]) == len(report.partition.blocs)
    assert ax.get_xlabel().startswith("score: first principal component")
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"bloc {i}" for i in range(1, len(report.partition.blocs) + 1)]


def test_line_labels_do_not_overlap(report):
    """On the sample, dozens of states share a score (the 81 that voted yes on both drafts): one dot and one
    label for each score, and no label over another or over a dot."""
    from matplotlib.text import Annotation, Text

    fig = figures.line(report)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [a for a in ax.texts if isinstance(a, Annotation)]
    boxes = [Text.get_window_extent(a, renderer) for a in labels]
    assert not [(labels[i].get_text(), labels[j].get_text())
                for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    dots = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert len(labels) == dots and "left without a label" not in ax.get_title()
    states = sum(int(a.get_text().split()[0]) if " states: " in a.get_text() else len(a.get_text().split())
                 for a in labels)
    assert states == len([s for s in report.partition.labels() if s in report.scores])


def test_a_figure_with_nothing_to_show_is_named(report):
    """Two votes: kappa is undefined (two states alike on both) or 0 (a state that voted one way on both) for
    most pairs; the raw share of agreement is defined for every pair that voted together."""
    reasons = figures.nothing_to_show(report)
    assert list(reasons) == ["heatmap"] and reasons["heatmap"].startswith("kappa is undefined or 0 for ")
    assert figures.nothing_to_show(report, "agreement") == {}


def test_cosponsorship(store):
    _, projected = load_network(store, Selection(report="A/73/505"))
    found = communities(projected, seed=0)
    fig = figures.cosponsorship(projected, found, seed=0)
    sponsors = {d: set(DRAFTS[d]["on_behalf_of"]) | {DRAFTS[d]["submitted_by"]} | set(DRAFTS[d]["joined_later"])
                for d in (L27, L37)}
    n1, n2, both = len(sponsors[L27]), len(sponsors[L37]), len(sponsors[L27] & sponsors[L37])
    pairs = n1 * (n1 - 1) // 2 + n2 * (n2 - 1) // 2 - both * (both - 1) // 2
    assert fig.axes[0].get_title() == f"Co-sponsorship: {len(sponsors[L27] | sponsors[L37])} states, {pairs} pairs"
    assert len(fig.axes[0].get_legend().get_texts()) == len(found)


def test_rival(store):
    rivals = rival_drafts(store, L27, L37)
    fig = figures.rival(rivals)
    ax = fig.axes[0]
    assert ax.get_xlabel() == f"position on {L37}" and ax.get_ylabel() == f"position on {L27}"
    cells = [int(t.get_text()) for t in ax.texts]
    assert len(cells) == 16 and sum(cells) == 193
    against_for = len(set(DRAFTS[L27]["against"]) & set(DRAFTS[L37]["in_favour"]))
    assert cells[1 * 4 + 0] == against_for  # row "no" on L.27, column "yes" on L.37
    assert ax.get_title() == "Rival drafts: 193 states (5 sponsored both)"


def test_drift(plenary_store):
    store, _ = plenary_store
    result = drift(load_votes(store, Selection(stage="plenary")))
    fig = figures.drift(result)
    assert image(fig).shape == (40, len(SESSIONS))
    assert fig.axes[0].get_title().endswith(f"{len(SESSIONS)} sessions, 2 moves")
    assert fig.axes[0].get_xlabel() == "session"


def test_png_and_svg(store, tmp_path):
    fig = figures.rival(rival_drafts(store, L27, L37))
    png, svg = figures.save(fig, tmp_path / "rival")
    assert matplotlib.image.imread(png).shape[:2] == (1100, 1300)  # 6.5 x 5.5 inches at 200 dpi
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
