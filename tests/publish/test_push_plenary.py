"""The plenary record in the triple stores ``unkg push`` loads: with session 73 of the roll calls imported beside the
report A/73/505, the named queries of both stages give in the Oxigraph server and in Virtuoso 7 the rows they give in
unkg. Each server is started for this test alone, so that the other push tests see only the sample. (``plenary-agreement``
agrees too, but takes some 10 s a server; it was checked once by hand.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import UNVOTES_SESSION73, corpus
from kg import queries
from kg.pipeline.build import build, sample_path
from kg.publish.push import Target, push
from kg.pipeline.rollcalls import import_rollcalls
from kg.store import Store

from .publish_support import oxigraph, select, virtuoso

ASKED = [
    ("rollcalls", {"session": "73"}),
    ("plenary-votes", {"resolution": "A/RES/73/27"}),
    ("plenary-votes", {"rollcall": "6073"}),
    ("vote-shift", {"draft": "A/C.1/73/L.27/Rev.1"}),
    ("drafts", {}),
    ("votes", {"draft": "A/C.1/73/L.37"}),
    ("non-voting", {"draft": "A/C.1/73/L.37"}),
]
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?", re.IGNORECASE)


def _rows(columns: list[str], rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of text, numbers in one form (``139``, ``139.0`` and ``1.39E2`` are one number)."""
    def normal(value: str) -> str:
        return str(int(float(value))) if _NUMBER.fullmatch(value) else value
    return sorted(tuple(normal(row.get(c, "")) for c in columns) for row in rows)


@pytest.fixture(scope="module")
def plenary() -> Store:
    store = Store.open(None)
    build([sample_path()], store)
    import_rollcalls(corpus(*UNVOTES_SESSION73), store)
    return store


@pytest.mark.parametrize("server", [oxigraph, virtuoso], ids=["oxigraph_server", "virtuoso_server"])
def test_the_plenary_queries_agree(server, plenary, tmp_path):
    with server(tmp_path) as endpoints:
        target = Target(endpoints.store, query_url=endpoints.query if server is virtuoso else None)
        assert push(plenary, target).verified
        for name, params in ASKED:
            local_columns, local_rows = queries.run(plenary, name, params)
            columns, rows = select(endpoints.query, queries.bound(name, params))
            assert local_rows and columns == local_columns, name
            assert _rows(columns, rows) == _rows(local_columns, local_rows), (name, params)
