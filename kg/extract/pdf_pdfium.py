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

Per character, Python asks PDFium only what has no bulk call (the text object that drew it, its origin);
the text of the page comes in one call, a font's widths and a text object's font, size and matrix once
each, and the boxes and the words are computed for the whole page at once with numpy.
"""

from __future__ import annotations

import bisect
import ctypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.errors import SourceError

__all__ = ["open_pdf", "PdfiumFile", "X_TOLERANCE", "Y_TOLERANCE"]

X_TOLERANCE = 1.5  # points between two characters of one word (as in the reference engine)
Y_TOLERANCE = 2.5  # points between the tops of two characters of one line
_NO_ADVANCE = 0.1  # a dropped object the next character follows by less than this share of an em is no space
_TAIL = 1024  # "%%EOF" must stand in the file's last 1,024 bytes, as readers expect
_SPACE = re.compile(r"\s")  # what str.isspace() calls a space
_CODE_BITS = 21  # bits of a Unicode code point
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"})
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


@dataclass
class _Run:
    """What one text object gives all its characters: font (and its address), size, descent, text matrix."""

    font: Any
    font_address: int
    fontname: str
    size: float  # the font size as set (Tf), in text space
    descent: float  # below the baseline, in text space
    matrix: tuple[float, float, float, float]
    upright: bool


class _Native:
    """PDFium's functions for the loops over characters and page objects, declared without argument
    types, which makes each call cheap: handles and out-pointers go as ``c_void_p``, numbers as ints."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        def plain(function: Any, result: Any) -> Any:
            bare = ctypes.CFUNCTYPE(result)(ctypes.cast(function, ctypes.c_void_p).value)
            bare.argtypes = None
            return bare

        self.raw = raw
        self.count = plain(raw.FPDFText_CountChars, ctypes.c_int)
        self.text = plain(raw.FPDFText_GetText, ctypes.c_int)
        self.unicode = plain(raw.FPDFText_GetUnicode, ctypes.c_uint)
        self.generated = plain(raw.FPDFText_IsGenerated, ctypes.c_int)
        self.text_object = plain(raw.FPDFText_GetTextObject, ctypes.c_size_t)  # 0, not None, for no object
        self.origin = plain(raw.FPDFText_GetCharOrigin, ctypes.c_int)
        self.objects = plain(raw.FPDFPage_CountObjects, ctypes.c_int)
        self.page_object = plain(raw.FPDFPage_GetObject, ctypes.c_void_p)
        self.object_type = plain(raw.FPDFPageObj_GetType, ctypes.c_int)
        self.bounds = plain(raw.FPDFPageObj_GetBounds, ctypes.c_int)
        self.text_font = plain(raw.FPDFTextObj_GetFont, ctypes.c_void_p)
        self.font_size = plain(raw.FPDFTextObj_GetFontSize, ctypes.c_int)
        self.char_matrix = plain(raw.FPDFText_GetMatrix, ctypes.c_int)
        self.object_matrix = plain(raw.FPDFPageObj_GetMatrix, ctypes.c_int)
        self.size, self.matrix = ctypes.c_float(), raw.FS_MATRIX()  # what the last two give back
        self.size_at = ctypes.c_void_p(ctypes.addressof(self.size))
        self.matrix_at = ctypes.c_void_p(ctypes.addressof(self.matrix))


_NATIVE: list[_Native] = []

Char = tuple[str, float, float, float, float, float, str, bool]  # text, x0, x1, top, bottom, size, font, upright


def _native() -> _Native:
    if not _NATIVE:
        _NATIVE.append(_Native())
    return _NATIVE[0]


def _handle(handle: Any) -> ctypes.c_void_p:
    return ctypes.cast(handle, ctypes.c_void_p)


