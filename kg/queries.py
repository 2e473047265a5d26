"""The catalogue of named SPARQL queries (``queries/*.rq``), used by the CLI, the analysis and the endpoint.

Each file starts with ``#+ summary:`` (one or more lines) and ``#+ params:`` (the names of the
variables a caller must bind, as string literals: ``draft`` is a UN symbol).

>>> sorted(catalogue())[:3]
['citations', 'co-sponsors', 'drafts']
>>> catalogue()["votes"].params
('draft',)
"""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from importlib.resources import files

from kg.errors import UnknownQuery, UnkgError
from kg.store import Store

__all__ = ["NamedQuery", "catalogue", "run", "render"]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[str, ...]
    text: str


@functools.cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``)."""
    out = {}
    for entry in files("kg.catalogue").iterdir():
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        summary, params = [], ()
        for line in text.splitlines():
            if line.startswith("#+ summary:"):
                summary.append(line.removeprefix("#+ summary:").strip())
            elif line.startswith("#+ params:"):
                params = tuple(line.removeprefix("#+ params:").split())
        name = entry.name.removesuffix(".rq")
        out[name] = NamedQuery(name, " ".join(summary), params, text)
    return dict(sorted(out.items()))


def run(store: Store, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """The columns and rows of named query ``name`` with its parameters bound."""
    query = catalogue().get(name)
    if query is None:
        raise UnknownQuery(f"no named query {name!r}; known: {', '.join(catalogue())}")
    params = dict(params or {})
    missing = [p for p in query.params if p not in params]
    extra = [p for p in params if p not in query.params]
    if missing or extra:
        raise UnkgError(
            f"query {name!r} takes parameters ({', '.join(query.params) or 'none'})"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(extra)}" if extra else "")
        )
    return store.table(bind(query.text, params))


def bind(text: str, params: dict[str, str]) -> str:
    """The query with each parameter bound to a string literal by a VALUES block opening its WHERE.

    >>> bind('SELECT ?x WHERE { ?x ?p ?draft }', {"draft": 'A/C.1/73/L.37'})
    'SELECT ?x WHERE { VALUES (?draft) { ("A/C.1/73/L.37") } ?x ?p ?draft }'
    """
    if not params:
        return text
    names = " ".join(f"?{k}" for k in params)
    values = " ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in params.values())
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
