"""Shared fixtures: the bundled sample read once, and a store built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build, sample_path
from kg.extract import extract
from kg.model.records import CommitteeReport
from kg.reference.register import Register
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def register() -> Register:
    return Register.load()


@pytest.fixture(scope="session")
def report(register: Register) -> CommitteeReport:
    return extract(sample_path(), register)


@pytest.fixture(scope="session")
def store() -> Store:
    """An in-memory store holding the graph of the bundled sample (tests must not change it)."""
    s = Store.open(None)
    [result] = build([sample_path()], s)
    assert result.status == "read", result.error
    return s
