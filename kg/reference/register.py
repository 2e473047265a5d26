"""The register of states: every member, observer and former member, and every name the UN printed.

A list of states is split by known names, never by commas and "and" (Antigua and Barbuda,
Bosnia and Herzegovina): at each point the longest known name wins, compared without
white space so that names the PDF broke ("Sta te", "Uni ted") still match.

>>> register = Register.load()
>>> [ref[0] for ref in register.split("Guinea, Guinea-Bissau, Antigua and Barbuda and the Niger", "toy", date(2018, 11, 8))]
['GIN', 'GNB', 'ATG', 'NER']
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple
from datetime import date
from importlib.resources import files

from kg.errors import UnresolvedName

__all__ = ["State", "Found", "Register", "compact", "FUZZY_RATIO"]

FUZZY_RATIO = 0.85  # how close an OCR-damaged name must be to a known one (difflib ratio)


@dataclass(frozen=True)
class State:
    key: str
    iso3: str
    m49: str
    wikidata: str
    un_name: str
    status: str  # member | observer | former
    admitted: date | None
    ended: date | None
    successor: str
    note: str


class Found(NamedTuple):
    """A state found in a printed list: its key, the name as printed, where, and whether only approximately."""

    key: str
    printed: str
    start: int
    end: int
    fuzzy: bool = False


@dataclass(frozen=True)
class _Name:
    name: str
    key: str
    valid_from: date | None
    valid_to: date | None


def compact(text: str) -> str:
    """A name reduced for comparison: no white space, one kind of apostrophe and dash, folded case."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("\u00ad", "")
    return re.sub(r"\s+", "", text).casefold()


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


_SEPARATORS = (",", ";", "and", "the")


