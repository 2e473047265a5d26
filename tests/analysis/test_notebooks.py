"""The notebooks run top to bottom (nbclient, the python3 kernel): 01 on the bundled sample, 02 on a store
holding the sample and the real plenary roll calls of sessions 70 to 74 (and on a store without them)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kg.pipeline.build import build, sample_path
from kg.store import Store

from .conftest import import_real_plenary

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def execute(name: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert all(cell.get("outputs", []) == [] for cell in notebook.cells if cell.cell_type == "code"), "saved with outputs"
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return notebook


def text_of(notebook: nbformat.NotebookNode) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def images(notebook: nbformat.NotebookNode) -> int:
    return sum("image/png" in o.get("data", {}) for c in notebook.cells for o in c.get("outputs", []))


def test_notebooks_import_only_from_kg():
    for path in NOTEBOOKS.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for line in cell.source.splitlines():
                    if line.startswith(("import ", "from ")):
                        assert line.split()[1].split(".")[0] == "kg", (path.name, line)


def test_01_a73505():
    out = text_of(execute("01_a73505.ipynb"))
    assert "sponsored both: ['COD', 'GIN', 'MWI', 'SLE', 'WSM']" in out
    assert "abstained on both (7): BWA CIV FJI GNQ PNG RWA SEN" in out


def test_02_plenary_history(tmp_path, monkeypatch):
    path = tmp_path / "store"
    store = Store.open(path)
    import_real_plenary(store)
    store.flush()
    del store
    monkeypatch.setenv("UNKG_STORE", str(path))
    notebook = execute("02_plenary_history.ipynb")
    out = text_of(notebook)
    assert "504 vote events, 502 of them in plenary" in out
    assert "502 roll calls, 193 states, sessions 70 to 74" in out
    assert images(notebook) == 2


def test_02_without_plenary_votes(tmp_path, monkeypatch):
    path = tmp_path / "store"
    store = Store.open(path)
    build([sample_path()], store)
    store.flush()
    del store
    monkeypatch.setenv("UNKG_STORE", str(path))
    out = text_of(execute("02_plenary_history.ipynb"))
    assert "No plenary vote events in this store" in out
