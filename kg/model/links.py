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

from kg.model.rollcalls import LINK_METHODS, DraftInfo, Link, ResolutionInfo, RollCallInfo

__all__ = ["same_title", "link_drafts"]


def _norm(title: str) -> str:
    title = title.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    return re.sub(r"\s+", " ", title).strip().rstrip(".").strip().casefold()


def same_title(a: str, b: str) -> bool:
    """Titles are the same when they differ only in case, spacing, quotes and a closing full stop.

    >>> same_title("Jerusalem.", " jerusalem"), same_title("Jerusalem", "The Syrian Golan")
    (True, False)
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
