"""Files that are not what they claim are refused before their pages are read, with the file's name and the
reason, and the rest of the folder still lands."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from kg.extract import pdf as pdf_reader
from kg.pipeline.build import build, collect, sample_path
from kg.store import Store


def _pdf(path: Path, pages: int = 1, size: tuple[float, float] = (595, 842)) -> None:
    pdf = canvas.Canvas(str(path), pagesize=size)
    for _ in range(pages):
        pdf.drawString(72, 72, "x")
        pdf.showPage()
    pdf.save()


@pytest.mark.timeout(300)  # reading the 2,100 pages one by one would take many minutes: a failure, not a wait
def test_pdf_bombs_and_other_organisations_are_refused_and_the_rest_lands(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _pdf(folder / "A_73_1.pdf", pages=2100)
    _pdf(folder / "A_73_2.pdf", size=(20000, 20000))
    (folder / "A_73_3.txt").write_text("Minutes of the board of a private company.\n\nNothing more.\n", encoding="utf-8")
    (folder / "A_73_4.txt").write_text("Texte en français,\n\nécrit en Latin-1.".encode("latin-1").decode("latin-1"),
                                       encoding="latin-1")
    (folder / "A_73_505.txt").write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    pages_read: Counter[str] = Counter()
    read_page = pdf_reader._page_lines  # noqa: SLF001

    def counted(page, page_number, before):  # type: ignore[no-untyped-def]
        pages_read[Path(page.pdf.stream.name).name] += 1
        return read_page(page, page_number, before)

    monkeypatch.setattr(pdf_reader, "_page_lines", counted)
    store = Store.open(None)
    results = {r.path.name: r for r in build(collect([folder]), store, workers=1)}  # in this process
    assert pages_read == Counter()  # neither PDF had a page read: both were refused on their size alone
    assert results["A_73_1.pdf"].error == "A_73_1.pdf: 2100 pages, more than 2000 [rule: page-limit]"
    assert results["A_73_2.pdf"].error == "A_73_2.pdf, page 1: a page of 20000 x 20000 points, larger than 5000 [rule: page-limit]"
    assert results["A_73_3.txt"].error.startswith("A_73_3.txt: A/73/3 is not a document of a kind unkg reads")
    assert results["A_73_4.txt"].error.startswith("A_73_4.txt, line 1: not UTF-8 text")
    assert results["A_73_505.txt"].status == "read"
    assert store.graphs() == ["https://w3id.org/unkg/graph/A/73/505", "https://w3id.org/unkg/graph/register"]
