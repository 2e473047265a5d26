"""The sponsors read from a session's drafts beside those the UN's records list: the queries `sponsors-vs-record`
(one draft) and `sponsors-agreement` (a session), on drafts and resolutions of session 80 read from their PDFs and
the record file 80.json. Every expected sponsor is written from the draft's heading and the record's lines."""

from __future__ import annotations

import pytest

from conftest import corpus
from kg import queries
from kg.pipeline.build import build
from kg.pipeline.plenary import import_plenary_record
from kg.store import Store

PDFS = ("A_C.3_80/A_C.3_80_L.5.pdf", "A_RES_80/A_RES_80_179.pdf", "A_C.2_80/A_C.2_80_L.28.pdf",
        "A_RES_80/A_RES_80_134.pdf", "A_80/A_80_L.11.pdf", "A_RES_80/A_RES_80_10.pdf")


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store.open(None)
    results = build(corpus(*(f"ga-session-80/{p}" for p in PDFS)), store)
    assert [r.status for r in results] == ["read"] * len(PDFS), [r.error for r in results]
    import_plenary_record(corpus("ga-votes-unxml/80.json"), store)
    return store


def _sponsors(store: Store, document: str) -> dict[tuple[str, str], tuple[str, str, str, str]]:
    return {(r["state"], r["group"]): (r["in_document"], r["in_record"], r["document_role"], r["record_role"])
            for r in queries.run(store, "sponsors-vs-record", {"document": document})[1]}


def test_a_committee_draft_and_the_record_of_its_resolution(store):
    # A/C.3/80/L.5: "Iraq:* draft resolution", "* On behalf of ... the Group of 77 and China". The record of
    # A/RES/80/179 (adopted on report A/80/545) lists "Andorra, ..., Iraq (on behalf of ... the Group of 77 and
    # China), ..., Slovenia and Spain" as sponsors, and Albania, Australia, ... as additional sponsors.
    by_draft = _sponsors(store, "A/C.3/80/L.5")
    assert by_draft == _sponsors(store, "A/RES/80/179")
    assert by_draft[("IRQ", "Group of 77 and China")] == ("true", "true", "namedInHeading", "namedInHeading")
    assert by_draft[("AND", "")] == ("false", "true", "", "namedInHeading")
    assert by_draft[("ALB", "")] == ("false", "true", "", "joinedLater")
    assert not [key for key, (in_document, *_) in by_draft.items() if in_document == "true" and key[0] != "IRQ"]


def test_the_session_measured_resolution_by_resolution(store):
    rows = {r["resolution"]: r for r in queries.run(store, "sponsors-agreement", {"session": "80"})[1]}
    assert set(rows) == {"A/RES/80/10", "A/RES/80/134", "A/RES/80/179"}
    # A/80/L.11: "Bolivia (Plurinational State of):* draft resolution"; the record of A/RES/80/10:
    # sponsors ['BOLIVIA (PLURINATIONAL STATE OF)']
    assert (rows["A/RES/80/10"]["draft"], rows["A/RES/80/10"]["in_both"], rows["A/RES/80/10"]["agree"]) == (
        "A/80/L.11", "1", "true")
    # A/C.2/80/L.28: "Belize, Costa Rica, Dominican Republic, El Salvador, Guatemala, Honduras, Nicaragua and
    # Panama"; the record of A/RES/80/134: BELIZE, COSTA RICA, DOMINICAN REPUBLIC, EL SALVADOR, GUATEMALA, HONDURAS,
    # PANAMA, SIERRA LEONE, SURINAME, TURKMENISTAN
    r = rows["A/RES/80/134"]
    assert (r["draft"], r["in_both"], r["only_in_document"]) == ("A/C.2/80/L.28", "7", "NIC")
    assert sorted(r["only_in_record"].split()) == ["SLE", "SUR", "TKM"]
    assert (r["agree"], r["heading_in_record"]) == ("false", "false")
    r = rows["A/RES/80/179"]
    assert (r["in_both"], r["only_in_document"], r["agree"], r["heading_in_record"]) == ("1", "", "false", "true")
    assert sorted(r["only_in_record"].split()) == sorted(
        "AND ARM AUT BGR CAN HRV CYP DEU KGZ LUX MLT MEX PRT SVK SVN ESP".split())
