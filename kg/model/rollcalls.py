"""The plenary record as a roll-call dataset gives it, as frozen records: plain data, no RDF.

The Voeten data (as packaged by the R package ``unvotes``) holds one row per roll call of the
General Assembly in plenary and one row per state that voted yes, no or abstain on it. The records
keep what the dataset says (its identifier, date and labels, as given) beside what unkg derives
from it (the UN symbol where it is certain, the register's state, the Members that did not vote).

>>> v = CastVote("SUN", "no", "Russia")
>>> (v.key, v.position, v.label)
('SUN', 'no', 'Russia')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["CastVote", "Issue", "RollCall", "Anomaly", "RollCallImport", "Dataset", "UNVOTES", "DraftInfo",
           "RollCallInfo", "ResolutionInfo", "Link", "LINK_METHODS"]


@dataclass(frozen=True)
class Dataset:
    """A dataset unkg imports: its short name, title, address and licence."""

    name: str
    title: str
    url: str
    licence: str


UNVOTES = Dataset(
    name="unvotes",
    title="United Nations General Assembly voting data (Erik Voeten, Harvard Dataverse, CC0), as packaged by the "
          "R package unvotes (David Robinson, MIT)",
    url="https://github.com/dgrtwo/unvotes",
    licence="https://creativecommons.org/publicdomain/zero/1.0/",
)


@dataclass(frozen=True, slots=True)
class CastVote:
    """One state's position on one roll call: the register key, yes | no | abstain, and the dataset's label."""

    key: str
    position: str
    label: str


@dataclass(frozen=True)
class Issue:
    """An issue code of the dataset ("me") and its label ("Palestinian conflict")."""

    code: str
    label: str


@dataclass(frozen=True)
class RollCall:
    """One roll call in plenary, with the votes cast and the Members computed as not voting."""

    rcid: int
    session: int
    date_given: date  # the dataset's date, as given
    day_certain: bool  # False: only the year and the month of ``date_given`` are taken as certain
    identifier: str  # the dataset's resolution identifier as given ("R/73/27", "R/5/233A"); may be empty
    symbol: str | None  # the UN symbol where that form is certain ("A/RES/73/27", "A/RES/51/45 A")
    important: bool | None  # the "important vote" flag; None where the dataset leaves it empty
    amendment: bool | None  # a vote on an amendment
    paragraph: bool | None  # a vote on a paragraph
    short: str  # as given: "… : resolution / adopted by the General Assembly"
    title: str  # the short title without the catalogue's tail
    description: str
    agenda_item: int | None  # from the description of sessions 70-73: "A/73/251 96 - …"
    agenda_item_title: str | None
    issues: tuple[str, ...]  # issue codes
    votes: tuple[CastVote, ...]
    non_voting: tuple[str, ...]  # keys of Members on no list, from membership on the date (or the whole month)

    def totals(self) -> dict[str, int]:
        out = {"yes": 0, "no": 0, "abstain": 0}
        for v in self.votes:
            out[v.position] += 1
        return out


@dataclass(frozen=True)
class Anomaly:
    """A fact of the dataset that does not square with the register, kept as given and reported."""

    rcid: int
    key: str
    label: str
    message: str


@dataclass(frozen=True)
class RollCallImport:
    """Everything read from one set of roll-call files."""

    source: str  # the file names
    content_hash: str  # sha256 over the files and the selection of sessions
    sessions: tuple[int, ...]  # the sessions selected; empty: all
    roll_calls: tuple[RollCall, ...]
    issues: tuple[Issue, ...]
    anomalies: tuple[Anomaly, ...]


# How a draft was found to have become a resolution, strongest first.
LINK_METHODS = ("resolution heading", "session, agenda item and title", "session and title")


@dataclass(frozen=True)
class DraftInfo:
    """A draft recommended in a committee report, as the graph holds it."""

    symbol: str
    title: str
    report: str
    session: int
    agenda_item_title: str


@dataclass(frozen=True)
class RollCallInfo:
    """A roll call on the whole of a resolution, as the graph holds it."""

    rcid: int
    resolution: str
    session: int
    title: str
    agenda_item_title: str | None


@dataclass(frozen=True)
class ResolutionInfo:
    """A resolution's own heading, as the graph holds it: its title and the committee report it came on."""

    symbol: str
    title: str
    report: str


@dataclass(frozen=True)
class Link:
    """The finding that a draft became a resolution, how it was made, and what it rests on."""

    draft: str
    resolution: str
    method: str  # one of LINK_METHODS
    report: str
    rcid: int | None  # the roll call it rests on, for the methods that use the roll-call data
