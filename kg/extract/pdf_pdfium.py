"""The default PDF engine: PDFium (pypdfium2) gives each page's characters, made into words here.

PDFium's text page lists the characters in the order the page draws them, each with its origin, its
box and the text object (font and size) that drew it. They are made into words by the rules of the
reference engine (``kg.extract.pdf_pdfplumber``), so that both engines give the same lines: the
characters are taken in runs of one font and size; a run's characters are put into lines by their
tops (within ``Y_TOLERANCE``) and ordered left to right; a word ends at a space, where the next
character starts before the last one or more than ``X_TOLERANCE`` after its end, or on another line.
A character's box is pdfminer's: from its origin to its advance across, and from the font's descent
below the baseline up by the font size. Spaces PDFium adds between words are not the page's own and
are left out. Each page is loaded, read and closed before the next, so memory stays bounded.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from kg.errors import SourceError

__all__ = ["open_pdf", "PdfiumFile", "X_TOLERANCE", "Y_TOLERANCE"]

X_TOLERANCE = 1.5  # points between two characters of one word (as in the reference engine)
Y_TOLERANCE = 2.5  # points between the tops of two characters of one line
_TAIL = 1024  # "%%EOF" must stand in the file's last 1,024 bytes, as readers expect
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LOAD_ERRORS = {1: "unknown error", 2: "the file cannot be opened", 3: "not in PDF format or damaged",
                5: "an unsupported security handler", 6: "a damaged page tree"}


def open_pdf(path: Path) -> "PdfiumFile":
    """The open PDF, or a ``SourceError`` (rule ``readable-pdf``) saying why it cannot be read: damaged,
    truncated (no "%%EOF" at its end), or encrypted with a password to open it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code == raw.FPDF_ERR_PASSWORD:
            raise SourceError(path.name, "encrypted or password-protected", rule="readable-pdf") from None
        reason = _LOAD_ERRORS.get(exc.err_code or 1, "unknown error")
        raise SourceError(path.name, f"not a readable PDF (PDFium: {reason})", rule="readable-pdf") from None
    with path.open("rb") as f:
        f.seek(max(f.seek(0, 2) - _TAIL, 0))
        tail = f.read()
    if b"%%EOF" not in tail:
        doc.close()
        raise SourceError(path.name, "not a readable PDF (truncated: no %%EOF at its end)", rule="readable-pdf")
    return PdfiumFile(doc)


class PdfiumFile:
    """A PDF open in PDFium; one page is loaded at a time."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self.page_count: int = len(doc)
        self._page: tuple[int, Any] | None = None

    def _load(self, index: int) -> Any:
        if self._page is None or self._page[0] != index:
            self._unload()
            self._page = (index, self._doc[index])
        return self._page[1]

    def _unload(self) -> None:
        if self._page is not None:
            self._page[1].close()
            self._page = None

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of the page's media box, in points."""
        left, bottom, right, top = self._load(index).get_mediabox()
        return float(right - left), float(top - bottom)

    def page(self, index: int) -> tuple[list[dict], list[tuple[str, tuple[float, float, float, float]]]]:
        """The page's words (text, x0, x1, top, bottom, size, fontname) and its links (URI, box), in
        points from the top left corner of its media box; the page is closed once read."""
        page = self._load(index)
        try:
            left, _, _, top = page.get_mediabox()
            textpage = page.get_textpage()
            try:
                chars = _chars(textpage.raw, left, top)
            finally:
                textpage.close()
            links = _links(self._doc.raw, page.raw, left, top)
        finally:
            self._unload()
        return _words(chars), links

    def close(self) -> None:
        self._unload()
        self._doc.close()


# The descent (per unit of font size) that pdfminer takes for the standard fonts from Adobe's metrics
# (AFM files), whatever the PDF or PDFium's stand-in font says.
_STANDARD_DESCENT = {
    **dict.fromkeys(["Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew",
                     "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"], -0.194),
    **dict.fromkeys(["Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial",
                     "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"], -0.207),
    **dict.fromkeys(["Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "TimesNewRoman",
                     "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"], -0.217),
}


@dataclass(frozen=True)
class _Run:
    """What one text object gives all its characters: font, size, descent and the text matrix."""

    font: Any
    font_id: int
    fontname: str
    size: float  # the font size as set (Tf), in text space
    descent: float  # below the baseline, in text space
    matrix: tuple[float, float, float, float]
    upright: bool


