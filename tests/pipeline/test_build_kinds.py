"""A folder of a session's documents: other kinds are skipped by name, a draft that cannot be read fails
with its page, line and rule, an unexpected error is one document's failure (in this process and in
worker processes), and the rest of the folder lands; readers' warnings reach the graph and the summary."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

import kg.extract
import kg.pipeline.build
from conftest import corpus
from kg import queries
from kg.cli import main
from kg.extract import other_kind, read_layout
from kg.model.records import ReaderWarning
from kg.pipeline.build import build, collect
from kg.store import Store

S80 = "ga-session-80"
# A/C.2/80/L.1: "Organization of work of the Second Committee" / "Note by the Secretariat";
# A/C.5/80/L.1: "Status of preparedness of documentation ..." / "Note by the Secretariat"
NOTES = {"A_C.2_80_L.1.pdf": "programme of work", "A_C.5_80_L.1.pdf": "note"}
RESOLUTION = "A_RES_80_10.pdf"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Two notes and a resolution of the eightieth session, and a draft whose heading is not a draft's."""
    out = tmp_path_factory.mktemp("s80")
    for name in (f"{S80}/A_C.2_80/A_C.2_80_L.1.pdf", f"{S80}/A_C.5_80/A_C.5_80_L.1.pdf", f"{S80}/A_RES_80/{RESOLUTION}"):
        [path] = corpus(name)
        shutil.copy(path, out / path.name)
    (out / "A_C.3_80_L.99.txt").write_text(
        "A/C.3/80/L.99\n\nEightieth session\n\nThird Committee\n\nMinutes of a meeting of the Bureau\n\n"
        "Nothing here is a draft.\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("name, kind", sorted(NOTES.items()))
def test_notes_are_known_by_their_heading(name, kind):
    [path] = corpus(f"{S80}/{name.rsplit('_', 1)[0]}/{name}")
    assert other_kind(read_layout(path))[0] == kind


def test_drafts_and_resolutions_are_not_taken_for_other_kinds():
    # A/C.5/80/L.4: "Draft resolution submitted by the Chair of the Committee following informal consultations"
    # A/C.3/80/L.24: agenda item "Report of the Human Rights Council"
    for name in (f"{S80}/A_C.5_80/A_C.5_80_L.4.pdf", f"{S80}/A_C.3_80/A_C.3_80_L.24.pdf", f"{S80}/A_RES_80/{RESOLUTION}"):
        [path] = corpus(name)
        assert other_kind(read_layout(path)) is None, name


def test_other_kinds_are_skipped_a_bad_draft_fails_and_the_rest_lands(folder):
    store = Store.open(None)
    results = {r.path.name: r for r in build(collect([folder]), store, workers=1)}
    for name, kind in NOTES.items():
        assert (results[name].status, results[name].kind) == ("skipped", kind)
    assert "A/C.2/80/L.1 is a programme of work (“Organization of work of the Second Committee”)" in \
        results["A_C.2_80_L.1.pdf"].error
    bad = results["A_C.3_80_L.99.txt"]
    assert (bad.status, bad.kind) == ("failed", "draft")
    assert bad.error.startswith("A/C.3/80/L.99, page 1, line 1: the symbol names a draft")
    assert bad.error.endswith("[rule: known-document-kind]")
    assert (results[RESOLUTION].status, results[RESOLUTION].kind) == ("read", "resolution")
    # the resolution's graph, the link to the plenary draft its heading names (A/80/L.11), the register
    assert store.graphs() == ["https://w3id.org/unkg/graph/A/RES/80/10", "https://w3id.org/unkg/graph/links",
                              "https://w3id.org/unkg/graph/register"]


def test_summary_counts_by_kind_and_exit_status(folder, tmp_path, capsys):
    # skipped documents do not fail the run
    quiet = tmp_path / "quiet"
    quiet.mkdir()
    for name in [*NOTES, RESOLUTION]:
        shutil.copy(folder / name, quiet / name)
    assert main(["build", str(quiet), "--store", ":memory:", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 read, 0 unchanged, 2 skipped (a kind unkg does not read), 0 failed" in out
    assert "  note: 1 skipped" in out and "  programme of work: 1 skipped" in out and "  resolution: 1 read" in out
    assert "SKIPPED A_C.5_80_L.1.pdf: A/C.5/80/L.1 is a note (“Note by the Secretariat”)" in out
    # a draft that cannot be read does
    assert main(["build", str(folder), "--store", ":memory:", "--workers", "1"]) == 1
    out = capsys.readouterr().out
    assert "  draft: 1 failed" in out and "FAILED A_C.3_80_L.99.txt: A/C.3/80/L.99, page 1, line 1:" in out


def _boom(*args, **kwargs):
    raise KeyError("draft")


@pytest.mark.parametrize("workers", [1, 2])
def test_an_unexpected_error_in_a_parser_is_that_documents_failure(folder, monkeypatch, workers):
    recognise, _ = kg.extract.KINDS["resolution"]
    monkeypatch.setitem(kg.extract.KINDS, "resolution", (recognise, _boom))  # the workers are forked with it
    store = Store.open(None)
    results = {r.path.name: r for r in build(collect([folder]), store, workers=workers)}
    failed = results[RESOLUTION]
    assert (failed.status, failed.kind) == ("failed", "resolution")
    assert failed.error.startswith(f"{RESOLUTION}: KeyError: 'draft' (at test_build_kinds.py:")
    assert failed.error.endswith("[rule: internal-error]")
    assert {results[n].status for n in NOTES} == {"skipped"}
    assert store.graphs() == ["https://w3id.org/unkg/graph/register"]


def test_an_unexpected_error_in_the_mapping_leaves_the_store_untouched(folder, monkeypatch):
    store = Store.open(None)
    build([folder / RESOLUTION], store, workers=1)
    before = store.count()
    monkeypatch.setattr(kg.pipeline.build, "map_document", _boom)
    [result] = build([folder / RESOLUTION], store, workers=1, force=True)
    assert result.status == "failed" and "KeyError: 'draft'" in result.error and "[rule: internal-error]" in result.error
    assert store.count() == before


def test_an_ended_worker_is_that_documents_failure(folder, monkeypatch):
    import os

    def ends(*args, **kwargs):
        os._exit(3)  # a worker that dies, as a crash in a PDF library would end it

    recognise, _ = kg.extract.KINDS["resolution"]
    monkeypatch.setitem(kg.extract.KINDS, "resolution", (recognise, ends))
    store = Store.open(None)
    results = {r.path.name: r for r in build(collect([folder]), store, workers=2)}
    assert results[RESOLUTION].status == "failed"
    assert "[rule: internal-error]" in results[RESOLUTION].error


def test_warnings_are_in_the_documents_graph_queryable_and_printed(folder, monkeypatch, capsys):
    warning = ReaderWarning("A/RES/80/10", "the plenary meeting is not understood", "resolution-meeting", page=4,
                            line=120, quote="55th (resumed) plenary meetin")
    recognise, parse = kg.extract.KINDS["resolution"]
    monkeypatch.setitem(kg.extract.KINDS, "resolution",
                        (recognise, lambda *a: dataclasses.replace(parse(*a), warnings=(warning,))))
    store = Store.open(None)
    [result] = build([folder / RESOLUTION], store, workers=1)
    assert result.record.warnings == (warning,)
    _, rows = queries.run(store, "warnings")
    assert rows == [{"document": "A/RES/80/10", "rule": "resolution-meeting", "page": "4", "line": "120",
                     "message": "the plenary meeting is not understood"}]
    graph = "https://w3id.org/unkg/graph/A/RES/80/10"
    ask = store.table(f"SELECT ?w WHERE {{ GRAPH <{graph}> {{ ?d <https://w3id.org/unkg/ontology#readerWarning> ?w }} }}")
    assert len(ask[1]) == 1
    assert main(["build", str(folder / RESOLUTION), "--store", ":memory:", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "warnings: 1" in out
    assert "  A/RES/80/10, page 4, line 120: the plenary meeting is not understood [rule: resolution-meeting]" in out

