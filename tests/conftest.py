"""Shared fixtures: the bundled sample read once, a store built from it, a headless Chromium, and the corpus.

The corpus is the real UN material that other repositories published (``../shared/corpus`` beside the
project, with its ``SOURCES.md``): the project never commits it. ``--corpus DIR`` or ``UNKG_CORPUS`` says
where it is. A test that needs it asks ``corpus(...)`` for a path: under CI (``CI=true``) a missing corpus
fails the run; elsewhere such tests are skipped with one reason that says where the corpus was expected.
"""

from __future__ import annotations

import os
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
ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("UNKG_CORPUS") or ROOT.parent / "shared" / "corpus")
# the real PDFs that the PDF tests read: four 2018 resolutions and the scanned 1971 draft A/L.632
PDF_FILES = ("gateplugin-unga/A_RES_73_3-EN.pdf", "gateplugin-unga/A_RES_73_6-EN.pdf",
             "gateplugin-unga/A_RES_73_7-EN.pdf", "gateplugin-unga/A_RES_73_8-EN.pdf",
             "un-su/1971-09-29_A_L.632-EN.pdf")
# the unvotes tables: the whole record (.rda) and the derived session 73 (CSV)
UNVOTES_RDA = ("unvotes/un_roll_calls.rda", "unvotes/un_votes.rda", "unvotes/un_roll_call_issues.rda")
UNVOTES_SESSION73 = ("unvotes/derived_session73_roll_calls.csv", "unvotes/derived_session73_votes.csv")
CHROMIUM = "/usr/bin/chromium"  # Debian's package, which .ci/run installs; driven by Playwright
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]

# The default run tries 60 inputs per property; `--hypothesis-profile=fuzz` (tests/benchmarks/fuzz.sh) 5,000.
# No deadline per input: on a machine busy with other work an input may take any time; hangs are pytest-timeout's.
hypothesis_settings.register_profile("default", max_examples=60, deadline=None)
hypothesis_settings.register_profile("fuzz", max_examples=5000, deadline=None)
hypothesis_settings.load_profile("default")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--corpus", default=None,
                     help="the folder of real UN material (default: $UNKG_CORPUS, else ../shared/corpus)")


def pytest_configure(config: pytest.Config) -> None:
    global CORPUS
    if config.getoption("--corpus"):
        CORPUS = Path(config.getoption("--corpus")).resolve()
        os.environ["UNKG_CORPUS"] = str(CORPUS)


# The markers of pyproject.toml that a test gets from the fixtures it uses, so that `-m "not browser and not
# external and not java and not slow"` runs a quick subset; tests that use none of these carry their mark themselves.
MARKS_BY_FIXTURE = {"browser": "browser", "oxigraph_server": "external", "virtuoso_server": "external",
                    "real_plenary_store": "slow"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in MARKS_BY_FIXTURE:
                item.add_marker(MARKS_BY_FIXTURE[fixture])


def corpus(*names: str) -> list[Path]:
    """The corpus files named (paths inside the corpus folder), or the test is failed (CI) or skipped."""
    paths = [CORPUS / name for name in names]
    missing = [p for p in paths if not p.exists()]
    if missing:
        reason = f"the corpus is expected at {CORPUS} (--corpus DIR or UNKG_CORPUS)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: missing {missing[0]}")
        pytest.skip(reason)
    return paths


def corpus_pdf(name: str) -> Path:
    """One of the PDF tests' real PDFs by its file name (``A_RES_73_6-EN.pdf``)."""
    [path] = corpus(next(n for n in PDF_FILES if n.endswith("/" + name)))
    return path


@pytest.fixture(scope="session")
def register() -> Register:
    return Register.load()


@pytest.fixture(scope="session")
def report(register: Register) -> CommitteeReport:
    return extract(sample_path(), register)


@pytest.fixture(scope="session")
def full_store() -> Store:
    """An in-memory store of the full build: the bundled sample and the PDF tests' real PDFs of the corpus
    (tests must not change it)."""
    s = Store.open(None)
    results = build([sample_path(), *corpus(*PDF_FILES)], s)
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
