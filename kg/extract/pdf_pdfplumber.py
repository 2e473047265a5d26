"""The reference PDF engine: pdfplumber (pdfminer.six) gives each page's words and links.

Slow (about 12 pages a second) but independent of PDFium: ``--pdf-engine pdfplumber`` reads with it,
and the tests hold the PDFium engine (``kg.extract.pdf_pdfium``) to the lines it gives. The words are
pdfplumber's own ``extract_words`` with the tolerances below, split where the font or its size changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import SourceError

__all__ = ["open_pdf", "PlumberFile", "X_TOLERANCE", "Y_TOLERANCE"]

X_TOLERANCE = 1.5  # points between two characters of one word
Y_TOLERANCE = 2.5  # points between the tops of two characters of one line


def open_pdf(path: Path) -> "PlumberFile":
    """The open PDF, or a ``SourceError`` (rule ``readable-pdf``) saying why it cannot be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, PdfminerException, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        reason = "encrypted or password-protected" if "password" in repr(cause).lower() or isinstance(
            cause, PDFPasswordIncorrect) else f"not a readable PDF ({type(cause).__name__})"
        raise SourceError(path.name, reason, rule="readable-pdf") from exc
    return PlumberFile(pdf)


class PlumberFile:
    """A PDF open in pdfplumber; each page's cached layout is dropped once it has been read."""

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf
        self.page_count: int = len(pdf.pages)

    def page_size(self, index: int) -> tuple[float, float]:
        page = self._pdf.pages[index]
        return float(page.width), float(page.height)

    def page(self, index: int) -> tuple[list[dict], list[tuple[str, tuple[float, float, float, float]]]]:
        """The page's words (text, x0, x1, top, bottom, size, fontname) and its links (URI, box)."""
        page = self._pdf.pages[index]
        try:
            words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance=X_TOLERANCE,
                                       y_tolerance=Y_TOLERANCE)
            links = [(link["uri"], (link["x0"], link["top"], link["x1"], link["bottom"]))
                     for link in page.hyperlinks if link.get("uri")]
        finally:
            page.close()
        return words, links

    def close(self) -> None:
        self._pdf.close()
