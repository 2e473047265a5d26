"""The draft parser: a draft resolution as a document of its own (A/L.632) into a ``DraftText``.

Its heading gives the symbol, the date, the session ("Twenty-sixth session"), the agenda item
("Agenda item 93"), the title and the sponsors, listed before ": draft resolution":

    RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE'S REPUBLIC OF CHINA IN THE UNITED NATIONS
    Australia, Colombia, ... United States of America and Uruguay: draft resolution

(older drafts put the title, in capitals, before the sponsors; newer ones after ": draft
resolution"). A scanned draft's OCR text is read with fuzzy matching of ordinals and names,
and every fuzzy match says so in its evidence.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

from kg import symbols
from kg.errors import SourceError, UnresolvedName
from kg.extract import citations as cite
from kg.extract.dates import DATE_RE, ordinal_words, parse_date
from kg.extract.layout import Layout
from kg.extract.resolution import agenda_items
from kg.model.records import DraftText, StateRef
from kg.reference.register import Register

__all__ = ["is_draft", "parse_draft"]

# "Twenty-sixth session", OCR "rrwenty-sixth session"
_SESSION = re.compile(r"\b(\S+) session\b")
# "Australia, ..., United States of America and Uruguay: draft resolution"
_SPONSORS = re.compile(r"([^:]+?): (draft (?:resolution|decision))\b")
_ORDINALS = [f"{tens}-{unit}" for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
             for unit in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")]
_ORDINALS += ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
              "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
              "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth"]


def is_draft(layout: Layout, symbol: str) -> bool:
    return symbols.kind(symbol) == "draft" and any(_SPONSORS.search(s.passage.text) for s in layout.sections)


def _session(word: str) -> tuple[int | None, bool]:
    """The session of an ordinal in words, and whether it was read only approximately (OCR)."""
    exact = ordinal_words(word)
    if exact is not None:
        return exact, False
    close = get_close_matches(word.lower().strip("~'`"), _ORDINALS, n=2, cutoff=0.85)
    if len(close) == 1:
        return ordinal_words(close[0]), True
    return None, False


def parse_draft(layout: Layout, symbol: str, content_hash: str, register: Register) -> DraftText:
    passage = layout.sections[0].passage
    text = passage.text
    session_match = next((m for m in _SESSION.finditer(text) if _session(m.group(1))[0]), None)
    if session_match is None:
        raise SourceError(symbol, "no session ('Twenty-sixth session') in the draft's heading", rule="draft-heading")
    session, _ = _session(session_match.group(1))
    assert session is not None
    item = re.search(r"\bAgenda items? [\d, and]+", text)
    start = item.end() if item else session_match.end()
    sponsors_match = _SPONSORS.search(text, start)
    opening = text.find("The General Assembly", start)
    if sponsors_match is None or (opening >= 0 and sponsors_match.start() > opening):
        raise SourceError(symbol, "no sponsors before ': draft resolution'", rule="draft-sponsors")
    listed = sponsors_match.group(1)
    # the title in capitals comes before the sponsors: the list starts at the first word not in capitals
    caps = re.match(r"(?:[A-Z'’\-,]+ )+", listed.strip() + " ")
    list_start = sponsors_match.start(1) + (len(listed) - len(listed.lstrip()))
    title = ""
    if caps:
        words = caps.group(0).split()
        title_words = words[:-1] if words and not words[-1].isupper() else words
        title = " ".join(title_words)
        list_start += len(" ".join(title_words)) + 1
    else:
        title = re.sub(r"\s+", " ", text[sponsors_match.end(): opening if opening > 0 else None]).strip()
    # "~9 September 1971": a day the scan damaged is not read at all, never guessed
    day = next((d for d in DATE_RE.finditer(text[:start]) if d.group(3) and (d.start() == 0 or text[d.start() - 1] == " ")),
               None)
    when = parse_date(day.group(1), day.group(2), day.group(3), session) if day else None
    first_line, _, _ = passage.where(list_start, sponsors_match.end(1))
    try:
        found = register.split(text[list_start: sponsors_match.end(1)], symbol, when, fuzzy=True)
    except UnresolvedName as exc:
        raise UnresolvedName(symbol, exc.message, rule=exc.rule, line=first_line, page=1) from None
    sponsors = tuple(
        StateRef(f.key, f.printed, passage.evidence(symbol, list_start + f.start, list_start + f.end, f.fuzzy))
        for f in found
    )
    citations = cite.numbered(passage, symbol, symbol) + cite.through_footnotes(passage, symbol, symbol)
    return DraftText(
        symbol=symbol,
        source=layout.name,
        content_hash=content_hash,
        session=session,
        agenda_items=agenda_items(text),
        title=title,
        kind=sponsors_match.group(2),
        date=when,
        sponsors=sponsors,
        citations=tuple(citations),
        evidence=passage.evidence(symbol, list_start, sponsors_match.end()),
    )
