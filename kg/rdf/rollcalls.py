"""Roll-call records to N-Triples: the plenary record for its own named graph, and the adoption links.

At five million triples the plenary record is not built as an rdflib graph: its lines are written
straight as N-Triples text, for the store's bulk loader. Every IRI comes from ``kg.rdf.iris`` and
every term from the namespaces generated from the ontology, as in ``kg.rdf.mapping``; the mapping
never opens files (the caller writes the lines where it wants them).

>>> literal('He said "no"\\n'), literal("Taiwan", lang="en"), typed(73, XSD.integer)
('"He said \\\\"no\\\\"\\\\n"', '"Taiwan"@en', '"73"^^<http://www.w3.org/2001/XMLSchema#integer>')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg import symbols
from kg.model.rollcalls import Dataset, Link, RollCall, RollCallImport
from kg.rdf.iris import Minter
from kg.rdf.mapping import COUNT_CLASSES
from kg.rdf.namespace import OPENGOV, SCHEMA, UNKG

__all__ = ["rollcall_lines", "link_lines", "count_lines", "vote_lines", "literal", "typed", "ISSUE_SCHEME"]

ISSUE_SCHEME = "unvotes issues"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def literal(text: str, lang: str | None = None) -> str:
    """A string literal in N-Triples, escaped; with a language tag when ``lang`` is given."""
    body = '"' + _SPECIAL.sub(_escape, text) + '"'
    return body + "@" + lang if lang else body


def typed(value: object, datatype: URIRef) -> str:
    """A typed literal in N-Triples: ``typed(True, XSD.boolean)`` is ``"true"^^<…#boolean>``."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return literal(text) + f"^^<{datatype}>"


def _n(iri: URIRef | str) -> str:
    return f"<{iri}>"


# Predicates and classes as N-Triples terms, once.
A, LABEL, SEE_ALSO = _n(RDF.type), _n(RDFS.label), _n(RDFS.seeAlso)
VOTE_EVENT, VOTE, COUNT, ROLL_CALL = _n(OPENGOV.VoteEvent), _n(OPENGOV.Vote), _n(OPENGOV.Count), _n(UNKG.RollCall)
P_VOTE_EVENT, P_AGENT, P_OPTION, P_COUNT, P_VALUE, P_ADOPTED_AS = (
    _n(OPENGOV.voteEvent), _n(SCHEMA.agent), _n(SCHEMA.option), _n(OPENGOV["count"]), _n(RDF.value),
    _n(UNKG.adoptedAs))
# the 2014 Popolo draft's terms, deprecated in ontology 0.3.0 and written beside their replacements for one release
P_OLD_VOTER, P_OLD_OPTION, P_OLD_VALUE = _n(OPENGOV.voter), _n(OPENGOV.option), _n(OPENGOV.value)
PRINTED, DERIVED = _n(UNKG.nameAsPrinted), _n(PROV.wasDerivedFrom)
_OPTIONS = {option: literal(option) for option in ("yes", "no", "abstain", "non-voting")}
COUNT_TYPES = {option: _n(cls) for option, cls in COUNT_CLASSES.items()}


def count_lines(count: str, option: str, value: int) -> str:
    """The lines of one opengov:Count node: typed by its option, its total as rdf:value (and the deprecated
    opengov:option and opengov:value beside them)."""
    total = typed(value, XSD.integer)
    return (f"{count} {A} {COUNT} .\n{count} {A} {COUNT_TYPES[option]} .\n{count} {P_VALUE} {total} .\n"
            f"{count} {P_OLD_OPTION} {_OPTIONS[option]} .\n{count} {P_OLD_VALUE} {total} .")


def vote_lines(node: str, event: str, state: str, option: str, printed: str | None = None) -> str:
    """The lines of one opengov:Vote node (and the deprecated opengov:voter and opengov:option beside its
    schema:agent and schema:option); ``printed`` is the name's literal as printed, if any."""
    out = (f"{node} {A} {VOTE} .\n{node} {P_VOTE_EVENT} {event} .\n{node} {P_AGENT} {state} .\n"
           f"{node} {P_OPTION} {_OPTIONS[option]} .\n{node} {P_OLD_VOTER} {state} .\n"
           f"{node} {P_OLD_OPTION} {_OPTIONS[option]} .")
    return out + f"\n{node} {PRINTED} {printed} ." if printed is not None else out


