"""One plenary record 1946-2026: the roll-call dataset (sessions 70-74) and the UN's records (sessions 74-80, ES-10,
ES-11) imported together; session 74 joined roll call by roll call; the named queries and the blocs across both;
the links to the documents; an import that fails and writes nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import UNVOTES_RDA, corpus
from kg import queries
from kg.cli import main
from kg.extract.rollcalls import UnresolvedLabels
from kg.pipeline.build import build
from kg.pipeline.plenary import PlenaryImport, import_plenary_record
from kg.rdf.iris import Minter
from kg.store import Store

RECORDS = "https://w3id.org/unkg/graph/unxml"
UNVOTES = "https://w3id.org/unkg/graph/unvotes"
SESSIONS = range(70, 81)


@pytest.fixture(scope="module")
def imported() -> tuple[Store, PlenaryImport]:
    store = Store.open(None)
    result = import_plenary_record([*corpus(*UNVOTES_RDA), *corpus("ga-votes-unxml")], store, sessions=SESSIONS)
    return store, result


@pytest.fixture(scope="module")
def store(imported) -> Store:
    return imported[0]


def test_each_source_fills_its_own_graph(imported):
    store, result = imported
    assert result.status == "imported" and result.unvotes is not None and result.unvotes.status == "imported"
    assert {UNVOTES, RECORDS} <= set(store.graphs())
    assert result.triples == store.count(RECORDS)


def test_session_74_is_joined_roll_call_by_roll_call(imported):
    store, result = imported
    # SOURCES.md of ga-votes-unxml: all 90 recorded votes of 2019 match Voeten's State by State; Voeten has one
    # more, A/RES/74/267 of 2020
    assert len(result.joined) == 90 and all(s.startswith("A/RES/74/") for s in result.joined)
    assert result.differences == []
    assert [symbol for _, symbol in result.only_in_rollcalls] == ["A/RES/74/267"]
    rows = queries.run(store, "rollcalls", {"session": "74"})[1]
    assert len(rows) == 91  # each roll call once
    sources = Counter(r["sources"] for r in rows)
    assert sources == {"unvotes unxml": 90, "unvotes": 1} or sources == {"unxml unvotes": 90, "unvotes": 1}
    row = next(r for r in rows if r["resolution"] == "A/RES/74/28")
    assert (row["yes"], row["no"], row["abstain"]) == ("163", "10", "6")  # ../SOURCES.md: 163-10-6


def test_the_public_totals_across_the_joined_record(store):
    rows = queries.run(store, "rollcalls", {"session": "76"})[1]
    es = next(r for r in rows if r["resolution"] == "A/RES/ES-11/1")
    assert (es["yes"], es["no"], es["abstain"], es["date"], es["rollcall"], es["sources"]) == (
        "141", "5", "35", "2022-03-02", "", "unxml")
    votes = queries.run(store, "plenary-votes", {"resolution": "A/RES/ES-11/1"})[1]
    positions = {r["state"]: r["position"] for r in votes}
    assert positions["RUS"] == "no" and Counter(positions.values()) == {"yes": 141, "no": 5, "abstain": 35,
                                                                      "non-voting": 12}
    for symbol, session, totals in (("A/RES/77/247", "77", ("87", "26", "53")),
                                    ("A/RES/75/240", "75", ("92", "50", "21")),
                                    ("A/RES/ES-10/21", "78", ("120", "14", "45"))):
        row = next(r for r in queries.run(store, "rollcalls", {"session": session})[1] if r["resolution"] == symbol)
        assert (row["yes"], row["no"], row["abstain"]) == totals
    assert len(queries.run(store, "rollcalls", {"session": "79"})[1]) == 113 + 1  # ES-10/24 of 18 September 2024
    # the roll-call dataset's own roll calls are still found by their id
    assert len(queries.run(store, "plenary-votes", {"rollcall": "6073"})[1]) == 193


def test_a_failed_check_is_recorded_on_the_roll_call(store):
    rows = store.select("""SELECT ?message WHERE { GRAPH <%s> { ?e <https://w3id.org/unkg/ontology#failedCheck>
        ?message } }""" % RECORDS)
    messages = sorted(r["message"] for r in rows)
    assert "A/RES/77/293: stated abstain=59, listed 58 (missing: 1)" in messages and len(messages) == 6
    votes = queries.run(store, "plenary-votes", {"resolution": "A/RES/77/293"})[1]
    assert Counter(r["position"] for r in votes)["abstain"] == 58
    assert "non-voting" not in {r["position"] for r in votes}


def test_the_draft_links_the_resolution_and_vote_shift_sees_the_plenary(store):
    rows = queries.run(store, "vote-shift", {"draft": "A/ES-11/L.1"})[1]
    assert Counter(r["plenary"] for r in rows) == {"yes": 141, "no": 5, "abstain": 35, "non-voting": 12}
    sponsors = queries.run(store, "sponsors-vs-record", {"document": "A/RES/ES-11/1"})[1]
    assert sponsors and all(r["in_record"] == "true" and r["in_document"] == "false" for r in sponsors)
    assert "UKR" in {r["state"] for r in sponsors}


def test_a_resolution_read_from_its_pdf_is_the_same_entity(store):
    pdf = corpus("ga-session-80/A_RES_80/A_RES_80_5.pdf")
    [result] = build(pdf, store)
    assert result.status == "read", result.error
    iri = str(Minter("https://w3id.org/unkg/").document("A/RES/80/5"))
    graphs = store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
    assert {RECORDS, "https://w3id.org/unkg/graph/A/RES/80/5"} <= {r["g"] for r in graphs}


def test_blocs_with_drift_across_the_joined_record(imported, tmp_path):
    folder = tmp_path / "store"
    disk = Store.open(folder)
    import_plenary_record([*corpus(*UNVOTES_RDA), *corpus("ga-votes-unxml")], disk, sessions=range(73, 81))
    disk.flush()
    del disk
    out = tmp_path / "blocs"
    assert main(["blocs", "--store", str(folder), "--sessions", "73-80", "--drift", "--no-figures", "--seeds", "2",
                 "--out", str(out)]) == 0
    drift = (out / "drift-sessions.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in drift[1:]] == [str(s) for s in range(73, 81)]


def test_a_name_that_does_not_resolve_writes_nothing(tmp_path: Path):
    line = json.loads(corpus("ga-votes-unxml/ES-11.json")[0].read_text(encoding="utf-8").splitlines()[0])
    line["MS_in_favour"] = line["MS_in_favour"] + ["ATLANTIS"]
    (tmp_path / "ES-11.json").write_text(json.dumps(line) + "\n", encoding="utf-8")
    store = Store.open(None)
    with pytest.raises(UnresolvedLabels):
        import_plenary_record([tmp_path / "ES-11.json"], store)
    assert store.count() == 0
    assert main(["import-rollcalls", str(tmp_path / "ES-11.json"), "--store", ":memory:"]) == 1


def test_the_import_is_idempotent(imported):
    store, result = imported
    again = import_plenary_record(corpus("ga-votes-unxml"), store, sessions=SESSIONS)
    assert (again.status, again.triples, len(again.joined)) == ("unchanged", result.triples, 90)


def test_records_imported_before_the_dataset_are_joined_when_imported_again():
    store = Store.open(None)
    first = import_plenary_record(corpus("ga-votes-unxml/74.json"), store)
    assert first.joined == {} and len(queries.run(store, "plenary-votes", {"resolution": "A/RES/74/28"})[1]) == 193
    dataset = import_plenary_record(corpus(*UNVOTES_RDA), store, sessions=[74])
    assert dataset.notes and dataset.notes[0].startswith("90 roll calls of https://w3id.org/unkg/graph/unxml are also")
    again = import_plenary_record(corpus("ga-votes-unxml/74.json"), store)
    assert again.status == "imported" and len(again.joined) == 90 and again.differences == []
    assert len(queries.run(store, "rollcalls", {"session": "74"})[1]) == 91
