"""The facts behind a picture: each vote's and each sponsorship's evidence (document, page, lines, text).

Read through the named queries ``vote-evidence`` (per motion) and ``sponsorships``. Evidence records
are kept once each and referred to by their number, so that a page showing thousands of votes
carries each printed line once.

>>> f = Facts()
>>> f.add_evidence({"document": "A/73/505", "page": "3", "line_start": "285", "line_end": "285", "quote": "Albania"})
0
>>> f.add_evidence({"document": "A/73/505", "page": "3", "line_start": "285", "line_end": "285", "quote": "Albania"})
0
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg import queries
from kg.analysis.cosponsorship import sponsorships
from kg.analysis.votes import Selection, VoteTable, read_csv
from kg.store import Store

__all__ = ["Facts", "gather"]

EVIDENCE_FIELDS = ("document", "page", "line_start", "line_end", "quote")


@dataclass
class Facts:
    """Evidence records (``evidence``: document, page, first line, last line, text) and what cites them."""

    evidence: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    event_evidence: dict[str, list[int]] = field(default_factory=dict)
    vote_evidence: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    sponsorships: list[dict[str, object]] = field(default_factory=list)  # draft, state, role, evidence
    complete: bool = True  # False when the votes' evidence was left out (too many events)
    _index: dict[tuple[str, str, str, str, str], int] = field(default_factory=dict, repr=False)

    def add_evidence(self, row: dict[str, str]) -> int:
        """The number of an evidence record (document, page, line_start, line_end, quote), added if new."""
        document, page, start, end, quote = (str(row.get(k, "")) for k in EVIDENCE_FIELDS)
        key = (document, page, start, end, quote)
        if key not in self._index:
            self._index[key] = len(self.evidence)
            self.evidence.append(key)
        return self._index[key]


def gather(store: Store, table: VoteTable, *, limit: int = 200, selection: Selection | None = None) -> Facts:
    """The evidence of the table's events and votes (when it has at most ``limit`` motions) and of the
    sponsorships of its motions (all sponsorships of ``selection`` when given)."""
    facts = Facts()
    events = set(table.events["event"])
    motions = sorted(m for m in set(table.events["motion"]) if m)
    if len(motions) <= limit:
        for motion in motions:
            rows = read_csv(queries.run_csv(store, "vote-evidence", {"motion": motion}))
            for row in rows.to_dict("records"):
                if row["event"] not in events:
                    continue
                index = facts.add_evidence(row)
                if row["state"]:
                    facts.vote_evidence.setdefault((row["event"], row["state"]), []).append(index)
                else:
                    facts.event_evidence.setdefault(row["event"], []).append(index)
    else:
        facts.complete = False
    chosen = selection if selection is not None else Selection(motions=tuple(motions))
    for row in sponsorships(store, chosen).to_dict("records"):
        facts.sponsorships.append({"draft": row["draft"], "state": row["state"], "role": row["role"],
                                   "evidence": [facts.add_evidence(row)] if row.get("quote") else []})
    return facts
