"""The reader of the UN's records of resolutions (data_extract/ of UNxml/GAresolutions) on the real files: public
totals, a State's vote, the count of recorded votes per session, repeats, failed checks, both date forms, and a
name that does not resolve."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import corpus
from kg.errors import SourceError
from kg.extract.rollcalls import UnresolvedLabels
from kg.extract.unxml import originating, read_date, read_records, read_session, session_in_progress
from kg.model.unxml import UnxmlImport

FILES = ("74.json", "75.json", "76.json", "77.json", "78.json", "79.json", "80.json", "ES-10.json", "ES-11.json",
         "S-32.json")


@pytest.fixture(scope="module")
def records() -> UnxmlImport:
    return read_records(corpus(*(f"ga-votes-unxml/{f}" for f in FILES)))


def _by_symbol(records: UnxmlImport) -> dict:
    return {r.symbol: r for r in records.records}


# The public record: the General Assembly's press releases and the meeting records give these totals.
PUBLIC_TOTALS = {
    "A/RES/ES-11/1": (141, 5, 35),
    "A/RES/ES-11/4": (143, 5, 35),
    "A/RES/ES-10/21": (120, 14, 45),
    "A/RES/77/247": (87, 26, 53),
    "A/RES/75/240": (92, 50, 21),
}


@pytest.mark.parametrize("symbol", sorted(PUBLIC_TOTALS))
def test_public_totals_are_stated_and_listed(records, symbol):
    r = _by_symbol(records)[symbol]
    yes, no, abstain = PUBLIC_TOTALS[symbol]
    assert r.recorded_vote and r.stated == {"yes": yes, "no": no, "abstain": abstain}
    assert Counter(v.position for v in r.votes) == Counter(yes=yes, no=no, abstain=abstain)
    assert not r.failures
    assert len(r.non_voting) + yes + no + abstain == 193


def test_the_russian_federation_voted_no_on_es_11_1(records):
    r = _by_symbol(records)["A/RES/ES-11/1"]
    votes = {v.key: v for v in r.votes}
    assert votes["RUS"].position == "no" and votes["RUS"].label == "RUSSIAN FEDERATION"
    # the other four "no" of 2 March 2022: Belarus, the DPRK, Eritrea, Syria
    assert {k for k, v in votes.items() if v.position == "no"} == {"RUS", "BLR", "PRK", "ERI", "SYR"}
    assert r.adopted == date(2022, 3, 2) and r.session.designation == "ES-11" and r.regular_session == 76
    assert r.drafts == ("A/ES-11/L.1", "A/ES-11/L.1/Add.1") and r.committee is None
    assert r.meeting_record == "A/ES-11/PV.5"
    # "1st plenary meeting" beside A/ES-11/PV.5: the number is left out, and said so
    assert r.meeting is None and any("disagrees with the meeting record A/ES-11/PV.5" in n for n in r.notes)


def test_recorded_votes_per_session_as_in_sources(records):
    """SOURCES.md of ga-votes-unxml, "Coverage (after dropping repeated records)"."""
    recorded = Counter(r.session.designation for r in records.recorded())
    assert recorded == {"74": 90, "75": 100, "76": 80, "77": 88, "78": 85, "79": 113, "80": 166, "ES-10": 3,
                        "ES-11": 6}
    resolutions = Counter(r.session.designation for r in records.records)
    assert resolutions == {"74": 266, "75": 337, "76": 310, "77": 343, "78": 328, "79": 336, "80": 263, "ES-10": 3,
                           "ES-11": 6, "S-32": 1}
    # SOURCES.md, "Checks made": totals Y 105,446, N 9,182, A 13,771 (128,399 State votes)
    assert Counter(v.position for r in records.recorded() for v in r.votes) == Counter(
        yes=105_446, no=9_182, abstain=13_771)


def test_repeated_records_are_kept_once_and_counted(records):
    # the files' lines against the distinct symbols: 79.json 372 lines for 336 resolutions, 80.json 266 for 263
    dropped = Counter()
    for repeat in records.repeats:
        dropped[repeat.file] += len(repeat.lines) - 1
    assert dropped == {"79.json": 36, "80.json": 3}
    assert len({r.symbol for r in records.records}) == len(records.records)
    r = _by_symbol(records)["A/RES/79/266"]
    assert r.line == next(p.lines[0] for p in records.repeats if p.symbol == "A/RES/79/266")  # the first is kept


def test_records_that_fail_their_checks_are_kept_with_the_failure(records):
    by = _by_symbol(records)
    r = by["A/RES/77/293"]
    assert r.failures == ("A/RES/77/293: stated abstain=59, listed 58 (missing: 1)",)
    assert r.non_voting == ()  # the lists are not the whole vote: no State is said not to have voted
    twice = by["A/RES/75/290 A"]
    assert twice.failures[:2] == ("A/RES/75/290 A: stated yes=90, listed 180 (extra: 90)",
                                  "A/RES/75/290 A: stated abstain=47, listed 94 (extra: 47)")
    assert twice.failures[2].startswith("A/RES/75/290 A: 137 States listed more than once: ALB 2 times (abstain)")
    assert Counter(v.position for v in twice.votes) == Counter(yes=90, abstain=47)  # each State once
    empty = by["A/RES/75/254 A-C"]
    assert empty.stated == {"yes": 168, "no": 2, "abstain": 0} and empty.votes == ()
    assert empty.failures == ("A/RES/75/254 A-C: stated yes=168, listed 0 (missing: 168)",
                              "A/RES/75/254 A-C: stated no=2, listed 0 (missing: 2)")
    assert sum(bool(r.failures) for r in records.records) == 3


def test_dates_in_either_printed_form(records):
    assert read_date("21 September 2020") == date(2020, 9, 21)
    assert read_date("1\u00a0December 2025") == date(2025, 12, 1)
    assert read_date("2019-12-27 00:00:00") == date(2019, 12, 27)
    with pytest.raises(ValueError):
        read_date("31 November 2025")
    by = _by_symbol(records)
    assert by["A/RES/74/28"].date_as_printed == "2019-12-12 00:00:00" and by["A/RES/74/28"].adopted == date(2019, 12, 12)
    assert by["A/RES/80/5"].adopted is not None and "\u00a0" in by["A/RES/80/5"].date_as_printed
    assert all(r.adopted for r in records.records)


def test_sessions_and_the_originating_document():
    assert read_session("Thirty-second special session").designation == "S-32"
    assert session_in_progress(date(2024, 9, 18)) == 79  # ES-10/24, after the 79th session opened on 10 September
    assert session_in_progress(date(2024, 9, 6)) == 78
    assert originating("A/75/457/Add.4, para. 20") == ((), "A/75/457/Add.4", "20")
    assert originating("A/ES-10/L.31/Rev.1")[0] == ("A/ES-10/L.31/Rev.1",)


def test_a_name_that_does_not_resolve_is_listed(tmp_path: Path):
    line = json.loads(corpus("ga-votes-unxml/ES-11.json")[0].read_text(encoding="utf-8").splitlines()[0])
    line["MS_against"] = line["MS_against"] + ["ATLANTIS"]
    (tmp_path / "ES-11.json").write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(UnresolvedLabels) as caught:
        read_records([tmp_path])
    assert [label[0] for label in caught.value.labels] == ["ATLANTIS"]
    assert "ES-11.json" in str(caught.value)


def test_a_file_that_is_no_record_file_is_refused(tmp_path: Path):
    (tmp_path / "notes.json").write_text('{"title": "x"}\n', encoding="utf-8")
    with pytest.raises(SourceError, match="notes.json: not a file of resolution records"):
        read_records([tmp_path / "notes.json"])


def _sponsors(records: UnxmlImport, symbol: str, additional: bool = False) -> list[tuple[str, str | None]]:
    return [(s.key, s.presented_by) for s in _by_symbol(records)[symbol].sponsors if s.additional == additional]


def test_a_state_on_behalf_of_a_group_presents_the_groups_sponsorship(records):
    # 80.json, A/RES/80/13: "Indonesia (on behalf of the States Members of the United Nations that are members of
    # the Movement of Non-Aligned Countries)"; 76.json, A/RES/76/17: "INDONESIA, ON BEHALF OF THE STATES MEMBERS
    # ... OF THE MOVEMENT OF NON-ALIGNED COUNTRIES"
    assert _sponsors(records, "A/RES/80/13") == [("NAM", "IDN")]
    assert _sponsors(records, "A/RES/76/17") == [("NAM", "IDN")]
    # 77.json, A/RES/77/120: "UNITED ARAB EMIRATES (IN ITS CAPACITY AS CHAIR OF THE COMMITTEE ON THE PEACEFUL USES
    # OF OUTER SPACE)": the State itself
    assert _sponsors(records, "A/RES/77/120") == [("ARE", None)]


def test_an_entry_that_names_several_sponsors_is_split_between_names(records):
    # 80.json, A/RES/80/179, one entry: "Andorra, Armenia, Austria, Bulgaria, Canada, Croatia, Cyprus, Germany, Iraq
    # (on behalf of the States Members of the United Nations that are members of the Group of 77 and China),
    # Kyrgyzstan, Luxembourg, Malta, Mexico, Portugal, Slovakia, Slovenia and Spain"
    assert _sponsors(records, "A/RES/80/179") == [
        ("AND", None), ("ARM", None), ("AUT", None), ("BGR", None), ("CAN", None), ("HRV", None), ("CYP", None),
        ("DEU", None), ("G77", "IRQ"), ("KGZ", None), ("LUX", None), ("MLT", None), ("MEX", None), ("PRT", None),
        ("SVK", None), ("SVN", None), ("ESP", None)]
    # 79.json, A/RES/79/166: "Cuba (on behalf of the States Members of the United Nations that are members of the
    # Movement of Non-Aligned Countries) and Russian Federation"
    assert _sponsors(records, "A/RES/79/166") == [("NAM", "CUB"), ("RUS", None)]
    # "Bosnia and Herzegovina" is one name, not two
    assert ("BIH", None) in _sponsors(records, "A/RES/80/179", additional=True)


def test_an_entry_that_names_no_state_or_known_group_is_a_warning_not_a_sponsor(records):
    # 74.json, A/RES/74/180: "INTRODUCED IN THE COMMITTEE BY THE REPRESENTATIVE OF BRAZIL ON BEHALF OF THE BUREAU"
    assert _sponsors(records, "A/RES/74/180") == []
    assert any("A/RES/74/180: sponsors entry 'INTRODUCED IN THE COMMITTEE BY THE REPRESENTATIVE OF BRAZIL ON BEHALF"
               in w for w in records.warnings)
