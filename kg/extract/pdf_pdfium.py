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

import bisect
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
        """Width and height of the page's media box as displayed (turned by its rotation), in points."""
        page = self._load(index)
        left, bottom, right, top = page.get_mediabox()
        width, height = float(right - left), float(top - bottom)
        return (height, width) if page.get_rotation() in (90, 270) else (width, height)

    def page(self, index: int) -> tuple[list[dict], list[tuple[str, tuple[float, float, float, float]]]]:
        """The page's words (text, x0, x1, top, bottom, size, fontname) and its links (URI, box), in
        points from the top left corner of its media box; the page is closed once read."""
        width, height = self.page_size(index)
        page = self._load(index)
        try:
            rotation = page.get_rotation()
            left, bottom, right, top = page.get_mediabox()
            # pdfminer's view of the page: the media box's corner at the origin, turned as displayed
            view = {0: (1, 0, 0, 1, -left, -bottom), 90: (0, -1, 1, 0, -bottom, right),
                    180: (-1, 0, 0, -1, right, top), 270: (0, 1, -1, 0, top, -left)}[rotation]
            textpage = page.get_textpage()
            try:
                chars = _chars(page.raw, textpage.raw, view, height)
            finally:
                textpage.close()
            links = _links(self._doc.raw, page.raw, rotation, width, height)
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


_NATIVE: list[_Native] = []

Char = tuple[str, float, float, float, float, float, str, bool]  # text, x0, x1, top, bottom, size, font, upright


def _chars(page: Any, textpage: Any, view: tuple[float, ...], height: float) -> list[Char]:
    """The page's own characters in drawing order (not the spaces PDFium adds), with pdfminer's boxes:
    ``view`` takes a point of the page into the displayed page, ``height`` points high."""
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
    owners: list[int] = []  # the text object of each character
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
            run = runs[key] = _run(native, textpage, i, view)
        width = widths.get((run.font_id, code))
        if width is None:
            width = widths[run.font_id, code] = _width(raw, textpage, i, run, code)
        origin(textpage, i, x_ref, y_ref)
        out.append(_box(text, x.value, y.value, width * run.size, run, view, height))
        owners.append(key or 0)
    return _with_dropped_spaces(page, out, owners, view, height)


def _with_dropped_spaces(page: Any, chars: list[Char], owners: list[int], view: tuple[float, ...],
                         height: float) -> list[Char]:
    """The characters with the spaces PDFium's text page leaves out put back. A space drawn as a text
    object of its own, with nothing to see, is sometimes dropped ("Seafarers’ Identity" would read
    "Seafarers’Identity"): each text object with an empty box and no character in the text page
    becomes a space where it stands, in its own font, after the characters of the object before it."""
    raw = _NATIVE[0].raw
    order: dict[int, int] = {}
    spaces: list[tuple[int, Char]] = []
    seen = set(owners)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(raw.FPDFPage_CountObjects(page)):
        item = raw.FPDFPage_GetObject(page, index)
        if raw.FPDFPageObj_GetType(item) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        address = ctypes.cast(item, ctypes.c_void_p).value or 0
        order[address] = index
        if address in seen or not raw.FPDFPageObj_GetBounds(item, ctypes.byref(left), ctypes.byref(bottom),
                                                             ctypes.byref(right), ctypes.byref(top)):
            continue
        if right.value == left.value and top.value == bottom.value:
            run = _object_run(raw, item, view)
            spaces.append((index, _box(" ", left.value, top.value, 0.0, run, view, height)))
    if not spaces:
        return chars
    last_of: dict[int, int] = {}  # object index -> position of its last character
    for position, owner in enumerate(owners):
        last_of[order.get(owner, -1)] = position
    drawn = sorted(last_of)
    after: dict[int, list[Char]] = {}
    for index, space in spaces:
        before = bisect.bisect_left(drawn, index) - 1
        after.setdefault(last_of[drawn[before]] if before >= 0 else -1, []).append(space)
    out = after.get(-1, [])
    for position, char in enumerate(chars):
        out.append(char)
        out.extend(after.get(position, ()))
    return out


def _box(text: str, x: float, y: float, advance: float, run: _Run, view: tuple[float, ...], height: float) -> Char:
    """A character with pdfminer's box: from its origin (x, y) across its advance, and from the font's
    descent below the baseline up by the font size; then turned as the page is displayed."""
    va, vb, vc, vd, ve, vf = view
    a, b, c, d = run.matrix
    low, high = run.descent, run.descent + run.size
    x0, y0 = x + c * low, y + d * low
    x1, y1 = x + a * advance + c * high, y + b * advance + d * high
    x0, y0, x1, y1 = va * x0 + vc * y0 + ve, vb * x0 + vd * y0 + vf, va * x1 + vc * y1 + ve, vb * x1 + vd * y1 + vf
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    return (text, x0, x1, height - y1, height - y0, y1 - y0, run.fontname, run.upright)


def _run(native: _Native, textpage: Any, index: int, view: tuple[float, ...]) -> _Run:
    """The text object that drew character ``index``: its font, size and the character's text matrix."""
    raw = native.raw
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    return _object_run(raw, raw.FPDFText_GetTextObject(textpage, index), view, matrix)


def _object_run(raw: Any, text_object: Any, view: tuple[float, ...], matrix: Any = None) -> _Run:
    """A text object's font, size, descent and text matrix (by default the object's own)."""
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
    if matrix is None:
        matrix = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(text_object, ctypes.byref(matrix))
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    va, vb, vc, vd = view[:4]  # upright as displayed: the text matrix followed by the page's turn
    ta, tb, tc, td = a * va + b * vc, a * vb + b * vd, c * va + d * vc, c * vb + d * vd
    return _Run(font, ctypes.cast(font, ctypes.c_void_p).value or 0, fontname, size.value,
                min(descent, -descent) * size.value, (a, b, c, d), ta * td > 0 and tb * tc <= 0)


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


def _links(doc: Any, page: Any, rotation: int, width: float,
           height: float) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The page's link annotations that open a URI, with their boxes as pdfplumber places them (turned
    with the page, from the top of the displayed page)."""
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
            (x0, y0), (x1, y1) = (_turn(point, rotation, width, height)
                                  for point in ((rect.left, rect.bottom), (rect.right, rect.top)))
            out.append((uri, (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))))
    return out


def _turn(point: tuple[float, float], rotation: int, width: float, height: float) -> tuple[float, float]:
    """A point of an annotation turned a quarter at a time with the page, as pdfplumber turns it."""
    turns = rotation // 90
    for i in range(turns):
        x, y = point
        point = (y, (width if i == turns % 2 else height) - x)
    return point
