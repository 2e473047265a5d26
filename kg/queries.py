"""The catalogue of named SPARQL queries (``queries/*.rq``), used by the CLI, the analysis and the endpoint.

Each file starts with ``#+ summary:`` (one or more lines) and ``#+ params:`` (the names of the
variables a caller must bind, as string literals: ``draft`` is a UN symbol). A parameter written
``session:integer`` is bound as an ``xsd:integer``; parameters joined by ``|`` (``resolution|rollcall``)
are alternatives: the caller gives exactly one, and the others are bound to ``UNDEF``; each alternative
also binds ``?<name>_given`` to true or false, so that a query can tell which one was given: the patterns
that use a parameter bind it whether the caller did or not, and Virtuoso 7.2 answers no rows to a query that
copies it with ``BIND`` ahead of them.

>>> sorted(catalogue())[:3]
['adopted-from', 'citations', 'co-sponsors']
>>> catalogue()["votes"].params
('draft',)
>>> q = catalogue()["plenary-votes"]
>>> q.params, q.choices, q.types
(('resolution', 'rollcall'), (('resolution', 'rollcall'),), {'rollcall': 'integer'})
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
from dataclasses import dataclass, field
from importlib.resources import files

import pyoxigraph as ox

from kg.errors import UnknownQuery, UnkgError
from kg.store import Store

__all__ = ["NamedQuery", "catalogue", "run", "run_csv", "bound", "render", "SYMBOL_PARAMS", "unknown_symbols",
           "nearest_symbols"]

# the parameters that take a UN document symbol (A/C.1/73/L.37, A/RES/73/27)
SYMBOL_PARAMS = frozenset({"draft", "draft_a", "draft_b", "motion", "resolution"})


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[str, ...]
    text: str
    types: dict[str, str] = field(default_factory=dict)  # parameter -> XSD type other than string
    choices: tuple[tuple[str, ...], ...] = ()  # groups of alternative parameters: exactly one is given


_TYPES = {"integer": "http://www.w3.org/2001/XMLSchema#integer", "boolean": "http://www.w3.org/2001/XMLSchema#boolean"}


def _parse_params(header: str) -> tuple[tuple[str, ...], dict[str, str], tuple[tuple[str, ...], ...]]:
    # "#+ params: draft_a draft_b", "#+ params: session:integer", "#+ params: resolution|rollcall:integer"
    names: list[str] = []
    types: dict[str, str] = {}
    choices = []
    for token in header.split():
        group = []
        for member in token.split("|"):
            name, _, kind = member.partition(":")
            if kind:
                if kind not in _TYPES:
                    raise UnkgError(f"parameter {name}: unknown type {kind!r} (known: {', '.join(_TYPES)})")
                types[name] = kind
            group.append(name)
        names += group
        if len(group) > 1:
            choices.append(tuple(group))
    return tuple(names), types, tuple(choices)


@functools.cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``)."""
    out = {}
    for entry in files("kg.catalogue").iterdir():
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        summary: list[str] = []
        params: tuple[str, ...] = ()
        types: dict[str, str] = {}
        choices: tuple[tuple[str, ...], ...] = ()
        for line in text.splitlines():
            if line.startswith("#+ summary:"):
                summary.append(line.removeprefix("#+ summary:").strip())
            elif line.startswith("#+ params:"):
                params, types, choices = _parse_params(line.removeprefix("#+ params:"))
        name = entry.name.removesuffix(".rq")
        out[name] = NamedQuery(name, " ".join(summary), params, text, types, choices)
    return dict(sorted(out.items()))


