"""Read text already extracted from a UN PDF into classified lines: header, footer, body, footnote, link, rule.

Two shapes of text are read.

Text as PDF-to-text tools write it (``pdftotext``, with or without ``-layout``; pdfplumber's
``extract_text``): pages separated by form feeds, or by nothing at all; the masthead on the first
page ("United Nations  A/RES/73/6", "General Assembly  Distr.: General", "31 October 2018"); on
every other page the running header (the symbol, beside the running title) and on every page the
footer (job number "18-17962 (E) 021118", barcode "*1817962*", page "2/5"), printed wherever the
tool put them, even in the middle of a list of states; a rule of underscores, then the page's
footnotes, their numbers on a line of their own or before the text, with or without leading spaces.
Without form feeds, a page ends after its footer where the next page's running header follows.

The text of the bundled sample (report A/73/505): body lines each followed by a blank line, then a
rule of underscores and the footnotes, then the page's link targets one URL a line. A page ends
where a text line follows another non-blank line with no blank between them (after a block of
links, or where a page break cut a sentence).

Line ends may be LF, CRLF or CR.

>>> lines = classify(["Body one ", "", "__________", "", " 1  A/65/201. ", "", "https://undocs.org/A/65/201", " Next page"])
>>> [(l.number, l.page, l.kind) for l in lines]
[(1, 1, 'body'), (3, 1, 'rule'), (5, 1, 'footnote'), (7, 1, 'link'), (8, 2, 'body')]
>>> lines = classify(["United Nations     A/RES/73/9", "Seventy-third session", "18-17962 (E)", "\\fA/RES/73/9", "Text",
...                   "2/2  18-17962"])
>>> [(l.number, l.page, l.kind, l.text) for l in lines]  # doctest: +NORMALIZE_WHITESPACE
[(1, 1, 'header', 'A/RES/73/9'), (1, 1, 'header', 'United Nations A/RES/73/9'), (2, 1, 'body', 'Seventy-third session'),
 (4, 2, 'header', 'A/RES/73/9'), (5, 2, 'body', 'Text')]
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import SourceError
from kg.extract.dates import MONTHS
from kg.extract.layout import Line, normalise_space
from kg.symbols import SYMBOL_RE

__all__ = ["read_text", "classify", "is_tool_text"]

_RULE = re.compile(r"^\s*_{5,}\s*$")
_LINK = re.compile(r"^\s*https?://\S+\s*$")
# the footer: "18-17962 (E) 021118", "25-19847  3/7", "2/7  25-19847", "*1817962*", "021118", "Please recycle"
_JOB = r"\d{2}-\d{4,5}(?:\s*\(E\))?(?:\s+\d{6})?"
_PAGE = r"(\d{1,3})/(\d{1,3})"
_FOOTER = re.compile(rf"^\s*(?:{_JOB}(?:\s+{_PAGE})?|{_PAGE}(?:\s+{_JOB})?|\*\d{{6,}}\*|\d{{6}}|Please recycle\W*)\s*$")
# the first page's masthead: "United Nations", "General Assembly", "Distr.: General", "31 October 2018",
# "Original: English", the symbol alone or in two runs ("A" and "/RES/73/3")
_MASTHEAD = re.compile(
    r"^\s*(?:(?:UNITED NATIONS|United Nations|GENERAL ASSEMBLY|General Assembly|[ASE]|\S*/\S+|Distr\.:?\s*\w+"
    r"|\d{1,2} [A-Z][a-z]+ \d{4}|Original:\s*\w+)(?:\s+|$))+$"
)
_FOOTNOTE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+\S")
# A footnote marker as a tool prints a superscript: apart ("activities, 1 at", "Goals 6 and", "2017/18; 4"), glued
# ("Development,2", "Paris Agreement4", "2015–20303") or first on a line that a tool wrapped before it ("6 which
# provide"); never a number that the prose itself needs
# ("of 6 December 1999", "6 million people", "paragraph 6", "1.4. States should").
_MARKER = (r"(?:(?<=[A-Za-z,.;:)”’\d]) (?P<apart>{n})|(?<![\d][.,:])(?<=[A-Za-z,.;:)”’])(?P<glued>{n})"
           r"|(?<=\b(?:19|20)\d\d)(?P<year>{n}))(?=[\s,.;:]|$)|^(?P<first>{n}) (?=[a-z])")
_NOT_AFTER = re.compile(r"\b(?:of|to|and|or|from|No\.|Nos\.|paras?\.|paragraphs?|resolutions?|decisions?|items?|chap\."
                        r"|chapters?|annex|articles?|sect\.|sections?|vol\.|p\.|pp\.|rule|rules|page|pages|[Aa]rticle)$")
_NOT_BEFORE = re.compile(r"^(?:\s(?:" + "|".join(MONTHS) + r"|per cent|million|billion|thousand|years?|months?|days?|weeks?"
                         r"|hours?|times|countries|States|Member States|members|persons|people)\b|[/\-–%])")
_HEADER_DEPTH = 5  # the running header is among a page's first lines


def read_text(path: Path) -> list[Line]:
    """Classified lines of a text file; refuses what is not UTF-8 text."""
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceError(path.name, "the file is empty", rule="readable-text")
    if b"\x00" in raw[:4096]:
        raise SourceError(path.name, "the file is binary, not text", rule="readable-text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path.name, f"not UTF-8 text ({exc.reason})", rule="readable-text", line=line) from exc
    return classify(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def is_tool_text(raw_lines: list[str]) -> bool:
    """Whether the lines are a PDF-to-text tool's output (form feeds, or a UN footer's job number)."""
    return any("\f" in line or (_FOOTER.match(line) and re.search(r"\d{2}-\d{4,5}", line)) for line in raw_lines)


def classify(raw_lines: list[str]) -> list[Line]:
    """Number, page and kind of every non-blank line."""
    return _classify_tool_text(raw_lines) if is_tool_text(raw_lines) else _classify_sample(raw_lines)


def _classify_sample(raw_lines: list[str]) -> list[Line]:
    out: list[Line] = []
    page = 1
    in_footnotes = False
    previous = ""
    for number, text in enumerate(raw_lines, start=1):
        if not text.strip():
            previous = text
            continue
        is_link = bool(_LINK.match(text))
        if previous.strip() and not is_link:
            page += 1
            in_footnotes = False
        if _RULE.match(text):
            kind = "rule"
            in_footnotes = True
        elif is_link:
            kind = "link"
        elif in_footnotes:
            kind = "footnote"
        else:
            kind = "body"
        out.append(Line(number=number, page=page, kind=kind, text=text))
        previous = text
    return out


def _is_footer(text: str) -> bool:
    m = _FOOTER.match(text)
    if not m:
        return False
    pages = re.findall(_PAGE, text)
    return all(0 < int(a) <= int(b) for a, b in pages)  # "2/7" is a page; "73/6" is a resolution's number


def _masthead_symbol(lines: list[tuple[int, str]]) -> str | None:
    """The document's symbol in the first page's masthead, whole or in two runs ("A" and "/RES/73/3")."""
    organ = None
    for _, text in lines:
        for token in text.split():
            if SYMBOL_RE.fullmatch(token):
                return token
            if token in ("A", "S", "E"):
                organ = token
            elif organ and token.startswith("/") and SYMBOL_RE.fullmatch(organ + token):
                return organ + token
    return None


def _pages(numbered: list[tuple[int, str]], symbol: str | None, form_feeds: bool) -> list[list[tuple[int, str]]]:
    """The lines of each page: split at form feeds, else after a footer that the next page's header follows."""
    if form_feeds:
        pages: list[list[tuple[int, str]]] = [[]]
        for number, text in numbered:
            before, *after = text.split("\f")  # a page may end in the middle of a line
            pages[-1].append((number, before))
            for part in after:
                pages.append([(number, part)])
        return pages
    pages = [[]]
    for i, (number, text) in enumerate(numbered):
        pages[-1].append((number, text))
        if _is_footer(text):
            following = [t for _, t in numbered[i + 1: i + 1 + _HEADER_DEPTH] if t.strip()]
            if following and not _is_footer(following[0]) and _header_end(following, symbol) is not None:
                pages.append([])
    return pages


