"""On the sample, the analysis finds what report A/73/505 shows; the expected sets are computed here from
the document's own lists (tests/fixtures/documents/A_73_505/expected.json), never from the analysis."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from kg.analysis import Selection, analyse, load_network, load_votes, rival_drafts
from kg.studies import files
from kg.analysis.cosponsorship import centrality, communities
from kg.analysis.votes import CODES
from kg.cli import main
from kg.errors import UnkgError

from .conftest import DRAFTS, EXPECTED, L27, L37

SAMPLE = Selection(report="A/73/505")


def sponsors(draft: str) -> set[str]:
    d = DRAFTS[draft]
    return set(d["on_behalf_of"]) | {d["submitted_by"]} | set(d["joined_later"])


def listed(draft: str, key: str) -> set[str]:
    return set(DRAFTS[draft][key])


@pytest.fixture(scope="module")
def report(store):
    return analyse(load_votes(store, SAMPLE).present(), seed=0, seeds=5)


def test_vote_table_is_the_documents_lists(store):
    table = load_votes(store, SAMPLE)
    assert list(table.events["motion"]) == [L27, L37]
    assert set(table.events["stage"]) == {"committee"} and set(table.events["source"]) == {"A/73/505"}
    for row, draft in enumerate([L27, L37]):
        for key, option in (("in_favour", "yes"), ("against", "no"), ("abstaining", "abstain")):
            got = {s for s, c in zip(table.states, table.matrix[row]) if c == CODES[option]}
            assert got == listed(draft, key), (draft, option)
        absent = {s for s, c in zip(table.states, table.matrix[row]) if c == CODES["non-voting"]}
        assert absent == set(EXPECTED["non_voting"][draft])


def test_selection_of_events(store):
    assert len(load_votes(store, Selection(stage="committee", sessions=(73, 73)))) == 2
    assert len(load_votes(store, Selection(motions=(L37,)))) == 1
    with pytest.raises(UnkgError, match="no vote event matches"):
        load_votes(store, Selection(report="A/73/505", stage="plenary"))


def test_rival_drafts_from_the_documents_lists(store):
    rivals = rival_drafts(store, L27, L37)
    both = sponsors(L27) & sponsors(L37)
    assert both == {"COD", "GIN", "MWI", "SLE", "WSM"}
    assert rivals.sponsored_both() == both
    assert rivals.members("no", "yes") == listed(L27, "against") & listed(L37, "in_favour")
    assert {"FRA", "DEU", "USA", "GBR", "JPN"} <= rivals.members("no", "yes")
    assert rivals.members("abstain", "abstain") == listed(L27, "abstaining") & listed(L37, "abstaining")
    assert rivals.members("yes", "no") == listed(L27, "in_favour") & listed(L37, "against")
    opposed = rivals.sponsored_one_opposed_other()
    expected = ({(s, L27, L37) for s in sponsors(L27) & (listed(L37, "against") | listed(L37, "abstaining"))}
                | {(s, L37, L27) for s in sponsors(L37) & (listed(L27, "against") | listed(L27, "abstaining"))})
    assert set(zip(opposed["state"], opposed["sponsored"], opposed["opposed"])) == expected
    crosstab = rivals.crosstab()
    assert crosstab.loc["total", "total"] == 193
    assert crosstab.loc["no", "yes"] == len(listed(L27, "against") & listed(L37, "in_favour"))


def test_blocs_hold_the_camps_of_the_report(report):
    labels = report.partition.labels()
    against_27_for_37 = listed(L27, "against") & listed(L37, "in_favour")
    for_27_against_37 = listed(L27, "in_favour") & listed(L37, "against")
    abstained_both = listed(L27, "abstaining") & listed(L37, "abstaining")
    assert len({labels[s] for s in against_27_for_37}) == 1
    assert len({labels[s] for s in for_27_against_37}) == 1
    assert {labels[s] for s in against_27_for_37}.isdisjoint({labels[s] for s in for_27_against_37})
    [bloc] = {labels[s] for s in abstained_both}
    assert {s for s, b in labels.items() if b == bloc} == abstained_both  # a bloc of its own
    # the western camp sits at one end of the line and the camp against L.37 at the other
    scores = report.scores
    assert scores[sorted(against_27_for_37)].max() < scores[sorted(for_27_against_37)].min()


def test_partitions_report_modularity_construction_and_stability(report):
    frame = report.partitions_frame()
    assert list(frame["resolution"]) == [0.5, 1.0, 1.5]
    assert frame["construction"].str.startswith("knn k=10 on kappa").all()
    assert frame["modularity"].between(-0.5, 1).all() and frame["stability"].between(-1, 1).all()
    assert set(report.cohesion.columns) >= {"bloc", "size", "agreement", "kappa", "agreement_index"}
    assert report.cohesion["size"].sum() == report.graph.number_of_nodes()


def test_seeds_give_identical_partitions(store):
    table = load_votes(store, SAMPLE).present()
    first = analyse(table, seed=3, seeds=3)
    again = analyse(table, seed=3, seeds=3)
    for resolution in first.partitions:
        assert first.partitions[resolution].blocs == again.partitions[resolution].blocs
        assert first.partitions[resolution].stability == again.partitions[resolution].stability


def test_dense_construction_is_an_option(store):
    table = load_votes(store, SAMPLE).present()
    dense = analyse(table, construction="dense", threshold=0.5, seeds=2)
    assert dense.graph.graph["construction"].startswith("dense, every pair with kappa > 0.5")
    assert dense.partition.construction == dense.graph.graph["construction"]


def test_cosponsorship_network(store):
    graph, projected = load_network(store, SAMPLE)
    states = {n for n, k in graph.nodes(data="kind") if k == "state"}
    assert states == sponsors(L27) | sponsors(L37)
    assert graph.number_of_edges() == len(sponsors(L27)) + len(sponsors(L37))
    both = sponsors(L27) & sponsors(L37)
    assert {tuple(sorted(e)) for e, w in nx.get_edge_attributes(projected, "weight").items() if w == 2} == \
        {(a, b) for a in both for b in both if a < b}
    table = centrality(graph, projected)
    assert set(table.head(len(both))["state"]) == both  # the bridges between the two camps
    for community in communities(projected, seed=0):
        assert community <= sponsors(L27) or community <= sponsors(L37)


def test_files_are_readable(report, store, tmp_path):
    paths = files.write_blocs(report, tmp_path)
    assert {p.name for p in paths} == {"blocs.csv", "agreement.csv", "partitions.csv", "cohesion.csv",
                                       "agreement.graphml", "agreement.gexf"}
    blocs = pd.read_csv(tmp_path / "blocs.csv")
    assert {"state", "bloc", "score"} <= set(blocs.columns) and len(blocs) == len(report.table.states)
    pairs = pd.read_csv(tmp_path / "agreement.csv")
    assert list(pairs.columns) == ["state_a", "state_b", "votes", "agreement", "kappa", "pi"]
    assert (pairs["state_a"] < pairs["state_b"]).all()
    for reader, name in ((nx.read_graphml, "agreement.graphml"), (nx.read_gexf, "agreement.gexf")):
        g = reader(tmp_path / name)
        assert set(g.nodes) == set(report.graph.nodes)
        assert g.number_of_edges() == report.graph.number_of_edges()
        assert g.nodes["FRA"]["bloc"] == report.partition.labels()["FRA"]
    graph, projected = load_network(store, SAMPLE)
    files.write_cosponsorship(graph, projected, centrality(graph, projected), tmp_path)
    assert nx.read_gexf(tmp_path / "sponsorship.gexf").number_of_edges() == graph.number_of_edges()
    files.write_rivals(rival_drafts(store, L27, L37), tmp_path)
    assert len(pd.read_csv(tmp_path / "rival-drafts.csv")) == 193


def test_cli_blocs_and_draw(sample_disk_store, tmp_path, capsys):
    out = tmp_path / "blocs"
    assert main(["blocs", "--store", str(sample_disk_store), "--report", "A/73/505", "--rival", L27, L37,
                 "--seeds", "3", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "sponsored both 5 (COD GIN MWI SLE WSM)" in printed
    assert "modularity" in printed and "stability" in printed and "knn k=10 on kappa" in printed
    for name in ("blocs.csv", "agreement.csv", "agreement.graphml", "agreement.gexf", "cosponsorship.gexf",
                 "rival-drafts.png", "cosponsorship.svg", "line.png"):
        assert (out / name).stat().st_size > 0, name
    # two votes: kappa is undefined or 0 for most pairs, so the heatmap is left out and the run says why
    assert "heatmap.png left out: kappa is undefined or 0 for" in printed and not (out / "heatmap.png").exists()
    page = tmp_path / "net.html"
    assert main(["draw", "--store", str(sample_disk_store), "--report", "A/73/505", "--seeds", "2",
                 "--out", str(page)]) == 0
    assert "vis.Network" in page.read_text(encoding="utf-8")
    assert main(["blocs", "--store", str(sample_disk_store), "--stage", "plenary", "--out", str(out)]) == 2
    assert "no vote event matches" in capsys.readouterr().err
