"""The text of a real PDF as common PDF-to-text tools write it gives the same records as the PDF itself.

Variants are made here from the PDFs of the corpus: ``pdftotext -layout`` and plain ``pdftotext`` (form
feeds between pages, the masthead, running header and footer printed as lines, a footnote's number on a
line of its own, in plain mode even after the notes), pdfplumber's ``extract_text`` with and without form
feeds (then a page ends after its footer, where the next page's header follows), and from those: CRLF
line ends, every line without its leading spaces, and body paragraphs re-wrapped at another width.

Facts are compared without where they were read (the line numbers differ), but with the page wherever
the text keeps the pages. Citations are compared as a set: where a text repeats an earlier page's footnote
number as a marker ("the 2030 Agenda for Sustainable Development 2" on page 4 for footnote 2 of page 2),
the PDF's reader sees a superscript and the text reader does not, which repeats a citation, not a fact.

``pdftotext`` is Debian's poppler-utils (CI installs it). Drafts of the eightieth session join the list
below as their parser reads them; until then a draft whose PDF is not read is skipped with the reason.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, corpus
from kg.errors import UnkgError
from kg.extract import extract
from kg.extract.text import classify, read_text
from kg.pipeline.build import sample_path

sys.path.insert(0, str(FIXTURES))
from render_report_pdf import render  # noqa: E402

# Documents the reader reads today from their PDFs: four 2018 resolutions and the scanned 1971 draft.
CORPUS_PDFS = ["gateplugin-unga/A_RES_73_3-EN.pdf", "gateplugin-unga/A_RES_73_6-EN.pdf",
               "gateplugin-unga/A_RES_73_7-EN.pdf", "gateplugin-unga/A_RES_73_8-EN.pdf",
               "un-su/1971-09-29_A_L.632-EN.pdf"]
# The hook for the eightieth session: resolutions (read today) and drafts of every Committee and the plenary
# (checked as soon as their PDF reads; skipped with the reason until then).
SESSION_80 = ["A_RES_80/A_RES_80_10.pdf", "A_RES_80/A_RES_80_72.pdf", "A_RES_80/A_RES_80_158.pdf",
              "A_C.2_80/A_C.2_80_L.2.pdf", "A_C.3_80/A_C.3_80_L.2.pdf", "A_C.4_80/A_C.4_80_L.2.pdf",
              "A_C.5_80/A_C.5_80_L.3.pdf", "A_C.6_80/A_C.6_80_L.2.pdf", "A_80/A_80_L.9.pdf"]
TOOLS = ["pdftotext-layout", "pdftotext", "pdfplumber-pages", "pdfplumber-joined"]
KEEPS_PAGES = {"pdftotext-layout", "pdftotext", "pdfplumber-pages"}


def _pdftotext(pdf: Path, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (Debian's poppler-utils) is not installed")
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed")
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")


@functools.lru_cache(maxsize=None)
def tool_text(pdf: Path, tool: str) -> str:
    if tool == "pdftotext-layout":
        return _pdftotext(pdf, "-layout")
    if tool == "pdftotext":
        return _pdftotext(pdf)
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    return ("\f" if tool == "pdfplumber-pages" else "\n").join(pages)


def rewrapped(text: str, width: int = 52) -> str:
    """The text with each paragraph of body lines of a page re-wrapped at ``width`` (a tool with another line
    width). A paragraph is what wrapping made: a line as long as the page's lines runs on into the next, and a
    short line ("Agenda item 74", a heading, a paragraph's last line) ends it, as it does in any tool's text."""
    raw = text.split("\n")
    body = {line.number for line in classify(raw) if line.kind == "body" and "\f" not in raw[line.number - 1]}
    full = 0.75 * max((len(raw[n - 1].strip()) for n in body), default=0)
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        joined = ""
        for line in run:
            line = line.strip()
            joined += ("" if re.search(r"[A-Za-z]-$", joined) else " ") + line if joined else line
        out.extend(textwrap.wrap(joined, width, break_on_hyphens=False, break_long_words=False))
        run.clear()

    for number, line in enumerate(raw, start=1):
        if number in body:
            run.append(line)
            if len(line.strip()) < full:  # a short line ends its paragraph
                flush()
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


VARIANTS = {
    "as written": lambda text: text,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "no leading spaces": lambda text: "\n".join(line.lstrip(" ") for line in text.split("\n")),
    "re-wrapped": rewrapped,
}


def facts(record, pages: bool) -> dict:
    def strip(value):
        if isinstance(value, dict):
            if {"document", "line_start", "line_end", "quote"} <= set(value):
                return {"page": value["page"]} if pages else {}
            return {k: strip(v) for k, v in value.items() if k not in ("source", "content_hash")}
        if isinstance(value, (list, tuple)):
            return [strip(v) for v in value]
        return value

    out = strip(dataclasses.asdict(record))
    out["citations"] = sorted({repr(c) for c in out["citations"]})
    return out


@functools.lru_cache(maxsize=None)
def _from_pdf(pdf: Path, symbol: str | None):
    from kg.reference.register import Register

    return extract(pdf, Register.load(), symbol)


def _same(pdf: Path, tool: str, variant: str, tmp_path: Path, register, symbol: str | None = None) -> None:
    from_pdf = _from_pdf(pdf, symbol)
    text = VARIANTS[variant](tool_text(pdf, tool))
    path = tmp_path / (pdf.stem + ".txt")
    path.write_bytes(text.encode("utf-8"))
    from_text = extract(path, register, symbol)
    pages = tool in KEEPS_PAGES and variant != "re-wrapped"
    assert facts(from_text, pages) == facts(from_pdf, pages)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("name", CORPUS_PDFS)
def test_corpus_pdf_as_text(name, tool, variant, tmp_path, register):
    if variant == "re-wrapped" and "A_L.632" in name:
        pytest.skip("the scanned draft's title in capitals is told from its sponsors by its own lines")
    [pdf] = corpus(name)
    _same(pdf, tool, variant, tmp_path, register)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "A_73_505.pdf"
    render(sample_path(), path, "A/73/505")
    return path


# pdftotext without -layout joins a word broken at a line's end and drops its hyphen ("Guinea-" "Bissau"
# becomes "GuineaBissau"): a state's name is lost, which no reader can undo; the report is not read from it.
@pytest.mark.parametrize("variant", ["as written", "CRLF", "no leading spaces"])
@pytest.mark.parametrize("tool", ["pdftotext-layout", "pdfplumber-pages", "pdfplumber-joined"])
def test_rendered_report_as_text(rendered, tool, variant, tmp_path, register):
    """Report A/73/505 in the UN page layout: votes lists run over pages, with the footnotes, the footer and
    the next page's header printed in the middle of a list of states."""
    _same(rendered, tool, variant, tmp_path, register, "A/73/505")


def test_plain_pdftotext_loses_a_hyphen_at_a_line_end(rendered, tmp_path, register):
    path = tmp_path / "A_73_505.txt"
    path.write_text(tool_text(rendered, "pdftotext"), encoding="utf-8")
    with pytest.raises(UnkgError, match="unknown state name 'GuineaBissau'"):
        extract(path, register, "A/73/505")


# A known gap: in pdfplumber's text of these two drafts, footnotes whose marker the text does not show as a
# number of its own (footnote 9 on page 4 of A/80/L.9: S/INF/68, S/PRST/2013/2; footnotes 6, 8 and 9 of
# A/C.3/80/L.2) are not reached, so their citations are missing from the text's records. Strict: the test
# fails when they are read.
TEXT_GAPS = {("A_80/A_80_L.9.pdf", "pdfplumber-pages"), ("A_C.3_80/A_C.3_80_L.2.pdf", "pdfplumber-pages")}


@pytest.mark.parametrize("tool", ["pdftotext-layout", "pdfplumber-pages"])
@pytest.mark.parametrize("name", SESSION_80)
def test_session_80_as_text(name, tool, tmp_path, register, request):
    if (name, tool) in TEXT_GAPS:
        request.applymarker(pytest.mark.xfail(reason="footnotes not reached in pdfplumber's text", strict=True))
    [pdf] = corpus(f"ga-session-80/{name}")
    try:
        extract(pdf, register)
    except UnkgError as exc:
        pytest.skip(f"not read from its PDF yet: {exc}")
    _same(pdf, tool, "as written", tmp_path, register)


def test_running_header_and_footer_in_the_middle_of_a_list(tmp_path):
    """The lines of the text: the masthead and the running header are the symbol; the footer is dropped."""
    [pdf] = corpus("gateplugin-unga/A_RES_73_6-EN.pdf")
    path = tmp_path / "A_RES_73_6.txt"
    path.write_text(tool_text(pdf, "pdftotext-layout").replace("\n", "\r\n"), encoding="utf-8")
    lines = read_text(path)
    headers = [(line.page, line.text) for line in lines if line.kind == "header"]
    # each page's running header is the symbol; the first page's masthead lines follow its own
    assert [h for h in headers if h[1] == "A/RES/73/6"] == [(page, "A/RES/73/6") for page in range(1, 6)]
    assert [text for page, text in headers if page == 1][1:] == [
        "United Nations A/RES/73/6", "General Assembly Distr.: General", "31 October 2018"]
    texts = [line.text for line in lines]
    assert not any(re.search(r"18-17962|\*1817962\*|^\s*\d/5\s*$", t) for t in texts)
    # "1" on a line of its own, then "See A/AC.105/1137." on the next
    assert any(line.kind == "footnote" and line.text == "1  See A/AC.105/1137." and line.page == 1 for line in lines)
    # "activities, 1" -> a marker to footnote 1, out of the prose
    marked = [line for line in lines if line.markers]
    assert marked[0].text.endswith("global governance of outer space activities,") and marked[0].markers == (
        (len("the Peaceful Uses of Outer Space to the global governance of outer space activities,"), 1),)
