"""Read a UN PDF into classified lines, by the page's layout rather than its text.

An engine gives each page's words (text, box, font size and name) and links: PDFium
(``kg.extract.pdf_pdfium``, the default, fast) or pdfplumber (``kg.extract.pdf_pdfplumber``, the
reference); the setting ``pdf_engine`` or ``unkg build --pdf-engine`` chooses. The rest is shared.
Per page: the running header (the document symbol; on the first page the masthead, whose symbol
is printed in two runs, "A" and "/RES/73/3") and the footer (job number "18-17962", page number
"2/5", barcode) are set apart by position; a rule of underscores starts the footnotes; superscript
digits (smaller and raised, as in "activities,1") are taken out of the words and kept as footnote
markers of their line; a footnote's own superscript number becomes its number; link annotations
become link lines. Every line keeps its page and bounding box. Pages are read one at a time.
"""

from __future__ import annotations

import importlib
import re
import statistics
from pathlib import Path
from typing import Protocol

from kg import settings
from kg.errors import SourceError
from kg.symbols import SYMBOL_RE
from kg.extract.layout import Line

__all__ = ["read_pdf", "ENGINES", "PdfFile", "HEADER_BAND", "FIRST_PAGE_HEADER_BAND", "FOOTER_BAND"]

HEADER_BAND = 0.085  # share of the page height above which a line is the running header
FIRST_PAGE_HEADER_BAND = 0.14  # the first page's masthead reaches lower
FOOTER_BAND = 0.93  # share of the page height below which a line is the footer
_SUPERSCRIPT = re.compile(r"^\d{1,3}(?:,\d{1,3})*$")
_RULE = re.compile(r"^_{5,}$")
# zero width space, non-joiner, joiner, word joiner, zero width no-break space
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# The engines by name: the module whose ``open_pdf(path)`` gives a ``PdfFile`` (imported when used).
ENGINES: dict[str, str] = {"pdfium": "kg.extract.pdf_pdfium", "pdfplumber": "kg.extract.pdf_pdfplumber"}

Box = tuple[float, float, float, float]


class PdfFile(Protocol):
    """An open PDF as an engine gives it: its pages' sizes, then each page's words and links."""

    page_count: int

    def page_size(self, index: int) -> tuple[float, float]: ...

    def page(self, index: int) -> tuple[list[dict], list[tuple[str, Box]]]: ...

    def close(self) -> None: ...


def read_pdf(path: Path, engine: str | None = None) -> list[Line]:
    """Classified lines of a PDF, read by ``engine`` (default: the setting ``pdf_engine``); refuses files
    that are not readable PDFs with a text layer, and PDFs with more pages or larger pages than the
    settings ``pdf_max_pages`` and ``pdf_max_page_side`` allow."""
    name = engine or settings.get("pdf_engine")
    if name not in ENGINES:
        raise SourceError(path.name, f"no PDF engine {name!r} (known: {', '.join(ENGINES)})", rule="pdf-engine")
    pdf: PdfFile = importlib.import_module(ENGINES[name]).open_pdf(path)
    max_pages, max_side = int(settings.get("pdf_max_pages")), float(settings.get("pdf_max_page_side"))
    try:
        if pdf.page_count > max_pages:
            raise SourceError(path.name, f"{pdf.page_count} pages, more than {max_pages}", rule="page-limit")
        lines: list[Line] = []
        for index in range(pdf.page_count):
            width, height = pdf.page_size(index)
            if max(width, height) > max_side:
                raise SourceError(path.name, f"a page of {width:.0f} x {height:.0f} points, larger than "
                                  f"{max_side:.0f}", rule="page-limit", page=index + 1)
            words, links = pdf.page(index)
            lines.extend(_page_lines(_visible(words), links, height, index + 1, len(lines)))
    finally:
        pdf.close()
    if not any(line.kind == "body" for line in lines):
        raise SourceError(path.name, "no text layer (a scan without OCR?)", rule="text-layer")
    return lines


def _visible(words: list[dict]) -> list[dict]:
    """The words without the invisible marks of no width that word processors put in the text, such as
    the word joiner around the dash of "22–23 September" (one engine gives them, the other drops them)."""
    out = []
    for word in words:
        if not word["text"].isascii():
            text = word["text"].translate(_INVISIBLE)
            if not text:
                continue
            if text != word["text"]:
                word = {**word, "text": text}
        out.append(word)
    return out


