"""Golden facts of the corpus's drafts and resolutions: every ``tests/fixtures/documents/*/expected.json`` that names
a corpus ``file`` (written by reading the PDF; the fields are described in ``tests/fixtures/documents/README.md``) is compared
field by field with what unkg reads from that file. ``citations`` is a subset: each one listed must be found.
A_73_505 (the bundled sample, no ``file``) has a test of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import extract
from kg.model.records import Document, DraftText, Resolution
from conftest import corpus

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
GOLDEN = {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*/expected.json"))}
CORPUS_GOLDEN = sorted(name for name, facts in GOLDEN.items() if facts.get("file"))
FIELDS = ("symbol", "kind", "session", "body", "date", "agenda_items", "title", "sponsors", "on_behalf_of",
          "revision_of", "amends", "meeting", "committee", "report", "paragraph", "plenary_drafts")


def golden(record: Document) -> dict:
    """A record in the form of a golden file (without ``file``)."""
    items = [{"number": i.number, "sub_item": i.sub_item, "title": i.title} for i in record.agenda_items]
    common = {"symbol": record.symbol, "session": record.session, "agenda_items": items, "title": record.title,
              "citations": sorted({c.cited for c in record.citations})}
    if isinstance(record, Resolution):
        return common | {
            "kind": "resolution", "body": "General Assembly",
            "date": record.adopted.isoformat() if record.adopted else None,
            "sponsors": [], "on_behalf_of": None, "revision_of": None, "amends": None,
            "meeting": {"number": record.meeting, "resumed": record.meeting_resumed} if record.meeting else None,
            "committee": record.committee, "report": record.committee_report, "paragraph": record.paragraph,
            "plenary_drafts": list(record.drafts) if record.without_reference else [],
        }
    assert isinstance(record, DraftText), f"{record.symbol} is read as a {type(record).__name__}"
    return common | {
        "kind": record.kind.replace(" ", "-"), "body": record.body,
        "date": record.date.isoformat() if record.date else None,
        "sponsors": [s.key for s in record.sponsors],
        "on_behalf_of": record.groups[0].group.name if record.groups else None,
        "revision_of": record.revision_of, "amends": record.amends,
        "meeting": None, "committee": None, "report": None, "paragraph": None, "plenary_drafts": [],
    }


def test_the_golden_files_follow_the_format():
    for name in CORPUS_GOLDEN:
        facts = GOLDEN[name]
        assert set(facts) - {"notes"} == {"file", "citations", *FIELDS}, name  # "notes": why a field is so
        assert name == facts["symbol"].replace("/", "_").replace(" ", "_"), name


@pytest.mark.parametrize("name", CORPUS_GOLDEN)
def test_golden_facts(name, register):
    expected = GOLDEN[name]
    [path] = corpus(expected["file"])
    got = golden(extract(path, register))
    differ = {field: (got[field], expected[field]) for field in FIELDS if got[field] != expected[field]}
    assert differ == {}, f"{name}: (read, expected) by field"
    missing = set(expected["citations"]) - set(got["citations"])
    assert not missing, f"{name}: citations not found: {sorted(missing)}"