def _page_text(native: _Native, textpage: ctypes.c_void_p, count: int) -> str:
    """The text page's characters, one per index (PDFium's mark U+0002 for a line-end hyphen as "-")."""
    buffer = (ctypes.c_ushort * (count + 1))()
    native.text(textpage, 0, count, buffer)
    text = bytes(buffer)[: 2 * count].decode("utf-16-le", "replace")
    if len(text) != count:  # characters beyond 16 bits: one at a time
        text = "".join(chr(native.unicode(textpage, i)) for i in range(count))
    if "\ufffe" in text:  # a hyphen that ends a line, or a character without Unicode
        text = "".join("-" if c == "\ufffe" and native.unicode(textpage, i) == 2 else c for i, c in enumerate(text))
    return text


@dataclass
class _Chars:
    """A page's characters as columns, in drawing order: each one's text, pdfminer's box (``x0``, ``x1``,
    ``top``, ``bottom``, in points from the top left of the displayed page), the box's height (``size``),
    its font (an index into ``names``) and whether it stands upright as displayed."""

    text: list[str]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    font: np.ndarray
    upright: np.ndarray
    names: list[str]

    def with_spaces(self, after: dict[int, list[Char]]) -> "_Chars":
        """The characters with ``after[i]`` put after character ``i`` (``after[-1]`` before the first)."""
        at = [position + 1 for position in sorted(after) for _ in after[position]]
        added = [char for position in sorted(after) for char in after[position]]
        names = self.names + sorted({c[6] for c in added} - set(self.names))
        fonts = [names.index(c[6]) for c in added]
        text = list(self.text)
        for offset, (position, char) in enumerate(zip(at, added)):
            text.insert(position + offset, char[0])
        columns = [np.insert(column, at, [c[k] for c in added])
                   for k, column in enumerate((self.x0, self.x1, self.top, self.bottom, self.size), start=1)]
        upright = np.insert(self.upright, at, [c[7] for c in added])
        return _Chars(text, *columns, np.insert(self.font, at, fonts), upright, names)


def _chars(page: Any, textpage: Any, view: tuple[float, ...], height: float) -> _Chars:
    """The page's own characters in drawing order (not the spaces PDFium adds), with pdfminer's boxes:
    ``view`` takes a point of the page into the displayed page, ``height`` points high. Per character
    only the two questions without a bulk answer go to PDFium (its text object, its origin); the runs
    of the text objects and the widths of the characters are asked once per object and per character of
    a font."""
    native = _native()
    handle = _handle(textpage)
    count = native.count(handle)
    text = _page_text(native, handle, count)
    added = [m.start() for m in _SPACE.finditer(text) if native.generated(handle, m.start())]
    kept: list[int] = np.delete(np.arange(count), added).tolist()
    text_object, origin = native.text_object, native.origin
    x, y = ctypes.c_double(), ctypes.c_double()
    x_at, y_at = ctypes.c_void_p(ctypes.addressof(x)), ctypes.c_void_p(ctypes.addressof(y))
    drawn_by: list[int] = []
    xs: list[float] = []
    ys: list[float] = []
    for i in kept:
        drawn_by.append(text_object(handle, i))
        origin(handle, i, x_at, y_at)
        xs.append(x.value)
        ys.append(y.value)
    fonts: dict[int, _Font] = {}
    objects, firsts, owners = np.unique(np.array(drawn_by, dtype=np.uint64), return_index=True, return_inverse=True)
    owners = owners.reshape(-1)
    runs = [_run(native, handle, kept[first], key, view, fonts)
            for key, first in zip(objects.tolist(), firsts.tolist())]
    # a character's width in its font, found once per font and character (where first met)
    font_number = {address: n for n, address in enumerate(fonts)}
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[kept].astype(np.int64)
    pairs = np.array([font_number[r.font_address] for r in runs], dtype=np.int64)[owners] << _CODE_BITS | codes
    _, met, which = np.unique(pairs, return_index=True, return_inverse=True)
    widths = np.array([_width(native.raw, textpage, kept[j], runs[owners[j]], text[kept[j]]) for j in met.tolist()],
                      dtype=float)[which.reshape(-1)] if len(met) else np.zeros(0)
    chars = _boxes([text[i] for i in kept], np.array(xs), np.array(ys), widths, owners, runs, view, height)
    return _with_dropped_spaces(native, page, chars, owners, objects.tolist(), view, height, fonts)