def _page_lines(words: list[dict], links: list[tuple[str, Box]], height: float, page_number: int,
                before: int) -> list[Line]:
    rows = _rows(words)
    out: list[Line] = []
    in_footnotes = False
    header_band = (FIRST_PAGE_HEADER_BAND if page_number == 1 else HEADER_BAND) * height
    symbol = _header_symbol([w for w in words if w["top"] < header_band])
    if symbol:
        out.append(Line(before + 1, page_number, "header", symbol))
    for row, sups in rows:
        top = min(w["top"] for w in row)
        bbox = (min(w["x0"] for w in row), top, max(w["x1"] for w in row), max(w["bottom"] for w in row))
        text = _join(row)
        if top < header_band:
            kind = "header"
        elif top > FOOTER_BAND * height or any("barcode" in w["fontname"].lower() for w in row):
            kind = "footer"
        elif _RULE.match(text.replace(" ", "")):
            kind, in_footnotes = "rule", True
        else:
            kind = "footnote" if in_footnotes else "body"
        markers: tuple[tuple[int, int], ...] = ()
        if kind == "footnote" and sups and sups[0]["x1"] <= row[0]["x0"] + 1:
            text = f"{sups[0]['text']}  {text}"  # the footnote's own number
        elif kind == "body" and sups:
            text, markers = _with_markers(row, sups)
        out.append(Line(before + len(out) + 1, page_number, kind, text, bbox, markers))
    for uri, box in links:
        out.append(Line(before + len(out) + 1, page_number, "link", uri, box))
    return out


def _header_symbol(words: list[dict]) -> str | None:
    """The document symbol in a page's header band: "A/RES/73/6", or "A" and "/RES/73/3" as two runs."""
    for w in sorted(words, key=lambda w: w["x0"]):
        if SYMBOL_RE.fullmatch(w["text"]):
            return w["text"]
        if w["text"] in ("A", "S", "E"):
            rest = [v for v in words if v["text"].startswith("/") and 0 <= v["x0"] - w["x1"] < 3]
            if rest and SYMBOL_RE.fullmatch(w["text"] + rest[0]["text"]):
                return w["text"] + rest[0]["text"]
    return None


def _rows(words: list[dict]) -> list[tuple[list[dict], list[dict]]]:
    """Words grouped into rows by baseline, each row with the superscript digits raised above it."""
    if not words:
        return []
    base = statistics.median(w["size"] for w in words)
    small = [w for w in words if _SUPERSCRIPT.match(w["text"]) and w["size"] < 0.8 * base]
    rows: list[list[dict]] = []
    for w in sorted((w for w in words if w not in small), key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - w["bottom"]) <= 2:
            rows[-1].append(w)
        else:
            rows.append([w])
    attached: list[tuple[list[dict], list[dict]]] = [(sorted(r, key=lambda w: w["x0"]), []) for r in rows]
    for sup in small:
        host = next(
            (pair for pair in attached if pair[0][0]["top"] - 1 <= sup["bottom"] <= pair[0][0]["bottom"] + 0.5
             and sup["size"] < 0.8 * statistics.median(w["size"] for w in pair[0])),
            None,
        )
        if host is None:  # a small number on a row of its own (a footnote number, a page's own figure)
            attached.append(([sup], []))
        else:
            host[1].append(sup)
    for _, sups in attached:
        sups.sort(key=lambda w: w["x0"])
    return sorted(attached, key=lambda pair: (pair[0][0]["bottom"], pair[0][0]["x0"]))


def _gap(text: str, row: list[dict], w: dict) -> str:
    """A space before word ``w`` unless it touches the word before it (a change of font inside a word)."""
    i = row.index(w)
    return "" if not text or (i > 0 and w["x0"] - row[i - 1]["x1"] < 1.0) else " "


def _join(row: list[dict]) -> str:
    text = ""
    for w in row:
        text += _gap(text, row, w) + w["text"]
    return text


def _with_markers(row: list[dict], sups: list[dict]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The row's text and where each superscript marker stood (offset in the text, footnote number)."""
    text = ""
    markers: list[tuple[int, int]] = []
    pending = sorted(sups, key=lambda w: w["x0"])
    for w in row:
        while pending and pending[0]["x0"] < w["x0"]:
            markers.extend((len(text.rstrip()), int(n)) for n in pending.pop(0)["text"].split(","))
        text += _gap(text, row, w) + w["text"]
    for sup in pending:
        markers.extend((len(text), int(n)) for n in sup["text"].split(","))
    return text, tuple(markers)
