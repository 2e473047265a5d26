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
    "GroupRef",
    "GroupSponsorship",
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

    def __str__(self) -> str:
        """ "16 (a)", "35"."""
        return f"{self.number} ({self.sub_item})" if self.sub_item else str(self.number)


@dataclass(frozen=True)
class StateRef:
    """A state named in a document: the register key it resolved to and the name as printed."""

    key: str
    printed: str
    evidence: Evidence


@dataclass(frozen=True)
class GroupRef:
    """A group of states named in a document ("the Group of 77 and China"): its key in ``kg.reference.groups``,
    its short name and the words as printed."""

    key: str
    name: str
    printed: str
    evidence: Evidence


@dataclass(frozen=True)
class GroupSponsorship:
    """ "Iraq:*" with the footnote "* On behalf of ... the Group of 77 and China": the group sponsors the draft
    and the state presents it on the group's behalf (its members are not sponsors in its place)."""

    group: GroupRef
    presented_by: StateRef


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
    agenda_items: tuple[AgendaItem, ...]
    title: str | None  # None where the document prints no title of its own (a draft such as A/80/L.41)


@dataclass(frozen=True)
class Resolution(Heading):
    """A resolution of the General Assembly as published (A/RES/73/6): its heading and what it cites."""

    adopted: date | None
    drafts: tuple[str, ...]  # "(A/73/L.6 and A/73/L.6/Add.1)"
    committee: str | None  # "on the report of the First Committee"; None when not on a Committee's report
    committee_report: str | None  # "(A/73/505)"
    meeting: int | None  # "26th plenary meeting"
    citations: tuple[Citation, ...]
    evidence: Evidence
    warnings: tuple[ReaderWarning, ...] = ()
    # "[without reference to a Main Committee (...)]": True; "[on the report of ...]": False; None when the
    # heading's line was not understood (then a warning says so, and neither is stated)
    without_reference: bool | None = None
    paragraph: int | None = None  # "(A/80/555, para. 7)"
    meeting_resumed: bool = False  # "55th (resumed) plenary meeting"


@dataclass(frozen=True)
class DraftText(Heading):
    """A draft as a document of its own (A/C.2/80/L.10, A/80/L.7, A/L.632): where it was submitted, the
    sponsors its heading names (and the groups they act for), what it revises or amends, and what it cites."""

    kind: str  # "draft resolution" | "draft decision" | "amendment"
    date: date | None  # of issue ("Distr.: Limited 13 October 2025")
    sponsors: tuple[StateRef, ...]  # the states the heading lists, in the order printed
    citations: tuple[Citation, ...]
    evidence: Evidence
    warnings: tuple[ReaderWarning, ...] = ()
    body: str | None = None  # "Second Committee", or "General Assembly" for a plenary draft (A/80/L.7)
    groups: tuple[GroupSponsorship, ...] = ()  # "Iraq:*" + "* On behalf of ... the Group of 77 and China"
    submitted_by: str | None = None  # "Draft resolution submitted by the Vice-Chair of the Committee, ..."
    based_on: tuple[str, ...] = ()  # "on the basis of informal consultations on draft resolution A/C.2/80/L.21"
    revision_of: str | None = None  # A/C.3/80/L.20/Rev.1 revises A/C.3/80/L.20
    amends: str | None = None  # "amendment to draft resolution A/80/L.18"
    # "amendment to draft resolution 4 recommended by the Second Committee in its report contained in
    # document A/80/555": the report and the draft's place in it, where the draft has no symbol
    amends_recommended: tuple[str, str] | None = None


Document = CommitteeReport | Resolution | DraftText
