"""Footnote markers and joined text, with the sample's own sentences."""

import pytest

from kg.pipeline.build import sample_path
from kg.extract.layout import Footnote, Line, assemble
from kg.extract.text import read_text


def _one_line(text: str, notes: dict[int, int] | None = None):
    """A document of one body line on page 1 with footnotes ``{number: page}``."""
    notes = notes or {1: 1, 2: 1, 3: 1, 4: 1}
    lines = [Line(1, 1, "body", text), Line(2, 1, "rule", "_____")]
    lines += [Line(10 + n, page, "footnote", f" {n}  A/70/{n}.") for n, page in notes.items()]
    section = assemble("t", lines).sections[0]
    return section.passage.text, [m.footnote.number for m in section.passage.markers]


@pytest.mark.parametrize(
    "printed, text, markers",
    [
        ("of conference room papers before it,1 on the final composition", "of conference room papers before it, on the final composition", [1]),
        ("The voting was as follows: 3  ", "The voting was as follows:", [3]),
        ("The voting was as follows:4  ", "The voting was as follows:", [4]),
        ("in its 20133 and 20152 reports", "in its 2013 and 2015 reports", [3, 2]),
        ("of 2013 3 and 20152 adopted by consensus", "of 2013 and 2015 adopted by consensus", [3, 2]),
        ("and the 2010, 1  2013 2  and 2015 3  reports", "and the 2010, 2013 and 2015 reports", [1, 2, 3]),
        ("by the 2010,1 20132 and 20153 reports of the Group", "by the 2010, 2013 and 2015 reports of the Group", [1, 2, 3]),
        ("resolutions 20/8 of 5 July 20124  and 26/13 of 26 June 20145  on the", "resolutions 20/8 of 5 July 2012 and 26/13 of 26 June 2014 on the", [4, 5]),
        ("on 1, 2, 5, 6 and 8 November. 2  ", "on 1, 2, 5, 6 and 8 November.", [2]),
    ],
)
def test_markers_are_taken_out(printed, text, markers):
    got_text, got = _one_line(printed, {n: 1 for n in range(1, 6)})
    assert (got_text, got) == (text, markers)


@pytest.mark.parametrize(
    "printed",
    [
        "(see para. 11, draft resolution I).",  # an abbreviation, not a marker
        "adopted draft resolution A/C.1/73/L.27/Rev.1 by a recorded vote",  # inside a symbol
        "on 1, 2, 5, 6 and 8 November",  # days, not markers
        "43/78 H of 7 December 1988, 53/70 of 4 December 1998",
    ],
)
def test_no_marker_where_none_is(printed):
    text, markers = _one_line(printed, {n: 1 for n in range(1, 12)})
    assert markers == [] and text == printed.strip()


def test_marker_points_to_the_latest_earlier_footnote_of_that_number():
    # "of 2013 3 and 20152" on page 7 points back to footnotes 3 and 2 of page 6 (draft resolution I)
    doc = assemble("A_73_505.txt", read_text(sample_path()))
    draft_one = next(s for s in doc.sections if s.heading == "Draft resolution I")
    at_582 = [m.footnote for m in draft_one.passage.markers if draft_one.passage.where(m.offset, m.offset + 1)[0] == 582]
    assert [(f.number, f.page, f.line_start) for f in at_582] == [(3, 6, 575), (2, 6, 573)]


def test_footnotes_of_the_sample():
    doc = assemble("A_73_505.txt", read_text(sample_path()))
    assert [(f.number, f.page) for f in doc.footnotes] == [
        (1, 1), (2, 2), (3, 2), (4, 3), (1, 6), (2, 6), (3, 6), (4, 7), (5, 7), (1, 10), (2, 10), (3, 10)
    ]
    assert doc.footnotes[0] == Footnote(
        1, "A/C.1/73/CRP.2 and A/C.1/73/CRP.3, available at www.un.org/en/ga/first/73/ documentation73.shtml.", 1, 54, 56
    )


def test_names_broken_across_lines_are_joined():
    doc = assemble("A_73_505.txt", read_text(sample_path()))
    section = next(s for s in doc.sections if s.heading.startswith("A. Draft resolution"))
    assert "Cabo Verde" in section.passage.text
    assert "Guinea-Bissau" in section.passage.text
