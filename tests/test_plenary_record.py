"""The plenary record in the store: session 73 imported beside the report A/73/505, the links between the two
stages, the named queries on both, idempotence, and an import that fails and writes nothing."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
import rdflib

from conftest import UNVOTES_RDA, UNVOTES_SESSION73, corpus
from kg import queries
from kg.pipeline.build import build, sample_path
from kg.cli import main
from kg.extract.rollcalls import UnresolvedLabels
from kg.rdf import ontology
from kg.pipeline.rollcalls import ImportResult, import_rollcalls
from kg.store import Store

GRAPH = "https://w3id.org/unkg/graph/unvotes"
REPORT_GRAPH = "https://w3id.org/unkg/graph/A/73/505"
# R/73/27 "no" (the corpus's SOURCES.md), as ISO 3166-1 alpha-3 codes
NO_73_27 = set("""ALB AND AUS AUT BEL BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC HUN ISL IRL ISR ITA JPN LVA LIE
LTU LUX MLT MHL MCO MNE NLD NZL MKD NOR POL PRT ROU SMR SVK SVN ESP SWE UKR GBR USA""".split())


def _report_triples(store: Store) -> list[bytes]:
    out = io.BytesIO()
    store.dump(out, "nt", graph=REPORT_GRAPH)
    return sorted(out.getvalue().splitlines())


@pytest.fixture(scope="module")
def imported() -> tuple[Store, ImportResult, list[bytes]]:
    """The sample report built, then session 73 imported from the CSV files (tests must not change it)."""
    store = Store.open(None)
    build([sample_path()], store)
    before = _report_triples(store)
    return store, import_rollcalls(corpus(*UNVOTES_SESSION73), store), before


@pytest.fixture(scope="module")
def store(imported) -> Store:
    return imported[0]


def _totals(rows: list[dict[str, str]], column: str) -> tuple[int, int, int]:
    count = Counter(r[column] for r in rows)
    return count["yes"], count["no"], count["abstain"]


def test_the_import_fills_its_own_graph(imported):
    store, result, _ = imported
    assert result.status == "imported" and result.graph == GRAPH
    assert set(store.graphs()) == {REPORT_GRAPH, GRAPH, "https://w3id.org/unkg/graph/register",
                                   "https://w3id.org/unkg/graph/links"}
    assert result.triples == store.count(GRAPH) > 16_933 * 5


def test_the_report_graph_is_untouched(imported):
    store, _, before = imported
    assert _report_triples(store) == before


def test_the_import_is_idempotent(imported):
    store, result, _ = imported
    again = import_rollcalls(corpus(*UNVOTES_SESSION73), store)
    assert (again.status, again.triples) == ("unchanged", result.triples)
    forced = import_rollcalls(corpus(*UNVOTES_SESSION73), store, force=True)
    assert (forced.status, forced.triples, store.count(GRAPH)) == ("imported", result.triples, result.triples)


def test_a_label_that_does_not_resolve_fails_the_import_and_writes_nothing(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "roll_calls.csv").write_text("rcid,session,importantvote,date,unres,amend,para,short,descr\n"
                                           "1,73,,2018-12-05,R/73/1,,,TEST,TEST\n", encoding="utf-8")
    (folder / "votes.csv").write_text("rcid,country,country_code,vote\n1,France,FR,yes\n1,Atlantis,AT,no\n",
                                      encoding="utf-8")
    store = Store.open(None)
    with pytest.raises(UnresolvedLabels, match="Atlantis"):
        import_rollcalls([folder], store)
    assert store.graphs() == [] and store.count() == 0


def test_the_cli_lists_the_labels_and_fails(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "roll_calls.csv").write_text("rcid,session,importantvote,date,unres,amend,para,short,descr\n"
                                           "1,5,,1950-11-03,R/5/1,,,TEST,TEST\n", encoding="utf-8")
    (folder / "votes.csv").write_text("rcid,country,vote\n1,Atlantis,no\n1,Russian Empire,yes\n", encoding="utf-8")
    assert main(["import-rollcalls", str(folder), "--store", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err
    assert "'Atlantis'" in err and "'Russian Empire'" in err and "nothing was written" in err


def test_the_cli_imports(tmp_path, capsys):
    assert main(["import-rollcalls", *map(str, corpus(*UNVOTES_SESSION73)), "--store", str(tmp_path / "store")]) == 0
    out = capsys.readouterr().out
    assert "read 95 roll calls of sessions 73-73" in out and "16933 votes" in out


def test_each_draft_is_linked_to_the_resolution_it_became(imported):
    _, result, _ = imported
    assert {(link.draft, link.resolution, link.method, link.rcid) for link in result.links} == {
        ("A/C.1/73/L.27/Rev.1", "A/RES/73/27", "session, agenda item and title", 6073),
        ("A/C.1/73/L.37", "A/RES/73/266", "session, agenda item and title", 6156),
    }
    assert result.link_problems == []


def test_the_link_carries_its_evidence(store):
    rows = store.select("""PREFIX unkg: <https://w3id.org/unkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?method ?source WHERE { ?l unkg:linkedDraft <https://w3id.org/unkg/id/document/A/C.1/73/L.37> ;
        unkg:linkedResolution <https://w3id.org/unkg/id/document/A/RES/73/266> ; unkg:linkMethod ?method ;
        prov:wasDerivedFrom ?source }""")
    assert {r["source"].rsplit("/id/", 1)[1] for r in rows} == {"rollcall/6156", "document/A/73/505"}


def test_a_resolution_heading_is_the_strongest_evidence(tmp_path):
    store = Store.open(None)
    build([sample_path()], store)
    store.replace_graph("https://w3id.org/unkg/graph/A/RES/73/27", """
        <https://w3id.org/unkg/id/document/A/RES/73/27> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/unkg/ontology#GeneralAssemblyResolution> .
        <https://w3id.org/unkg/id/document/A/RES/73/27> <http://purl.org/dc/terms/identifier> "A/RES/73/27" .
        <https://w3id.org/unkg/id/document/A/RES/73/27> <http://purl.org/dc/terms/title> "Developments in the field of information and telecommunications in the context of international security"@en .
        <https://w3id.org/unkg/id/document/A/RES/73/27> <https://w3id.org/unkg/ontology#onReportOf> <https://w3id.org/unkg/id/document/A/73/505> .""")
    result = import_rollcalls(corpus(*UNVOTES_SESSION73), store)
    methods = {(link.draft, link.method) for link in result.links}
    assert ("A/C.1/73/L.27/Rev.1", "resolution heading") in methods
    assert ("A/C.1/73/L.27/Rev.1", "session, agenda item and title") in methods


