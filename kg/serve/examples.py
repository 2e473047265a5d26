"""The named queries' examples on the query page bound to values that the store holds, so that each one
answers rows when it is run as it opens; and the names of the states by their codes, for the result table.

For each parameter, candidate values are read from the graph (for a draft or a motion: those voted on in a
Committee first, then drafts with stated intentions, then the motions of any vote event; for a document: the
drafts whose sponsors two graphs give, such as a draft read and the UN's record of its resolution, then any
sponsored draft; the sessions with the fewest roll calls, the resolutions of roll calls); each named query is
then tried with its candidates, one after the other, and keeps the first that answers at least one row. A query that no candidate makes answer keeps its placeholders (``DRAFT``). This
runs once, in the background, when the server starts (on the full plenary history it takes seconds: the
queries are started, not read to their end).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pyoxigraph as ox

from kg.queries import NamedQuery
from kg.serve.pages import example_query
from kg.store import Store

__all__ = ["example_values", "state_names", "TRIES"]

TRIES = 12  # candidate values tried per query

_PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
"""
_CANDIDATES = {
    "draft": """SELECT ?v WHERE { { SELECT DISTINCT ?v (0 AS ?rank) WHERE {
                   ?e unkg:committee/a unkg:Committee ; opengov:motion/dcterms:identifier ?v } LIMIT 10 }
               UNION { SELECT DISTINCT ?v (1 AS ?rank) WHERE {
                   ?i unkg:intentionAbout/opengov:motion/dcterms:identifier ?v } LIMIT 5 }
               UNION { SELECT DISTINCT ?v (2 AS ?rank) WHERE { ?e opengov:motion/dcterms:identifier ?v } LIMIT 10 }
             } ORDER BY ?rank ?v""",
    # drafts with sponsorships in two graphs, found by counting graphs per draft (a join of the sponsorships of
    # two graphs on the draft took 2 s on the full plenary record, the count 16 ms)
    "document": """SELECT ?v WHERE { { SELECT ?v (0 AS ?rank) WHERE {
                      { SELECT ?d WHERE { { SELECT DISTINCT ?d ?g WHERE { GRAPH ?g { ?s unkg:sponsoredDraft ?d } } } }
                        GROUP BY ?d HAVING (COUNT(?g) > 1) LIMIT 10 }
                      ?d dcterms:identifier ?v } }
                  UNION { SELECT DISTINCT ?v (1 AS ?rank) WHERE { ?s unkg:sponsoredDraft/dcterms:identifier ?v } LIMIT 10 }
                } ORDER BY ?rank ?v""",
    "session": """SELECT ?v WHERE { { SELECT ?v (COUNT(?e) AS ?n) WHERE { ?e a unkg:RollCall ; unkg:session ?v }
                  GROUP BY ?v } } ORDER BY ?n ?v LIMIT 5""",
    "resolution": """SELECT DISTINCT ?v WHERE { ?e a unkg:RollCall ; unkg:adoptedAs/dcterms:identifier ?v } LIMIT 20""",
}


def _candidates(store: Store, param: str) -> list[str]:
    kind = "draft" if param.startswith("draft") or param == "motion" else param
    query = _CANDIDATES.get(kind)
    if query is None:
        return []
    values = [row["v"].value for row in store.query(_PREFIXES + query) if row["v"] is not None]  # type: ignore[union-attr]
    return list(dict.fromkeys(values))


def _choices(q: NamedQuery, found: dict[str, list[str]]) -> Iterator[dict[str, str]]:
    """Bindings to try: for one parameter, its candidates; for two drafts, pairs of different ones."""
    later = {p for group in q.choices for p in group[1:]}
    wanted = [p for p in q.params if p not in later]
    if not wanted or any(not found.get(p) for p in wanted):
        return
    if len(wanted) == 1:
        yield from ({wanted[0]: v} for v in found[wanted[0]])
        return
    for values in itertools.permutations(found[wanted[0]], len(wanted)):
        yield dict(zip(wanted, values, strict=True))


def _answers(store: Store, text: str) -> bool:
    try:
        result = store.query(text)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        return False
    return isinstance(result, ox.QuerySolutions) and next(iter(result), None) is not None


def example_values(store: Store, examples: list[NamedQuery]) -> dict[str, dict[str, str]]:
    """For each named query with parameters, values of them with which it answers rows (those found)."""
    found = {p: _candidates(store, p) for q in examples for p in q.params}
    out = {}
    for q in examples:
        for values in itertools.islice(_choices(q, found), TRIES):
            if _answers(store, example_query(q, values)):
                out[q.name] = values
                break
    return out


def state_names(store: Store) -> dict[str, str]:
    """Each state's name by its code (``unkg:iso3``), in English where the graph has several."""
    names: dict[str, str] = {}
    for row in store.query(_PREFIXES + """SELECT ?code ?name WHERE { ?s unkg:iso3 ?code ; skos:prefLabel ?name
                                          FILTER(LANG(?name) IN ("en", "")) } ORDER BY ?code ?name"""):
        names.setdefault(row["code"].value, row["name"].value)  # type: ignore[index, union-attr]
    return names
