"""Read text already extracted from a UN PDF into classified lines: body, footnote, link, rule.

Extracted text carries each page as: body lines (each followed by a blank line), then a
rule of underscores and the footnotes, then the page's link targets one URL a line.
A page ends where a text line follows another non-blank line with no blank between
them (after a block of links, or where a page break cut a sentence).

>>> lines = classify(["Body one ", "", "__________", "", " 1  A/65/201. ", "", "https://undocs.org/A/65/201", " Next page"])
>>> [(l.number, l.page, l.kind) for l in lines]
[(1, 1, 'body'), (3, 1, 'rule'), (5, 1, 'footnote'), (7, 1, 'link'), (8, 2, 'body')]
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import SourceError
from kg.extract.layout import Line

__all__ = ["read_text", "classify"]

_RULE = re.compile(r"^\s*_{5,}\s*$")
_LINK = re.compile(r"^\s*https?://\S+\s*$")


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
    return classify(text.split("\n"))


def classify(raw_lines: list[str]) -> list[Line]:
    """Number, page and kind of every non-blank line."""
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
