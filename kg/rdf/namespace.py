"""Namespaces generated from ``ontology/unkg.ttl`` by ``python -m kg.rdf.ontology``: do not edit."""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["UNKG", "OPENGOV", "SCHEMA"]


class UNKG(DefinedNamespace):
    """The unkg ontology (``ontology/unkg.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/unkg/ontology#")

    AdoptionLink: URIRef
    AgendaItem: URIRef
    Amendment: URIRef
    Body: URIRef
    BudgetStatement: URIRef
    Citation: URIRef
    Committee: URIRef
    CommitteeReport: URIRef
    Document: URIRef
    DraftDecision: URIRef
    DraftResolution: URIRef
    EconomicAndSocialCouncilResolution: URIRef
    Evidence: URIRef
    ExpertGroupReport: URIRef
    GeneralAssemblyDecision: URIRef
    GeneralAssemblyResolution: URIRef
    Group: URIRef
    GroupOfGovernmentalExperts: URIRef
    HumanRightsCouncilResolution: URIRef
    Meeting: URIRef
    MeetingRecord: URIRef
    MemberState: URIRef
    Norm: URIRef
    ObserverState: URIRef
    OfficialRecord: URIRef
    OpenEndedWorkingGroup: URIRef
    ReaderWarning: URIRef
    RollCall: URIRef
    SecurityCouncilResolution: URIRef
    SourceGraph: URIRef
    Sponsorship: URIRef
    SponsorshipRole: URIRef
    SponsorshipRoles: URIRef
    State: URIRef
    StatedIntention: URIRef
    SubsidiaryBody: URIRef
    admissionDate: URIRef
    adoptedAs: URIRef
    adoptedFrom: URIRef
    agendaItem: URIRef
    agendaItemTitle: URIRef
    amends: URIRef
    basedOn: URIRef
    bbox: URIRef
    becameResolution: URIRef
    beginsIn: URIRef
    citedDocument: URIRef
    citingDocument: URIRef
    committee: URIRef
    concernsDraft: URIRef
    concernsResolution: URIRef
    contentHash: URIRef
    dateAsGiven: URIRef
    describesDocument: URIRef
    establishedBy: URIRef
    evidence: URIRef
    failedCheck: URIRef
    footnote: URIRef
    fuzzyMatch: URIRef
    heldBy: URIRef
    identifierAsGiven: URIRef
    importantVote: URIRef
    inFile: URIRef
    intendedOption: URIRef
    intendingState: URIRef
    intentionAbout: URIRef
    iso3: URIRef
    issue: URIRef
    issuedAs: URIRef
    itemNumber: URIRef
    joinedLater: URIRef
    line: URIRef
    lineEnd: URIRef
    lineStart: URIRef
    linkMethod: URIRef
    linkedDraft: URIRef
    linkedResolution: URIRef
    m49: URIRef
    meeting: URIRef
    meetingNumber: URIRef
    meetingRecord: URIRef
    membershipEndDate: URIRef
    message: URIRef
    nameAsPrinted: URIRef
    namedInHeading: URIRef
    normNumber: URIRef
    notAfter: URIRef
    notBefore: URIRef
    onAgendaItem: URIRef
    onAmendment: URIRef
    onBehalfOf: URIRef
    onParagraph: URIRef
    onReportOf: URIRef
    page: URIRef
    placeInRecommendation: URIRef
    presentedBy: URIRef
    quote: URIRef
    readOutAt: URIRef
    readerWarning: URIRef
    recommendedIn: URIRef
    reportParagraph: URIRef
    reportsToSession: URIRef
    resultAsPrinted: URIRef
    resumedMeeting: URIRef
    revision: URIRef
    rollCallId: URIRef
    rule: URIRef
    session: URIRef
    sourceDocument: URIRef
    specialSession: URIRef
    sponsor: URIRef
    sponsoredBy: URIRef
    sponsoredDraft: URIRef
    sponsoredDraftOf: URIRef
    sponsorshipRole: URIRef
    subItem: URIRef
    submittedByOfficer: URIRef
    submitter: URIRef
    successorOf: URIRef
    supersedes: URIRef
    symbolCertain: URIRef
    text: URIRef
    voteMethod: URIRef


class OPENGOV(DefinedNamespace):
    """The terms of Popolo's vote vocabulary that unkg uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/opengov#")

    AbstainCount: URIRef
    Count: URIRef
    Fail: URIRef
    Motion: URIRef
    NoCount: URIRef
    Pass: URIRef
    Vote: URIRef
    VoteEvent: URIRef
    YesCount: URIRef
    count: URIRef
    motion: URIRef
    option: URIRef
    result: URIRef
    value: URIRef
    voteEvent: URIRef
    voter: URIRef


class SCHEMA(DefinedNamespace):
    """The terms of schema.org that unkg uses (``http:``, as Popolo writes them)."""

    _fail = True
    _NS = Namespace("http://schema.org/")

    Event: URIRef
    MediaObject: URIRef
    agent: URIRef
    encoding: URIRef
    encodingFormat: URIRef
    inLanguage: URIRef
    option: URIRef
    organizer: URIRef
    sha256: URIRef
