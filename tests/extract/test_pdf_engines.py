"""The two PDF engines give the same lines: PDFium (the default, fast) and pdfplumber (the reference).

Lines are compared as the layout gets them (number, page, kind, text, footnote markers, and the box
within a point), not as records, so that the comparison does not depend on the parsers. The default
run compares a spread sample of the corpus (every twelfth PDF of ga-session-80, with the five PDFs
of the PDF tests): pdfplumber reads about 12 pages a second, too slow for all 3,451 pages in every
run. ``UNKG_PDF_ENGINES_CORPUS=all`` compares every PDF of the corpus, and
``tests/benchmarks/bench_pdf.py`` compares every page it times.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from conftest import CORPUS, PDF_FILES, corpus, corpus_pdf
from kg import settings
from kg.errors import SourceError
from kg.extract.layout import Line
from kg.extract.pdf import ENGINES, read_pdf

SESSION = "ga-session-80"


def _session_pdfs() -> list[str]:
    folder = CORPUS / SESSION
    return sorted(str(p.relative_to(CORPUS)) for p in folder.rglob("*.pdf")) if folder.is_dir() else []


def _sample() -> list[str]:
    pdfs = _session_pdfs()
    if os.environ.get("UNKG_PDF_ENGINES_CORPUS") != "all":
        pdfs = pdfs[::12]
    return list(PDF_FILES) + (pdfs or [f"{SESSION}/A_80/A_80_L.1.pdf"])


# Where the engines cannot agree, with the reason: (page, line as pdfplumber reads it, as PDFium does).
KNOWN = {
    # The PDF's own text layer says "u" for the "K" of "Kunming" (pdftotext also reads "uunming"):
    # pdfplumber measures the glyph printed, 7.2 points wide; PDFium gives only the Unicode value, and
    # the width of "u" in that font (5 points) leaves a gap between "u" and "unming".
    f"{SESSION}/A_C.3_80/A_C.3_80_L.17.pdf": [
        (10, "Change and the Paris Agreement, and the uunming-Montreal Biodiversity",
         "Change and the Paris Agreement, and the u unming-Montreal Biodiversity"),
    ],
    # the resolution adopted from that draft, A/RES/80/191, has the same text layer on its page 10
    f"{SESSION}/A_RES_80/A_RES_80_191.pdf": [
        (10, "Change and the Paris Agreement, and the uunming-Montreal Biodiversity",
         "Change and the Paris Agreement, and the u unming-Montreal Biodiversity"),
    ],
}


def differences(reference: list[Line], fast: list[Line]) -> list[tuple[int, str, str]]:
    """The lines where the engines differ: another number, page, kind, text or markers, a box more than
    a point apart, or a line only one of them has."""
    out = []
    for a, b in zip(reference, fast):
        same = (a.number, a.page, a.kind, a.text, a.markers) == (b.number, b.page, b.kind, b.text, b.markers)
        boxes = (a.bbox is None) == (b.bbox is None) and (
            a.bbox is None or max(abs(p - q) for p, q in zip(a.bbox, b.bbox)) <= 1)  # type: ignore[arg-type]
        if not (same and boxes):
            out.append((a.page, a.text, b.text))
    out += [(a.page, a.text, "") for a in reference[len(fast):]] + [(b.page, "", b.text) for b in fast[len(reference):]]
    return out


@pytest.mark.parametrize("name", _sample())
def test_both_engines_give_the_same_lines(name):
    [path] = corpus(name)
    reference, fast = read_pdf(path, "pdfplumber"), read_pdf(path, "pdfium")
    assert len(reference) > 10  # a text layer was read
    assert differences(reference, fast) == KNOWN.get(name, [])


def test_the_default_engine_is_pdfium(monkeypatch):
    monkeypatch.delenv(settings.SETTINGS["pdf_engine"].env, raising=False)
    assert settings.get("pdf_engine") == "pdfium" and set(ENGINES) == {"pdfium", "pdfplumber"}


def test_an_unknown_engine_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setenv("UNKG_PDF_ENGINE", "poppler")
    with pytest.raises(SourceError) as caught:
        read_pdf(corpus_pdf("A_RES_73_8-EN.pdf"))
    assert caught.value.rule == "pdf-engine" and "'poppler'" in caught.value.message


def test_a_space_pdfium_drops_is_put_back():
    """PDFium's text page drops the space drawn on its own between "Seafarers’" and "Identity"
    (page 19 of A/80/L.22; pdftotext: "the Seafarers’ Identity Documents")."""
    [path] = corpus(f"{SESSION}/A_80/A_80_L.22.pdf")
    texts = [line.text for line in read_pdf(path, "pdfium") if line.page == 19]
    assert "to the Work in Fishing Convention, 2007 (No. 188), the Seafarers’ Identity Documents" in texts


def test_an_invisible_word_joiner_is_left_out_by_both_engines():
    """"22–23 September" is printed with a word joiner (U+2060) before the dash: pdfplumber gives it,
    PDFium drops it; the words are read without it (page 3 of A/C.2/80/L.48)."""
    [path] = corpus(f"{SESSION}/A_C.2_80/A_C.2_80_L.48.pdf")
    for engine in ENGINES:
        texts = [line.text for line in read_pdf(path, engine) if line.page == 3]
        assert "Welcoming also the convening of the Summit of the Future on 22–23 September" in texts, engine


def test_a_line_end_hyphen_is_a_hyphen():
    """PDFium marks the hyphen that ends a line ("tuberculosis-" on page 2 of A/RES/73/3) as U+0002."""
    texts = [line.text for line in read_pdf(corpus_pdf("A_RES_73_3-EN.pdf"), "pdfium") if line.page == 2]
    assert "disproportionately affects developing countries, where 99 per cent of tuberculosis-" in texts


def _page(path: Path, draw, rotation: int = 0) -> Path:  # type: ignore[no-untyped-def]
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setPageRotation(rotation)
    draw(pdf, rotation)
    pdf.save()
    return path


def _prose(pdf: canvas.Canvas, rotation: int) -> None:
    """A body line, a superscript marker, text scaled across with spaced letters, turned text, a link."""
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(72, 400, "The General Assembly,")
    text = pdf.beginText(72, 380)
    text.setFont("Times-Roman", 10)
    text.textOut("outer space activities,")
    text.setFont("Times-Roman", 6.5)
    text.setRise(4)
    text.textOut("1")
    text.setRise(0)
    text.setFont("Times-Roman", 10)
    text.textOut(" at a time")
    pdf.drawText(text)
    if not rotation:  # text scaled across on a turned page is a known gap (see the README)
        narrow = pdf.beginText(72, 360)
        narrow.setFont("Helvetica", 10)
        narrow.setHorizScale(80)
        narrow.setCharSpace(0.5)
        narrow.textLine("Narrow and spaced")
        pdf.drawText(narrow)
    pdf.saveState()
    pdf.translate(300, 300)
    pdf.rotate(90)
    pdf.drawString(0, 0, "Turned text")
    pdf.restoreState()
    pdf.linkURL("https://undocs.org/A/RES/73/6", (72, 340, 200, 352))


@pytest.mark.parametrize("rotation", [0, 90, 270])
def test_both_engines_agree_on_turned_text_pages_and_links(tmp_path, rotation):
    path = _page(tmp_path / "A_73_1.pdf", _prose, rotation)
    reference, fast = read_pdf(path, "pdfplumber"), read_pdf(path, "pdfium")
    assert differences(reference, fast) == []
    assert "https://undocs.org/A/RES/73/6" in [line.text for line in fast if line.kind == "link"]
    if rotation == 0:
        assert [(line.text, line.markers) for line in fast if line.text.startswith("outer")] == [
            ("outer space activities, at a time", ((23, 1),))]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_page_limits_hold_for_both_engines(tmp_path, engine):
    many = tmp_path / "A_73_1.pdf"
    pdf = canvas.Canvas(str(many))
    for _ in range(2001):
        pdf.drawString(72, 72, "x")
        pdf.showPage()
    pdf.save()
    with pytest.raises(SourceError, match="2001 pages, more than 2000"):
        read_pdf(many, engine)
    large = _page(tmp_path / "A_73_2.pdf", lambda pdf, _: pdf.drawString(72, 72, "x"))
    large.write_bytes(large.read_bytes().replace(b"/MediaBox [ 0 0 595 842 ]", b"/MediaBox [ 0 0 20000 842 ]"))
    with pytest.raises(SourceError) as caught:
        read_pdf(large, engine)
    assert (caught.value.rule, caught.value.page) == ("page-limit", 1)