class _Lines:
    """The lines of one graph, with the IRIs it mints."""

    def __init__(self, minter: Minter):
        self.iris = minter
        self.body = _n(minter.body("General Assembly"))
        self.documents: set[str] = set()
        self.printed: dict[str, str] = {}  # label -> its literal: some 200 labels for a million votes

    def document(self, symbol: str) -> Iterator[str]:
        """A General Assembly resolution, once per graph (and the whole text of a lettered part)."""
        node = _n(self.iris.document(symbol))
        if node in self.documents:
            return
        self.documents.add(node)
        yield f"{node} {A} {_n(UNKG.GeneralAssemblyResolution)} ."
        yield f"{node} {_n(DCTERMS.identifier)} {literal(symbol)} ."
        yield f"{node} {SEE_ALSO} {_n(symbols.undocs_url(symbol))} ."
        session = symbols.session(symbol)
        if session is not None:
            yield f"{node} {_n(UNKG.session)} {typed(session, XSD.integer)} ."
        if " " in symbol:  # "A/RES/51/45 A" is part A of A/RES/51/45
            whole = symbol.split(" ")[0]
            yield f"{node} {_n(DCTERMS.isPartOf)} {_n(self.iris.document(whole))} ."
            yield from self.document(whole)

    def rollcall(self, rc: RollCall, source: str, issues: dict[str, str]) -> Iterator[str]:
        ev = _n(self.iris.rollcall(rc.rcid))
        yield f"{ev} {A} {VOTE_EVENT} ."
        yield f"{ev} {A} {ROLL_CALL} ."
        yield f"{ev} {LABEL} {literal(f'roll call {rc.rcid} in plenary: {rc.symbol or rc.identifier or rc.title}', 'en')} ."
        yield f"{ev} {_n(UNKG.rollCallId)} {typed(rc.rcid, XSD.integer)} ."
        yield f"{ev} {_n(UNKG.session)} {typed(rc.session, XSD.integer)} ."
        yield f"{ev} {_n(UNKG.committee)} {self.body} ."
        yield f"{ev} {_n(UNKG.voteMethod)} {literal('recorded vote')} ."
        if rc.day_certain:
            yield f"{ev} {_n(DCTERMS.date)} {typed(rc.date_given.isoformat(), XSD.date)} ."
        else:
            yield f"{ev} {_n(DCTERMS.date)} {typed(rc.date_given.strftime('%Y-%m'), XSD.gYearMonth)} ."
            yield f"{ev} {_n(UNKG.dateAsGiven)} {typed(rc.date_given.isoformat(), XSD.date)} ."
        yield f"{ev} {_n(UNKG.symbolCertain)} {typed(rc.symbol is not None, XSD.boolean)} ."
        if rc.symbol and not (rc.amendment or rc.paragraph):  # "R/73/27" is A/RES/73/27, voted on as a whole
            yield f"{ev} {P_ADOPTED_AS} {_n(self.iris.document(rc.symbol))} ."
        else:  # "R/5/233A" is kept as given ("" where the data give nothing), as is the identifier of a vote on a part
            yield f"{ev} {_n(UNKG.identifierAsGiven)} {literal(rc.identifier)} ."
        if rc.symbol and (rc.amendment or rc.paragraph):  # a vote on an amendment to, or a paragraph of, A/RES/57/214
            yield f"{ev} {_n(UNKG.concernsResolution)} {_n(self.iris.document(rc.symbol))} ."
        if rc.symbol:
            yield from self.document(rc.symbol)
        if rc.title:
            yield f"{ev} {_n(DCTERMS.title)} {literal(rc.title, 'en')} ."
        if rc.description:
            yield f"{ev} {_n(DCTERMS.description)} {literal(rc.description, 'en')} ."
        if rc.agenda_item is not None:
            yield f"{ev} {_n(UNKG.agendaItem)} {typed(rc.agenda_item, XSD.integer)} ."
        if rc.agenda_item_title:
            yield f"{ev} {_n(UNKG.agendaItemTitle)} {literal(rc.agenda_item_title)} ."
        for prop, flag in ((UNKG.importantVote, rc.important), (UNKG.onAmendment, rc.amendment),
                           (UNKG.onParagraph, rc.paragraph)):
            if flag is not None:
                yield f"{ev} {_n(prop)} {typed(flag, XSD.boolean)} ."
        for code in rc.issues:
            yield f"{ev} {_n(UNKG.issue)} {issues[code]} ."
        yield f"{ev} {DERIVED} {source} ."
        for option, value in rc.totals().items():
            count = _n(self.iris.count(self.iris.rollcall(rc.rcid), option))
            yield f"{ev} {P_COUNT} {count} ."
            yield count_lines(count, option, value)
        prefix = str(self.iris.vote(self.iris.rollcall(rc.rcid), "KEY")).removesuffix("KEY")
        state = str(self.iris.state("KEY")).removesuffix("KEY")
        for v in rc.votes:
            node = f"<{prefix}{v.key}>"
            printed = self.printed.get(v.label) or self.printed.setdefault(v.label, literal(v.label))
            yield vote_lines(node, ev, f"<{state}{v.key}>", v.position, printed)
        for key in rc.non_voting:
            yield vote_lines(f"<{prefix}{key}>", ev, f"<{state}{key}>", "non-voting")


