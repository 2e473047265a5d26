"""How often two states vote alike: the raw share of agreement and two chance-corrected scores.

For each pair of states, over the votes both cast (see ``absent``), the raw agreement is the share
of votes on which they chose the same option; Cohen's kappa and Scott's pi subtract the agreement
expected by chance and divide by its complement: ``(observed - expected) / (1 - expected)``. Kappa
takes each state's own distribution of options over the pair's common votes; pi takes the two
states' pooled distribution (Häge 2011, "Choice or circumstance? Adjusting measures of foreign
policy similarity for chance agreement", Political Analysis 19(3)). Both are 1 for identical
voting, about 0 for agreement no better than chance and negative below it. They are undefined
(NaN) when chance alone predicts full agreement, for example when both states voted yes on every
common vote: nothing tells their agreement from chance then.

How absences count is an explicit option, ``absent``:

- ``"exclude"`` (default): a vote counts for a pair only when both voted yes, no or abstain;
- ``"abstain"``: a recorded non-voting counts as an abstention;
- ``"category"``: non-voting is an option of its own (two absent states agree).

A state with no record on a vote (for example before its admission) never counts on it.

Everything is a handful of matrix products over one-hot vote matrices (states by votes), so the
193 x 193 matrices of the whole plenary history take well under a second.

>>> from kg.analysis.votes import VoteTable
>>> t = VoteTable.from_votes([(e, "A", a) for e, a in zip("1234", ["yes", "yes", "no", "abstain"])]
...                          + [(e, "B", b) for e, b in zip("1234", ["yes", "no", "no", "abstain"])])
>>> a = agreement(t)
>>> round(float(a.agreement[0, 1]), 4), round(float(a.kappa[0, 1]), 4), round(float(a.pi[0, 1]), 4)
(0.75, 0.6364, 0.619)
>>> a.frame().columns.tolist()
['state_a', 'state_b', 'votes', 'agreement', 'kappa', 'pi']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from kg.analysis.votes import CODES, VoteTable
from kg.errors import UnkgError

__all__ = ["ABSENT", "MEASURES", "Agreement", "agreement", "pair_agreement"]

ABSENT = ("exclude", "abstain", "category")
MEASURES = ("agreement", "kappa", "pi")


@dataclass
class Agreement:
    """Pairwise matrices (states by states, in the order of ``states``)."""

    states: list[str]
    votes: np.ndarray  # common votes of each pair
    agreement: np.ndarray  # raw share of agreement (NaN without common votes)
    kappa: np.ndarray  # Cohen's kappa (NaN where undefined)
    pi: np.ndarray  # Scott's pi (NaN where undefined)
    absent: str = "exclude"

    def measure(self, name: str) -> np.ndarray:
        """The matrix of ``agreement``, ``kappa`` or ``pi``."""
        if name not in MEASURES:
            raise UnkgError(f"measure is one of {', '.join(MEASURES)}, not {name!r}")
        return getattr(self, name)

    def frame(self, min_votes: int = 1) -> pd.DataFrame:
        """One row per pair (``state_a`` < ``state_b``) with at least ``min_votes`` common votes."""
        a, b = np.triu_indices(len(self.states), k=1)
        keep = self.votes[a, b] >= max(min_votes, 1)
        a, b = a[keep], b[keep]
        codes = np.asarray(self.states, dtype=object)
        frame = pd.DataFrame({"state_a": codes[a], "state_b": codes[b], "votes": self.votes[a, b].astype(int),
                              "agreement": self.agreement[a, b], "kappa": self.kappa[a, b], "pi": self.pi[a, b]})
        return frame.sort_values(["state_a", "state_b"], ignore_index=True)

    def pair(self, a: str, b: str) -> dict[str, float]:
        """The figures of one pair."""
        i, j = self.states.index(a), self.states.index(b)
        return {"votes": int(self.votes[i, j]), "agreement": float(self.agreement[i, j]),
                "kappa": float(self.kappa[i, j]), "pi": float(self.pi[i, j])}


def _categories(matrix: np.ndarray, absent: str) -> list[np.ndarray]:
    """One boolean matrix (votes by states) per option that counts."""
    yes, no, abstain, absent_code = CODES["yes"], CODES["no"], CODES["abstain"], CODES["non-voting"]
    if absent == "exclude":
        return [matrix == yes, matrix == no, matrix == abstain]
    if absent == "abstain":
        return [matrix == yes, matrix == no, (matrix == abstain) | (matrix == absent_code)]
    if absent == "category":
        return [matrix == yes, matrix == no, matrix == abstain, matrix == absent_code]
    raise UnkgError(f"absent is one of {', '.join(ABSENT)}, not {absent!r}")


def agreement(table: VoteTable, *, absent: str = "exclude") -> Agreement:
    """Raw agreement, Cohen's kappa and Scott's pi for every pair of the table's states.

    The products run on one BLAS thread: the matrices are small (states by states), and several
    threads fighting over a busy machine made them forty times slower (measured)."""
    with threadpool_limits(limits=1, user_api="blas"):
        return _agreement(table, absent)


def _agreement(table: VoteTable, absent: str) -> Agreement:
    onehot = [c.astype(np.float32) for c in _categories(table.matrix, absent)]
    valid = np.sum(onehot, axis=0)
    common = (valid.T @ valid).astype(np.float64)
    agree = np.zeros_like(common)
    expected_kappa = np.zeros_like(common)
    expected_pi = np.zeros_like(common)
    with np.errstate(divide="ignore", invalid="ignore"):
        for x in onehot:
            agree += x.T @ x
            chosen = (x.T @ valid).astype(np.float64)  # [a, b]: common votes on which a chose this option
            share_a, share_b = chosen / common, chosen.T / common
            expected_kappa += share_a * share_b
            expected_pi += ((share_a + share_b) / 2) ** 2
        raw = agree / common
        kappa = _corrected(raw, expected_kappa)
        pi = _corrected(raw, expected_pi)
    return Agreement(list(table.states), common.astype(np.int64), raw, kappa, pi, absent)


def _corrected(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    out = (observed - expected) / (1 - expected)
    out[~(1 - expected > 1e-9)] = np.nan
    return out


def pair_agreement(a: list[str], b: list[str]) -> dict[str, float]:
    """Raw agreement, kappa and pi of two lists of options (votes that either did not cast left out).

    >>> pair_agreement(["yes", "yes", "no", "abstain"], ["yes", "no", "no", "abstain"])["votes"]
    4
    """
    events = [f"e{i}" for i in range(len(a))]
    table = VoteTable.from_votes([(e, "a", x) for e, x in zip(events, a)] + [(e, "b", y) for e, y in zip(events, b)])
    return agreement(table).pair("a", "b")