def test_vote_shift_from_committee_to_plenary(store):
    columns, rows = queries.run(store, "vote-shift", {"draft": "A/C.1/73/L.27/Rev.1"})
    assert columns == ["state", "committee", "plenary", "state_name"] and len(rows) == 193
    assert _totals(rows, "committee") == (109, 45, 16)
    assert _totals(rows, "plenary") == (119, 46, 14)
    assert {r["state"] for r in rows if r["plenary"] == "no"} == NO_73_27
    assert {r["plenary"] for r in rows} == {"yes", "no", "abstain", "non-voting"}


def test_rollcalls_of_a_session(store):
    columns, rows = queries.run(store, "rollcalls", {"session": "73"})
    assert columns == ["rollcall", "resolution", "date", "yes", "no", "abstain", "title", "sources"] and len(rows) == 95
    row = next(r for r in rows if r["rollcall"] == "6073")
    assert (row["resolution"], row["date"], row["yes"], row["no"], row["abstain"]) == (
        "A/RES/73/27", "2018-12-05", "119", "46", "14")
    assert row["title"].startswith("Developments in the field of information")


def test_plenary_votes_by_resolution_or_by_roll_call(store):
    by_resolution = queries.run(store, "plenary-votes", {"resolution": "A/RES/73/27"})
    by_rollcall = queries.run(store, "plenary-votes", {"rollcall": "6073"})
    assert by_resolution == by_rollcall
    columns, rows = by_rollcall
    assert columns == ["state", "position", "state_name"] and len(rows) == 193
    assert {r["state"] for r in rows if r["position"] == "no"} == NO_73_27
    assert Counter(r["position"] for r in rows)["non-voting"] == 14


def test_committee_queries_see_the_committee_stage_only(store):
    drafts = queries.run(store, "drafts")[1]
    assert [(r["draft"], r["yes"], r["no"], r["abstain"]) for r in drafts] == [
        ("A/C.1/73/L.27/Rev.1", "109", "45", "16"), ("A/C.1/73/L.37", "139", "11", "18")]
    assert _totals(queries.run(store, "votes", {"draft": "A/C.1/73/L.27/Rev.1"})[1], "position") == (109, 45, 16)


