"""The UN's records of resolutions to N-Triples, for the named graph ``graph/unxml``.

Each record gives its resolution (the document node the document reader also mints for A/RES/80/…):
title, date, session, plenary meeting and its record, agenda items, the committee report and paragraph
or the draft it was adopted from, the record's sponsors of that draft and its thesaurus subjects as SKOS
concepts. A resolution adopted by recorded vote gets its roll call: the stated totals, one vote per State
listed, the Members in no list as non-voting, and every failed check. Where the roll-call dataset
(``graph/unvotes``) already holds the roll call on the same resolution (session 74), it is the same node:
this graph adds only its provenance and what the record says beyond the votes, so each roll call appears
once in the plenary record, with both sources as its provenance.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib.namespace import DCTERMS, ORG, SKOS, XSD

from kg import symbols
from kg.model.unxml import ResolutionRecord, UnxmlImport, UNXML
from kg.rdf.iris import Minter
from kg.reference.groups import Groups
from kg.rdf.namespace import UNKG
from kg.rdf.rollcalls import (A, DERIVED, LABEL, P_ADOPTED_AS, P_COUNT, PRINTED, ROLL_CALL, SEE_ALSO, VOTE_EVENT,
                              _dataset, _n, count_lines, literal, typed, vote_lines)

__all__ = ["record_lines"]

ROLES = {False: UNKG.namedInHeading, True: UNKG.joinedLater}
ROLE_SLUGS = {False: "named-in-heading", True: "joined-later"}
GROUPS = Groups.load()


class _Lines:
    def __init__(self, minter: Minter):
        self.iris = minter
        self.body = _n(minter.body("General Assembly"))
        self.source = _n(minter.source_dataset(UNXML.name))
        self.seen: set[str] = set()

    def once(self, node: str) -> bool:
        if node in self.seen:
            return False
        self.seen.add(node)
        return True

    def document(self, symbol: str, cls: str) -> tuple[str, list[str]]:
        node = _n(self.iris.document(symbol))
        out: list[str] = []
        if self.once(node):
            out += [f"{node} {A} {cls} .", f"{node} {_n(DCTERMS.identifier)} {literal(symbol)} .",
                    f"{node} {SEE_ALSO} {_n(symbols.undocs_url(symbol))} ."]
            session = symbols.session(symbol)
            if session is not None:
                out.append(f"{node} {_n(UNKG.session)} {typed(session, XSD.integer)} .")
            if " " in symbol:  # "A/RES/75/254 A-C" is part of A/RES/75/254
                whole, lines = self.document(symbol.split(" ")[0], cls)
                out += lines + [f"{node} {_n(DCTERMS.isPartOf)} {whole} ."]
        return node, out

    def concept(self, vocabulary: str, term: str) -> tuple[str, list[str]]:
        node = _n(self.iris.concept(vocabulary, term))
        out: list[str] = []
        scheme = _n(self.iris.concept_scheme(vocabulary))
        if self.once(scheme):
            out += [f"{scheme} {A} {_n(SKOS.ConceptScheme)} .",
                    f"{scheme} {_n(SKOS.prefLabel)} {literal(vocabulary, 'en')} ."]
        if self.once(node):
            out += [f"{node} {A} {_n(SKOS.Concept)} .", f"{node} {_n(SKOS.inScheme)} {scheme} .",
                    f"{node} {_n(SKOS.prefLabel)} {literal(term, 'en')} ."]
        return node, out

    def resolution(self, r: ResolutionRecord, rcid: int | None) -> Iterator[str]:
        res, lines = self.document(r.symbol, _n(UNKG.GeneralAssemblyResolution))
        yield from lines
        yield f"{res} {DERIVED} {self.source} ."
        if r.title:
            yield f"{res} {_n(DCTERMS.title)} {literal(r.title, 'en')} ."
        if r.adopted:
            yield f"{res} {_n(DCTERMS.date)} {typed(r.adopted.isoformat(), XSD.date)} ."
        if r.session.kind != "regular":
            yield f"{res} {_n(UNKG.specialSession)} {literal(r.session.designation)} ."
        meeting = None
        if r.meeting is not None:
            meeting = _n(self.iris.plenary_meeting(r.session.designation, r.meeting))
            yield f"{res} {_n(UNKG.meeting)} {meeting} ."
            if self.once(meeting):
                yield f"{meeting} {A} {_n(UNKG.Meeting)} ."
                yield f"{meeting} {_n(UNKG.meetingNumber)} {typed(r.meeting, XSD.integer)} ."
                yield f"{meeting} {_n(UNKG.heldBy)} {self.body} ."
                yield f"{meeting} {_n(UNKG.session)} {typed(r.regular_session, XSD.integer)} ."
                if r.session.kind != "regular":
                    yield f"{meeting} {_n(UNKG.specialSession)} {literal(r.session.designation)} ."
                if r.adopted:
                    yield f"{meeting} {_n(DCTERMS.date)} {typed(r.adopted.isoformat(), XSD.date)} ."
                if r.meeting_record:
                    record, lines = self.document(r.meeting_record, _n(UNKG.MeetingRecord))
                    yield from lines
                    yield f"{meeting} {_n(UNKG.meetingRecord)} {record} ."
        for item in r.agenda_items:
            yield f"{res} {_n(UNKG.agendaItem)} {typed(item.number, XSD.integer)} ."
        if r.agenda_item_title:
            yield f"{res} {_n(UNKG.agendaItemTitle)} {literal(r.agenda_item_title)} ."
        if r.committee:
            committee = _n(self.iris.body(r.committee))
            yield f"{res} {_n(UNKG.committee)} {committee} ."
            if self.once(committee):
                yield f"{committee} {A} {_n(UNKG.Committee)} ."
                yield f"{committee} {LABEL} {literal(r.committee, 'en')} ."
                yield f"{committee} {_n(ORG.subOrganizationOf)} {self.body} ."
        if r.report:
            report, lines = self.document(r.report, _n(UNKG.CommitteeReport))
            yield from lines
            yield f"{res} {_n(UNKG.onReportOf)} {report} ."
            if r.report_paragraph:
                yield f"{res} {_n(UNKG.reportParagraph)} {typed(int(r.report_paragraph), XSD.integer)} ."
        draft = next((d for d in r.drafts if "/Add." not in d), None)  # A/75/L.5/Add.1 lists later sponsors
        node = None
        if draft:
            node, lines = self.document(draft, _n(UNKG.DraftResolution))
            yield from lines
            yield f"{res} {_n(UNKG.adoptedFrom)} {node} ."
            yield f"{node} {_n(UNKG.becameResolution)} {res} ."
        yield from self.sponsorships(r, res, draft, node)
        subjects: set[str] = set()
        for subject in r.subjects:
            concept, lines = self.concept(subject.vocabulary, subject.term)
            yield from lines
            if concept not in subjects:  # "UNIVERSITY FOR PEACE" and "University for Peace" are one concept
                subjects.add(concept)
                yield f"{res} {_n(DCTERMS.subject)} {concept} ."
        if r.recorded_vote:
            yield from self.rollcall(r, res, meeting, rcid)

    def sponsorships(self, r: ResolutionRecord, res: str, draft: str | None, node: str | None) -> Iterator[str]:
        """The record's sponsors of the draft: of the draft itself where the record names it (adopted without
        reference to a Main Committee), else of the draft the resolution was adopted from
        (``unkg:sponsoredDraftOf`` the resolution), for the record gives a committee's report, not its draft."""
        by: set[str] = set()
        for s in r.sponsors:
            if s.presented_by:  # the group sponsors; the State presented the draft on its behalf
                sponsor, slug = _n(self.iris.group(s.key)), f"group-{s.key}"
                if self.once(sponsor):
                    yield f"{sponsor} {A} {_n(UNKG.Group)} ."
                    yield f"{sponsor} {LABEL} {literal(GROUPS.groups[s.key].name, 'en')} ."
            else:
                sponsor, slug = _n(self.iris.state(s.key)), s.key
            sponsorship = _n(self.iris.sponsorship(draft or r.symbol, slug, ROLE_SLUGS[s.additional]))
            yield f"{sponsorship} {A} {_n(UNKG.Sponsorship)} ."
            yield f"{sponsorship} {_n(UNKG.sponsor)} {sponsor} ."
            if node:
                yield f"{sponsorship} {_n(UNKG.sponsoredDraft)} {node} ."
            else:
                yield f"{sponsorship} {_n(UNKG.sponsoredDraftOf)} {res} ."
            yield f"{sponsorship} {_n(UNKG.sponsorshipRole)} {_n(ROLES[s.additional])} ."
            if s.presented_by:
                yield f"{sponsorship} {_n(UNKG.presentedBy)} {_n(self.iris.state(s.presented_by))} ."
            yield f"{sponsorship} {PRINTED} {literal(s.printed)} ."
            yield f"{sponsorship} {DERIVED} {self.source} ."
            if node and sponsor not in by:
                by.add(sponsor)
                yield f"{node} {_n(UNKG.sponsoredBy)} {sponsor} ."

    def rollcall(self, r: ResolutionRecord, res: str, meeting: str | None, rcid: int | None) -> Iterator[str]:
        event = self.iris.rollcall(rcid) if rcid is not None else self.iris.resolution_rollcall(r.symbol)
        ev = _n(event)
        yield f"{ev} {DERIVED} {self.source} ."
        if meeting:
            yield f"{ev} {_n(UNKG.meeting)} {meeting} ."
        for failure in r.failures:
            yield f"{ev} {_n(UNKG.failedCheck)} {literal(failure)} ."
        if rcid is not None:  # the roll-call dataset's graph holds the votes
            return
        yield f"{ev} {A} {VOTE_EVENT} ."
        yield f"{ev} {A} {ROLL_CALL} ."
        yield f"{ev} {LABEL} {literal(f'roll call in plenary: {r.symbol}', 'en')} ."
        yield f"{ev} {_n(UNKG.session)} {typed(r.regular_session, XSD.integer)} ."
        if r.session.kind != "regular":
            yield f"{ev} {_n(UNKG.specialSession)} {literal(r.session.designation)} ."
        yield f"{ev} {_n(UNKG.committee)} {self.body} ."
        yield f"{ev} {_n(UNKG.voteMethod)} {literal('recorded vote')} ."
        if r.adopted:
            yield f"{ev} {_n(DCTERMS.date)} {typed(r.adopted.isoformat(), XSD.date)} ."
        yield f"{ev} {_n(UNKG.symbolCertain)} {typed(True, XSD.boolean)} ."
        yield f"{ev} {P_ADOPTED_AS} {res} ."
        if r.title:
            yield f"{ev} {_n(DCTERMS.title)} {literal(r.title, 'en')} ."
        for item in r.agenda_items:
            yield f"{ev} {_n(UNKG.agendaItem)} {typed(item.number, XSD.integer)} ."
        if r.agenda_item_title:
            yield f"{ev} {_n(UNKG.agendaItemTitle)} {literal(r.agenda_item_title)} ."
        for option, value in r.stated.items():
            count = _n(self.iris.count(event, option))
            yield f"{ev} {P_COUNT} {count} ."
            yield count_lines(count, option, value)
        prefix = str(self.iris.vote(event, "KEY")).removesuffix("KEY")
        state = str(self.iris.state("KEY")).removesuffix("KEY")
        for v in r.votes:
            yield vote_lines(f"<{prefix}{v.key}>", ev, f"<{state}{v.key}>", v.position, literal(v.label))
        for key in r.non_voting:
            yield vote_lines(f"<{prefix}{key}>", ev, f"<{state}{key}>", "non-voting")


def record_lines(record: UnxmlImport, minter: Minter, joined: Mapping[str, int] = {}) -> Iterator[str]:
    """The N-Triples lines of the graph of one import of records (each item one line or several, without the last
    newline); ``joined`` maps a resolution's symbol to the roll call of the roll-call dataset on it."""
    lines = _Lines(minter)
    graph = _n(minter.records_graph())
    yield f"{graph} {A} {_n(UNKG.SourceGraph)} ."
    yield f"{graph} {_n(UNKG.contentHash)} {literal(record.content_hash)} ."
    yield f"{graph} {_n(DCTERMS.source)} {literal(record.source)} ."
    yield f"{graph} {DERIVED} {lines.source} ."
    yield from _dataset(minter, UNXML)
    yield f"{lines.body} {A} {_n(UNKG.Body)} ."
    yield f"{lines.body} {LABEL} {literal('General Assembly', 'en')} ."
    for r in record.records:
        yield from lines.resolution(r, joined.get(r.symbol) if r.recorded_vote else None)
