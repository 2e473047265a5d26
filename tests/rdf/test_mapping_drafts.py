"""The mapping of drafts and resolutions read as documents of their own: a group sponsors and the state presents it,
agenda items with sub-items, amendments and revisions, and the resolution's report paragraph; nothing invented."""

from __future__ import annotations

from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.model.records import (AgendaItem, DraftText, Evidence, GroupRef, GroupSponsorship, Resolution, StateRef)
from kg.rdf.iris import Minter
from kg.rdf.mapping import map_document
from kg.rdf.namespace import UNKG

IRIS = Minter("https://w3id.org/unkg/")
EV = Evidence("A/C.2/80/L.10", 12, 12, "Iraq:* draft resolution", 1)


def _draft(**changes) -> DraftText:
    iraq = StateRef("IRQ", "Iraq", EV)
    fields = dict(symbol="A/C.2/80/L.10", source="A_C.2_80_L.10.pdf", content_hash="0", session=80,
                  agenda_items=(AgendaItem(16, "a", "Macroeconomic policy questions: international trade and development"),),
                  title="Unilateral economic measures", kind="draft resolution", date=date(2025, 10, 13),
                  sponsors=(iraq, StateRef("EGY", "Egypt", EV)), citations=(), evidence=EV, body="Second Committee",
                  groups=(GroupSponsorship(GroupRef("G77", "Group of 77 and China", "Group of 77 and China", EV), iraq),))
    return DraftText(**(fields | changes))


def test_the_group_sponsors_and_the_state_presents_it():
    g = map_document(_draft(), IRIS)
    draft = IRIS.document("A/C.2/80/L.10")
    group = IRIS.group("G77")
    sponsorships = set(g.subjects(UNKG.sponsoredDraft, draft))
    sponsors = {g.value(s, UNKG.sponsor) for s in sponsorships}
    assert sponsors == {group, IRIS.state("EGY")}  # Iraq acts for the group; Egypt in its own name
    [by_group] = [s for s in sponsorships if g.value(s, UNKG.sponsor) == group]
    assert g.value(by_group, UNKG.presentedBy) == IRIS.state("IRQ")
    assert (group, RDF.type, UNKG.Group) in g and g.value(group, RDFS.label) == Literal("Group of 77 and China", lang="en")
    assert (draft, UNKG.committee, IRIS.body("Second Committee")) in g


def test_the_agenda_item_keeps_its_sub_item_and_title():
    g = map_document(_draft(), IRIS)
    item = IRIS.agenda_item(80, 16, "a")
    assert str(item).endswith("/id/agenda-item/80/16/a")
    assert (IRIS.document("A/C.2/80/L.10"), UNKG.onAgendaItem, item) in g
    assert g.value(item, UNKG.subItem) == Literal("a") and g.value(item, UNKG.itemNumber) == Literal(16)


def test_a_revision_and_an_amendment_link_what_they_revise_and_amend():
    rev = map_document(_draft(symbol="A/C.2/80/L.13/Rev.1", revision_of="A/C.2/80/L.13"), IRIS)
    assert (IRIS.document("A/C.2/80/L.13/Rev.1"), PROV.wasRevisionOf, IRIS.document("A/C.2/80/L.13")) in rev
    amendment = map_document(_draft(symbol="A/C.2/80/L.62", kind="amendment", amends="A/C.2/80/L.13/Rev.1"), IRIS)
    node = IRIS.document("A/C.2/80/L.62")
    assert (node, RDF.type, UNKG.Amendment) in amendment
    assert (node, UNKG.amends, IRIS.document("A/C.2/80/L.13/Rev.1")) in amendment


def _resolution(**changes) -> Resolution:
    fields = dict(symbol="A/RES/80/100", source="A_RES_80_100.pdf", content_hash="0", session=80,
                  agenda_items=(AgendaItem(58),), title="Question of Saint Helena", adopted=date(2025, 12, 5),
                  drafts=(), committee="Fourth Committee", committee_report="A/80/537", meeting=55, citations=(),
                  evidence=Evidence("A/RES/80/100", 20, 20, "80/100. Question of Saint Helena", 1),
                  without_reference=False, paragraph=15)
    return Resolution(**(fields | changes))


def test_a_resolution_on_a_report_keeps_the_paragraph():
    g = map_document(_resolution(), IRIS)
    node = IRIS.document("A/RES/80/100")
    assert g.value(node, UNKG.onReportOf) == IRIS.document("A/80/537")
    assert g.value(node, UNKG.reportParagraph) == Literal(15)
    assert g.value(node, UNKG.resumedMeeting) is None


def test_a_basis_not_understood_states_neither_report_nor_drafts():
    g = map_document(_resolution(committee=None, committee_report=None, paragraph=None, without_reference=None), IRIS)
    node = IRIS.document("A/RES/80/100")
    assert g.value(node, UNKG.onReportOf) is None and g.value(node, UNKG.adoptedFrom) is None


def test_a_resumed_meeting_is_said_and_gets_no_date_of_its_own():
    g = map_document(_resolution(meeting_resumed=True), IRIS)
    meeting = IRIS.meeting("General Assembly", 80, 55)
    assert g.value(IRIS.document("A/RES/80/100"), UNKG.resumedMeeting) == Literal(True)
    assert g.value(meeting, URIRef("http://purl.org/dc/terms/date")) is None


def test_a_warning_is_in_the_graph_with_its_rule_and_line():
    from kg.model.records import ReaderWarning

    w = ReaderWarning("A/RES/80/100", "the line after the date of adoption is not understood", "resolution-basis",
                      1, 14, "[adopted by acclamation]")
    g = map_document(_resolution(committee=None, committee_report=None, paragraph=None, without_reference=None,
                                 warnings=(w,)), IRIS)
    [node] = g.objects(IRIS.document("A/RES/80/100"), UNKG.readerWarning)
    assert g.value(node, UNKG.rule) == Literal("resolution-basis")
    assert (g.value(node, UNKG.page), g.value(node, UNKG.line), g.value(node, UNKG.quote)) == (
        Literal(1), Literal(14), Literal("[adopted by acclamation]"))


def test_the_evidence_is_in_the_file_read():
    """A draft read from its PDF: the file is named by the sha256 of the PDF's bytes, computed here from the file."""
    import hashlib

    from conftest import corpus
    from kg.pipeline.build import build
    from kg.store import Store

    [pdf] = corpus("ga-session-80/A_C.3_80/A_C.3_80_L.5.pdf")
    sha256 = hashlib.sha256(pdf.read_bytes()).hexdigest()
    store = Store.open(None)
    [result] = build([pdf], store)
    assert result.status == "read", result.error
    file = f"https://w3id.org/unkg/id/file/{sha256}"
    rows = store.select(f"""PREFIX schema: <http://schema.org/>
        SELECT ?sha ?format ?language WHERE {{
          <{IRIS.document('A/C.3/80/L.5')}> schema:encoding <{file}> .
          <{file}> a schema:MediaObject ; schema:sha256 ?sha ; schema:encodingFormat ?format ; schema:inLanguage ?language
        }}""")
    assert rows == [{"sha": sha256, "format": "application/pdf", "language": "en"}]
    files = store.select("SELECT DISTINCT ?f WHERE { ?e a <https://w3id.org/unkg/ontology#Evidence> . "
                         "OPTIONAL { ?e <https://w3id.org/unkg/ontology#inFile> ?f } }")
    assert files == [{"f": file}]
