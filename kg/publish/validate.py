"""Validate the store against the SHACL shapes of ``ontology/shapes.ttl``, naming the rule of every result.

Two engines read the same shapes:

* ``"oxigraph"`` (the default): each constraint of the shapes becomes one SPARQL query that Oxigraph runs
  over the union of the store's graphs, where the data already is. It handles the part of SHACL that
  ``shapes.ttl`` uses (targets by class, subject and object; ``minCount``, ``maxCount``, ``in``,
  ``datatype``, ``nodeKind``, ``class``, ``or`` of those, ``minInclusive``, ``pattern``, ``lessThanOrEquals``;
  SPARQL-based constraints; ``severity``) and refuses a shapes file with anything else, so that no
  constraint is skipped in silence. The data carries no ``rdfs:subClassOf`` (the ontology is not loaded into
  the store), so "instance of" is the asserted type, as for pySHACL without inference.
* ``"pyshacl"``: pySHACL over an rdflib copy of the store, the reference implementation. It needs the whole
  graph in memory as Python objects, which is impractical for the plenary record (millions of triples).

A result's rule is the IRI of the shape or constraint that failed (``sponsor-not-a-body-or-document``), or,
for an unnamed property shape, its node shape, path and constraint (``CountShape/opengov:option/in``).
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

from kg.rdf import ontology
from kg.store import Store

__all__ = ["Result", "Validation", "validate", "ENGINES"]

ENGINES = ("oxigraph", "pyshacl")
SHAPES = "https://w3id.org/unkg/shapes#"
_SH = "http://www.w3.org/ns/shacl#"
_PREFIXES = {"http://www.w3.org/ns/opengov#": "opengov:", "https://w3id.org/unkg/ontology#": "unkg:",
             "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/ns/prov#": "prov:"}


@dataclass(frozen=True, order=True)
class Result:
    severity: str  # "Violation" or "Warning"
    rule: str
    focus: str
    message: str


@dataclass(frozen=True)
class Validation:
    conforms: bool  # no violation (warnings do not count)
    results: int  # violations and warnings
    text: str
    findings: tuple[Result, ...] = ()

    @property
    def rules(self) -> set[str]:
        """The rules with at least one violation."""
        return {r.rule for r in self.findings if r.severity == "Violation"}

    @property
    def warnings(self) -> set[str]:
        """The rules with at least one warning."""
        return {r.rule for r in self.findings if r.severity == "Warning"}


def validate(store: Store, *, engine: str = "oxigraph") -> Validation:
    """The SHACL report of the union of all graphs in ``store``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}: one of {', '.join(ENGINES)}")
    findings = sorted(set(_oxigraph(store) if engine == "oxigraph" else _pyshacl(store)))
    violations = sum(r.severity == "Violation" for r in findings)
    lines = [f"SHACL validation ({engine}): {'conforms' if not violations else 'does not conform'}, "
             f"{violations} violations, {len(findings) - violations} warnings"]
    lines += [f"  [{r.severity}] {r.rule}: {r.message} (focus {r.focus})" for r in findings]
    return Validation(violations == 0, len(findings), "\n".join(lines), tuple(findings))


def _short(iri: str) -> str:
    for namespace, prefix in _PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return iri


@functools.cache
def _shapes():  # type: ignore[no-untyped-def]
    import rdflib

    return rdflib.Graph().parse(ontology.path("shapes.ttl"))


def _rule(shapes, constraint, shape, component: str) -> str:  # type: ignore[no-untyped-def]
    """The name of the rule: the constraint's or the shape's IRI, else node shape / path / component."""
    import rdflib

    sh = rdflib.Namespace(_SH)
    for node in (constraint, shape):
        if isinstance(node, rdflib.URIRef):
            return str(node).removeprefix(SHAPES)
    parent = shapes.value(None, sh.property, shape)
    path = shapes.value(shape, sh.path)
    return f"{str(parent).removeprefix(SHAPES)}/{_short(str(path))}/{component}"


