"""The named queries on the vote model of current Popolo (ontology 0.3.0) give the answers of 0.2.0.

The 0.2.0 text of every query that changed is kept in ``fixtures/queries-0.2.0``. It still runs on the data, which
writes the deprecated ``opengov:voter``, ``opengov:option`` and ``opengov:value`` beside their replacements for one
release; only the two terms that changed at once are put back as 0.2.0 wrote them, in a copy of the store: a roll
call's ``opengov:motion`` is the resolution it was adopted as (``unkg:adoptedAs`` now, its motion the draft), and
``opengov:result`` the words as printed (``unkg:resultAsPrinted`` now). On the sample report, session 73 of the
roll-call dataset and session 80 of the UN's records, each changed query's 0.3.0 text then gives the same answers
as its 0.2.0 text, for every parameter the store offers (``vote-events`` with the one column change the ontology's
README names). Facts read from the sources pin the new triples themselves.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import UNVOTES_SESSION73, corpus
from kg import queries
from kg.pipeline.build import build, sample_path
from kg.pipeline.plenary import import_plenary_record
from kg.pipeline.rollcalls import import_rollcalls
from kg.store import Store

OLD = Path(__file__).parent / "fixtures" / "queries-0.2.0"
CHANGED = sorted(p.stem for p in OLD.glob("*.rq"))
PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <http://schema.org/>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
"""
# the two changes that 0.2.0 and 0.3.0 data cannot both hold, undone in a copy of the store
AS_IN_0_2_0 = PREFIXES + """
DELETE { GRAPH ?g { ?e opengov:motion ?draft } } WHERE { GRAPH ?g { ?e opengov:motion ?draft } GRAPH ?h { ?e a unkg:RollCall } } ;
INSERT { GRAPH ?g { ?e opengov:motion ?resolution } } WHERE { GRAPH ?g { ?e unkg:adoptedAs ?resolution } } ;
DELETE { GRAPH ?g { ?e opengov:result ?named } } INSERT { GRAPH ?g { ?e opengov:result ?printed } }
WHERE { GRAPH ?g { ?e opengov:result ?named ; unkg:resultAsPrinted ?printed } }
"""


@pytest.fixture(scope="module")
def store() -> Store:
    """The sample report, session 73 of the roll-call dataset and session 80 of the UN's records."""
    store = Store.open(None)
    build([sample_path()], store)
    import_rollcalls(corpus(*UNVOTES_SESSION73), store)
    import_plenary_record(corpus("ga-votes-unxml"), store, sessions=[80])
    return store


@pytest.fixture(scope="module")
def old_store(store: Store) -> Store:
    copy = Store.open(None)
    for graph in store.graphs():
        out = io.BytesIO()
        store.dump(out, "nt", graph=graph)
        copy.replace_graph(graph, out.getvalue().decode("utf-8"))
    copy.update(AS_IN_0_2_0)
    return copy


def _values(store: Store, query: str) -> list[str]:
    return sorted({r["v"] for r in store.select(PREFIXES + query)})


