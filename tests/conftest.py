"""Shared fixtures: the bundled sample read once, a store built from it, and a headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import Browser, sync_playwright

from kg.pipeline.build import build, sample_path
from kg.extract import extract
from kg.model.records import CommitteeReport
from kg.reference.register import Register
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"  # Debian's package, which .ci/run installs; driven by Playwright
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]

# The default run tries 60 inputs per property; `--hypothesis-profile=fuzz` (tests/benchmarks/fuzz.sh) 5,000.
hypothesis_settings.register_profile("default", max_examples=60)
hypothesis_settings.register_profile("fuzz", max_examples=5000)
hypothesis_settings.load_profile("default")


@pytest.fixture(scope="session")
def register() -> Register:
    return Register.load()


@pytest.fixture(scope="session")
def report(register: Register) -> CommitteeReport:
    return extract(sample_path(), register)


@pytest.fixture(scope="session")
def full_store() -> Store:
    """An in-memory store of the full build: the bundled sample and every PDF of ``tests/fixtures/pdf`` (tests
    must not change it)."""
    s = Store.open(None)
    results = build([sample_path(), *sorted((FIXTURES / "pdf").glob("*.pdf"))], s)
    assert [r.status for r in results] == ["read"] * len(results), [r.error for r in results]
    return s


@pytest.fixture(scope="session")
def store() -> Store:
    """An in-memory store holding the graph of the bundled sample (tests must not change it)."""
    s = Store.open(None)
    [result] = build([sample_path()], s)
    assert result.status == "read", result.error
    return s


@pytest.fixture(scope="session")
def sample_disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample built into a store on disk; the path (tests must not change its graph)."""
    path = tmp_path_factory.mktemp("sample") / "store"
    store = Store.open(path)
    [result] = build([sample_path()], store)
    assert result.status == "read", result.error
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A headless Chromium for the tests of one module (the pages they open come from its own contexts)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()