def _header_end(texts: list[str], symbol: str | None) -> int | None:
    """How many of a page's first non-blank lines are its running header (those up to the line with the
    symbol: "A/RES/73/6", "A/RES/80/158        natural resources" under the title's first lines), or None."""
    for i, text in enumerate(texts[:_HEADER_DEPTH]):
        tokens = text.split()
        if symbol and symbol in tokens or not symbol and any(SYMBOL_RE.fullmatch(t) for t in tokens[:1] + tokens[-1:]):
            return i + 1
    return None


def _classify_tool_text(raw_lines: list[str]) -> list[Line]:
    numbered = list(enumerate(raw_lines, start=1))
    first_page = [(n, t) for n, t in numbered[:60] if t.strip() and "\f" not in t]
    masthead: list[tuple[int, str]] = []
    for number, text in first_page:
        if not _MASTHEAD.match(text) or _is_footer(text):
            break
        masthead.append((number, text))
    symbol = _masthead_symbol(masthead)
    out: list[Line] = []
    for page_number, page in enumerate(_pages(numbered, symbol, any("\f" in t for t in raw_lines)), start=1):
        filled = [(n, t) for n, t in page if t.strip()]
        header = masthead if page_number == 1 else filled[: _header_end([t for _, t in filled], symbol) or 0]
        if header and symbol:
            out.append(Line(header[0][0], page_number, "header", symbol))
        if page_number == 1:  # the masthead's lines as the PDF reader gives them ("Distr.: Limited", the date)
            out += [Line(number, 1, "header", " ".join(text.split())) for number, text in masthead]
        in_footnotes = False
        notes: list[tuple[int, str]] = []  # the footnote area's lines, a number alone on a line kept apart
        first = len(out)
        for number, text in filled[len(header):]:
            if _is_footer(text):
                continue
            if _RULE.match(text):
                in_footnotes = True
                out.append(Line(number, page_number, "rule", text))
            elif _LINK.match(text):
                out.append(Line(number, page_number, "link", text))
            elif in_footnotes:
                notes.append((number, text))
            else:
                out.append(Line(number, page_number, "body", text))
        out += [Line(number, page_number, "footnote", text) for number, text in _numbered_notes(notes)]
        out[first:] = _with_markers(out[first:])
    return out