class _Native:
    """The PDFium calls made for every character; the text object comes as a plain address."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
        self.object_id = ctypes.CFUNCTYPE(ctypes.c_void_p, *raw.FPDFText_GetTextObject.argtypes)(address)
        address = ctypes.cast(raw.FPDFTextObj_GetFont, ctypes.c_void_p).value
        self.font_id = ctypes.CFUNCTYPE(ctypes.c_void_p, *raw.FPDFTextObj_GetFont.argtypes)(address)


_NATIVE: list[_Native] = []

Char = tuple[str, float, float, float, float, float, str, bool]  # text, x0, x1, top, bottom, size, font, upright


def _chars(textpage: Any, left: float, top: float) -> list[Char]:
    """The page's own characters in drawing order (not the spaces PDFium adds), with pdfminer's boxes."""
    if not _NATIVE:
        _NATIVE.append(_Native())
    native = _NATIVE[0]
    raw = native.raw
    unicode, generated, object_id, origin = (raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, native.object_id,
                                             raw.FPDFText_GetCharOrigin)
    x, y = ctypes.c_double(), ctypes.c_double()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    runs: dict[int | None, _Run] = {}
    widths: dict[tuple[int, int], float] = {}
    out: list[Char] = []
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = unicode(textpage, i)
        if code == 2:  # PDFium's mark for the hyphen that ends a line
            code = 0x2D
        text = chr(code)
        if text.isspace() and generated(textpage, i):
            continue
        key = object_id(textpage, i)
        run = runs.get(key)
        if run is None:
            run = runs[key] = _run(native, textpage, i)
        width = widths.get((run.font_id, code))
        if width is None:
            width = widths[run.font_id, code] = _width(raw, textpage, i, run, code)
        advance = width * run.size
        origin(textpage, i, x_ref, y_ref)
        a, b, c, d = run.matrix
        low, high = run.descent, run.descent + run.size
        x0, y0 = x.value + c * low, y.value + d * low
        x1, y1 = x.value + a * advance + c * high, y.value + b * advance + d * high
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        out.append((text, x0 - left, x1 - left, top - y1, top - y0, y1 - y0, run.fontname, run.upright))
    return out


def _run(native: _Native, textpage: Any, index: int) -> _Run:
    raw = native.raw
    text_object = raw.FPDFText_GetTextObject(textpage, index)
    font = raw.FPDFTextObj_GetFont(text_object)
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(length, 1))
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    fontname = buffer.value.decode("utf-8", "replace")
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size))
    descent = _STANDARD_DESCENT.get(fontname)
    if descent is None:
        unit = ctypes.c_float()
        descent = unit.value if raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(unit)) else 0.0
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    return _Run(font, native.font_id(text_object) or 0, fontname, size.value, min(descent, -descent) * size.value,
                (a, b, c, d), a * d > 0 and b * c <= 0)


def _width(raw: Any, textpage: Any, index: int, run: _Run, code: int) -> float:
    """How far the character moves the pen, per unit of font size: its width in the font, else (a
    character the font cannot map back from its Unicode value) from the right of PDFium's loose box."""
    width = ctypes.c_float()
    if raw.FPDFFont_GetGlyphWidth(run.font, code, ctypes.c_float(1.0), ctypes.byref(width)) and width.value > 0:
        return width.value
    box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box))
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    scale = run.matrix[0] * run.size
    return (box.right - x.value) / scale if scale else 0.0


def _words(chars: list[Char]) -> list[dict]:
    """Words by the reference engine's rules: runs of one font and size; upright text in lines by top,
    left to right; turned text in columns by left edge, top to bottom."""
    words: list[dict] = []
    for (_, _, upright), run in groupby(chars, key=lambda c: (c[5], c[6], c[7])):
        # where a character stands across the line, where it starts and ends along it, and the tolerances
        across, start, end, within, gap = (3, 1, 2, Y_TOLERANCE, X_TOLERANCE) if upright else (
            1, 3, 4, X_TOLERANCE, Y_TOLERANCE)
        run = list(run)
        line_of = _clusters({c[across] for c in run}, within)
        current: list[Char] = []
        line = None
        for c in sorted(run, key=lambda c: (line_of[c[across]], c[start], c[end] if not upright else 0)):
            if line_of[c[across]] != line:
                line = line_of[c[across]]
                if current:
                    words.append(_word(current))
                current = []
            if c[0].isspace():
                if current:
                    words.append(_word(current))
                current = []
            elif current and (c[start] < current[-1][start] or c[start] > current[-1][end] + gap
                              or abs(c[across] - current[-1][across]) > within):
                words.append(_word(current))
                current = [c]
            else:
                current.append(c)
        if current:
            words.append(_word(current))
    return words


def _clusters(values: set[float], tolerance: float) -> dict[float, int]:
    """Each value's line: sorted values, a new line where one is more than ``tolerance`` past the last."""
    out: dict[float, int] = {}
    index, last = -1, None
    for value in sorted(values):
        if last is None or value > last + tolerance:
            index += 1
        out[value] = index
        last = value
    return out


def _word(chars: list[Char]) -> dict:
    return {
        "text": "".join(_LIGATURES.get(c[0], c[0]) for c in chars),
        "x0": min(c[1] for c in chars), "x1": max(c[2] for c in chars),
        "top": min(c[3] for c in chars), "bottom": max(c[4] for c in chars),
        "size": chars[0][5], "fontname": chars[0][6],
    }


def _links(doc: Any, page: Any, left: float, top: float) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The page's link annotations that open a URI, with their boxes."""
    import pypdfium2.raw as raw

    out = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(doc, action, None, 0)
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFAction_GetURIPath(doc, action, buffer, length)
        uri = buffer.value.decode("utf-8", "replace")
        if uri and raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            out.append((uri, (rect.left - left, top - rect.top, rect.right - left, top - rect.bottom)))
    return out
