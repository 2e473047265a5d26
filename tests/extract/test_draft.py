"""The draft reader on headings as the General Assembly prints them (lines quoted from the session-80 PDFs), read
from text, and on real PDFs of the corpus: sponsors and the group a footnote names, officers, amendments,
revisions, agenda items with sub-items and titles; a line not understood gives a warning, never a default."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import corpus
from kg.errors import SourceError
from kg.extract import extract
from kg.extract.draft import is_draft, parse_draft, revision_of
from kg.extract.heading import agenda_numbers
from kg.extract.layout import assemble
from kg.extract.text import classify
from kg.model.records import AgendaItem


def _layout(lines: list[str], footnotes: list[str] = ()):  # type: ignore[assignment]
    """A text document in the form the text reader takes: each line followed by a blank one."""
    raw: list[str] = []
    for line in lines:
        raw += [line, ""]
    if footnotes:
        raw += ["__________________", ""]
        for line in footnotes:
            raw += [line, ""]
    return assemble("draft.txt", classify(raw))


L10 = ["A/C.2/80/L.10", "13 October 2025", "Original: English", "Eightieth session", "Second Committee",
       "Agenda item 16 (a)", "Macroeconomic policy questions: international trade", "and development",
       "                Iraq:* draft resolution",
       "                Unilateral economic measures as a means of political and",
       "                economic coercion against developing countries",
       "                     The General Assembly,",
       "                     Recalling the relevant principles set forth in the Charter of the United Nations,"]
G77 = ["* On behalf of the States that are members of the Group of 77 and China, taking into account also",
       "  the provisions of General Assembly resolution ES-10/23 of 10 May 2024."]


def test_a_sponsor_on_behalf_of_a_group(register):
    d = parse_draft(_layout(L10, G77), "A/C.2/80/L.10", "0", register)
    assert (d.session, d.body, d.kind, d.date) == (80, "Second Committee", "draft resolution", date(2025, 10, 13))
    assert d.agenda_items == (AgendaItem(16, "a", "Macroeconomic policy questions: international trade and development"),)
    assert d.title == "Unilateral economic measures as a means of political and economic coercion against developing countries"
    assert [s.key for s in d.sponsors] == ["IRQ"]
    [g] = d.groups
    assert (g.group.key, g.group.name, g.presented_by.key) == ("G77", "Group of 77 and China", "IRQ")
    assert d.warnings == ()


def test_a_note_that_is_not_a_group_names_no_group(register):
    note = ["* Any changes to the list of sponsors will be reflected in the official record of the meeting."]
    d = parse_draft(_layout(L10, note), "A/C.2/80/L.10", "0", register)
    assert ([s.key for s in d.sponsors], d.groups, d.warnings) == (["IRQ"], (), ())


def test_an_unknown_group_is_a_warning_not_a_group(register):
    note = ["* On behalf of the States Members of the United Nations that are members of the Group of Friends of Nowhere."]
    d = parse_draft(_layout(L10, note), "A/C.2/80/L.10", "0", register)
    assert d.groups == ()
    assert [w.rule for w in d.warnings] == ["known-group"]


# A/C.3/80/L.26: the asterisk after one state among others
L26 = ["A/C.3/80/L.26", "3 November 2025", "Eightieth session", "Third Committee", "Agenda item 70",
       "Right of peoples to self-determination",
       "                Armenia, China, Egypt,* Equatorial Guinea, Norway, Russian Federation and",
       "                Viet Nam: draft resolution",
       "                The right of the Palestinian people to self-determination",
       "                     The General Assembly,"]
OIC = ["* On behalf of the States that are members of the Organization of Islamic Cooperation, taking into",
       "  account also the provisions of General Assembly resolution ES-10/23 of 10 May 2024."]


def test_the_group_belongs_to_the_state_its_asterisk_follows(register):
    d = parse_draft(_layout(L26, OIC), "A/C.3/80/L.26", "0", register)
    assert [s.key for s in d.sponsors] == ["ARM", "CHN", "EGY", "GNQ", "NOR", "RUS", "VNM"]
    assert [(g.group.name, g.presented_by.key) for g in d.groups] == [("Organization of Islamic Cooperation", "EGY")]
    assert d.agenda_items == (AgendaItem(70, None, "Right of peoples to self-determination"),)


def test_without_indentation_the_item_title_is_not_glued_to_the_first_sponsor(register):
    lines = ["A/C.2/80/L.15", "10 October 2025", "Eightieth session", "Second Committee", "Agenda item 18",
             "Sustainable development", "Turkmenistan: draft resolution",
             "The pivotal role of reliable and stable energy connectivity in",
             "driving sustainable development", "The General Assembly,"]
    d = parse_draft(_layout(lines), "A/C.2/80/L.15", "0", register)
    assert [s.key for s in d.sponsors] == ["TKM"]
    assert d.agenda_items == (AgendaItem(18, None, "Sustainable development"),)
    assert d.title == "The pivotal role of reliable and stable energy connectivity in driving sustainable development"


def test_a_plenary_draft_with_two_items_and_the_provisional_agenda(register):
    lines = ["A/80/L.14", "18 November 2025", "Eightieth session", "Agenda items 13 and 75",
             "Integrated and coordinated implementation of and", "follow-up to the outcomes of the major United Nations",
             "conferences and summits in the economic, social and", "related fields", "Oceans and the law of the sea",
             "                Singapore and Sweden:* draft resolution", "                A title",
             "                     The General Assembly,"]
    d = parse_draft(_layout(lines), "A/80/L.14", "0", register)
    assert d.body == "General Assembly"
    assert d.agenda_items == (
        AgendaItem(13, None, "Integrated and coordinated implementation of and follow-up to the outcomes of the major "
                             "United Nations conferences and summits in the economic, social and related fields"),
        AgendaItem(75, None, "Oceans and the law of the sea"))
    assert agenda_numbers("Item 35 of the provisional agenda*") == [(35, None)]


def test_an_amendment_names_the_draft_it_amends(register):
    lines = ["A/C.3/80/L.57", "12 November 2025", "Eightieth session", "Third Committee", "Agenda item 107",
             "Crime prevention and criminal justice",
             "                United States of America: amendment to revised draft resolution",
             "                A/C.3/80/L.3/Rev.1",
             "                Strengthening the United Nations crime prevention and criminal",
             "                justice programme, in particular its technical cooperation capacity",
             "                     1.   In operative paragraph 64, after “to strengthen” insert “and combating”."]
    d = parse_draft(_layout(lines), "A/C.3/80/L.57", "0", register)
    assert (d.kind, d.amends, [s.key for s in d.sponsors]) == ("amendment", "A/C.3/80/L.3/Rev.1", ["USA"])
    assert d.title == ("Strengthening the United Nations crime prevention and criminal justice programme, in "
                       "particular its technical cooperation capacity")


def test_an_amendment_to_a_draft_recommended_in_a_report(register):
    lines = ["A/80/L.38", "11 December 2025", "Eightieth session", "Agenda item 16 (a)",
             "Macroeconomic policy questions: international trade", "and development",
             "                Austria, Belgium and Sweden:* amendment to",
             "                draft resolution 4 recommended by the Second Committee in its report",
             "                contained in document A/80/555", "                International trade and development",
             "                     Delete the twenty-first preambular paragraph."]
    d = parse_draft(_layout(lines), "A/80/L.38", "0", register)
    assert (d.kind, d.amends, d.amends_recommended) == ("amendment", None, ("A/80/555", "draft resolution 4"))
    assert d.title == "International trade and development"


def test_a_draft_submitted_by_an_officer_has_no_state_sponsor(register):
    lines = ["A/C.2/80/L.44", "11 November 2025", "Eightieth session", "Second Committee", "Agenda item 16 (e)",
             "Macroeconomic policy questions: financial inclusion for", "sustainable development",
             "                Draft resolution submitted by the Vice-Chair of the Committee, Weronika Garbacz",
             "                (Poland), on the basis of informal consultations on draft resolution A/C.2/80/L.21",
             "                Financial inclusion for sustainable development", "                     The General Assembly,"]
    d = parse_draft(_layout(lines), "A/C.2/80/L.44", "0", register)
    assert (d.sponsors, d.submitted_by, d.based_on) == ((), "Vice-Chair of the Committee", ("A/C.2/80/L.21",))
    assert d.title == "Financial inclusion for sustainable development"


def test_an_unknown_sponsor_fails_naming_the_line(register):
    lines = L10[:8] + ["                Atlantis:* draft resolution"] + L10[9:]
    with pytest.raises(SourceError) as failure:
        parse_draft(_layout(lines, G77), "A/C.2/80/L.10", "0", register)
    assert failure.value.rule == "known-state-name" and failure.value.line is not None


def test_revisions_and_what_is_not_a_draft():
    assert revision_of("A/C.3/80/L.20/Rev.1") == "A/C.3/80/L.20"
    assert revision_of("A/C.3/80/L.20/Rev.2") == "A/C.3/80/L.20/Rev.1"
    assert revision_of("A/C.3/80/L.20") is None
    note = _layout(["A/C.3/80/L.1", "4 September 2025", "Eightieth session", "Third Committee",
                    "Organization of the work of the Third Committee", "Note by the Secretariat", "Allocation of items"])
    assert not is_draft(note, "A/C.3/80/L.1")


# real PDFs of the corpus, one per Committee and the plenary
PDFS = {
    "ga-session-80/A_C.4_80/A_C.4_80_L.8.pdf": ("A/C.4/80/L.8", "Fourth Committee", [(48, None)], ["MAR"]),
    "ga-session-80/A_C.5_80/A_C.5_80_L.18.pdf": ("A/C.5/80/L.18", "Fifth Committee", [(134, None), (145, None)], []),
    "ga-session-80/A_C.6_80/A_C.6_80_L.20.pdf": ("A/C.6/80/L.20", "Sixth Committee", [(121, None)], []),
    "ga-session-80/A_80/A_80_L.1.pdf": ("A/80/L.1", "General Assembly", [(35, None)],
                                        ["FRA", "GIN", "IDN", "IRL", "QAT", "SAU", "PSE"]),
}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_real_drafts(name, register):
    [path] = corpus(name)
    d = extract(path, register)
    symbol, body, items, sponsors = PDFS[name]
    assert (d.symbol, d.body, [(i.number, i.sub_item) for i in d.agenda_items], [s.key for s in d.sponsors]) == (
        symbol, body, items, sponsors)
    assert all(i.title for i in d.agenda_items) and d.title


def test_the_sixth_committee_programme_of_work_keeps_its_note_out_of_the_item_title(register):
    [path] = corpus("ga-session-80/A_C.6_80/A_C.6_80_L.20.pdf")
    d = extract(path, register)
    assert d.agenda_items == (AgendaItem(121, None, "Revitalization of the work of the General Assembly"),)
    assert (d.kind, d.title) == ("draft decision", "Provisional programme of work of the Sixth Committee for the "
                                                   "eighty-first session")
