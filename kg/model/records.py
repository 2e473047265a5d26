"""The facts a document states, as frozen records: plain data, no RDF.

Names follow the UN's own words: a draft is *submitted* on behalf of states that other states
*subsequently joined in sponsoring*; a recorded vote has lists *In favour*, *Against* and
*Abstaining*; a statement of *programme budget implications* may be *superseded* by an oral one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "POSITIONS",
    "Evidence",
    "ReaderWarning",
    "AgendaItem",
    "StateRef",
    "Meeting",
    "Draft",
    "Sponsorship",
    "BudgetStatement",
    "RecordedVote",
    "StatedIntention",
    "Citation",
    "Body",
    "Norm",
    "CommitteeReport",
    "Heading",
    "Resolution",
    "DraftText",
    "Document",
]

# The lists of a recorded vote, by their headings, and the position each records.
POSITIONS = {"In favour": "yes", "Against": "no", "Abstaining": "abstain"}


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the document's symbol, the lines (and page) and the text as printed."""

    document: str
    line_start: int
    line_end: int
    quote: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    fuzzy: bool = False


@dataclass(frozen=True)
class ReaderWarning:
    """A line the reader did not understand: the fact it would have stated is left out, and this says so."""

    document: str
    message: str
    rule: str
    page: int | None = None
    line: int | None = None
    quote: str = ""


@dataclass(frozen=True)
class AgendaItem:
    """An agenda item as the heading prints it: "Agenda item 16 (a)" and its title, where printed."""

    number: int
    sub_item: str | None = None  # "(a)" -> "a"
    title: str | None = None


@dataclass(frozen=True)
class StateRef:
    """A state named in a document: the register key it resolved to and the name as printed."""

    key: str
    printed: str
    evidence: Evidence


@dataclass(frozen=True)
class Meeting:
    """A numbered meeting of a body; its date exactly, or bounds when only a range of days is given."""

    body: str  # "First Committee", "General Assembly"
    number: int
    session: int
    date: date | None
    not_before: date | None
    not_after: date | None
    record: str | None  # symbol of its meeting record, as the document cites it
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Draft:
    symbol: str
    title: str
    kind: str  # "draft resolution" | "draft decision"
    place: str | None  # "draft resolution I" in the Committee's recommendation
    evidence: Evidence


@dataclass(frozen=True)
class Sponsorship:
    draft: str
    sponsor: StateRef
    role: str  # "submitter" | "on-behalf-of" | "joined-later"
    date: date | None


@dataclass(frozen=True)
class BudgetStatement:
    """A statement of programme budget implications of a draft, issued as a document or read out."""

    draft: str
    form: str  # "document" | "oral"
    document: str | None
    meeting: int | None
    date: date | None
    supersedes: str | None  # symbol of the document statement it superseded
    evidence: Evidence


@dataclass(frozen=True)
class RecordedVote:
    """ "adopted draft resolution X by a recorded vote of 109 to 45, with 16 abstentions" and its lists."""

    draft: str
    body: str
    meeting: int | None
    date: date | None
    method: str  # "recorded vote" | "non-recorded vote" | "without a vote"
    outcome: str  # "adopted" | "rejected"
    stated: dict[str, int]  # position -> stated total
    lists: dict[str, tuple[StateRef, ...]]  # position -> states as listed
    non_voting: tuple[str, ...]  # keys of member states in no list, from membership on the date
    evidence: Evidence
    stated_evidence: Evidence | None = None  # "by a recorded vote of 109 to 45, with 16 abstentions"
    list_evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class StatedIntention:
    """ "Subsequently the delegation of X indicated that it had intended to vote in favour"."""

    draft: str
    state: StateRef
    intended: str  # yes | no | abstain


@dataclass(frozen=True)
class Citation:
    citing: str
    cited: str
    kind: str  # ga-resolution, ga-decision, hrc-resolution, gge-report, official-record, meeting-record, document
    date: date | None  # the cited text's date as the citing text gives it
    footnote: int | None
    evidence: Evidence


@dataclass(frozen=True)
class Body:
    """A body a draft sets up: "an open-ended working group", "a group of governmental experts"."""

    kind: str  # "open-ended working group" | "group of governmental experts"
    established_by: str
    begins: int | None  # year
    reports_to_session: int | None
    evidence: Evidence


@dataclass(frozen=True)
class Norm:
    """A numbered rule, norm or principle in the text of a draft ("1.1. Consistent with ...")."""

    draft: str
    number: str
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class CommitteeReport:
    """Everything one report of a Main Committee states."""

    symbol: str
    source: str  # file name
    content_hash: str
    committee: str
    session: int
    agenda_item_title: str
    meetings: tuple[Meeting, ...]
    drafts: tuple[Draft, ...]
    sponsorships: tuple[Sponsorship, ...]
    budget_statements: tuple[BudgetStatement, ...]
    votes: tuple[RecordedVote, ...]
    intentions: tuple[StatedIntention, ...]
    citations: tuple[Citation, ...]
    bodies: tuple[Body, ...]
    norms: tuple[Norm, ...]
    evidence: Evidence
    warnings: tuple[ReaderWarning, ...] = ()


@dataclass(frozen=True)
class Heading:
    """What the heading of a resolution or a draft gives: symbol, session, agenda items, title."""

    symbol: str
    source: str  # file name
    content_hash: str
    session: int
    agenda_items: tuple[int, ...]
    title: str


@dataclass(frozen=True)
class Resolution(Heading):
    """A resolution of the General Assembly as published (A/RES/73/6): its heading and what it cites."""

    adopted: date | None
    drafts: tuple[str, ...]  # "(A/73/L.6 and A/73/L.6/Add.1)"
    committee: str | None  # "on the report of the First Committee"; None "without reference to a Main Committee"
    committee_report: str | None  # "(A/73/505)"
    meeting: int | None  # "26th plenary meeting"
    citations: tuple[Citation, ...]
    evidence: Evidence
    warnings: tuple[ReaderWarning, ...] = ()


@dataclass(frozen=True)
class DraftText(Heading):
    """A draft as a document of its own (A/L.632): the sponsors its heading names and what it cites."""

    kind: str  # "draft resolution" | "draft decision"
    date: date | None
    sponsors: tuple[StateRef, ...]
    citations: tuple[Citation, ...]
    evidence: Evidence
    warnings: tuple[ReaderWarning, ...] = ()


Document = CommitteeReport | Resolution | DraftText
