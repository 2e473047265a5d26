"""The UN's own records of General Assembly resolutions (``UNxml/GAresolutions``, ``data_extract/``), as frozen records.

The Department for General Assembly and Conference Management publishes one record per resolution: its
symbol, session, meeting, date, agenda item, the committee report or draft it was adopted on, its title,
sponsors and subjects, and, for a resolution adopted by recorded vote, the Member States in favour,
against and abstaining with the stated totals. The records keep what the file says (names, dates and
totals as given) beside what unkg derives from it (the register's state, the session in progress, the
Members that did not vote) and every check that failed.

>>> Session("emergency special", 11).designation, Session("regular", 79).designation
('ES-11', '79')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.model.rollcalls import CastVote, Dataset

__all__ = ["UNXML", "Session", "AgendaItem", "Subject", "RecordSponsor", "ResolutionRecord", "Repeat",
           "Difference", "UnxmlImport", "POSITIONS"]

UNXML = Dataset(
    name="unxml",
    title="General Assembly resolutions and recorded votes, the United Nations' own extract (Department for General "
          "Assembly and Conference Management, repository UNxml/GAresolutions, folder data_extract/); source: "
          "United Nations",
    url="https://github.com/UNxml/GAresolutions/tree/main/data_extract",
    licence="https://github.com/UNxml/GAresolutions#readme",
)

# the record's lists, in the order the file gives them, and the position each one records
POSITIONS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}

@dataclass(frozen=True)
class Session:
    """A session of the General Assembly: regular (``number`` 75), emergency special (ES-11) or special (S-32)."""

    kind: str  # regular | emergency special | special
    number: int

    @property
    def designation(self) -> str:
        """As the UN's symbols write it: "75", "ES-11", "S-32"."""
        return {"regular": "", "emergency special": "ES-", "special": "S-"}[self.kind] + str(self.number)


@dataclass(frozen=True)
class AgendaItem:
    """ "Agenda item 128 (a)": item 128, sub-item "a"."""

    number: int
    sub_item: str | None


@dataclass(frozen=True)
class Subject:
    """A thesaurus term the record gives its resolution ("INTERNATIONAL COOPERATION", "UNBIS Thesaurus")."""

    term: str
    vocabulary: str


@dataclass(frozen=True)
class RecordSponsor:
    """A sponsor the record lists for the resolution's draft: a State (``key`` a State's key), or a group for
    which a State presented the draft (``key`` the group's key in ``kg.reference.groups``, ``presented_by``
    the State's); ``additional`` for a sponsor that joined later."""

    key: str
    printed: str
    additional: bool
    presented_by: str | None = None


@dataclass(frozen=True)
class ResolutionRecord:
    """One resolution as the UN's record gives it, with what unkg derives from it."""

    file: str
    line: int  # the line of the file (JSON Lines) that holds the record
    symbol: str  # "A/RES/75/240", "A/RES/ES-11/1", "A/RES/75/254 A-C"
    title: str
    session: Session
    regular_session: int  # the regular session in progress on the day of adoption (ES-11/1: 76)
    adopted: date | None
    date_as_printed: str
    meeting: int | None  # "3rd plenary meeting" -> 3
    meeting_record: str | None  # "A/75/PV.3" ("(Resumption 1)" left off)
    agenda_items: tuple[AgendaItem, ...]
    agenda_item_title: str
    committee: str | None  # "First Committee"; None: "Without reference to a Main Committee"
    report: str | None  # "A/75/414": the committee report the resolution was adopted on
    report_paragraph: str | None  # "8"
    drafts: tuple[str, ...]  # "A/75/L.5" (and its addendum A/75/L.5/Add.1) where adopted without a Main Committee
    recorded_vote: bool
    stated: dict[str, int]  # yes | no | abstain -> the stated total; empty for a resolution adopted without a vote
    votes: tuple[CastVote, ...]  # one per State listed (a State listed twice in one list: once)
    non_voting: tuple[str, ...]  # Members in no list, from membership on the date; empty when a check failed
    failures: tuple[str, ...]  # checks that failed: "A/RES/77/293: stated abstain=59, listed 58 (missing: 1)"
    sponsors: tuple[RecordSponsor, ...]
    subjects: tuple[Subject, ...]
    notes: tuple[str, ...]  # what the record says that unkg does not read: listed, never guessed


@dataclass(frozen=True)
class Repeat:
    """A record repeated in a file: kept once (the first), counted, and how the copies differ."""

    file: str
    symbol: str
    lines: tuple[int, ...]
    differing_fields: tuple[str, ...]


@dataclass(frozen=True)
class Difference:
    """A difference between two sources on one roll call: a State's position, or a total."""

    symbol: str
    rcid: int
    what: str  # "RUS: unvotes no, unxml yes"; "stated yes=141, unvotes lists 140"


@dataclass(frozen=True)
class UnxmlImport:
    """Everything read from one set of record files."""

    source: str  # the file names
    content_hash: str
    records: tuple[ResolutionRecord, ...]
    repeats: tuple[Repeat, ...]
    warnings: tuple[str, ...]  # sponsors' names that are no State's, fields not understood

    def recorded(self) -> list[ResolutionRecord]:
        return [r for r in self.records if r.recorded_vote]