def _dataset(iris: Minter, dataset: Dataset) -> Iterator[str]:
    node = _n(iris.source_dataset(dataset.name))
    yield f"{node} {A} {_n(PROV.Entity)} ."
    yield f"{node} {_n(DCTERMS.title)} {literal(dataset.title, 'en')} ."
    yield f"{node} {SEE_ALSO} {_n(dataset.url)} ."
    yield f"{node} {_n(DCTERMS.license)} {_n(dataset.licence)} ."


def rollcall_lines(record: RollCallImport, dataset: Dataset, minter: Minter) -> Iterator[str]:
    """The N-Triples lines of the graph of one import (each item one line or several, without the last newline)."""
    lines = _Lines(minter)
    graph = _n(minter.rollcall_graph())
    source = _n(minter.source_dataset(dataset.name))
    yield f"{graph} {A} {_n(UNKG.SourceGraph)} ."
    yield f"{graph} {_n(UNKG.contentHash)} {literal(record.content_hash)} ."
    yield f"{graph} {_n(DCTERMS.source)} {literal(record.source)} ."
    yield f"{graph} {DERIVED} {source} ."
    yield from _dataset(minter, dataset)
    yield f"{lines.body} {A} {_n(UNKG.Body)} ."
    yield f"{lines.body} {LABEL} {literal('General Assembly', 'en')} ."
    scheme = _n(minter.concept_scheme(ISSUE_SCHEME))
    issues = {}
    if record.issues:
        yield f"{scheme} {A} {_n(SKOS.ConceptScheme)} ."
        yield f"{scheme} {_n(SKOS.prefLabel)} {literal('issue codes of the UN roll-call data (unvotes)', 'en')} ."
    for issue in record.issues:
        concept = issues[issue.code] = _n(minter.concept(ISSUE_SCHEME, issue.code))
        yield f"{concept} {A} {_n(SKOS.Concept)} ."
        yield f"{concept} {_n(SKOS.inScheme)} {scheme} ."
        yield f"{concept} {_n(SKOS.notation)} {literal(issue.code)} ."
        yield f"{concept} {_n(SKOS.prefLabel)} {literal(issue.label, 'en')} ."
        yield f"{scheme} {_n(SKOS.hasTopConcept)} {concept} ."
    for rc in record.roll_calls:
        yield from lines.rollcall(rc, source, issues)


def link_lines(links: Iterable[Link], minter: Minter) -> Iterator[str]:
    """The N-Triples lines of the adoption links: one node per finding, and the shortcut from draft to resolution."""
    for link in links:
        node = _n(minter.adoption_link(link.draft, link.method))
        draft, resolution = _n(minter.document(link.draft)), _n(minter.document(link.resolution))
        yield f"{node} {A} {_n(UNKG.AdoptionLink)} ."
        yield f"{node} {_n(UNKG.linkedDraft)} {draft} ."
        yield f"{node} {_n(UNKG.linkedResolution)} {resolution} ."
        yield f"{node} {_n(UNKG.linkMethod)} {literal(link.method)} ."
        yield f"{node} {DERIVED} {_n(minter.document(link.report))} ."
        rests_on = minter.rollcall(link.rcid) if link.rcid is not None else minter.document(link.resolution)
        yield f"{node} {DERIVED} {_n(rests_on)} ."
        yield f"{draft} {_n(UNKG.becameResolution)} {resolution} ."
