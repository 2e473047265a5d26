"""The PDF path on real UN PDFs (four 2018 resolutions, the scanned 1971 draft A/L.632) and on
report A/73/505 rendered into the UN page layout: the facts from the PDF equal those from the text."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES, corpus_pdf
from kg.pipeline.build import sample_path
from kg.errors import SourceError
from kg.extract import extract
from kg.extract.layout import assemble
from kg.extract.pdf import ENGINES, read_pdf

sys.path.insert(0, str(FIXTURES))
from render_report_pdf import render  # noqa: E402


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "A_73_505.pdf"
    render(sample_path(), path, "A/73/505")
    return path


def _facts(report) -> dict:
    """Every fact of a report without where it was read, except the page."""

    def strip(value):
        if isinstance(value, dict):
            if {"document", "line_start", "line_end", "quote"} <= set(value):
                return {"page": value["page"]}
            return {k: strip(v) for k, v in value.items() if k not in ("source", "content_hash")}
        if isinstance(value, (list, tuple)):
            return [strip(v) for v in value]
        return value

    return strip(asdict(report))


def test_rendered_report_gives_the_same_facts_as_its_text(rendered, register):
    from_text = _facts(extract(sample_path(), register))
    from_pdf = _facts(extract(rendered, register))
    assert from_pdf == from_text


def test_rendered_report_evidence_has_boxes(rendered, register):
    report = extract(rendered, register)
    vote = report.votes[0]
    assert vote.evidence.page == 2 and vote.evidence.bbox is not None
    x0, top, x1, bottom = vote.evidence.bbox
    assert 0 < x0 < x1 <= 595 and 0 < top < bottom <= 842


def test_masthead_symbol_split_in_two_runs_is_reassembled(tmp_path, register):
    renamed = tmp_path / "tuberculosis.pdf"
    renamed.write_bytes(corpus_pdf("A_RES_73_3-EN.pdf").read_bytes())
    assert extract(renamed, register).symbol == "A/RES/73/3"


RESOLUTIONS = {
    "A_RES_73_3-EN.pdf": ("A/RES/73/3", (129,), date(2018, 10, 10), ("A/73/L.4",), 18,
                          "Political declaration of the high-level meeting of the General Assembly on the fight against tuberculosis"),
    "A_RES_73_6-EN.pdf": ("A/RES/73/6", (30,), date(2018, 10, 26), ("A/73/L.6", "A/73/L.6/Add.1"), 26,
                          "Fiftieth anniversary of the first United Nations Conference on the Exploration and Peaceful "
                          "Uses of Outer Space: space as a driver of sustainable development"),
    "A_RES_73_7-EN.pdf": ("A/RES/73/7", (77,), date(2018, 10, 29), ("A/73/L.8", "A/73/L.8/Add.1"), 28,
                          "Report of the International Criminal Court"),
    "A_RES_73_8-EN.pdf": ("A/RES/73/8", (43,), date(2018, 11, 1), ("A/73/L.3",), 30,
                          "Necessity of ending the economic, commercial and financial embargo imposed by the United "
                          "States of America against Cuba"),
}


@pytest.mark.parametrize("name", sorted(RESOLUTIONS))
def test_resolution_heading(name, register):
    r = extract(corpus_pdf(name), register)
    symbol, items, adopted, drafts, meeting, title = RESOLUTIONS[name]
    assert (r.symbol, r.session, tuple(i.number for i in r.agenda_items), r.adopted, r.drafts, r.meeting, r.title) == (
        symbol, 73, items, adopted, drafts, meeting, title)
    # all four: "without reference to a Main Committee"
    assert (r.without_reference, r.committee, r.committee_report) == (True, None, None)
    assert r.evidence.page == 1 and r.evidence.bbox is not None


def test_resolution_citations_include_the_old_form(register):
    r = extract(corpus_pdf("A_RES_73_6-EN.pdf"), register)
    dated = {(c.cited, c.date) for c in r.citations if c.date}
    assert dated >= {
        ("A/RES/2453(XXIII) A", date(1968, 12, 20)),
        ("A/RES/37/90", date(1982, 12, 10)),
        ("A/RES/54/68", date(1999, 12, 6)),
        ("A/RES/59/2", date(2004, 10, 20)),
        ("A/RES/72/79", date(2017, 12, 7)),
    }
    by_footnote = {(c.cited, c.footnote) for c in r.citations if c.footnote}
    assert ("A/AC.105/1137", 1) in by_footnote  # "outer space activities,1" -> "See A/AC.105/1137."
    assert ("A/RES/70/1", 2) in by_footnote and ("FCCC/CP/2015/10/Add.1", 4) in by_footnote


def test_superscript_markers_are_not_glued_to_words(register):
    layout = assemble("A_RES_73_6-EN.pdf", read_pdf(corpus_pdf("A_RES_73_6-EN.pdf")))
    passage = layout.sections[0].passage
    assert "global governance of outer space activities, at a time" in passage.text
    assert "activities,1" not in passage.text
    [marker] = [m for m in passage.markers if m.footnote.number == 1 and m.footnote.page == 1]
    assert passage.text[marker.offset - 11: marker.offset] == "activities,"


def test_resolution_7_cites_its_predecessor(register):
    r = extract(corpus_pdf("A_RES_73_7-EN.pdf"), register)
    assert ("A/RES/72/3", date(2017, 10, 30)) in {(c.cited, c.date) for c in r.citations}


def test_scanned_1971_draft(register):
    d = extract(corpus_pdf("1971-09-29_A_L.632-EN.pdf"), register)
    assert (d.symbol, d.session, d.kind, d.body) == ("A/L.632", 26, "draft resolution", "General Assembly")
    # the line in capitals under "Agenda item 93" is the item's title; the draft prints no title of its own
    assert [(i.number, i.sub_item, i.title) for i in d.agenda_items] == [
        (93, None, "RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE'S REPUBLIC OF CHINA IN THE UNITED NATIONS")]
    assert d.title is None
    assert d.date is None  # "~9 September 1971": the scan damaged the day; it is not guessed
    assert [s.key for s in d.sponsors] == [
        "AUS", "COL", "CRI", "DOM", "SLV", "FJI", "GMB", "GTM", "HTI", "HND",
        "JPN", "LSO", "LBR", "NZL", "NIC", "PHL", "SWZ", "THA", "USA", "URY",
    ]
    fuzzy = [(s.key, s.printed) for s in d.sponsors if s.evidence.fuzzy]
    assert fuzzy == [("NIC", "Nicar~gua")]


def _minimal_pdf(path: Path, **kwargs) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), **kwargs)
    pdf.drawString(72, 720, "Text")
    pdf.save()


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda p: p.write_bytes(b""), "not a readable PDF"),
        (lambda p: p.write_bytes(corpus_pdf("A_RES_73_8-EN.pdf").read_bytes()[:5000]), "not a readable PDF"),
        (lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40), "not a readable PDF"),
        (lambda p: _minimal_pdf(p, encrypt="secret"), "encrypted or password-protected"),
    ],
    ids=["empty", "truncated", "corrupt", "password-protected"],
)
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_unreadable_pdfs_are_refused_with_the_reason(tmp_path, make, reason, engine):
    path = tmp_path / "A_73_1.pdf"
    make(path)
    with pytest.raises(SourceError) as caught:
        read_pdf(path, engine)
    assert caught.value.document == "A_73_1.pdf" and reason in caught.value.message
    assert caught.value.rule == "readable-pdf"


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_an_encrypted_pdf_that_opens_without_a_password_is_read(tmp_path, engine):
    """Encrypted with an owner password only (printing and copying restricted): any reader opens it, so unkg does."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    from reportlab.pdfgen import canvas

    path = tmp_path / "A_73_1.pdf"
    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0))
    pdf.drawString(72, 400, "The General Assembly,")
    pdf.save()
    assert b"/Encrypt" in path.read_bytes()
    assert "The General Assembly," in [line.text for line in read_pdf(path, engine)]
