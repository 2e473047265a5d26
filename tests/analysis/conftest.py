"""Stores for the analysis tests: the bundled sample on disk (for the CLI and notebooks); the sample beside a
small synthetic plenary history in unkg's RDF shape, with planted blocs and moves (for drift); and the
sample beside the real plenary roll calls of sessions 70 to 74 (unvotes, from the corpus),
imported by ``kg.pipeline.rollcalls``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import UNVOTES_RDA, corpus
from kg.pipeline.build import build, load_register, sample_path
from kg.rdf.iris import Minter
from kg.reference.register import Register
from kg.store import Store

from .plenary_synthetic import GRAPH, Plenary, plenary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED = json.loads((FIXTURES / "documents" / "A_73_505" / "expected.json").read_text(encoding="utf-8"))
DRAFTS = {d["symbol"]: d for d in EXPECTED["drafts"]}
L27, L37 = "A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"

# the synthetic history: 40 states in 3 planted blocs, 8 sessions of 12 roll calls; two states move
SESSIONS = list(range(60, 68))
MOVES = {"S05": (63, 2), "S33": (65, 0)}
CERTAIN_FROM = 62  # the roll calls of sessions 60 and 61 have no motion (their symbol is uncertain)


def synthetic_states() -> list[str]:
    return [f"S{i:02d}" for i in range(40)]


def load_plenary(store: Store, **kwargs: object) -> Plenary:
    """Add the synthetic plenary roll calls to ``store`` (a named graph of their own)."""
    truth, lines = plenary(synthetic_states(), SESSIONS, 12, blocs=3, moves=MOVES, seed=5,
                           issues=("me", "nu", "hr"), certain_from=CERTAIN_FROM, **kwargs)  # type: ignore[arg-type]
    store.replace_graph(GRAPH, "\n".join(lines))
    return truth


@pytest.fixture(scope="session")
def plenary_store() -> tuple[Store, Plenary]:
    """The sample and the synthetic plenary history in one store in memory, with the planted truth."""
    store = Store.open(None)
    [result] = build([sample_path()], store)
    assert result.status == "read", result.error
    load_register(store, Minter("https://w3id.org/unkg/"), Register.load())
    return store, load_plenary(store)


REAL_SESSIONS = range(70, 75)


def import_real_plenary(store: Store) -> None:
    """The sample and the plenary roll calls of sessions 70 to 74 into ``store``."""
    from kg.pipeline import rollcalls

    [result] = build([sample_path()], store)
    assert result.status == "read", result.error
    rollcalls.import_rollcalls(corpus(*UNVOTES_RDA), store, sessions=REAL_SESSIONS)


@pytest.fixture(scope="session")
def real_plenary_store() -> Store:
    """The sample and the real plenary roll calls of sessions 70-74, in memory (tests must not change it)."""
    store = Store.open(None)
    import_real_plenary(store)
    return store