def run(store: Store, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """The columns and rows of named query ``name`` with its parameters bound."""
    return store.table(bound(name, params))


def run_csv(store: Store, name: str, params: dict[str, str] | None = None) -> bytes:
    """The result of named query ``name`` as CSV (header row first), serialised by the engine itself.

    For millions of rows: no Python object per row (``run`` builds a dict for each). IRIs and literals
    come as their text, unbound values as empty fields, lines end with CRLF (RFC 4180).
    """
    result = store.query(bound(name, params))
    if not isinstance(result, ox.QuerySolutions):
        raise UnkgError(f"query {name!r} is not a SELECT query")
    return result.serialize(format=ox.QueryResultsFormat.CSV) or b""


def unknown_symbols(store: Store, params: dict[str, str]) -> dict[str, list[str]]:
    """The symbol parameters of ``params`` that name no document of ``store``, each with the nearest symbols
    it does know (query ``symbols``)."""
    given = {p: v for p, v in params.items() if p in SYMBOL_PARAMS}
    if not given:
        return {}
    known = [row["symbol"] for row in run(store, "symbols")[1]]
    present = set(known)
    return {p: nearest_symbols(v, known) for p, v in given.items() if v not in present}


def nearest_symbols(symbol: str, known: list[str], n: int = 5) -> list[str]:
    """The known symbols closest to ``symbol``: first those that end with it or contain it (a symbol written
    without its prefix), then the most alike.

    >>> nearest_symbols("L.37", ["A/73/505", "A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"])
    ['A/C.1/73/L.37']
    >>> nearest_symbols("A/C.1/73/L.38", ["A/73/505", "A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"])
    ['A/C.1/73/L.37', 'A/C.1/73/L.27/Rev.1']
    """
    wanted = symbol.strip().upper()
    ending = sorted((k for k in known if k.upper().endswith(wanted)), key=len)
    containing = sorted((k for k in known if wanted in k.upper() and k not in ending), key=len)
    alike = difflib.get_close_matches(wanted, [k.upper() for k in known], n=n, cutoff=0.6)
    by_upper = {k.upper(): k for k in known}
    out = ending + containing + [by_upper[a] for a in alike]
    return list(dict.fromkeys(out))[:n]


def bound(name: str, params: dict[str, str] | None = None) -> str:
    """The text of named query ``name`` with its parameters bound; an unknown name or parameter is an error."""
    query = catalogue().get(name)
    if query is None:
        raise UnknownQuery(f"no named query {name!r}; known: {', '.join(catalogue())}")
    params = dict(params or {})
    alternative = {p for group in query.choices for p in group}
    missing = [p for p in query.params if p not in params and p not in alternative]
    missing += [" or ".join(g) for g in query.choices if not any(p in params for p in g)]
    twice = [" and ".join(p for p in g if p in params) for g in query.choices if sum(p in params for p in g) > 1]
    extra = [p for p in params if p not in query.params]
    if missing or extra or twice:
        raise UnkgError(
            f"query {name!r} takes parameters ({', '.join(query.params) or 'none'})"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; give one of: {', '.join(twice)}" if twice else "")
            + (f"; unknown: {', '.join(extra)}" if extra else "")
        )
    values = {p: params.get(p) for p in query.params}
    given = {f"{p}_given": str(p in params).lower() for group in query.choices for p in group}
    return bind(query.text, values | given, query.types | dict.fromkeys(given, "boolean"))


def _literal(name: str, value: str | None, kind: str | None) -> str:
    if value is None:
        return "UNDEF"
    if kind == "integer":
        try:
            return f'"{int(value)}"^^<{_TYPES[kind]}>'
        except ValueError:
            raise UnkgError(f"parameter {name} takes an integer, not {value!r}") from None
    if kind == "boolean":
        if value not in ("true", "false"):
            raise UnkgError(f"parameter {name} takes true or false, not {value!r}")
        return f'"{value}"^^<{_TYPES[kind]}>'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bind(text: str, params: dict[str, str | None], types: dict[str, str] | None = None) -> str:
    """The query with each parameter bound by a VALUES block opening its WHERE: a string literal, a typed
    literal for a parameter of ``types``, ``UNDEF`` for a value of None (an alternative not given).

    >>> bind('SELECT ?x WHERE { ?x ?p ?draft }', {"draft": 'A/C.1/73/L.37'})
    'SELECT ?x WHERE { VALUES (?draft) { ("A/C.1/73/L.37") } ?x ?p ?draft }'
    >>> bind('SELECT ?x WHERE { ?x ?p ?s }', {"s": "73", "r": None}, {"s": "integer"})
    'SELECT ?x WHERE { VALUES (?s ?r) { ("73"^^<http://www.w3.org/2001/XMLSchema#integer> UNDEF) } ?x ?p ?s }'
    """
    if not params:
        return text
    names = " ".join(f"?{k}" for k in params)
    values = " ".join(_literal(k, v, (types or {}).get(k)) for k, v in params.items())
    head, sep, rest = text.partition("WHERE {")
    return f"{head}{sep} VALUES ({names}) {{ ({values}) }}{rest}"


def render(columns: list[str], rows: list[dict[str, str]], fmt: str) -> str:
    """Rows as ``csv`` (header row first), ``json`` (a list of objects) or an aligned ``table``."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[row.get(c, "") for c in columns] for row in rows])
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps([{c: row.get(c, "") for c in columns} for row in rows], ensure_ascii=False, indent=1) + "\n"
    widths = [max([len(c)] + [len(row.get(c, "")) for row in rows]) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(row.get(c, "").ljust(w) for c, w in zip(columns, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"
