"""Validate the store against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

import io
from dataclasses import dataclass

from kg.rdf import ontology
from kg.store import Store

__all__ = ["Validation", "validate"]


@dataclass(frozen=True)
class Validation:
    conforms: bool
    results: int
    text: str


def validate(store: Store) -> Validation:
    """The SHACL report of the union of all graphs in ``store``."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    buffer = io.BytesIO()
    store.dump(buffer, "nt")
    data = rdflib.Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    shapes = rdflib.Graph().parse(ontology.path("shapes.ttl"))
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    results = len(list(report.subjects(rdflib.RDF.type, SH.ValidationResult)))
    return Validation(bool(conforms), results, text)
