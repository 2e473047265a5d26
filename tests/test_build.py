"""Building the graph: idempotence, one named graph per document, and what a bad document does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import corpus_pdf
from kg.pipeline.build import build, collect, sample_path
from kg.store import Store

SAMPLE = sample_path().read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def unkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120)


def test_building_twice_leaves_the_graph_unchanged(tmp_path):
    store = Store.open(tmp_path / "store")
    [first] = build([sample_path()], store)
    before = store.count()
    [again] = build([sample_path()], store)
    assert (first.status, again.status) == ("read", "unchanged")
    [forced] = build([sample_path()], store, force=True)
    assert forced.status == "read" and store.count() == before


def test_another_document_leaves_the_first_intact(tmp_path):
    store = Store.open(None)
    build([sample_path()], store)
    graph = "https://w3id.org/unkg/graph/A/73/505"
    first = store.count(graph)
    other = _write(tmp_path, "copy.txt", SAMPLE)
    [result] = build([other], store, symbol="A/73/999")
    assert result.status == "read"
    assert store.count(graph) == first
    assert "https://w3id.org/unkg/graph/A/73/999" in store.graphs()


def test_altered_total_fails_the_build_and_names_draft_position_counts_and_line(tmp_path):
    altered = _write(tmp_path, "A_73_505.txt", SAMPLE.replace("recorded vote of 109 to 45", "recorded vote of 110 to 45"))
    run = unkg("build", str(altered), "--store", str(tmp_path / "store"))
    assert run.returncode == 1
    assert "A/73/505, line 117: vote on A/C.1/73/L.27/Rev.1: In favour stated=110 listed=109 (missing: 1) " \
           "[rule: stated-total-equals-list]" in run.stdout
    # the records are still written, so that a person can inspect them
    query = unkg("query", "drafts", "--format", "csv", "--store", str(tmp_path / "store"))
    assert "A/C.1/73/L.27/Rev.1" in query.stdout and ",110,45,16" in query.stdout


def test_unknown_state_fails_the_document_and_changes_nothing(tmp_path):
    store = Store.open(tmp_path / "store")
    build([sample_path()], store)
    before = store.count()
    bad = _write(tmp_path, "A_73_505.txt", SAMPLE.replace("Rwanda, Senegal, Switzerland", "Rwanda, Korea, Switzerland"))
    [result] = build([bad], store, force=True)
    assert result.status == "failed"
    assert result.error == "A/73/505, page 3, line 236: unknown state name 'Korea' [rule: known-state-name]"
    assert store.count() == before


def test_a_file_without_identity_is_refused(tmp_path):
    nameless = _write(tmp_path, "report.txt", SAMPLE)
    run = unkg("build", str(nameless), "--store", ":memory:")
    assert run.returncode == 1
    assert "FAILED report.txt: report.txt: no symbol" in run.stdout
    assert "[rule: document-identity]" in run.stdout
    named = unkg("build", str(nameless), "--symbol", "A/73/505", "--store", ":memory:")
    assert named.returncode == 0 and "read A/73/505 (report.txt)" in named.stdout


def test_symbol_from_a_cover_page(tmp_path):
    covered = _write(tmp_path, "report.txt", "A/73/999\n\n" + SAMPLE)
    store = Store.open(None)
    [result] = build([covered], store)
    assert (result.status, result.symbol) == ("read", "A/73/999")


def test_bad_files_are_reported_and_the_others_land(tmp_path):
    empty = _write(tmp_path, "A_73_1.txt", "")
    binary = tmp_path / "A_73_2.txt"
    binary.write_bytes(b"\x00\x01\x02PDF-ish")
    latin = tmp_path / "A_73_3.txt"
    latin.write_bytes("Côte d’Ivoire".encode("cp1252"))
    store = Store.open(None)
    results = build([empty, binary, latin, sample_path()], store)
    assert [r.status for r in results] == ["failed", "failed", "failed", "read"]
    assert results[0].error == "A_73_1.txt: the file is empty [rule: readable-text]"
    assert results[1].error == "A_73_2.txt: the file is binary, not text [rule: readable-text]"
    assert results[2].error.startswith("A_73_3.txt, line 1: not UTF-8 text")
    assert store.graphs() == ["https://w3id.org/unkg/graph/A/73/505", "https://w3id.org/unkg/graph/register"]


def test_quick_start_build_prints_the_summary(tmp_path):
    run = unkg("build", "--store", str(tmp_path / "store"))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "read A/73/505 (A_73_505.txt): First Committee, session 73" in out
    assert "A/C.1/73/L.27/Rev.1 (draft resolution I): 34 sponsors (3 joined later); adopted 109-45-16 " \
           "(listed 109-45-16, 23 non-voting)" in out
    assert "A/C.1/73/L.37 (draft resolution II): 51 sponsors (15 joined later); adopted 139-11-18 " \
           "(listed 139-11-18, 25 non-voting)" in out
    assert "checks: all passed" in out and "checks failed: 0" in out


def test_a_folder_of_pdf_and_text_lands_in_parallel_and_skips_what_is_unchanged(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for name in ("A_RES_73_6-EN.pdf", "1971-09-29_A_L.632-EN.pdf"):
        (folder / name).write_bytes(corpus_pdf(name).read_bytes())
    (folder / "sub" / "A_73_505.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "sub" / "A_73_2.pdf").write_bytes(b"not a pdf at all")
    (folder / "notes.md").write_text("ignored: not a kind unkg reads", encoding="utf-8")
    seen = []
    store = Store.open(None)
    results = build(collect([folder]), store, workers=2, progress=lambda done, total, path: seen.append((done, total)))
    assert [(r.path.name, r.status) for r in results] == [
        ("1971-09-29_A_L.632-EN.pdf", "read"), ("A_RES_73_6-EN.pdf", "read"),
        ("A_73_2.pdf", "failed"), ("A_73_505.txt", "read"),
    ]
    assert results[2].error.startswith("A_73_2.pdf: not a readable PDF")
    assert seen[-1] == (4, 4)
    serial = Store.open(None)
    build(collect([folder]), serial, workers=1)
    assert serial.count() == store.count()
    again = build(collect([folder]), store, workers=2)
    assert [r.status for r in again] == ["unchanged", "unchanged", "failed", "unchanged"]


def test_a_changed_file_replaces_exactly_its_own_facts(tmp_path):
    path = _write(tmp_path, "A_73_505.txt", SAMPLE)
    store = Store.open(None)
    build([path, corpus_pdf("A_RES_73_8-EN.pdf")], store)
    resolution = store.count("https://w3id.org/unkg/graph/A/RES/73/8")
    path.write_text(SAMPLE.replace("Rwanda, Senegal, Switzerland", "Senegal, Switzerland"), encoding="utf-8")
    [result] = build([path], store)
    assert result.status == "read" and [f.message for f in result.failures] == [
        "vote on A/C.1/73/L.27/Rev.1: Abstaining stated=16 listed=15 (missing: 1)"]
    assert store.count("https://w3id.org/unkg/graph/A/RES/73/8") == resolution
    rows = store.select("""PREFIX opengov: <http://www.w3.org/ns/opengov#>
        SELECT ?o WHERE { <https://w3id.org/unkg/id/vote/first-committee/A/C.1/73/L.27/Rev.1/RWA> opengov:option ?o }""")
    assert rows == [{"o": "non-voting"}]
