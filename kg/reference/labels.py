"""A dataset's own labels for states, resolved by label and date to one key of the register.

Datasets name states in their own way: the roll-call data of ``unvotes`` says "Russia" for the
USSR until 1991 and for the Russian Federation after, "Yugoslavia" for the SFRY and for Serbia,
"Taiwan" for the votes cast for China's seat until 1971. Each such label is a row of
``kg/reference/<dataset>_names.csv`` (label, key, valid_from, valid_to, source) with a half-open
validity window and the source of the decision. A label that has rows there is resolved by them
alone; any other label is resolved as a name the UN printed, by the register.

>>> labels = Labels.load("unvotes")
>>> labels.resolve("Russia", date(1950, 11, 3)), labels.resolve("Russia", date(1992, 1, 30))
('SUN', 'RUS')
>>> labels.resolve("Yugoslavia", date(2019, 12, 12)), labels.resolve("Syria", date(2019, 12, 12))
('SRB', 'SYR')
"""

from __future__ import annotations

import csv
import functools
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from importlib.resources import files

from kg.errors import UnresolvedName
from kg.reference.register import Register

__all__ = ["Label", "Labels"]


@dataclass(frozen=True)
class Label:
    label: str
    key: str
    valid_from: date | None
    valid_to: date | None
    source: str


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


class Labels:
    """The labels of one dataset, over the register."""

    def __init__(self, dataset: str, rows: list[Label], register: Register):
        self.dataset = dataset
        self.register = register
        self.rows: dict[str, list[Label]] = {}
        for row in rows:
            self.rows.setdefault(row.label, []).append(row)
        # between two of these dates every label and every name means the same: resolve once per stretch
        self._dates = sorted({d for r in rows for d in (r.valid_from, r.valid_to) if d} | register.name_dates())
        self._resolved: dict[tuple[str, int], str | UnresolvedName] = {}

    @classmethod
    @functools.cache
    def load(cls, dataset: str) -> "Labels":
        with (files("kg.reference") / f"{dataset}_names.csv").open(encoding="utf-8") as f:
            rows = [Label(r["label"], r["key"], _date(r["valid_from"]), _date(r["valid_to"]), r["source"])
                    for r in csv.DictReader(f)]
        return cls(dataset, rows, Register.load())

    def resolve(self, label: str, day: date) -> str:
        """The key a label means on ``day``; ``UnresolvedName`` when it means none, or more than one."""
        stretch = (label, bisect_right(self._dates, day))
        found = self._resolved.get(stretch)
        if found is None:
            try:
                found = self._resolve(label, day)
            except UnresolvedName as exc:
                found = exc
            self._resolved[stretch] = found
        if isinstance(found, UnresolvedName):
            raise found
        return found

    def _resolve(self, label: str, day: date) -> str:
        rows = self.rows.get(label)
        if rows is None:
            return self.register.resolve(label, self.dataset, day)
        keys = sorted({r.key for r in rows
                       if (r.valid_from is None or r.valid_from <= day) and (r.valid_to is None or day < r.valid_to)})
        if len(keys) != 1:
            why = f"it meant {', '.join(keys)}" if keys else "no state had that label then"
            raise UnresolvedName(self.dataset, f"label {label!r} on {day}: {why}", rule="unambiguous-state-label")
        return keys[0]
