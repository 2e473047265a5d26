"""Records to triples: one report's facts into the graph of its own, the register into another.

The mapping never opens files; it mints every IRI through ``kg.rdf.iris`` and every term
through the namespaces generated from the ontology.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg import symbols
from kg.model.records import (AgendaItem, Citation, CommitteeReport, Document, DraftText, Evidence, GroupRef,
                              ReaderWarning, RecordedVote, Resolution, StateRef)
from kg.rdf.iris import Minter
from kg.rdf.namespace import OPENGOV, SCHEMA, UNKG
from kg.reference.register import Register

__all__ = ["map_document", "map_register", "DOCUMENT_CLASSES", "ROLES", "COUNT_CLASSES", "RESULTS", "bind_prefixes"]

DOCUMENT_CLASSES = {
    "ga-resolution": UNKG.GeneralAssemblyResolution,
    "ga-decision": UNKG.GeneralAssemblyDecision,
    "hrc-resolution": UNKG.HumanRightsCouncilResolution,
    "sc-resolution": UNKG.SecurityCouncilResolution,
    "ecosoc-resolution": UNKG.EconomicAndSocialCouncilResolution,
    "gge-report": UNKG.ExpertGroupReport,
    "official-record": UNKG.OfficialRecord,
    "meeting-record": UNKG.MeetingRecord,
    "document": UNKG.Document,
    "draft resolution": UNKG.DraftResolution,
    "draft decision": UNKG.DraftDecision,
    "amendment": UNKG.Amendment,
    "committee-report": UNKG.CommitteeReport,
}
ROLES = {"submitter": UNKG.submitter, "on-behalf-of": UNKG.onBehalfOf, "joined-later": UNKG.joinedLater}
FILE_FORMATS = {"pdf": "application/pdf", "txt": "text/plain"}  # the media types of the files read
# current Popolo types a count by its option, and names a vote event's result
COUNT_CLASSES = {"yes": OPENGOV.YesCount, "no": OPENGOV.NoCount, "abstain": OPENGOV.AbstainCount}
RESULTS = {"adopted": OPENGOV.Pass, "rejected": OPENGOV.Fail}
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in {"unkg": str(UNKG), "opengov": str(OPENGOV), "schema": str(SCHEMA._NS), "dcterms": str(DCTERMS),
                       "org": str(ORG),
                       "skos": str(SKOS), "owl": str(OWL), "prov": "http://www.w3.org/ns/prov#"}.items():
        graph.bind(prefix, ns)
    return graph


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _ORDINAL_SUFFIX.get(n % 10, 'th')}"


class _Mapper:
    def __init__(self, minter: Minter, record: Document):
        self.iris = minter
        self.session = record.session
        self.g = bind_prefixes(Graph())
        self.source = minter.document(record.symbol)
        graph_node = self.iris.graph(record.symbol)
        self.add(graph_node, RDF.type, UNKG.SourceGraph)
        self.add(graph_node, UNKG.describesDocument, self.source)
        self.add(graph_node, UNKG.contentHash, Literal(record.content_hash))
        self.add(graph_node, DCTERMS.source, Literal(record.source))
        # the file read: the evidence's pages, lines and boxes are in it (the reader reads English text only)
        self.file = self.iris.file(record.content_hash)
        self.add(self.file, RDF.type, SCHEMA.MediaObject)
        self.add(self.file, SCHEMA.sha256, Literal(record.content_hash))
        fmt = FILE_FORMATS.get(record.source.rsplit(".", 1)[-1].lower()) if "." in record.source else None
        self.add(self.file, SCHEMA.encodingFormat, Literal(fmt) if fmt else None)
        self.add(self.file, SCHEMA.inLanguage, Literal("en"))
        self.add(self.source, SCHEMA.encoding, self.file)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def evidence(self, node: URIRef, e: Evidence) -> None:
        ev = self.iris.evidence(e)
        self.add(node, UNKG.evidence, ev)
        if (ev, RDF.type, UNKG.Evidence) in self.g:
            return
        self.add(ev, RDF.type, UNKG.Evidence)
        self.add(ev, UNKG.sourceDocument, self.iris.document(e.document))
        self.add(ev, UNKG.inFile, self.file)
        self.add(ev, UNKG.lineStart, Literal(e.line_start))
        self.add(ev, UNKG.lineEnd, Literal(e.line_end))
        self.add(ev, UNKG.quote, Literal(e.quote))
        if e.page is not None:
            self.add(ev, UNKG.page, Literal(e.page))
        if e.bbox is not None:
            self.add(ev, UNKG.bbox, Literal(" ".join(f"{v:.1f}" for v in e.bbox)))
        if e.fuzzy:
            self.add(ev, UNKG.fuzzyMatch, Literal(True))

    def document(self, symbol: str, kind: str) -> URIRef:
        node = self.iris.document(symbol)
        # a kind the mapping has no class for (a cited "draft" whose kind, resolution or decision, is not
        # printed) is a document: never a class the text does not state
        self.add(node, RDF.type, DOCUMENT_CLASSES.get(kind, UNKG.Document))
        self.add(node, DCTERMS.identifier, Literal(symbol))
        self.add(node, RDFS.seeAlso, URIRef(symbols.undocs_url(symbol)))
        session = symbols.session(symbol)
        if session is not None:
            self.add(node, UNKG.session, Literal(session))
        if " " in symbol:  # "A/RES/43/78 H" is part H of A/RES/43/78
            whole = self.document(symbol.split(" ")[0], kind)
            self.add(node, DCTERMS.isPartOf, whole)
        return node

    def body(self, name: str) -> URIRef:
        node = self.iris.body(name)
        if name == "General Assembly":
            self.add(node, RDF.type, UNKG.Body)
        else:
            self.add(node, RDF.type, UNKG.Committee)
            self.add(node, ORG.subOrganizationOf, self.body("General Assembly"))
        self.add(node, RDFS.label, Literal(name, lang="en"))
        return node

    def meeting(self, body: str, number: int) -> URIRef:
        return self.iris.meeting(body, self.session, number)

    def state(self, ref: StateRef) -> URIRef:
        return self.iris.state(ref.key)

    def group(self, ref: GroupRef) -> URIRef:
        node = self.iris.group(ref.key)
        self.add(node, RDF.type, UNKG.Group)
        self.add(node, RDFS.label, Literal(ref.name, lang="en"))
        return node

    def agenda_items(self, node: URIRef, items: tuple[AgendaItem, ...]) -> None:
        for item in items:
            self.add(node, UNKG.agendaItem, Literal(item.number))
            agenda = self.iris.agenda_item(self.session, item.number, item.sub_item)
            self.add(node, UNKG.onAgendaItem, agenda)
            self.add(agenda, RDF.type, UNKG.AgendaItem)
            self.add(agenda, UNKG.session, Literal(self.session))
            self.add(agenda, UNKG.itemNumber, Literal(item.number))
            self.add(agenda, UNKG.subItem, Literal(item.sub_item) if item.sub_item else None)
            self.add(agenda, DCTERMS.title, Literal(item.title, lang="en") if item.title else None)

    def citations(self, citations: tuple[Citation, ...]) -> None:
        for c in citations:
            node = self.iris.citation(c.citing, c.cited)
            citing = self.iris.document(c.citing)
            cited = self.document(c.cited, c.kind)
            self.add(node, RDF.type, UNKG.Citation)
            self.add(node, UNKG.citingDocument, citing)
            self.add(node, UNKG.citedDocument, cited)
            self.add(node, UNKG.footnote, Literal(c.footnote) if c.footnote is not None else None)
            self.add(citing, DCTERMS.references, cited)
            self.add(cited, DCTERMS.date, Literal(c.date) if c.date else None)
            self.evidence(node, c.evidence)

    def warnings(self, symbol: str, warnings: tuple[ReaderWarning, ...]) -> None:
        """Each line the reader did not understand, linked from the document it is in."""
        for w in warnings:
            node = self.iris.warning(w)
            self.add(self.iris.document(symbol), UNKG.readerWarning, node)
            self.add(node, RDF.type, UNKG.ReaderWarning)
            self.add(node, UNKG.rule, Literal(w.rule))
            self.add(node, UNKG.message, Literal(w.message))
            self.add(node, UNKG.page, Literal(w.page) if w.page is not None else None)
            self.add(node, UNKG.line, Literal(w.line) if w.line is not None else None)
            self.add(node, UNKG.quote, Literal(w.quote) if w.quote else None)

    def resolution(self, r: Resolution) -> Graph:
        node = self.document(r.symbol, "ga-resolution")
        self.add(node, DCTERMS.title, Literal(r.title, lang="en"))
        self.add(node, DCTERMS.date, Literal(r.adopted) if r.adopted else None)
        self.agenda_items(node, r.agenda_items)
        for draft in r.drafts:
            self.add(node, UNKG.adoptedFrom, self.document(draft, "draft resolution" if symbols.kind(draft) == "draft"
                                                           else "document"))
        if r.committee_report:
            self.add(node, UNKG.onReportOf, self.document(r.committee_report, "committee-report"))
            if r.committee:
                self.add(node, UNKG.committee, self.body(r.committee))
            self.add(node, UNKG.reportParagraph, Literal(r.paragraph) if r.paragraph is not None else None)
        if r.meeting is not None:
            meeting = self.meeting("General Assembly", r.meeting)
            self.add(node, UNKG.meeting, meeting)
            self.add(meeting, RDF.type, UNKG.Meeting)
            self.add(meeting, UNKG.meetingNumber, Literal(r.meeting))
            self.add(meeting, UNKG.heldBy, self.body("General Assembly"))
            self.add(meeting, UNKG.session, Literal(r.session))
            if r.meeting_resumed:  # a resumed meeting sits on a later day than the meeting's first part
                self.add(node, UNKG.resumedMeeting, Literal(True))
            else:
                self.add(meeting, DCTERMS.date, Literal(r.adopted) if r.adopted else None)
            self.evidence(meeting, r.evidence)
        self.evidence(node, r.evidence)
        self.citations(r.citations)
        return self.g

    def draft(self, d: DraftText) -> Graph:
        node = self.document(d.symbol, d.kind)
        self.add(node, DCTERMS.title, Literal(d.title, lang="en") if d.title else None)
        self.add(node, DCTERMS.date, Literal(d.date) if d.date else None)
        self.add(node, UNKG.session, Literal(d.session))
        self.agenda_items(node, d.agenda_items)
        if d.body and d.body != "General Assembly":
            self.add(node, UNKG.committee, self.body(d.body))
        if d.revision_of:
            self.add(node, UNKG.revision, Literal(symbols.revision(d.symbol)))
            self.add(node, PROV.wasRevisionOf, self.document(d.revision_of, d.kind))
        if d.amends:
            self.add(node, UNKG.amends, self.document(d.amends, "draft resolution"))
        self.add(node, UNKG.submittedByOfficer, Literal(d.submitted_by) if d.submitted_by else None)
        for basis in d.based_on:
            self.add(node, UNKG.basedOn, self.document(basis, "draft resolution"))
        self.evidence(node, d.evidence)
        on_behalf = {g.presented_by.key: g for g in d.groups}
        for g in d.groups:
            # the group sponsors; the state that presents it acts on its behalf (its members are not listed)
            sponsorship = self.iris.sponsorship(d.symbol, f"group-{g.group.key}", "named-in-heading")
            self.add(sponsorship, RDF.type, UNKG.Sponsorship)
            self.add(sponsorship, UNKG.sponsor, self.group(g.group))
            self.add(sponsorship, UNKG.sponsoredDraft, node)
            self.add(sponsorship, UNKG.sponsorshipRole, UNKG.namedInHeading)
            self.add(sponsorship, UNKG.presentedBy, self.state(g.presented_by))
            self.add(sponsorship, UNKG.nameAsPrinted, Literal(g.group.printed))
            self.add(node, UNKG.sponsoredBy, self.iris.group(g.group.key))
            self.evidence(sponsorship, g.presented_by.evidence)
            self.evidence(sponsorship, g.group.evidence)
        for ref in d.sponsors:
            if ref.key in on_behalf:
                continue
            sponsorship = self.iris.sponsorship(d.symbol, ref.key, "named-in-heading")
            self.add(sponsorship, RDF.type, UNKG.Sponsorship)
            self.add(sponsorship, UNKG.sponsor, self.state(ref))
            self.add(sponsorship, UNKG.sponsoredDraft, node)
            self.add(sponsorship, UNKG.sponsorshipRole, UNKG.namedInHeading)
            self.add(sponsorship, UNKG.nameAsPrinted, Literal(ref.printed))
            self.add(node, UNKG.sponsoredBy, self.state(ref))
            self.evidence(sponsorship, ref.evidence)
        self.citations(d.citations)
        return self.g

    def report(self, r: CommitteeReport) -> Graph:
        report = self.document(r.symbol, "committee-report")
        committee = self.body(r.committee)
        self.add(report, UNKG.committee, committee)
        self.add(report, UNKG.agendaItemTitle, Literal(r.agenda_item_title))
        self.evidence(report, r.evidence)

        for m in r.meetings:
            node = self.meeting(m.body, m.number)
            self.add(node, RDF.type, UNKG.Meeting)
            self.add(node, RDFS.label, Literal(f"{_ordinal(m.number)} meeting of the {m.body}, session {m.session}",
                                               lang="en"))
            self.add(node, UNKG.meetingNumber, Literal(m.number))
            self.add(node, UNKG.heldBy, self.body(m.body))
            self.add(node, UNKG.session, Literal(m.session))
            self.add(node, DCTERMS.date, Literal(m.date) if m.date else None)
            self.add(node, UNKG.notBefore, Literal(m.not_before) if m.not_before else None)
            self.add(node, UNKG.notAfter, Literal(m.not_after) if m.not_after else None)
            if m.record:
                self.add(node, UNKG.meetingRecord, self.document(m.record, "meeting-record"))
            for e in m.evidence:
                self.evidence(node, e)

        for d in r.drafts:
            node = self.document(d.symbol, d.kind)
            self.add(node, DCTERMS.title, Literal(d.title, lang="en"))
            self.add(node, UNKG.committee, committee)
            if symbols.revision(d.symbol):
                self.add(node, UNKG.revision, Literal(symbols.revision(d.symbol)))
            if d.place:
                self.add(node, UNKG.recommendedIn, report)
                self.add(node, UNKG.placeInRecommendation, Literal(d.place))
            self.evidence(node, d.evidence)

        for s in r.sponsorships:
            node = self.iris.sponsorship(s.draft, s.sponsor.key, s.role)
            draft = self.iris.document(s.draft)
            self.add(node, RDF.type, UNKG.Sponsorship)
            self.add(node, UNKG.sponsor, self.state(s.sponsor))
            self.add(node, UNKG.sponsoredDraft, draft)
            self.add(node, UNKG.sponsorshipRole, ROLES[s.role])
            self.add(node, UNKG.nameAsPrinted, Literal(s.sponsor.printed))
            self.add(node, DCTERMS.date, Literal(s.date) if s.date else None)
            self.add(draft, UNKG.sponsoredBy, self.state(s.sponsor))
            self.evidence(node, s.sponsor.evidence)

        for b in r.budget_statements:
            what = b.document if b.form == "document" and b.document else f"meeting-{b.meeting}"
            node = self.iris.budget_statement(b.draft, b.form, what)
            self.add(node, RDF.type, UNKG.BudgetStatement)
            self.add(node, UNKG.concernsDraft, self.iris.document(b.draft))
            if b.document:
                self.add(node, UNKG.issuedAs, self.document(b.document, "document"))
            if b.form == "oral" and b.meeting is not None:
                self.add(node, UNKG.readOutAt, self.meeting(r.committee, b.meeting))
            if b.supersedes:
                self.add(node, UNKG.supersedes, self.iris.budget_statement(b.draft, "document", b.supersedes))
            self.add(node, DCTERMS.date, Literal(b.date) if b.date else None)
            self.evidence(node, b.evidence)

        for v in r.votes:
            self.vote(v)
        for i in r.intentions:
            event = self.iris.vote_event(r.committee, i.draft)
            node = self.iris.intention(event, i.state.key)
            self.add(node, RDF.type, UNKG.StatedIntention)
            self.add(node, UNKG.intentionAbout, event)
            self.add(node, UNKG.intendingState, self.state(i.state))
            self.add(node, UNKG.intendedOption, Literal(i.intended))
            self.add(node, UNKG.nameAsPrinted, Literal(i.state.printed))
            self.evidence(node, i.state.evidence)

        self.citations(r.citations)

        for body in r.bodies:
            node = self.iris.subsidiary_body(body.kind, body.established_by)
            cls = UNKG.OpenEndedWorkingGroup if body.kind == "open-ended working group" else UNKG.GroupOfGovernmentalExperts
            self.add(node, RDF.type, cls)
            self.add(node, RDFS.label, Literal(f"{body.kind} ({body.established_by})", lang="en"))
            self.add(node, UNKG.establishedBy, self.iris.document(body.established_by))
            self.add(node, UNKG.beginsIn, Literal(str(body.begins), datatype=XSD.gYear) if body.begins else None)
            self.add(node, UNKG.reportsToSession, Literal(body.reports_to_session) if body.reports_to_session else None)
            self.evidence(node, body.evidence)

        for n in r.norms:
            node = self.iris.norm(n.draft, n.number)
            self.add(node, RDF.type, UNKG.Norm)
            self.add(node, UNKG.normNumber, Literal(n.number))
            self.add(node, UNKG.text, Literal(n.text))
            self.add(node, DCTERMS.isPartOf, self.iris.document(n.draft))
            self.evidence(node, n.evidence)
        return self.g

    def vote(self, v: RecordedVote) -> None:
        event = self.iris.vote_event(v.body, v.draft)
        self.add(event, RDF.type, OPENGOV.VoteEvent)
        self.add(event, RDFS.label, Literal(f"{v.method} on {v.draft} in the {v.body}", lang="en"))
        self.add(event, OPENGOV.motion, self.iris.document(v.draft))
        self.add(event, UNKG.voteMethod, Literal(v.method))
        self.add(event, OPENGOV.result, RESULTS.get(v.outcome))
        self.add(event, UNKG.resultAsPrinted, Literal(v.outcome))
        self.add(event, UNKG.committee, self.body(v.body))
        self.add(event, DCTERMS.date, Literal(v.date) if v.date else None)
        if v.meeting is not None:
            self.add(event, UNKG.meeting, self.meeting(v.body, v.meeting))
        self.evidence(event, v.evidence)
        for option, value in v.stated.items():
            count = self.iris.count(event, option)
            self.add(event, OPENGOV.count, count)
            self.add(count, RDF.type, OPENGOV.Count)
            self.add(count, RDF.type, COUNT_CLASSES[option])
            self.add(count, RDF.value, Literal(value))
            self.add(count, OPENGOV.option, Literal(option))  # deprecated, written for one release
            self.add(count, OPENGOV.value, Literal(value))  # deprecated, written for one release
        for option, refs in v.lists.items():
            for ref in refs:
                node = self.state_vote(event, ref.key, option)
                self.add(node, UNKG.nameAsPrinted, Literal(ref.printed))
                self.evidence(node, ref.evidence)
        for key in v.non_voting:
            node = self.state_vote(event, key, "non-voting")
            for e in v.list_evidence.values():
                self.evidence(node, e)

    def state_vote(self, event: URIRef, key: str, option: str) -> URIRef:
        """The vote of State ``key`` in ``event``: its schema:agent and schema:option, and the deprecated
        opengov:voter and opengov:option beside them (written for one release)."""
        node, state = self.iris.vote(event, key), self.iris.state(key)
        self.add(node, RDF.type, OPENGOV.Vote)
        self.add(node, OPENGOV.voteEvent, event)
        self.add(node, SCHEMA.agent, state)
        self.add(node, SCHEMA.option, Literal(option))
        self.add(node, OPENGOV.voter, state)
        self.add(node, OPENGOV.option, Literal(option))
        return node


def map_document(record: Document, minter: Minter) -> Graph:
    """The triples of one document's records, for the named graph of its own."""
    mapper = _Mapper(minter, record)
    mapper.warnings(record.symbol, record.warnings)
    if isinstance(record, CommitteeReport):
        return mapper.report(record)
    if isinstance(record, Resolution):
        return mapper.resolution(record)
    return mapper.draft(record)


