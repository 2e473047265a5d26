"""Rival drafts: two drafts on one question, every state's position on both and who sponsored which.

Read through the named query ``rival-drafts`` (one row per state: position on each draft, yes, no,
abstain or non-voting, empty where the state has no record of that vote, and whether it sponsored each). On report A/73/505 the two are the Russian
draft that set up an open-ended working group (A/C.1/73/L.27/Rev.1) and the United States draft that
set up a group of governmental experts (A/C.1/73/L.37).

>>> r = Rivals("A", "B", pd.DataFrame({"state": ["X", "Y", "Z"], "position_a": ["yes", "no", "abstain"],
...            "position_b": ["no", "yes", "abstain"], "sponsor_a": [True, False, False],
...            "sponsor_b": [True, True, False]}))
>>> r.crosstab().loc["no", "yes"], sorted(r.members("abstain", "abstain")), sorted(r.sponsored_both())
(np.int64(1), ['Z'], ['X'])
>>> r.sponsored_one_opposed_other().values.tolist()
[['X', 'A', 'B', 'no'], ['Y', 'B', 'A', 'no']]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kg import queries
from kg.analysis.votes import OPTIONS, read_csv
from kg.store import Store

__all__ = ["POSITIONS", "Rivals", "rival_drafts"]

POSITIONS = OPTIONS  # yes, no, abstain, non-voting


@dataclass
class Rivals:
    """Each state's positions on draft ``a`` and draft ``b`` (columns ``state``, ``position_a``,
    ``position_b``, ``sponsor_a``, ``sponsor_b``)."""

    a: str
    b: str
    positions: pd.DataFrame

    def crosstab(self) -> pd.DataFrame:
        """Counts of states by position on ``a`` (rows) and on ``b`` (columns), with totals; a state with no
        record of one of the votes (not a Member that day) is in neither."""
        table = pd.crosstab(pd.Categorical(self.positions["position_a"], POSITIONS),
                            pd.Categorical(self.positions["position_b"], POSITIONS),
                            rownames=[self.a], colnames=[self.b], dropna=False, margins=True, margins_name="total")
        return table

    def members(self, position_a: str, position_b: str) -> set[str]:
        """The states with these two positions, e.g. ``("no", "yes")``."""
        p = self.positions
        return set(p.loc[(p["position_a"] == position_a) & (p["position_b"] == position_b), "state"])

    def sponsored_both(self) -> set[str]:
        p = self.positions
        return set(p.loc[p["sponsor_a"] & p["sponsor_b"], "state"])

    def sponsored_one_opposed_other(self) -> pd.DataFrame:
        """States that sponsored one draft and voted against, or abstained on, the other: state,
        sponsored, opposed, position (on the opposed draft)."""
        rows = []
        for _, r in self.positions.iterrows():
            if r["sponsor_a"] and r["position_b"] in ("no", "abstain"):
                rows.append({"state": r["state"], "sponsored": self.a, "opposed": self.b, "position": r["position_b"]})
            if r["sponsor_b"] and r["position_a"] in ("no", "abstain"):
                rows.append({"state": r["state"], "sponsored": self.b, "opposed": self.a, "position": r["position_a"]})
        return pd.DataFrame(rows, columns=["state", "sponsored", "opposed", "position"])

    def frame(self) -> pd.DataFrame:
        """A copy of the positions table (one row per state)."""
        return self.positions.copy()


def rival_drafts(store: Store, a: str, b: str, names: dict[str, str] | None = None) -> Rivals:
    """The positions of every state on drafts ``a`` and ``b`` (named query ``rival-drafts``)."""
    frame = read_csv(queries.run_csv(store, "rival-drafts", {"draft_a": a, "draft_b": b}))
    for column in ("sponsor_a", "sponsor_b"):
        frame[column] = frame[column] == "true"
    frame.insert(1, "name", [(names or {}).get(s, s) for s in frame["state"]])
    return Rivals(a, b, frame.reset_index(drop=True))
