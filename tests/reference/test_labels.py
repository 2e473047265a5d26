"""The labels of the roll-call data (kg/reference/unvotes_names.csv) and the seat gaps (seat_gaps.csv): each
row well formed and sourced, each label one state on any date, and the decisions the import rests on."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from kg.errors import UnresolvedName
from kg.reference.labels import Labels
from kg.reference.register import Register

REF = Path(__file__).resolve().parents[2] / "kg" / "reference"


def _rows(name: str) -> list[dict[str, str]]:
    with open(REF / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def labels() -> Labels:
    return Labels.load("unvotes")


def test_label_rows_are_well_formed_and_sourced():
    states = {r["key"] for r in _rows("states.csv")}
    for row in _rows("unvotes_names.csv"):
        assert list(row) == ["label", "key", "valid_from", "valid_to", "source"]
        assert row["key"] in states, row
        assert row["source"].strip(), row
        start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else date.min
        end = date.fromisoformat(row["valid_to"]) if row["valid_to"] else date.max
        assert start < end, row


def test_no_label_means_two_states_on_one_date():
    rows = _rows("unvotes_names.csv")
    for row in rows:
        for day in (row["valid_from"], row["valid_to"]):
            if not day:
                continue
            for d in (date.fromisoformat(day) - timedelta(days=1), date.fromisoformat(day)):
                keys = {r["key"] for r in rows if r["label"] == row["label"]
                        and (not r["valid_from"] or date.fromisoformat(r["valid_from"]) <= d)
                        and (not r["valid_to"] or d < date.fromisoformat(r["valid_to"]))}
                assert len(keys) <= 1, (row["label"], d, keys)


@pytest.mark.parametrize("label, day, key", [
    ("Russia", date(1950, 11, 3), "SUN"),
    ("Russia", date(1991, 12, 20), "SUN"),
    ("Russia", date(1991, 12, 24), "RUS"),
    ("Yugoslavia", date(1992, 9, 22), "YUG"),
    ("Yugoslavia", date(2000, 11, 1), "SRB"),
    ("Yugoslavia", date(2019, 12, 12), "SRB"),
    ("Taiwan", date(1971, 10, 25), "CHN"),
    ("China", date(1971, 11, 15), "CHN"),
    ("Czechoslovakia", date(1992, 12, 6), "CSK"),
    ("Czechia", date(1993, 11, 2), "CZE"),
    ("German Democratic Republic", date(1989, 12, 6), "DDR"),
    ("Federal Republic of Germany", date(1989, 12, 6), "DEU"),
    ("Yemen People's Republic", date(1989, 12, 6), "YMD"),
    ("Yemen Arab Republic", date(1989, 12, 6), "YEM"),
    ("North Macedonia", date(2018, 12, 5), "MKD"),
    ("Eswatini", date(1970, 1, 1), "SWZ"),
    ("Myanmar (Burma)", date(1960, 1, 1), "MMR"),
    ("Antigua & Barbuda", date(2018, 12, 5), "ATG"),
    ("Zanzibar", date(1963, 12, 20), "ZANZIBAR"),
])
def test_labels_by_name_and_date(labels, label, day, key):
    assert labels.resolve(label, day) == key


@pytest.mark.parametrize("label, day", [
    ("Taiwan", date(1972, 1, 1)),
    ("Yemen People's Republic", date(1995, 1, 1)),
    ("Atlantis", date(2000, 1, 1)),
])
def test_labels_that_name_no_state_then(labels, label, day):
    with pytest.raises(UnresolvedName):
        labels.resolve(label, day)


def test_seat_gaps_are_sourced_and_respected():
    states = {r["key"] for r in _rows("states.csv")}
    rows = _rows("seat_gaps.csv")
    assert rows and all(r["key"] in states and r["source"].strip() and r["from"] < r["to"] for r in rows)
    register = Register.load()
    assert "SYR" not in register.members_on(date(1958, 2, 21))
    assert "SYR" in register.members_on(date(1958, 2, 20)) and "SYR" in register.members_on(date(1961, 10, 13))
    assert "EGY" in register.members_on(date(1960, 1, 1))
