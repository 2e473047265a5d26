"""The ontology files shipped with the package, and the generator of ``kg.rdf.namespace`` from them.

Regenerate the namespace module after editing ``ontology/unkg.ttl``::

    python -m kg.rdf.ontology > kg/rdf/namespace.py
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

__all__ = ["ONTOLOGY_IRI", "path", "terms", "render_namespace", "context", "prefixes"]

ONTOLOGY_IRI = "https://w3id.org/unkg/ontology"
_NAMESPACES = {
    "UNKG": ("https://w3id.org/unkg/ontology#", "The unkg ontology (``ontology/unkg.ttl``)."),
    "OPENGOV": ("http://www.w3.org/ns/opengov#", "The terms of Popolo's vote vocabulary that unkg uses."),
    "SCHEMA": ("http://schema.org/", "The terms of schema.org that unkg uses (``http:``, as Popolo writes them)."),
}


def path(name: str) -> Path:
    """The path of a file of ``ontology/``: ``unkg.ttl``, ``shapes.ttl`` or ``context.jsonld``."""
    return Path(str(files("kg.ontology") / name))


@functools.cache
def context() -> dict[str, Any]:
    """The JSON-LD context of ``ontology/context.jsonld`` (the value of its ``@context``)."""
    return json.loads(path("context.jsonld").read_text(encoding="utf-8"))["@context"]


def prefixes() -> dict[str, str]:
    """The one prefix table of every serialisation: the vocabulary prefixes of the JSON-LD context.

    The data's own ``id:`` prefix is left out: its local parts hold slashes, which Turtle would escape.

    >>> prefixes()["unkg"], "id" in prefixes()
    ('https://w3id.org/unkg/ontology#', False)
    """
    return {name: value for name, value in context().items()
            if isinstance(value, str) and value.endswith(("#", "/")) and not name.startswith("@") and name != "id"}


def terms(namespace: str) -> list[str]:
    """The local names the ontology declares in ``namespace``."""
    import rdflib

    graph = rdflib.Graph().parse(path("unkg.ttl"))
    return sorted({str(s)[len(namespace):] for s in graph.subjects() if str(s).startswith(namespace)})


def render_namespace() -> str:
    """The source of ``kg/rdf/namespace.py``."""
    out = [
        '"""Namespaces generated from ``ontology/unkg.ttl`` by ``python -m kg.rdf.ontology``: do not edit."""',
        "",
        "from rdflib import URIRef",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "",
        '__all__ = ["UNKG", "OPENGOV", "SCHEMA"]',
    ]
    for name, (iri, doc) in _NAMESPACES.items():
        out += ["", "", f"class {name}(DefinedNamespace):", f'    """{doc}"""', "", "    _fail = True",
                f'    _NS = Namespace("{iri}")', ""]
        out += [f"    {term}: URIRef" for term in terms(iri)]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render_namespace(), end="")
