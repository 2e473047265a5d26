"""The reader of extracted text: pages, rules, footnotes and link targets of the sample."""

from collections import Counter

from kg.pipeline.build import sample_path
from kg.extract.text import read_text


def test_sample_pages_and_kinds():
    lines = read_text(sample_path())
    assert max(line.page for line in lines) == 12
    kinds = Counter(line.kind for line in lines)
    assert kinds["rule"] == 6
    # every link target is a URL line and never body text
    assert all(line.text.startswith("http") for line in lines if line.kind == "link")
    assert not any(line.text.startswith("http") for line in lines if line.kind != "link")


def test_page_starts_where_a_line_follows_without_a_blank():
    lines = read_text(sample_path())
    first_of_page = {}
    for line in lines:
        first_of_page.setdefault(line.page, line.number)
    # after links (63, 208), and where a page break cut a sentence (788: "confidence-building measures")
    assert [first_of_page[p] for p in range(1, 13)] == [1, 63, 208, 319, 356, 477, 582, 691, 788, 811, 907, 1006]


def test_footnote_lines_are_not_body():
    lines = {line.number: line for line in read_text(sample_path())}
    assert lines[169].kind == "footnote"  # "3 Subsequently the delegation of the Democratic Republic of Congo ..."
    assert lines[208].kind == "body"  # "Togo, Tunisia, ..." continues the In favour list after the footnotes