def _numbered_notes(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Footnote lines with each number that a tool printed on a line of its own ("1", then "See A/65/201.")
    put before its text ("1  See A/65/201."). Where the tool printed the first notes' texts before any number
    and their numbers after the last note (pdftotext without ``-layout``), the lone numbers at the end go, in
    order, to the lines of text before the first number, when there are as many of each."""
    numbers = [i for i, (_, text) in enumerate(lines) if _FOOTNOTE_NUMBER.match(text)]
    lead = numbers[0] if numbers else len(lines)
    trailing = []  # lone numbers after the last line of text
    for i in reversed(numbers):
        if i == len(lines) - 1 - len(trailing):
            trailing.insert(0, i)
    out: list[tuple[int, str]] = []
    if 0 < lead == len(trailing):
        out += [(lines[i][0], f"{lines[n][1].strip()}  {lines[i][1].strip()}") for i, n in zip(range(lead), trailing)]
    else:
        out += lines[:lead]
        trailing = []
    pending: tuple[int, str] | None = None
    for i in range(lead, len(lines) - len(trailing)):
        number, text = lines[i]
        if _FOOTNOTE_NUMBER.match(text):
            pending = (number, text.strip())
        elif pending:
            out.append((pending[0], f"{pending[1]}  {text.strip()}"))
            pending = None
        else:
            out.append((number, text))
    return out


def _with_markers(page: list[Line]) -> list[Line]:
    """The page's body lines with the markers of its footnotes taken out, found in the order of the notes
    (marker 2 after marker 1), each kept with its place in the line (the line's text single-spaced)."""
    notes = []
    for line in page:
        m = _FOOTNOTE_START.match(line.text) if line.kind == "footnote" else None
        if m and int(m.group(1)) not in notes and (not notes or int(m.group(1)) > notes[-1]):
            notes.append(int(m.group(1)))
    body = [i for i, line in enumerate(page) if line.kind == "body"]
    texts = {i: normalise_space(page[i].text) for i in body}
    found: dict[int, list[tuple[int, int, int]]] = {i: [] for i in body}  # line -> (start, end, note)
    at = (0, 0)  # (index into body, offset): where the search for the next marker starts
    for note in notes:
        pattern = re.compile(_MARKER.format(n=note))
        for k in range(at[0], len(body)):
            text = texts[body[k]]
            hit = next((m for m in pattern.finditer(text, at[1] if k == at[0] else 0)
                        if not _NOT_AFTER.search(text[: m.start()].rstrip())
                        and not _NOT_BEFORE.match(text[m.end():])), None)
            if hit:
                group = next(g for g in ("apart", "glued", "year", "first") if hit.group(g))
                start = hit.start() if group == "apart" else hit.start(group)
                end = hit.end() + 1 if group == "first" else hit.end()  # "6 which" -> "which"
                found[body[k]].append((start, end, note))
                at = (k, end)
                break
    out = list(page)
    for i in body:
        text, markers, kept = texts[i], [], ""
        position = 0
        for start, end, note in found[i]:
            kept += text[position:start]
            markers.append((len(kept), note))
            position = end
        kept += text[position:]
        out[i] = Line(page[i].number, page[i].page, "body", kept, markers=tuple(markers))
    return out