def _boxes(text: list[str], ox: np.ndarray, oy: np.ndarray, width: np.ndarray, owners: np.ndarray,
           runs: list[_Run], view: tuple[float, ...], height: float) -> _Chars:
    """pdfminer's box of each character from its origin (``ox``, ``oy``), its advance per unit of font size
    (``width``) and the run of its text object (``runs[owners[i]]``), computed for the page at once.
    Level text on an unturned page takes the box from the origin, the advance and the baseline; other
    text turns the box's two corners in text space into the displayed page. The operations, and their
    order, are those of one character at a time, so the numbers are the same to the last bit."""
    names: list[str] = []
    for r in runs:
        if r.fontname not in names:
            names.append(r.fontname)
    if not text:
        empty = np.zeros(0)
        return _Chars([], empty, empty, empty, empty, empty, np.zeros(0, np.intp), np.zeros(0, bool), names)
    va, vb, vc, vd, ve, vf = view
    unturned = va == 1 and vd == 1 and vb == 0 and vc == 0
    table = np.array([(*r.matrix, r.size, r.descent, r.descent + r.size,
                       r.matrix[1] == 0 and r.matrix[2] == 0 and r.matrix[0] > 0 and r.matrix[3] > 0 and unturned,
                       r.upright, names.index(r.fontname)) for r in runs], dtype=float)
    a, b, c, d, size, low, high, level, upright, font = (table[:, k][owners] for k in range(10))
    # level text: along the baseline from the origin, down from it by the descent
    below, tall = vf + d * low, d * size
    level_x0 = ox + ve
    level_bottom = height - oy - below
    level_x1 = level_x0 + width * (a * size)
    level_top = level_bottom - tall
    # any text: pdfminer's box as two corners in text space, on the page, then turned as displayed
    advance = width * size
    x0, y0 = ox + c * low, oy + d * low
    x1, y1 = ox + a * advance + c * high, oy + b * advance + d * high
    x0, y0, x1, y1 = va * x0 + vc * y0 + ve, vb * x0 + vd * y0 + vf, va * x1 + vc * y1 + ve, vb * x1 + vd * y1 + vf
    left, right, low_y, high_y = np.minimum(x0, x1), np.maximum(x0, x1), np.minimum(y0, y1), np.maximum(y0, y1)
    flat = level.astype(bool)
    return _Chars(text, np.where(flat, level_x0, left), np.where(flat, level_x1, right),
                  np.where(flat, level_top, height - high_y), np.where(flat, level_bottom, height - low_y),
                  np.where(flat, tall, high_y - low_y), font.astype(np.intp), upright.astype(bool), names)