def test_the_roll_calls_conform_to_the_shapes(store):
    import pyshacl

    # one roll call with its votes and counts, its resolution and its draft, the General Assembly and the register
    data = rdflib.Graph()
    for query in (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o "
                  'FILTER(STRSTARTS(STR(?s), "https://w3id.org/unkg/id/rollcall/6073")) } }',
                  "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/unkg/graph/register> { ?s ?p ?o } }",
                  "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/unkg/graph/links> { ?s ?p ?o } }",
                  'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), '
                  '"https://w3id.org/unkg/id/document/A/RES/73/")) }',
                  'CONSTRUCT { ?s a ?c ; <http://purl.org/dc/terms/identifier> ?id } WHERE { ?s a ?c ; '
                  '<http://purl.org/dc/terms/identifier> ?id FILTER(STRSTARTS(STR(?s), '
                  '"https://w3id.org/unkg/id/document/A/C.1/73/")) }'):
        out = io.BytesIO()
        store.query(query).serialize(out, format=__import__("pyoxigraph").RdfFormat.N_TRIPLES)
        data.parse(data=out.getvalue(), format="nt")
    assert len(data) > 193 * 4
    shapes = rdflib.Graph().parse(ontology.path("shapes.ttl"))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert conforms, text


def test_one_session_of_the_rda_files(tmp_path):
    """1950: the USSR's votes under "Russia", dates of the year and month only, identifiers kept as given."""
    store = Store.open(None)
    result = import_rollcalls(corpus(*UNVOTES_RDA), store, sessions=[5])
    assert result.status == "imported" and result.record is not None
    rows = queries.run(store, "rollcalls", {"session": "5"})[1]
    assert len(rows) == len(result.record.roll_calls) == 53
    assert all(len(r["date"]) == 7 for r in rows)  # "1950-10": the day of the data is not the vote's
    assert {r["resolution"] for r in rows} >= {"R/5/233A"}
    voters = {r["state"] for rc in ("288", "251") for r in queries.run(store, "plenary-votes", {"rollcall": rc})[1]}
    assert "SUN" in voters and "RUS" not in voters
    issues = store.select("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?code WHERE { ?c skos:notation ?code ; skos:inScheme ?s }""")
    assert {r["code"] for r in issues} == {"co", "di", "ec", "hr", "me", "nu"}


def test_replacing_the_graph_on_disk_rebuilds_the_store_and_keeps_the_others(tmp_path):
    store = Store.open(tmp_path / "store")
    build([sample_path()], store)
    before = _report_triples(store)
    first = import_rollcalls(corpus(*UNVOTES_SESSION73), store)
    again = import_rollcalls(corpus(*UNVOTES_SESSION73), store, force=True)
    assert again.triples == first.triples and _report_triples(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # nothing left of the rebuild
    del store
    reopened = Store.open(tmp_path / "store")
    assert reopened.count(GRAPH) == first.triples and _report_triples(reopened) == before
    assert len(queries.run(reopened, "vote-shift", {"draft": "A/C.1/73/L.37"})[1]) == 193


def test_plenary_votes_by_an_identifier_as_given_count_the_vote_on_the_whole_text():
    """An old identifier ("R/27/3017") is carried by the roll call on the whole text and by the separate votes
    on its amendments: by identifier, the whole text's votes come; by roll call, each one's own."""
    unkg, opengov, schema = "https://w3id.org/unkg/ontology#", "http://www.w3.org/ns/opengov#", "http://schema.org/"
    lines = []
    for rcid, part, position in ((1, False, "yes"), (2, True, "no")):
        event = f"<https://w3id.org/unkg/id/rollcall/{rcid}>"
        vote = f"<https://w3id.org/unkg/id/vote/rollcall/{rcid}/FRA>"
        lines += [f'{event} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{unkg}RollCall> .',
                  f'{event} <{unkg}rollCallId> "{rcid}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                  f'{event} <{unkg}identifierAsGiven> "R/27/3017" .',
                  f'{vote} <{opengov}voteEvent> {event} .',
                  f'{vote} <{schema}agent> <https://w3id.org/unkg/id/state/FRA> .',
                  f'{vote} <{schema}option> "{position}" .']
        if part:
            lines.append(f'{event} <{unkg}onAmendment> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .')
    store = Store.open(None)
    store.replace_graph("https://w3id.org/unkg/graph/unvotes", "\n".join(lines))
    # no register in this store: the state's name is unknown, and left empty
    assert queries.run(store, "plenary-votes", {"resolution": "R/27/3017"})[1] == [
        {"state": "FRA", "position": "yes", "state_name": ""}]
    assert queries.run(store, "plenary-votes", {"rollcall": "2"})[1] == [
        {"state": "FRA", "position": "no", "state_name": ""}]
