"""The committee report parser: a report of a Main Committee (A/73/505) into a ``CommitteeReport``.

A report has an Introduction (the agenda item, the meetings), one section per draft
("A. Draft resolution A/C.1/73/L.27/Rev.1": who submitted it, who joined later, budget
statements, the vote and its lists) and the Committee's recommendation with the full texts
("Draft resolution I"), whose preambles cite earlier texts and whose operative paragraphs
set up bodies. Each rule below quotes the sentence of the sample it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg import symbols
from kg.extract import citations as cite
from kg.errors import SourceError, UnresolvedName
from kg.extract.dates import DATE_RE, MONTHS, day_list, ordinal_words, parse_date
from kg.extract.layout import Footnote, Layout, Passage, Section, normalise_space
from kg.model.records import (
    POSITIONS,
    Body,
    BudgetStatement,
    CommitteeReport,
    Draft,
    Evidence,
    Meeting,
    Norm,
    RecordedVote,
    Sponsorship,
    StatedIntention,
    StateRef,
)
from kg.reference.register import Register

__all__ = ["parse_report", "is_committee_report"]

_SYM = symbols.SYMBOL_RE.pattern
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DAY = r"\d{1,2} " + _MONTH + r"(?: \d{4})?"
_ORD = r"(\d+)(?:st|nd|rd|th)"
_KIND = r"(draft resolution|draft decision)"

# "At its 1st meeting, on 4 October 2018" / "At its 3rd plenary meeting, on 21 September 2018" /
# "At the 31st meeting, on 8 November"
_ONE_MEETING = re.compile(r"\b[Aa]t (?:its|the) " + _ORD + r" (plenary )?meeting, on (" + _DAY + ")")
# "At its 2nd to 11th meetings, from 8 to 12 and from 15 to 18 October"
_MEETING_RANGE = re.compile(
    r"\b[Aa]t (?:its|the) " + _ORD + " to " + _ORD + r" meetings, ((?:on|from) [\d ,and to from]*?" + _MONTH + r"(?: \d{4})?)"
)
# "The Committee also held 15 meetings (11th to 25th), on 18 and 19, from 22 to 26 and from 29 to 31 October"
_MEETING_COUNT = re.compile(
    r"\b(\d+) meetings \(" + _ORD + " to " + _ORD + r"\), ((?:on|from) [\d ,and to from]*?" + _MONTH + r"(?: \d{4})?)"
)
# "On 8 November, the representative of the Russian Federation, on behalf of Algeria, ... and Zimbabwe,
# submitted a draft resolution entitled “Developments in ...” (A/C.1/73/L.27/Rev.1)."
_SUBMISSION = re.compile(
    r"On (" + _DAY + r"), the representative of (.+?)(?:, on behalf of (.+?))?, (submitted|introduced) "
    r"(?:a |the )?" + _KIND + r" entitled “(.+?)” \((" + _SYM + r")\)"
)
# "Subsequently, Guinea, Kyrgyzstan and Myanmar joined in sponsoring the draft resolution."
_JOINED = re.compile(r"Subsequently, (.+?),? joined in sponsoring the draft")
# "the Secretary of the Committee read out a statement by the Secretary-General concerning the financial
# implications of the draft resolution and reported that it superseded the statement of the programme budget
# implications of the draft resolution that had been issued as document A/C.1/73/L.71."
_ORAL_STATEMENT = re.compile(
    r"read out a statement by the Secretary-General concerning the (?:financial|programme budget) implications"
    r"[^.]*?(?:superseded the statement of the programme budget implications[^.]*?issued as document (" + _SYM + r"))?\."
)
# "a statement of the programme budget implications of the draft resolution had been issued as document A/C.1/73/L.72"
_DOCUMENT_STATEMENT = re.compile(
    r"(?<!superseded the )statement of the programme budget implications of the draft (?:resolution|decision) "
    r"had been issued as document (" + _SYM + ")"
)
# "At the same meeting, the Committee adopted draft resolution A/C.1/73/L.27/Rev.1 by a recorded vote of
# 109 to 45, with 16 abstentions (see para. 11, draft resolution I)."
_ACTION = re.compile(
    r"(?:At the same meeting|At (?:its|the) " + _ORD + r" meeting, on (" + _DAY + r")), the Committee (adopted|rejected) "
    + _KIND + r" (" + _SYM + r") (?:(by a recorded vote|by a vote) of (\d+|none) to (\d+|none), "
    r"with (\d+|no) abstentions?|(without a vote))(?: \(see para\. \d+, (draft (?:resolution|decision)(?: [IVX]+)?)\))?"
)
# "The voting was as follows: In favour: ... Against: ... Abstaining: ..."
_LIST = re.compile(r"(In favour|Against|Abstaining): (.*?)\.(?= (?:Against|Abstaining):|\s*\d+\. |\s*$)")
# "Subsequently the delegation of the Democratic Republic of Congo indicated that it had intended to vote
# in favour, and the delegations of Mozambique and Pakistan indicated that they had intended to abstain."
_INTENTION = re.compile(
    r"delegations? of (.+?) indicated that (?:it|they) had intended to (vote in favour|vote against|abstain)"
)
_INTENDED = {"vote in favour": "yes", "vote against": "no", "abstain": "abstain"}
# "Decides to convene, beginning in 2019, ..., an open-ended working group"; "a group of governmental
# experts, to be established in 2019"
_BODY = re.compile(r"\b(?:an|a) (open-ended working group|group of governmental experts)\b")
_BEGINS = re.compile(r"(?:beginning|established) in (\d{4})")
# "to submit a report on the results of the study to the General Assembly at its seventy-fifth session"
_REPORTS_TO = re.compile(r"submit a report[^;]*?at its ([a-z]+(?:-[a-z]+)?) session")
# " 1.1. Consistent with the purposes of the United Nations, ..."
_NORM = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2})\. ")
_OPERATIVE = re.compile(r"(?<![\d.])\d{1,2}\. (?=[A-Z])")
# "The item entitled “Developments in the field of ...” was included in the provisional agenda of the
# seventy-third session"
_ITEM = re.compile(r"The item entitled “(.+?)” was included in the provisional agenda of the ([a-z-]+) session")
_ALLOCATED = re.compile(r"allocate (?:it|the item) to the ((?:First|Second|Third|Fourth|Fifth|Sixth) Committee)")
_DRAFT_SECTION = re.compile(r"^[A-Z]\. (?:Consideration of )?" + _KIND + r" (" + _SYM + r")$", re.I)
_RECOMMENDED = re.compile(r"^Draft (resolution|decision)(?: ([IVX]+))?$")


def is_committee_report(layout: Layout) -> bool:
    """A committee report has a section "Consideration of proposals" or "Recommendation of the ... Committee"."""
    return any(
        re.match(r"[IVX]+\. (Consideration of proposals|Recommendations? of the \w+ Committee)", s.heading)
        for s in layout.sections
    )


@dataclass
class _Reader:
    layout: Layout
    symbol: str
    register: Register
    session: int
    meetings: dict[tuple[str, int], dict] = field(default_factory=dict)

    def evidence(self, passage: Passage, start: int, end: int) -> Evidence:
        return passage.evidence(self.symbol, start, end)

    def error(self, passage: Passage, at: int, message: str, rule: str) -> SourceError:
        if not passage.lines:  # a heading with nothing under it
            return SourceError(self.symbol, message, rule=rule)
        first, _, page = passage.where(at, at + 1)
        return SourceError(self.symbol, message, rule=rule, line=first, page=page)

    def day(self, text: str) -> date:
        m = DATE_RE.search(text)
        assert m is not None
        return parse_date(m.group(1), m.group(2), m.group(3), self.session)

    def states(self, passage: Passage, start: int, end: int, day: date | None) -> tuple[StateRef, ...]:
        """The states of a printed list at ``start:end`` of a passage, each with its own evidence."""
        text = passage.text[start:end]
        if text.strip() in ("None", "none"):
            return ()
        try:
            found = self.register.split(text, self.symbol, day)
        except UnresolvedName as exc:
            line, _, page = passage.where(start + (exc.at or 0), start + (exc.at or 0) + 1)
            raise UnresolvedName(self.symbol, exc.message, rule=exc.rule, line=line, page=page) from None
        return tuple(StateRef(f.key, f.printed, self.evidence(passage, start + f.start, start + f.end)) for f in found)

    # -- meetings -------------------------------------------------------------------------------
    def meeting(self, body: str, number: int, evidence: Evidence, *, exact: date | None = None,
                days: list[date] | None = None) -> None:
        entry = self.meetings.setdefault((body, number), {"exact": None, "lo": None, "hi": None, "evidence": []})
        entry["evidence"].append(evidence)
        if exact is not None:
            entry["exact"] = exact
        if days:
            entry["lo"] = max(filter(None, [entry["lo"], min(days)]))
            entry["hi"] = min(filter(None, [entry["hi"], max(days)]))

    def read_meetings(self, passage: Passage, committee: str) -> None:
        text = passage.text
        for m in _ONE_MEETING.finditer(text):
            body = "General Assembly" if m.group(2) else committee
            self.meeting(body, int(m.group(1)), self.evidence(passage, m.start(), m.end()), exact=self.day(m.group(3)))
        for m in _MEETING_RANGE.finditer(text):
            days = day_list(m.group(3), self.session)
            for n in range(int(m.group(1)), int(m.group(2)) + 1):
                self.meeting(committee, n, self.evidence(passage, m.start(), m.end()), days=days)
        for m in _MEETING_COUNT.finditer(text):
            first, last = int(m.group(2)), int(m.group(3))
            if last - first + 1 != int(m.group(1)):
                raise self.error(passage, m.start(), f"{m.group(1)} meetings stated, {first} to {last} listed",
                                 "meeting-count")
            days = day_list(m.group(4), self.session)
            for n in range(first, last + 1):
                self.meeting(committee, n, self.evidence(passage, m.start(), m.end()), days=days)

    def finished_meetings(self, records: dict[int, str]) -> tuple[Meeting, ...]:
        out = []
        for (body, number), e in sorted(self.meetings.items()):
            record = records.get(number) if body != "General Assembly" else None
            out.append(Meeting(body, number, self.session, e["exact"], e["lo"], e["hi"], record, tuple(e["evidence"])))
        return tuple(out)


def parse_report(layout: Layout, symbol: str, content_hash: str, register: Register) -> CommitteeReport:
    """Every fact of a committee report, with evidence; a broken rule raises ``SourceError``."""
    session = symbols.session(symbol)
    if session is None:
        raise SourceError(layout.name, f"no session in symbol {symbol!r}", rule="report-symbol")
    reader = _Reader(layout, symbol, register, session)
    intro = next((s for s in layout.sections if s.heading.endswith("Introduction")), None)
    if intro is None:
        raise SourceError(layout.name, "no section 'I. Introduction'", rule="report-structure")
    p = intro.passage
    item = _ITEM.search(p.text)
    if item is None:
        raise reader.error(p, 0, "no sentence 'The item entitled “…” was included in the provisional agenda'",
                           "agenda-item")
    if ordinal_words(item.group(2)) != session:
        raise reader.error(p, item.start(), f"the {item.group(2)} session is not session {session} of {symbol}",
                           "report-session")
    allocated = _ALLOCATED.search(p.text)
    committee = allocated.group(1) if allocated else symbols.committee(symbol) or ""
    recommendation = next((s for s in layout.sections if re.match(r"[IVX]+\. Recommendation", s.heading)), None)
    if not committee and recommendation:
        committee = re.sub(r".*of the ", "", recommendation.heading)
    if not committee:
        raise reader.error(p, 0, "the report does not name its Committee", "report-committee")
    reader.read_meetings(p, committee)
    citations = cite.numbered(p, symbol, symbol) + cite.through_footnotes(p, symbol, symbol)

    drafts: list[Draft] = []
    sponsorships: list[Sponsorship] = []
    budget: list[BudgetStatement] = []
    votes: list[RecordedVote] = []
    intentions: list[StatedIntention] = []
    places: dict[str, str] = {}
    for section in layout.sections:
        m = _DRAFT_SECTION.match(section.heading)
        if m:
            _read_draft_section(reader, section, committee, m.group(2), drafts, sponsorships, budget, votes,
                                intentions, places)

    bodies: list[Body] = []
    norms: list[Norm] = []
    titles: dict[str, str] = {}
    for section in layout.sections:
        m = _RECOMMENDED.match(section.heading)
        if not m:
            continue
        place = section.heading[0].lower() + section.heading[1:]
        draft = places.get(place)
        if draft is None:
            assert section.heading_line is not None
            raise SourceError(symbol, f"no draft was adopted as “{place}”", rule="recommended-draft",
                              line=section.heading_line.number, page=section.heading_line.page)
        text = section.passage.text
        opening = text.find("The General Assembly,")
        titles[draft] = normalise_space(text[:opening]) if opening > 0 else ""
        citations += cite.numbered(section.passage, draft, symbol)
        citations += cite.through_footnotes(section.passage, draft, symbol)
        bodies += _bodies(reader, section.passage, draft)
        norms += _norms(reader, section.passage, draft)

    drafts = [_with_place(d, places, titles, reader) for d in drafts]
    records = {
        int(c.cited.rsplit(".", 1)[1]): c.cited
        for c in citations
        if c.kind == "meeting-record" and c.cited.startswith(f"A/C.{_committee_number(committee)}/{session}/PV.")
    }
    first, last, page = intro.passage.where(item.start(), item.end())
    return CommitteeReport(
        symbol=symbol,
        source=layout.name,
        content_hash=content_hash,
        committee=committee,
        session=session,
        agenda_item_title=normalise_space(item.group(1)),
        meetings=reader.finished_meetings(records),
        drafts=tuple(drafts),
        sponsorships=tuple(sponsorships),
        budget_statements=tuple(budget),
        votes=tuple(votes),
        intentions=tuple(intentions),
        citations=tuple(citations),
        bodies=tuple(bodies),
        norms=tuple(norms),
        evidence=Evidence(symbol, first, last, item.group(0), page),
    )


def _committee_number(committee: str) -> int:
    order = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
    return order.index(committee.split()[0]) + 1 if committee.split()[0] in order else 0


def _with_place(draft: Draft, places: dict[str, str], titles: dict[str, str], reader: _Reader) -> Draft:
    place = next((p for p, d in places.items() if d == draft.symbol), None)
    recommended = titles.get(draft.symbol)
    if recommended and normalise_space(recommended) != normalise_space(draft.title):
        raise SourceError(reader.symbol, f"{draft.symbol} is entitled “{draft.title}” but recommended as "
                          f"“{recommended}”", rule="same-title", line=draft.evidence.line_start)
    return Draft(draft.symbol, draft.title, draft.kind, place, draft.evidence)


def _read_draft_section(reader: _Reader, section: Section, committee: str, symbol: str, drafts: list[Draft],
                        sponsorships: list[Sponsorship], budget: list[BudgetStatement],
                        votes: list[RecordedVote], intentions: list[StatedIntention], places: dict[str, str]) -> None:
    p = section.passage
    text = p.text
    reader.read_meetings(p, committee)
    sub = _SUBMISSION.search(text)
    if sub is None:
        raise reader.error(p, 0, f"no sentence 'On …, the representative of … submitted a draft … ({symbol})'",
                           "draft-submission")
    if symbols.normalise(sub.group(7)) != symbol:
        raise reader.error(p, sub.start(7), f"the section on {symbol} submits {sub.group(7)}", "draft-submission")
    submitted_on = reader.day(sub.group(1))
    drafts.append(Draft(symbol, normalise_space(sub.group(6)), sub.group(5), None,
                        reader.evidence(p, sub.start(), sub.end())))
    submitter = reader.states(p, sub.start(2), sub.end(2), submitted_on)
    sponsorships.extend(Sponsorship(symbol, s, "submitter", submitted_on) for s in submitter)
    if sub.group(3):
        sponsors = reader.states(p, sub.start(3), sub.end(3), submitted_on)
        sponsorships.extend(Sponsorship(symbol, s, "on-behalf-of", submitted_on) for s in sponsors)
    for joined in _JOINED.finditer(text, sub.end()):
        later = reader.states(p, joined.start(1), joined.end(1), submitted_on)
        sponsorships.extend(Sponsorship(symbol, s, "joined-later", None) for s in later)

    current_meeting: tuple[int | None, date | None] = (None, None)
    meeting_marks = [(m.start(), int(m.group(1)), reader.day(m.group(3))) for m in _ONE_MEETING.finditer(text)]

    def meeting_at(offset: int) -> tuple[int | None, date | None]:
        before = [(n, d) for at, n, d in meeting_marks if at < offset]
        return before[-1] if before else current_meeting

    for m in _ORAL_STATEMENT.finditer(text):
        number, day = meeting_at(m.start())
        superseded = symbols.normalise(m.group(1)) if m.group(1) else None
        if superseded:
            budget.append(BudgetStatement(symbol, "document", superseded, None, None, None,
                                          reader.evidence(p, m.start(1), m.end(1))))
        budget.append(BudgetStatement(symbol, "oral", None, number, day, superseded,
                                      reader.evidence(p, m.start(), m.end())))
    for m in _DOCUMENT_STATEMENT.finditer(text):
        number, day = meeting_at(m.start())
        budget.append(BudgetStatement(symbol, "document", symbols.normalise(m.group(1)), number, day, None,
                                      reader.evidence(p, m.start(), m.end())))

    for m in _ACTION.finditer(text):
        if symbols.normalise(m.group(5)) != symbol:
            raise reader.error(p, m.start(5), f"the section on {symbol} records action on {m.group(5)}",
                               "draft-action")
        if m.group(1):
            number, day = int(m.group(1)), reader.day(m.group(2))
        else:
            number, day = meeting_at(m.start())
        if m.group(11):
            places[m.group(11)] = symbol
        if m.group(10):
            method, stated = "without a vote", {}
        else:
            method = "recorded vote" if m.group(6) == "by a recorded vote" else "non-recorded vote"
            stated = {"yes": _count(m.group(7)), "no": _count(m.group(8)), "abstain": _count(m.group(9))}
        lists: dict[str, tuple[StateRef, ...]] = {}
        list_evidence: dict[str, Evidence] = {}
        intentions_for: list[Footnote] = []
        if method == "recorded vote":
            follows = text.find("The voting was as follows:", m.end())
            if follows < 0:
                raise reader.error(p, m.start(), f"recorded vote on {symbol} without 'The voting was as follows:'",
                                   "vote-lists")
            block_end = _next_paragraph(text, follows)
            for lm in _LIST.finditer(text, follows, block_end):
                position = POSITIONS[lm.group(1)]
                lists[position] = reader.states(p, lm.start(2), lm.end(2), day)
                list_evidence[position] = reader.evidence(p, lm.start(), lm.end())
            for position, heading in ((v, k) for k, v in POSITIONS.items()):
                if position not in lists and stated.get(position):
                    raise reader.error(p, follows, f"no list '{heading}:' for the recorded vote on {symbol}",
                                       "vote-lists")
                lists.setdefault(position, ())
            first_list = text.find("In favour:", follows)
            intentions_for = [mk.footnote for mk in p.markers_between(follows, first_list if first_list > 0 else follows)]
        listed = {ref.key for refs in lists.values() for ref in refs}
        non_voting = tuple(sorted(reader.register.members_on(day) - listed)) if day and lists else ()
        stated_evidence = reader.evidence(p, m.start(6), m.end(9)) if m.group(6) else None
        votes.append(RecordedVote(symbol, committee, number, day, method, m.group(3), stated, lists, non_voting,
                                  reader.evidence(p, m.start(), m.end()), stated_evidence, list_evidence))
        for note in intentions_for:
            intentions.extend(_intentions(reader, note, symbol, day))


def _next_paragraph(text: str, start: int) -> int:
    m = re.compile(r" \d{1,2}\. (?=[A-Z])").search(text, start)
    return m.start() if m else len(text)


def _count(word: str) -> int:
    return 0 if word in ("none", "no") else int(word)


def _intentions(reader: _Reader, note: Footnote, draft: str, day: date | None) -> list[StatedIntention]:
    out = []
    evidence = note.evidence(reader.symbol)
    for m in _INTENTION.finditer(note.text):
        for found in reader.register.split(m.group(1), reader.symbol, day, line=note.line_start):
            out.append(StatedIntention(draft, StateRef(found.key, found.printed, evidence), _INTENDED[m.group(2)]))
    return out


def _bodies(reader: _Reader, passage: Passage, draft: str) -> list[Body]:
    text = passage.text
    out = []
    seen = set()
    for m in _BODY.finditer(text):
        kind = m.group(1)
        if kind in seen:
            continue
        seen.add(kind)
        window = text[max(0, m.start() - 300): m.end() + 300]
        begins = _BEGINS.search(window)
        reports = _REPORTS_TO.search(text, m.end(), m.end() + 2000)
        end = reports.end() if reports else m.end()
        out.append(Body(kind, draft, int(begins.group(1)) if begins else None,
                        ordinal_words(reports.group(1)) if reports else None, reader.evidence(passage, m.start(), end)))
    return out


def _norms(reader: _Reader, passage: Passage, draft: str) -> list[Norm]:
    text = passage.text
    starts = list(_NORM.finditer(text))
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        operative = _OPERATIVE.search(text, m.end(), end)
        if operative:
            end = operative.start()
        body = text[m.end():end].strip()
        out.append(Norm(draft, m.group(1), body, reader.evidence(passage, m.start(), m.start() + len(text[m.start():end].rstrip()))))
    return out
