"""Groups of states that act as one (the Group of 77 and China, the European Union, ...): entities of their own.

A draft's footnote says on whose behalf its sponsor presents it: "* On behalf of the States Members
of the United Nations that are members of the Group of 77 and China". The group is read from the
names in ``groups.csv`` (key, short name, the names the UN prints, separated by "|"); its members
are never listed as sponsors in its place.

>>> groups = Groups.load()
>>> groups.find("On behalf of the States that are members of the Movement of Non -Aligned Countries").name
'Non-Aligned Movement'
>>> groups.find("Any changes to the list of sponsors will be reflected in the official record") is None
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = ["Group", "Groups", "ON_BEHALF_OF"]

# "On behalf of the States Members of the United Nations that are members of the Group of 77 and China"
ON_BEHALF_OF = re.compile(r"\b[Oo]n behalf of\b")


@dataclass(frozen=True)
class Group:
    key: str  # "G77"
    name: str  # "Group of 77 and China"
    printed: tuple[str, ...]  # the names the UN prints for it


def _fold(text: str) -> str:
    """One space, no space around a hyphen ("Non -Aligned"), case folded."""
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", text)).strip().casefold()


class Groups:
    def __init__(self, groups: list[Group]):
        self.groups = {g.key: g for g in groups}
        names = sorted(((_fold(p), g) for g in groups for p in g.printed), key=lambda pair: -len(pair[0]))
        self._names = names

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Groups":
        with (files("kg.reference") / "groups.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return cls([Group(r["key"], r["name"], tuple(r["printed"].split("|"))) for r in rows])

    def find(self, note: str) -> Group | None:
        """The group a note says a state acts on behalf of ("On behalf of ... the Group of 77 and China"), if any."""
        m = ON_BEHALF_OF.search(note)
        if m is None:
            return None
        text = _fold(note[m.end():])
        for name, group in self._names:  # the longest name first: "Group of African States" before "African States"
            if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                return group
        return None
