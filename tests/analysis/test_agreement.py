"""Agreement, Cohen's kappa and Scott's pi on toy inputs with known values, and the matrix computation
against a plain loop over pairs."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from kg.analysis.agreement import agreement, pair_agreement
from kg.analysis.votes import OPTIONS, VoteTable
from kg.errors import UnkgError


def table_of(columns: dict[str, list[str]]) -> VoteTable:
    return VoteTable.from_votes([(f"e{i}", s, o) for s, votes in columns.items() for i, o in enumerate(votes) if o])


def test_textbook_two_raters():
    # 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15 (the usual worked example of kappa)
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    got = pair_agreement(a, b)
    assert got["votes"] == 50
    assert got["agreement"] == pytest.approx(0.7)
    assert got["kappa"] == pytest.approx(0.4)  # expected 0.5*0.6 + 0.5*0.4 = 0.5
    assert got["pi"] == pytest.approx((0.7 - 0.505) / 0.495)  # pooled yes 0.55, no 0.45


def test_three_options():
    got = pair_agreement(["yes", "yes", "no", "abstain"], ["yes", "no", "no", "abstain"])
    assert got["agreement"] == pytest.approx(0.75)
    assert got["kappa"] == pytest.approx((0.75 - 0.3125) / 0.6875)
    assert got["pi"] == pytest.approx((0.75 - 0.34375) / 0.65625)


def test_identical_and_opposite_voting():
    assert pair_agreement(["yes", "no"] * 5, ["yes", "no"] * 5)["kappa"] == pytest.approx(1.0)
    opposite = pair_agreement(["yes", "no"] * 5, ["no", "yes"] * 5)
    assert (opposite["agreement"], opposite["kappa"], opposite["pi"]) == pytest.approx((0.0, -1.0, -1.0))


def test_undefined_when_chance_predicts_full_agreement():
    got = pair_agreement(["yes"] * 4, ["yes"] * 4)
    assert got["agreement"] == 1.0 and math.isnan(got["kappa"]) and math.isnan(got["pi"])


def test_absences_as_an_explicit_option():
    t = table_of({"A": ["yes", "no", "non-voting", "non-voting"], "B": ["yes", "yes", "non-voting", "abstain"]})
    exclude = agreement(t, absent="exclude").pair("A", "B")
    assert (exclude["votes"], exclude["agreement"]) == (2, 0.5)
    category = agreement(t, absent="category").pair("A", "B")
    assert (category["votes"], category["agreement"]) == (4, 0.5)  # both absent on e2 agree; e3 differs
    as_abstain = agreement(t, absent="abstain").pair("A", "B")
    assert (as_abstain["votes"], as_abstain["agreement"]) == (4, 0.75)  # e3: absent = abstain
    with pytest.raises(UnkgError):
        agreement(t, absent="ignore")


def test_no_record_never_counts():
    t = table_of({"A": ["yes", "yes", "no"], "B": ["", "yes", "no"]})  # B not yet a Member on e0
    assert agreement(t, absent="category").pair("A", "B")["votes"] == 2


def _loop(table: VoteTable, absent: str) -> dict[tuple[str, str], tuple[int, float, float, float]]:
    cats = {"exclude": {"yes": "yes", "no": "no", "abstain": "abstain"},
            "abstain": {"yes": "yes", "no": "no", "abstain": "abstain", "non-voting": "abstain"},
            "category": {o: o for o in OPTIONS}}[absent]
    out = {}
    for a, b in itertools.combinations(table.states, 2):
        pa, pb = table.positions(a), table.positions(b)
        pairs = [(cats[pa[e]], cats[pb[e]]) for e in pa if e in pb and pa[e] in cats and pb[e] in cats]
        n = len(pairs)
        if not n:
            continue
        po = sum(x == y for x, y in pairs) / n
        values = set(cats.values())
        fa = {c: sum(x == c for x, _ in pairs) / n for c in values}
        fb = {c: sum(y == c for _, y in pairs) / n for c in values}
        ek = sum(fa[c] * fb[c] for c in values)
        ep = sum(((fa[c] + fb[c]) / 2) ** 2 for c in values)
        out[a, b] = (n, po, (po - ek) / (1 - ek) if 1 - ek > 1e-9 else math.nan,
                     (po - ep) / (1 - ep) if 1 - ep > 1e-9 else math.nan)
    return out


@pytest.mark.parametrize("absent", ["exclude", "abstain", "category"])
def test_matrices_equal_a_loop_over_pairs(absent):
    rng = np.random.default_rng(7)
    choices = ["yes", "no", "abstain", "non-voting", ""]
    t = table_of({f"S{i}": list(rng.choice(choices, size=30, p=[0.45, 0.2, 0.15, 0.1, 0.1])) for i in range(9)})
    frame = agreement(t, absent=absent).frame()
    expected = _loop(t, absent)
    assert len(frame) == len(expected)
    for row in frame.to_dict("records"):
        n, po, kappa, pi = expected[row["state_a"], row["state_b"]]
        assert row["votes"] == n
        assert row["agreement"] == pytest.approx(po)
        assert row["kappa"] == pytest.approx(kappa, nan_ok=True)
        assert row["pi"] == pytest.approx(pi, nan_ok=True)