def _severity(shapes, shape) -> str:  # type: ignore[no-untyped-def]
    import rdflib

    severity = shapes.value(shape, rdflib.URIRef(_SH + "severity"))
    return str(severity).removeprefix(_SH) if severity is not None else "Violation"


# --- pySHACL -----------------------------------------------------------------------------------------

def _pyshacl(store: Store) -> list[Result]:
    import pyshacl
    import rdflib

    sh = rdflib.Namespace(_SH)
    buffer = io.BytesIO()
    store.dump(buffer, "nt")
    data = rdflib.Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    shapes = _shapes()
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    out = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        component = str(report.value(node, sh.sourceConstraintComponent)).removeprefix(_SH)
        component = component[0].lower() + component[1:].removesuffix("ConstraintComponent")
        rule = _rule(shapes, report.value(node, sh.sourceConstraint), report.value(node, sh.sourceShape), component)
        out.append(Result(str(report.value(node, sh.resultSeverity)).removeprefix(_SH), rule,
                          str(report.value(node, sh.focusNode)), str(report.value(node, sh.resultMessage))))
    return out


# --- Oxigraph ----------------------------------------------------------------------------------------

_NODE_KEYS = {"type", "targetClass", "targetSubjectsOf", "targetObjectsOf", "property", "sparql", "severity",
              "label", "comment"}
_PROPERTY_KEYS = {"type", "path", "minCount", "maxCount", "in", "datatype", "nodeKind", "class", "or", "minInclusive",
                  "pattern", "lessThanOrEquals", "message", "severity"}


def _n3(term) -> str:  # type: ignore[no-untyped-def]
    return term.n3()


def _keys(shapes, node) -> set[str]:  # type: ignore[no-untyped-def]
    import rdflib

    return {str(p).removeprefix(_SH).removeprefix(str(rdflib.RDF)).removeprefix(str(rdflib.RDFS))
            for p in shapes.predicates(node, None)}


def _focus(shapes, shape) -> str:  # type: ignore[no-untyped-def]
    """A sub-select of the focus nodes of ``shape``, bound to ``?this``."""
    import rdflib

    sh = rdflib.Namespace(_SH)
    parts = [f"{{ ?this a {_n3(c)} }}" for c in sorted(shapes.objects(shape, sh.targetClass))]
    parts += [f"{{ ?this {_n3(p)} [] }}" for p in sorted(shapes.objects(shape, sh.targetSubjectsOf))]
    parts += [f"{{ [] {_n3(p)} ?this }}" for p in sorted(shapes.objects(shape, sh.targetObjectsOf))]
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _condition(shapes, shape, key: str, value) -> str:  # type: ignore[no-untyped-def]
    """A SPARQL expression true when ``?v`` satisfies one value constraint."""
    import rdflib

    if key == "in":
        return "(" + " || ".join(f"sameTerm(?v, {_n3(t)})" for t in rdflib.collection.Collection(shapes, value)) + ")"
    if key == "datatype":
        return f"(isLiteral(?v) && datatype(?v) = {_n3(value)})"
    if key == "nodeKind":
        return {"IRI": "isIRI(?v)", "BlankNodeOrIRI": "!isLiteral(?v)", "Literal": "isLiteral(?v)",
                "BlankNode": "isBlank(?v)"}[str(value).removeprefix(_SH)]
    if key == "class":
        return f"EXISTS {{ ?v a {_n3(value)} }}"
    if key == "minInclusive":
        return f"COALESCE(?v >= {_n3(value)}, false)"
    if key == "pattern":
        return f"REGEX(STR(?v), {_n3(rdflib.Literal(str(value)))})"
    if key == "or":
        options = []
        for member in rdflib.collection.Collection(shapes, value):
            [(k, v)] = [(k, shapes.value(member, rdflib.URIRef(_SH + k))) for k in _keys(shapes, member)]
            options.append(_condition(shapes, member, k, v))
        return "(" + " || ".join(options) + ")"
    raise ValueError(f"shapes.ttl: constraint sh:{key} is not supported by the Oxigraph engine")


