"""Checks made where records are handed over: stated totals equal list lengths, no state twice in
one vote, every voter a Member on the day. A failed check is reported, and the records are kept.

>>> from kg.model.records import Evidence, StateRef, RecordedVote
>>> e = Evidence("A/73/505", 117, 117, "by a recorded vote of 2 to 0, with 0 abstentions")
>>> ref = lambda k: StateRef(k, k, e)
>>> vote = RecordedVote("A/C.1/73/L.1", "First Committee", 31, None, "recorded vote", "adopted",
...                     {"yes": 2, "no": 0, "abstain": 0}, {"yes": (ref("FRA"),), "no": (), "abstain": ()}, (), e)
>>> print(check_vote(vote, members=None)[0])
A/73/505, line 117: vote on A/C.1/73/L.1: In favour stated=2 listed=1 (missing: 1) [rule: stated-total-equals-list]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kg.model.records import POSITIONS, CommitteeReport, RecordedVote

__all__ = ["CheckFailure", "check_vote", "check_report"]

_HEADINGS = {v: k for k, v in POSITIONS.items()}


@dataclass(frozen=True)
class CheckFailure:
    document: str
    line: int
    page: int | None
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.document}, line {self.line}: {self.message} [rule: {self.rule}]"


def check_vote(vote: RecordedVote, members: set[str] | None) -> list[CheckFailure]:
    """Every way a recorded vote's lists can disagree with its stated totals or with membership."""
    if vote.method != "recorded vote":
        return []
    e = vote.evidence
    failures = []

    def fail(rule: str, message: str, line: int = e.line_start) -> None:
        failures.append(CheckFailure(e.document, line, e.page, rule, f"vote on {vote.draft}: {message}"))

    stated_line = (vote.stated_evidence or e).line_start
    for position, stated in vote.stated.items():
        listed = len(vote.lists.get(position, ()))
        if stated != listed:
            gap = f"missing: {stated - listed}" if stated > listed else f"extra: {listed - stated}"
            fail("stated-total-equals-list", f"{_HEADINGS[position]} stated={stated} listed={listed} ({gap})",
                 stated_line)
    seen = Counter(ref.key for refs in vote.lists.values() for ref in refs)
    for key, times in sorted(seen.items()):
        if times > 1:
            line = next(r.evidence.line_start for refs in vote.lists.values() for r in refs if r.key == key)
            fail("no-state-twice", f"{key} is listed {times} times", line)
    if members is not None:
        for refs in vote.lists.values():
            for ref in refs:
                if ref.key not in members:
                    fail("voter-is-member", f"{ref.printed} ({ref.key}) was not a Member on {vote.date}",
                         ref.evidence.line_start)
    return failures


def check_report(report: CommitteeReport, members_on) -> list[CheckFailure]:  # type: ignore[no-untyped-def]
    """All checks of a report; ``members_on(date)`` gives the Members on a day."""
    out: list[CheckFailure] = []
    for vote in report.votes:
        out += check_vote(vote, members_on(vote.date) if vote.date else None)
    return out
