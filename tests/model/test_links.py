"""Links from drafts read as documents of their own to the resolutions they became (``kg.model.links``)."""

from __future__ import annotations

import doctest

import kg.model.links
from kg.model.links import DRAFT_HEADING, PLENARY_DRAFT, DraftHeading, ResolutionHeading, link_documents

ITEM = frozenset({(16, "a")})
RES = ResolutionHeading("A/RES/80/180", 80, "International trade and development", ITEM, (), "A/80/555")


def test_the_examples_of_the_module():
    assert doctest.testmod(kg.model.links).failed == 0


def test_a_plenary_draft_named_in_the_heading_is_linked_and_its_addendum_is_not():
    r = ResolutionHeading("A/RES/80/5", 80, "Report of the IAEA", frozenset({(89, None)}),
                          ("A/80/L.7", "A/80/L.7/Add.1"), None)
    links, problems = link_documents([], [r])
    assert [(l.draft, l.resolution, l.method) for l in links] == [("A/80/L.7", "A/RES/80/5", PLENARY_DRAFT)]
    assert problems == []


def test_a_revised_draft_links_and_the_text_it_revises_does_not():
    original = DraftHeading("A/C.2/80/L.13", 80, "International trade and development", ITEM, True)
    revised = DraftHeading("A/C.2/80/L.13/Rev.1", 80, "International trade and development", ITEM, False)
    links, problems = link_documents([original, revised], [RES])
    assert [(l.draft, l.method) for l in links] == [("A/C.2/80/L.13/Rev.1", DRAFT_HEADING)] and problems == []


def test_another_agenda_item_or_session_is_not_the_same_draft():
    other_item = DraftHeading("A/C.2/80/L.13", 80, "International trade and development", frozenset({(16, "b")}), False)
    other_session = DraftHeading("A/C.2/79/L.13", 79, "International trade and development", ITEM, False)
    assert link_documents([other_item, other_session], [RES]) == ([], [])


def test_two_drafts_for_one_resolution_link_neither_and_say_so():
    a = DraftHeading("A/C.2/80/L.13", 80, "International trade and development", ITEM, False)
    b = DraftHeading("A/C.2/80/L.99", 80, "International trade and development", ITEM, False)
    links, problems = link_documents([a, b], [RES])
    assert links == [] and len(problems) == 1 and "A/RES/80/180" in problems[0]