def _property_queries(shapes, node, prop):  # type: ignore[no-untyped-def]
    """(component, query) for every constraint of one property shape; each query selects ?this (and ?v)."""
    import rdflib

    sh = rdflib.Namespace(_SH)
    unknown = _keys(shapes, prop) - _PROPERTY_KEYS
    path = shapes.value(prop, sh.path)
    if unknown or not isinstance(path, rdflib.URIRef):
        raise ValueError(f"shapes.ttl: property shape of {node} uses {sorted(unknown) or 'a complex path'}, "
                         "which the Oxigraph engine does not support")
    focus, p = _focus(shapes, node), _n3(path)
    low, high = shapes.value(prop, sh.minCount), shapes.value(prop, sh.maxCount)
    if low is not None or high is not None:
        having = " || ".join(([f"?n < {int(low)}"] if low is not None else [])
                             + ([f"?n > {int(high)}"] if high is not None else []))
        yield "count", (f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} "
                        f"OPTIONAL {{ ?this {p} ?v }} }} GROUP BY ?this }} FILTER ({having}) }}")
    for key in sorted(_keys(shapes, prop) & {"in", "datatype", "nodeKind", "class", "or", "minInclusive", "pattern"}):
        condition = _condition(shapes, prop, key, shapes.value(prop, rdflib.URIRef(_SH + key)))
        yield key, f"SELECT ?this ?v WHERE {{ {focus} ?this {p} ?v . FILTER (!({condition})) }}"
    other = shapes.value(prop, sh.lessThanOrEquals)
    if other is not None:
        yield "lessThanOrEquals", (f"SELECT ?this ?v WHERE {{ {focus} ?this {p} ?v . ?this {_n3(other)} ?w . "
                                   "FILTER (!COALESCE(?v <= ?w, false)) }")


def _sparql_query(shapes, node, constraint) -> str:  # type: ignore[no-untyped-def]
    """The constraint's SELECT with ``$this`` bound to the focus nodes of ``node``."""
    import rdflib

    sh = rdflib.Namespace(_SH)
    declared = [(str(shapes.value(d, sh.prefix)), str(shapes.value(d, sh.namespace)))
                for source in shapes.objects(constraint, sh.prefixes) for d in shapes.objects(source, sh.declare)]
    select = str(shapes.value(constraint, sh.select)).replace("$this", "?this")
    head, where, body = select.partition("WHERE {")
    if not where:
        raise ValueError(f"shapes.ttl: the SPARQL constraint of {node} has no 'WHERE {{'")
    prefixes = "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(declared))
    return f"{prefixes}{head}WHERE {{ {_focus(shapes, node)} {body}"


def _message(template: str, row: dict[str, str]) -> str:
    return re.sub(r"\{[?$](\w+)\}", lambda m: row.get(m.group(1), m.group(0)), template)


def _oxigraph(store: Store) -> list[Result]:
    import rdflib

    sh = rdflib.Namespace(_SH)
    shapes = _shapes()
    out = []
    for node in sorted(set(shapes.subjects(rdflib.RDF.type, sh.NodeShape))):
        unknown = _keys(shapes, node) - _NODE_KEYS
        if unknown:
            raise ValueError(f"shapes.ttl: {node} uses {sorted(unknown)}, which the Oxigraph engine does not support")
        for prop in shapes.objects(node, sh.property):
            message = str(shapes.value(prop, sh.message))
            severity = _severity(shapes, prop) if (prop, sh.severity, None) in shapes else _severity(shapes, node)
            low = shapes.value(prop, sh.minCount)
            for component, query in _property_queries(shapes, node, prop):
                for row in store.select(query):
                    failed = component
                    if component == "count":
                        failed = "minCount" if low is not None and int(row["n"]) < int(low) else "maxCount"
                    out.append(Result(severity, _rule(shapes, None, prop, failed), row["this"], message))
        for constraint in shapes.objects(node, sh.sparql):
            template = str(shapes.value(constraint, sh.message))
            rule = _rule(shapes, constraint, node, "sparql")
            for row in store.select(_sparql_query(shapes, node, constraint)):
                out.append(Result(_severity(shapes, node), rule, row["this"], _message(template, row)))
    return out