def _with_dropped_spaces(native: _Native, page: Any, chars: _Chars, owners: np.ndarray, objects: list[int],
                         view: tuple[float, ...], height: float, fonts: dict[int, _Font]) -> _Chars:
    """The characters with the spaces PDFium's text page leaves out put back. A space drawn as a text
    object of its own, with nothing to see, is sometimes dropped ("Seafarers’ Identity" would read
    "Seafarers’Identity"): each text object with an empty box and no character in the text page
    becomes a space where it stands, in its own font, after the characters of the object before it,
    unless the next character starts where it stands (a mark of no width, as the word joiner of
    "22–23 September", which the reader leaves out of the words in any case). ``objects`` are the text
    objects of the characters, by the numbers ``owners`` gives each character."""
    raw = native.raw
    handle = _handle(page)
    order: dict[int, int] = {}
    spaces: list[tuple[int, Char]] = []
    seen = set(objects)
    box = (ctypes.c_float * 4)()
    corners = [ctypes.c_void_p(ctypes.addressof(box) + 4 * k) for k in range(4)]  # left, bottom, right, top
    for index in range(native.objects(handle)):
        item = native.page_object(handle, index) or 0
        pointer = ctypes.c_void_p(item)
        if native.object_type(pointer) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        order[item] = index
        if item in seen or not native.bounds(pointer, *corners):
            continue
        left, bottom, right, top = box
        if right == left and top == bottom:
            run = _object_run(native, pointer, view, fonts)
            spaces.append((index, _box(" ", left, bottom, run, view, height)))
    if not spaces:
        return chars
    # each drawn object's index among the page's objects -> the position of its last character
    index_of = np.array([order.get(item, -1) for item in objects], dtype=np.int64)[owners]
    drawn_indices, from_end = np.unique(index_of[::-1], return_index=True)
    last_of = dict(zip(drawn_indices.tolist(), (len(index_of) - 1 - from_end).tolist()))
    drawn = sorted(last_of)
    after: dict[int, list[Char]] = {}
    for index, space in spaces:
        before = bisect.bisect_left(drawn, index) - 1
        position = last_of[drawn[before]] if before >= 0 else -1
        following = position + 1 if position + 1 < len(chars.text) else None
        if (following is not None and space[7] and abs(float(chars.top[following]) - space[3]) <= Y_TOLERANCE
                and 0 <= float(chars.x0[following]) - space[1] < _NO_ADVANCE * space[5]):
            continue  # the next character stands where it stood: not a space but an invisible mark
        after.setdefault(position, []).append(space)
    return chars.with_spaces(after) if after else chars


def _box(text: str, x: float, y: float, run: _Run, view: tuple[float, ...], height: float) -> Char:
    """A character of no width at (x, y) with pdfminer's box, turned as the page is displayed."""
    va, vb, vc, vd, ve, vf = view
    _, _, c, d = run.matrix
    low, high = run.descent, run.descent + run.size
    x0, y0, x1, y1 = x + c * low, y + d * low, x + c * high, y + d * high
    x0, y0, x1, y1 = va * x0 + vc * y0 + ve, vb * x0 + vd * y0 + vf, va * x1 + vc * y1 + ve, vb * x1 + vd * y1 + vf
    return (text, min(x0, x1), max(x0, x1), height - max(y0, y1), height - min(y0, y1), abs(y1 - y0),
            run.fontname, run.upright)


def _run(native: _Native, textpage: ctypes.c_void_p, index: int, text_object: int, view: tuple[float, ...],
         fonts: dict[int, _Font]) -> _Run:
    """The text object that drew character ``index``: its font, size and the character's text matrix."""
    native.char_matrix(textpage, index, native.matrix_at)
    return _object_run(native, ctypes.c_void_p(text_object), view, fonts, from_char=True)


@dataclass
class _Font:
    """A font's name and its descent per unit of size."""

    handle: Any
    name: str
    descent: float


def _font(raw: Any, address: int) -> _Font:
    font = ctypes.cast(ctypes.c_void_p(address), raw.FPDF_FONT)
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(length, 1))
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    name = buffer.value.decode("utf-8", "replace")
    descent = _STANDARD_DESCENT.get(name)
    if descent is None:
        unit = ctypes.c_float()
        descent = unit.value if raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(unit)) else 0.0
    return _Font(font, name, min(descent, -descent))


def _object_run(native: _Native, text_object: ctypes.c_void_p, view: tuple[float, ...], fonts: dict[int, _Font],
                from_char: bool = False) -> _Run:
    """A text object's font, size, descent and text matrix: the object's own, or (``from_char``) the one
    ``native.matrix`` already holds for one of its characters."""
    address = native.text_font(text_object) or 0
    font = fonts.get(address)
    if font is None:
        font = fonts[address] = _font(native.raw, address)
    native.font_size(text_object, native.size_at)
    if not from_char:
        native.object_matrix(text_object, native.matrix_at)
    size, matrix = native.size.value, native.matrix
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    va, vb, vc, vd = view[:4]  # upright as displayed: the text matrix followed by the page's turn
    ta, tb, tc, td = a * va + b * vc, a * vb + b * vd, c * va + d * vc, c * vb + d * vd
    return _Run(font.handle, address, font.name, size, font.descent * size, (a, b, c, d), ta * td > 0 and tb * tc <= 0)