class Register:
    """States and their names, loaded from ``kg/reference/*.csv``."""

    def __init__(self, states: list[State], names: list[_Name], gaps: tuple[tuple[str, date, date], ...] = ()):
        self.states = {s.key: s for s in states}
        self._gaps = gaps  # (key, from, to): a Member's seat held by another Member in [from, to)
        self._names: dict[str, list[_Name]] = {}
        for n in names:
            self._names.setdefault(compact(n.name), []).append(n)
        alternatives = sorted(self._names, key=len, reverse=True)
        self._name_re = re.compile("|".join(re.escape(a) for a in alternatives))

    @classmethod
    @functools.cache
    def load(cls) -> "Register":
        folder = files("kg.reference")
        with (folder / "states.csv").open(encoding="utf-8") as f:
            states = [
                State(
                    key=r["key"], iso3=r["iso3"], m49=r["m49"], wikidata=r["wikidata"], un_name=r["un_name"],
                    status=r["status"], admitted=_date(r["admitted"]), ended=_date(r["ended"]),
                    successor=r["successor"], note=r["note"],
                )
                for r in csv.DictReader(f)
            ]
        with (folder / "names.csv").open(encoding="utf-8") as f:
            names = [
                _Name(r["name"], r["key"], _date(r["valid_from"]), _date(r["valid_to"])) for r in csv.DictReader(f)
            ]
        with (folder / "seat_gaps.csv").open(encoding="utf-8") as f:
            gaps = tuple((r["key"], date.fromisoformat(r["from"]), date.fromisoformat(r["to"])) for r in csv.DictReader(f))
        return cls(states, names, gaps)

    def names_of(self, key: str) -> set[str]:
        """Every name the register knows for one state."""
        return {n.name for names in self._names.values() for n in names if n.key == key}

    def name_dates(self) -> set[date]:
        """Every date on which a name's validity begins or ends: between two of them, every name means the same."""
        return {d for names in self._names.values() for n in names for d in (n.valid_from, n.valid_to) if d}

    def members_on(self, day: date) -> set[str]:
        """Keys of the states that were Members of the United Nations on ``day``.

        A Member whose seat another Member held for a time (``seat_gaps.csv``: Syria in the United Arab
        Republic, 1958-1961) is no Member of its own in that time.

        >>> register = Register.load()
        >>> ("SYR" in register.members_on(date(1960, 1, 1)), "SYR" in register.members_on(date(1962, 1, 1)))
        (False, True)
        """
        return {
            s.key
            for s in self.states.values()
            if s.status in ("member", "former")
            and s.admitted is not None
            and s.admitted <= day
            and (s.ended is None or day < s.ended)
        } - {key for key, start, end in self._gaps if start <= day < end}

    def resolve(self, name: str, document: str, day: date | None, line: int | None = None) -> str:
        """The key of the state a printed name means on ``day``; an error for an unknown or ambiguous name."""
        candidates = self._names.get(compact(re.sub(r"^the\s+", "", name.strip(), flags=re.I))) or self._names.get(
            compact(name)
        )
        if not candidates:
            raise UnresolvedName(document, f"unknown state name {name!r}", rule="known-state-name", line=line)
        return self._choose(candidates, name, document, day, line)

    def _choose(self, candidates: list[_Name], name: str, document: str, day: date | None, line: int | None,
                at: int | None = None) -> str:
        """The one entity a name meant on ``day`` (on any day, when the date is unknown)."""
        if day is not None:
            candidates = [
                c for c in candidates
                if (c.valid_from is None or c.valid_from <= day) and (c.valid_to is None or day < c.valid_to)
            ]
        keys = sorted({c.key for c in candidates})
        if len(keys) != 1:
            why = f"it meant {', '.join(keys)}" if keys else "no state had that name then"
            raise UnresolvedName(document, f"ambiguous state name {name!r} on {day}: {why}",
                                 rule="unambiguous-state-name", line=line, at=at)
        return keys[0]

    def split(self, text: str, document: str, day: date | None, line: int | None = None,
              fuzzy: bool = False) -> list[Found]:
        """Split a printed list by known names; with ``fuzzy`` (OCR text), a damaged name such as
        "Nicar~gua" is matched to the one known name it is unambiguously close to."""
        chars = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
        squeezed = compact("".join(ch for _, ch in chars))
        if len(squeezed) != len(chars):  # compact() changed the length: fall back to per-char folding
            squeezed = "".join(compact(ch) or "\u0000" for _, ch in chars)
        out: list[Found] = []
        position = 0
        while position < len(squeezed):
            m = self._name_re.match(squeezed, position)
            if m and self._ends_word(text, chars, m.end()):
                start, end = chars[position][0], chars[m.end() - 1][0] + 1
                printed = re.sub(r"\s+", " ", text[start:end])
                key = self._choose(self._names[m.group(0)], printed, document, day, line, start)
                out.append(Found(key, printed, start, end))
                position = m.end()
                continue
            for sep in _SEPARATORS:
                if squeezed.startswith(sep, position) and (len(sep) == 1 or self._ends_word(text, chars, position + len(sep))):
                    position += len(sep)
                    break
            else:
                at = chars[position][0]
                unknown = re.split(r",|:|\band\b", text[at:])[0].strip()
                close = self._closest(unknown, day) if fuzzy and unknown else None
                if close is not None:
                    end = at + len(unknown)
                    out.append(Found(close, unknown, at, end, True))
                    position = next((i for i, (o, _) in enumerate(chars) if o >= end), len(chars))
                    continue
                raise UnresolvedName(document, f"unknown state name {unknown!r}", rule="known-state-name", line=line,
                                     at=at)
        return out

    def _closest(self, printed: str, day: date | None) -> str | None:
        """The key of the one name close enough to ``printed``, if exactly one state is that close."""
        target = compact(printed)
        scored = sorted(
            ((SequenceMatcher(None, target, name).ratio(), name) for name in self._names
             if abs(len(name) - len(target)) <= max(3, len(target) // 4)),
            reverse=True,
        )
        close = [(r, n) for r, n in scored if r >= FUZZY_RATIO]
        if not close:
            return None
        keys = set()
        for _, name in close:
            try:
                keys.add(self._choose(self._names[name], printed, "", day, None))
            except UnresolvedName:
                continue
        return keys.pop() if len(keys) == 1 else None

    @staticmethod
    def _ends_word(text: str, chars: list[tuple[int, str]], index: int) -> bool:
        """Whether the squeezed position ``index`` falls at a word end in the printed text."""
        if index >= len(chars):
            return True
        previous = chars[index - 1][0]
        following = chars[index][0]
        return following > previous + 1 or not (text[following].isalnum() and text[previous].isalnum())
