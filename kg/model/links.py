"""Which committee draft became which resolution: the links between the two stages, and how each was found.

Three ways, strongest first (``LINK_METHODS``):

1. "resolution heading": a resolution's own heading says it was adopted "on the report of the First
   Committee (A/73/505)", and its title is the title of one draft that report recommends;
2. "session, agenda item and title": a roll call on the whole of a resolution (not on an amendment
   or a paragraph) is of the report's session, its agenda item has the report's agenda item title,
   and its title is the draft's;
3. "session and title": the same without the agenda item, for roll calls whose data do not give it.

A way that finds two resolutions for one draft finds nothing, and says so; when two ways disagree,
the stronger wins, and the disagreement is reported.

Drafts read as documents of their own (A/80/L.7, A/C.2/80/L.10) are linked by ``link_documents``: a
plenary draft that a resolution's heading names, and a committee draft by its session, agenda item and title.

>>> d = DraftInfo("A/C.1/73/L.37", "Advancing responsible State behaviour in cyberspace in the context of "
...               "international security", "A/73/505", 73, "Developments in the field of information …")
>>> r = RollCallInfo(6156, "A/RES/73/266", 73, "Advancing responsible State behaviour in cyberspace in the "
...                  "context of international security", None)
>>> links, problems = link_drafts([d], [r], [])
>>> [(link.resolution, link.method) for link in links], problems
([('A/RES/73/266', 'session and title')], [])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model.rollcalls import LINK_METHODS, DraftInfo, Link, ResolutionInfo, RollCallInfo

__all__ = ["same_title", "link_drafts", "link_documents", "DraftHeading", "ResolutionHeading", "DOCUMENT_LINK_METHODS"]


def _norm(title: str) -> str:
    title = title.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    title = title.replace("\u2010", "-").replace("\u2011", "-")  # the hyphen and the non-breaking hyphen ("COVID‑19")
    return re.sub(r"\s+", " ", title).strip().rstrip(".").strip().casefold()


def same_title(a: str, b: str) -> bool:
    """Titles are the same when they differ only in case, spacing, quotes and a closing full stop.

    >>> same_title("Jerusalem.", " jerusalem"), same_title("Jerusalem", "The Syrian Golan")
    (True, False)
    >>> same_title("the coronavirus disease (COVID\u201119)", "the coronavirus disease (COVID-19)")
    True
    """
    return bool(a and b) and _norm(a) == _norm(b)


def _one(found: set[str], draft: DraftInfo, method: str, problems: list[str]) -> str | None:
    if len(found) > 1:
        problems.append(f"{draft.symbol}: {method} finds {len(found)} resolutions ({', '.join(sorted(found))}); "
                        "no link made that way")
        return None
    return next(iter(found), None)


def link_drafts(drafts: Iterable[DraftInfo], roll_calls: Iterable[RollCallInfo],
                resolutions: Iterable[ResolutionInfo]) -> tuple[list[Link], list[str]]:
    """The links found for each draft (one per way that finds exactly one resolution), and the problems met."""
    roll_calls, resolutions = list(roll_calls), list(resolutions)
    links: list[Link] = []
    problems: list[str] = []
    for draft in sorted(drafts, key=lambda d: d.symbol):
        found: dict[str, tuple[str, int | None]] = {}
        heading = {r.symbol for r in resolutions if r.report == draft.report and same_title(r.title, draft.title)}
        symbol = _one(heading, draft, LINK_METHODS[0], problems)
        if symbol:
            found[LINK_METHODS[0]] = (symbol, None)
        for method, with_item in ((LINK_METHODS[1], True), (LINK_METHODS[2], False)):
            matches = {r for r in roll_calls
                       if r.session == draft.session and same_title(r.title, draft.title)
                       and (r.agenda_item_title is not None) == with_item
                       and (not with_item or same_title(r.agenda_item_title or "", draft.agenda_item_title))}
            symbol = _one({r.resolution for r in matches}, draft, method, problems)
            if symbol:
                found[method] = (symbol, min(r.rcid for r in matches))
        if not found:
            continue
        strongest = found[next(m for m in LINK_METHODS if m in found)][0]
        for method in LINK_METHODS:
            if method not in found:
                continue
            symbol, rcid = found[method]
            if symbol != strongest:
                problems.append(f"{draft.symbol}: {method} finds {symbol}, a stronger way {strongest}; kept {strongest}")
                continue
            links.append(Link(draft.symbol, symbol, method, draft.report, rcid))
    return links, problems


# How a draft read as a document of its own was found to have become a resolution (``link_documents``).
PLENARY_DRAFT = "plenary draft named in the resolution heading"
DRAFT_HEADING = "session, agenda item and title of the draft"
DOCUMENT_LINK_METHODS = (PLENARY_DRAFT, DRAFT_HEADING)


@dataclass(frozen=True)
class DraftHeading:
    """A draft read as a document of its own, as the graph holds it; ``superseded`` when a revision of it, or a
    draft "on the basis of informal consultations on" it, was read too."""

    symbol: str
    session: int
    title: str
    items: frozenset[tuple[int, str | None]]
    superseded: bool


@dataclass(frozen=True)
class ResolutionHeading:
    """A resolution's heading, as the graph holds it: session, title, agenda items, and the plenary drafts it was
    adopted from ("[without reference to a Main Committee (A/80/L.7)]") or the committee report it came on."""

    symbol: str
    session: int
    title: str
    items: frozenset[tuple[int, str | None]]
    plenary_drafts: tuple[str, ...]
    report: str | None


def link_documents(drafts: Iterable[DraftHeading],
                   resolutions: Iterable[ResolutionHeading]) -> tuple[list[Link], list[str]]:
    """Links from drafts to resolutions, two ways:

    1. a resolution "[without reference to a Main Committee (A/80/L.7 and A/80/L.7/Add.1)]" was adopted from
       the plenary draft it names (an addendum, which adds sponsors, is not a draft of its own);
    2. a committee draft whose heading has the session, an agenda item (with its sub-item) and the title of
       exactly one resolution became it, unless a revision of it or a draft based on it was read too; when two
       drafts still qualify for one resolution, neither is linked, and the problem says so.

    >>> d = DraftHeading("A/C.2/80/L.10", 80, "Unilateral economic measures", frozenset({(16, "a")}), False)
    >>> r = ResolutionHeading("A/RES/80/180", 80, "Unilateral economic measures.", frozenset({(16, "a")}), (),
    ...                       "A/80/555")
    >>> p = ResolutionHeading("A/RES/80/5", 80, "Report of the International Atomic Energy Agency",
    ...                       frozenset({(89, None)}), ("A/80/L.7", "A/80/L.7/Add.1"), None)
    >>> [(l.draft, l.resolution, l.method) for l in link_documents([d], [r, p])[0]]
    [('A/80/L.7', 'A/RES/80/5', 'plenary draft named in the resolution heading'), \
('A/C.2/80/L.10', 'A/RES/80/180', 'session, agenda item and title of the draft')]
    """
    drafts, resolutions = list(drafts), list(resolutions)
    links: list[Link] = []
    problems: list[str] = []
    for r in sorted(resolutions, key=lambda r: r.symbol):
        for symbol in r.plenary_drafts:
            if "/Add." not in symbol and "/Corr." not in symbol:
                links.append(Link(symbol, r.symbol, PLENARY_DRAFT, r.report or r.symbol, None))
    named = {link.draft for link in links}
    found: dict[str, list[DraftHeading]] = {}
    for d in drafts:
        if d.superseded or d.symbol in named or not d.title:
            continue
        matches = [r for r in resolutions if r.session == d.session and r.items & d.items and same_title(r.title, d.title)]
        if len(matches) > 1:
            problems.append(f"{d.symbol}: {DRAFT_HEADING} finds {len(matches)} resolutions "
                            f"({', '.join(sorted(r.symbol for r in matches))}); no link made that way")
        elif matches:
            found.setdefault(matches[0].symbol, []).append(d)
    by_symbol = {r.symbol: r for r in resolutions}
    for symbol, candidates in sorted(found.items()):
        if len(candidates) > 1:
            problems.append(f"{symbol}: {DRAFT_HEADING} finds {len(candidates)} drafts "
                            f"({', '.join(sorted(d.symbol for d in candidates))}); no link made that way")
            continue
        r = by_symbol[symbol]
        links.append(Link(candidates[0].symbol, symbol, DRAFT_HEADING, r.report or symbol, None))
    return links, problems