def _width(raw: Any, textpage: Any, index: int, run: _Run, char: str) -> float:
    """How far character ``index`` moves the pen, per unit of font size: its width in the font, else (a
    character the font cannot map back from its Unicode value) from the right of PDFium's loose box."""
    width = ctypes.c_float()
    if raw.FPDFFont_GetGlyphWidth(run.font, ord(char), ctypes.c_float(1.0), ctypes.byref(width)) and width.value > 0:
        return width.value
    box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box))
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    scale = run.matrix[0] * run.size
    return (box.right - x.value) / scale if scale else 0.0


def _words(chars: _Chars) -> list[dict]:
    """Words by the reference engine's rules, for the page at once: runs of one font, size and direction;
    a run's characters in lines by their place across (a new line more than the tolerance past the
    last), upright text left to right, turned text top to bottom; a word ends at a space, where the next
    character starts before the last one or more than the tolerance after its end, or is out of line."""
    count = len(chars.text)
    if not count:
        return []
    upright = chars.upright
    # where a character stands across the line, where it starts and ends along it, and the tolerances
    across = np.where(upright, chars.top, chars.x0)
    start = np.where(upright, chars.x0, chars.top)
    end = np.where(upright, chars.x1, chars.bottom)
    within = np.where(upright, Y_TOLERANCE, X_TOLERANCE)
    gap = np.where(upright, X_TOLERANCE, Y_TOLERANCE)
    # runs: consecutive characters of one font, size and direction
    new_run = np.ones(count, bool)
    new_run[1:] = ((chars.size[1:] != chars.size[:-1]) | (chars.font[1:] != chars.font[:-1])
                   | (upright[1:] != upright[:-1]))
    run = np.cumsum(new_run)
    # a run's lines: its places across in order, a new line more than the tolerance past the place before
    by_place = np.lexsort((across, run))
    placed, in_run = across[by_place], run[by_place]
    new_line = np.ones(count, bool)
    new_line[1:] = (in_run[1:] != in_run[:-1]) | (placed[1:] > placed[:-1] + within[by_place][1:])
    line = np.empty(count, np.intp)
    line[by_place] = np.cumsum(new_line)
    order = np.lexsort((np.where(upright, 0.0, end), start, line))  # stable: ties keep the drawing order
    # a word ends at a space, at a step back, at a gap, out of line, or with its line
    space = np.zeros(count, bool)
    space[[m.start() for m in _SPACE.finditer("".join(chars.text))]] = True
    space = space[order]
    at, ends, places, lines = start[order], end[order], across[order], line[order]
    gaps, withins = gap[order], within[order]
    breaks = np.ones(count, bool)
    breaks[1:] = ((lines[1:] != lines[:-1]) | space[:-1] | (at[1:] < at[:-1]) | (at[1:] > ends[:-1] + gaps[1:])
                  | (np.abs(places[1:] - places[:-1]) > withins[1:]))
    visible = ~space
    kept = order[visible]
    if not len(kept):
        return []
    firsts = np.flatnonzero(breaks[visible])
    text = "".join([chars.text[i] for i in kept.tolist()])
    bounds = [*firsts.tolist(), len(kept)]
    columns = zip(np.minimum.reduceat(chars.x0[kept], firsts).tolist(),
                  np.maximum.reduceat(chars.x1[kept], firsts).tolist(),
                  np.minimum.reduceat(chars.top[kept], firsts).tolist(),
                  np.maximum.reduceat(chars.bottom[kept], firsts).tolist(),
                  chars.size[kept][firsts].tolist(), chars.font[kept][firsts].tolist())
    words = []
    for k, (x0, x1, top, bottom, size, font) in enumerate(columns):
        word = text[bounds[k]: bounds[k + 1]]
        words.append({"text": word.translate(_LIGATURES) if not word.isascii() else word,
                      "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size, "fontname": chars.names[font]})
    return words


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