def _pick(values: list[str], n: int) -> list[str]:
    return values if len(values) <= n else [values[i * len(values) // n] for i in range(n)]


def _cases(store: Store) -> list[tuple[str, dict[str, str]]]:
    # the drafts voted on in Committee, and a few others (the records' plenary drafts, with no Committee vote)
    voted = _values(store, "SELECT ?v WHERE { ?e opengov:motion/dcterms:identifier ?v ; unkg:committee/a unkg:Committee }")
    others = _values(store, """SELECT ?v WHERE { VALUES ?c { unkg:DraftResolution unkg:DraftDecision }
                                 ?d a ?c ; dcterms:identifier ?v }""")
    drafts = sorted(set(voted) | set(_pick(others, 4)))
    resolutions = _values(store, "SELECT ?v WHERE { ?e unkg:adoptedAs/dcterms:identifier ?v }")
    given = _values(store, "SELECT ?v WHERE { ?e a unkg:RollCall ; unkg:identifierAsGiven ?v }")
    rollcalls = _values(store, "SELECT (STR(?i) AS ?v) WHERE { ?e unkg:rollCallId ?i }")
    sessions = _values(store, "SELECT (STR(?s) AS ?v) WHERE { ?e a unkg:RollCall ; unkg:session ?s }")
    motions = drafts + _pick(resolutions, 8)
    by_params = {
        (): [{}],
        ("draft",): [{"draft": d} for d in drafts],
        ("motion",): [{"motion": m} for m in motions],
        ("draft_a", "draft_b"): [{"draft_a": a, "draft_b": b} for a, b in zip(drafts, drafts[1:])],
        ("session",): [{"session": s} for s in sessions],
        ("resolution", "rollcall"): [{"resolution": r} for r in _pick(resolutions, 8) + _pick(given, 3)]
                                    + [{"rollcall": r} for r in _pick(rollcalls, 5)],
    }
    cases = [(name, params) for name in CHANGED for params in by_params[queries.catalogue()[name].params]]
    # every pair of States on every roll call of a session: session 73 (15 roll calls) is enough, and fast
    return [(name, params) for name, params in cases if name != "plenary-agreement" or params["session"] == "73"]


def _run(store: Store, text: str, name: str, params: dict[str, str]) -> tuple[list[str], list[str]]:
    """The columns and sorted rows of ``text``, bound as ``queries.bound`` binds the named query ``name``."""
    query = queries.catalogue()[name]
    values: dict[str, str | None] = {p: params.get(p) for p in query.params}
    given = {f"{p}_given": str(p in params).lower() for group in query.choices for p in group}
    columns, rows = store.table(queries.bind(text, values | given, query.types | dict.fromkeys(given, "boolean")))
    return columns, sorted(json.dumps(r, sort_keys=True) for r in rows)


def test_every_changed_query_gives_the_answers_of_0_2_0(store, old_store):
    cases = _cases(store)
    assert {name for name, _ in cases} == set(CHANGED)
    answered: set[str] = set()
    for name, params in cases:
        old = _run(old_store, (OLD / f"{name}.rq").read_text(encoding="utf-8"), name, params)
        new = _run(store, queries.catalogue()[name].text, name, params)
        if name == "vote-events":  # a roll call's motion is its draft now; the resolution is a column of its own
            rows = [json.loads(r) for r in new[1]]
            for r in rows:
                if r["stage"] == "plenary":
                    r["motion"] = r["resolution"]
                del r["resolution"]
            new = ([c for c in new[0] if c != "resolution"], sorted(json.dumps(r, sort_keys=True) for r in rows))
        assert new == old, (name, params)
        if old[1]:
            answered.add(name)
    assert answered == set(CHANGED)  # every query answers in some case: the comparison is not of empty results


def test_a_plenary_roll_call_is_adopted_as_its_resolution_and_its_motion_is_the_draft(store):
    """A/73/505 recommends draft resolution I, A/C.1/73/L.27/Rev.1, which the plenary adopted as A/RES/73/27
    (roll call 6073 of unvotes); the UN's record of A/RES/80/4 gives its originating document A/80/L.6, adopted by
    165 votes to 7, with 12 abstentions."""
    _, rows = queries.run(store, "vote-events")
    by_event = {r["event"].rsplit("/id/", 1)[1]: r for r in rows}
    rc = by_event["rollcall/6073"]
    assert (rc["motion"], rc["resolution"], rc["stage"]) == ("A/C.1/73/L.27/Rev.1", "A/RES/73/27", "plenary")
    [cuba] = [r for r in rows if r["resolution"] == "A/RES/80/4" and r["stage"] == "plenary"]
    assert cuba["motion"] == "A/80/L.6"
    totals = store.select(PREFIXES + """SELECT ?type ?n WHERE {
        ?e unkg:adoptedAs/dcterms:identifier "A/RES/80/4" ; opengov:count ?c . ?c a ?type ; rdf:value ?n .
        FILTER (?type != opengov:Count) }""")
    assert {(r["type"].rsplit("#", 1)[1], int(r["n"])) for r in totals} == {
        ("YesCount", 165), ("NoCount", 7), ("AbstainCount", 12)}


def test_a_committee_vote_is_named_by_popolo_and_printed_as_read(store):
    """"The Committee adopted draft resolution A/C.1/73/L.27/Rev.1 by a recorded vote of 109 to 45, with 16
    abstentions" (A/73/505): opengov:Pass, "adopted" as printed, and the three counts typed by their option."""
    rows = store.select(PREFIXES + """SELECT ?result ?printed ?type ?n WHERE {
        ?e opengov:motion/dcterms:identifier "A/C.1/73/L.27/Rev.1" ; unkg:committee/a unkg:Committee ;
           opengov:result ?result ; unkg:resultAsPrinted ?printed ; opengov:count ?c .
        ?c a ?type ; rdf:value ?n . FILTER (?type != opengov:Count) }""")
    assert {(r["result"], r["printed"], r["type"].rsplit("#", 1)[1], int(r["n"])) for r in rows} == {
        ("http://www.w3.org/ns/opengov#Pass", "adopted", "YesCount", 109),
        ("http://www.w3.org/ns/opengov#Pass", "adopted", "NoCount", 45),
        ("http://www.w3.org/ns/opengov#Pass", "adopted", "AbstainCount", 16)}


def test_every_vote_carries_the_new_terms_and_the_deprecated_ones_alike(store):
    """For this release each vote has schema:agent and schema:option, and the deprecated opengov:voter and
    opengov:option with the same values; each count rdf:value and the deprecated opengov:value alike."""
    [row] = store.select(PREFIXES + """SELECT (COUNT(*) AS ?votes)
        (SUM(IF(EXISTS { ?v schema:agent ?s ; opengov:voter ?s ; schema:option ?o ; opengov:option ?o }, 1, 0)) AS ?alike)
        WHERE { ?v a opengov:Vote }""")
    assert int(row["votes"]) > 16_933 and row["alike"] == row["votes"]
    [row] = store.select(PREFIXES + """SELECT (COUNT(*) AS ?counts)
        (SUM(IF(EXISTS { ?c rdf:value ?n ; opengov:value ?n }, 1, 0)) AS ?alike) WHERE { ?c a opengov:Count }""")
    assert int(row["counts"]) > 0 and row["alike"] == row["counts"]