def map_register(register: Register, minter: Minter) -> Graph:
    """The states of the register: labels, names as printed, codes, Wikidata, membership of the United Nations.

    Membership is an ``org:Membership`` of the state in the United Nations, whose ``org:memberDuring`` interval
    begins on the day of admission and ends on the first day on which the state is no longer a Member (no end
    while it is one). ``unkg:admissionDate`` and ``unkg:membershipEndDate`` (deprecated in ontology 0.2.0) are still
    written, so that published queries keep working. Wikidata's item is a ``skos:exactMatch``: since ontology 0.3.0
    no longer an ``owl:sameAs``, which would make every Wikidata statement about the item one about the State.
    """
    g = bind_prefixes(Graph())
    g.bind("time", TIME)
    united_nations = minter.body("United Nations")
    g.add((united_nations, RDF.type, ORG.FormalOrganization))
    g.add((united_nations, RDFS.label, Literal("United Nations", lang="en")))
    for s in register.states.values():
        node = minter.state(s.key)
        g.add((node, RDF.type, UNKG.State))
        g.add((node, RDF.type, UNKG.ObserverState if s.status == "observer" else UNKG.MemberState))
        g.add((node, SKOS.prefLabel, Literal(s.un_name, lang="en")))
        g.add((node, RDFS.label, Literal(s.un_name, lang="en")))
        for name in sorted(register.names_of(s.key) - {s.un_name}):
            g.add((node, SKOS.altLabel, Literal(name, lang="en")))
        if s.iso3:
            g.add((node, UNKG.iso3, Literal(s.iso3)))
        if s.m49:
            g.add((node, UNKG.m49, Literal(s.m49)))
        if s.wikidata:
            wikidata = URIRef("http://www.wikidata.org/entity/" + s.wikidata)
            g.add((node, SKOS.exactMatch, wikidata))
        if s.admitted:
            g.add((node, UNKG.admissionDate, Literal(s.admitted)))
            membership = URIRef(f"{node}/membership")
            period = URIRef(f"{membership}/period")
            g.add((membership, RDF.type, ORG.Membership))
            g.add((membership, ORG.member, node))
            g.add((membership, ORG.organization, united_nations))
            g.add((membership, ORG.memberDuring, period))
            g.add((period, RDF.type, TIME.Interval))
            for end, day in ((TIME.hasBeginning, s.admitted), (TIME.hasEnd, s.ended)):
                if day is not None:
                    instant = URIRef(f"{membership}/{'admission' if end == TIME.hasBeginning else 'end'}")
                    g.add((period, end, instant))
                    g.add((instant, RDF.type, TIME.Instant))
                    g.add((instant, TIME.inXSDDate, Literal(day)))
        if s.ended:
            g.add((node, UNKG.membershipEndDate, Literal(s.ended)))
        if s.successor:
            g.add((minter.state(s.successor), UNKG.successorOf, node))
    return g
