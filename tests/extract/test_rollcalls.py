"""The roll-call reader on the real unvotes data: tables by their columns, symbols, dates, labels by name and
date, Members not voting, and the failure that lists every label that does not resolve."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import UNVOTES_RDA, UNVOTES_SESSION73, corpus
from kg.errors import SourceError
from kg.extract.rollcalls import UnresolvedLabels, day_certain, read_rollcalls, un_symbol
from kg.model.rollcalls import RollCall, RollCallImport


# R/73/27, "no" (46), as the corpus's SOURCES.md lists them
NO_73_27 = [
    "Albania", "Andorra", "Australia", "Austria", "Belgium", "Bulgaria", "Canada", "Croatia", "Cyprus", "Czechia",
    "Denmark", "Estonia", "Finland", "France", "Georgia", "Germany", "Greece", "Hungary", "Iceland", "Ireland",
    "Israel", "Italy", "Japan", "Latvia", "Liechtenstein", "Lithuania", "Luxembourg", "Malta", "Marshall Islands",
    "Monaco", "Montenegro", "Netherlands", "New Zealand", "North Macedonia", "Norway", "Poland", "Portugal",
    "Romania", "San Marino", "Slovakia", "Slovenia", "Spain", "Sweden", "Ukraine", "United Kingdom", "United States",
]
ABSTAIN_73_27 = ["Antigua & Barbuda", "Bahamas", "Botswana", "Brazil", "Chile", "Eswatini", "Fiji", "Haiti", "Moldova",
                 "Papua New Guinea", "Rwanda", "South Korea", "Switzerland", "Turkey"]
# sessions read from the .rda files: 1950, 1955, 1960, 1970, 1971, 1991-92, 1992-93, 2019
SESSIONS = (5, 10, 15, 25, 26, 46, 47, 74)


@pytest.fixture(scope="module")
def session73() -> RollCallImport:
    return read_rollcalls(corpus(*UNVOTES_SESSION73))


@pytest.fixture(scope="module")
def history() -> RollCallImport:
    return read_rollcalls(corpus(*UNVOTES_RDA), sessions=SESSIONS)


def _one(record: RollCallImport, rcid: int) -> RollCall:
    return next(rc for rc in record.roll_calls if rc.rcid == rcid)


def _votes(rc: RollCall, label: str) -> list[str]:
    return [v.key for v in rc.votes if v.label == label]


def test_session_73_from_the_csv_files(session73):
    assert len(session73.roll_calls) == 95
    assert sum(len(rc.votes) for rc in session73.roll_calls) == 16_933
    assert {rc.session for rc in session73.roll_calls} == {73}
    assert session73.anomalies == ()


def test_rcid_6073_is_a_res_73_27_with_its_lists(session73):
    rc = _one(session73, 6073)
    assert (rc.identifier, rc.symbol, rc.date_given, rc.day_certain) == ("R/73/27", "A/RES/73/27", date(2018, 12, 5), True)
    assert rc.title == "Developments in the field of information and telecommunications in the context of international security"
    assert (rc.agenda_item, rc.agenda_item_title) == (96, rc.title)
    assert rc.totals() == {"yes": 119, "no": 46, "abstain": 14}
    assert sorted(v.label for v in rc.votes if v.position == "no") == sorted(NO_73_27)
    assert sorted(v.label for v in rc.votes if v.position == "abstain") == sorted(ABSTAIN_73_27)
    # the dataset's labels are resolved: "North Macedonia" of a 2018 vote is MKD, "Antigua & Barbuda" ATG
    assert _votes(rc, "North Macedonia") == ["MKD"] and _votes(rc, "Antigua & Barbuda") == ["ATG"]
    # 193 Members on 5 December 2018, 179 on the lists: 14 did not vote
    assert len(rc.non_voting) == 14 and not set(rc.non_voting) & {v.key for v in rc.votes}


def test_rcid_6156_is_a_res_73_266(session73):
    rc = _one(session73, 6156)
    assert rc.symbol == "A/RES/73/266" and rc.totals() == {"yes": 138, "no": 12, "abstain": 16}
    assert {v.label: v.key for v in rc.votes if v.position == "no"}["Russia"] == "RUS"
    assert _votes(rc, "Myanmar (Burma)") == ["MMR"] and _votes(rc, "North Korea") == ["PRK"]


def test_the_rda_files_give_the_same_session_73(session73):
    from_rda = read_rollcalls(corpus(*UNVOTES_RDA), sessions=[73])
    assert [(rc.rcid, rc.votes, rc.non_voting, rc.symbol) for rc in from_rda.roll_calls] == \
        [(rc.rcid, rc.votes, rc.non_voting, rc.symbol) for rc in session73.roll_calls]
    assert _one(from_rda, 6073).issues == ("ec",)  # the issues table is in the .rda files only
    assert {i.code for i in from_rda.issues} == {"co", "di", "ec", "hr", "me", "nu"}


@pytest.mark.parametrize("identifier, session, symbol", [
    ("R/73/27", 73, "A/RES/73/27"),
    ("A/RES/71/28", 71, "A/RES/71/28"),
    ("R/51/45A", 51, "A/RES/51/45 A"),
    ("A/RES/ES-10/19", 72, "A/RES/ES-10/19"),
    ("R/31/12", 31, "A/RES/31/12"),
    ("R/30/3379", 30, None),  # before the 31st session: one series of numbers, kept as given
    ("R/5/233A", 5, None),
    ("R/26/2758A", 26, None),
    ("R/33/116A/I", 33, None),
    ("R/61/128AB", 61, None),
    ("R/677/46", 67, None),  # a number of another session than the roll call's
    ("", 57, None),
])
def test_un_symbols_only_where_certain(identifier, session, symbol):
    assert un_symbol(identifier, session) == symbol


def test_dates_of_the_first_coding_give_the_month_only(history):
    # R/26/2758A was voted on 25 October 1971; the data say 1971-10-07
    rc = next(rc for rc in history.roll_calls if rc.identifier == "R/26/2758A")
    assert (rc.date_given, rc.day_certain, rc.symbol) == (date(1971, 10, 7), False, None)
    assert day_certain(date(2002, 11, 22), 57) and day_certain(date(2003, 11, 4), 58)
    assert not day_certain(date(2002, 11, 4), 57)


def test_a_1950_vote_of_russia_is_the_ussrs(history):
    in_1950 = [rc for rc in history.roll_calls if rc.date_given.year == 1950]
    assert in_1950 and all(_votes(rc, "Russia") in ([], ["SUN"]) for rc in in_1950)
    assert any(_votes(rc, "Russia") == ["SUN"] for rc in in_1950)
    assert all("RUS" not in rc.non_voting for rc in in_1950)


def test_russia_is_the_ussr_until_24_december_1991(history):
    december = [rc for rc in history.roll_calls if (rc.date_given.year, rc.date_given.month) == (1991, 12)]
    after = [rc for rc in history.roll_calls if rc.date_given >= date(1992, 1, 1)]
    assert {k for rc in december for k in _votes(rc, "Russia")} == {"SUN"}
    assert {k for rc in after for k in _votes(rc, "Russia")} == {"RUS"}


def test_a_2019_vote_of_yugoslavia_is_serbias(history):
    in_2019 = [rc for rc in history.roll_calls if rc.date_given.year == 2019]
    assert {k for rc in in_2019 for k in _votes(rc, "Yugoslavia")} == {"SRB"}
    # Montenegro votes under its own label, Serbia never twice
    assert all(Counter(v.key for v in rc.votes)["SRB"] <= 1 for rc in in_2019)


def test_yugoslavia_before_2000_is_the_sfry(history):
    before = [rc for rc in history.roll_calls if rc.date_given < date(2000, 11, 1)]
    assert {k for rc in before for k in _votes(rc, "Yugoslavia")} == {"YUG"}


def test_taiwan_holds_chinas_seat_until_october_1971(history):
    taiwan = [rc for rc in history.roll_calls if _votes(rc, "Taiwan")]
    china = [rc for rc in history.roll_calls if _votes(rc, "China")]
    assert taiwan and china
    assert {k for rc in taiwan for k in _votes(rc, "Taiwan")} == {"CHN"}
    assert max(rc.date_given for rc in taiwan) < date(1971, 11, 1) <= min(rc.date_given for rc in china)


def test_syria_was_no_member_of_its_own_in_the_united_arab_republic(history):
    in_1960 = [rc for rc in history.roll_calls if rc.session == 15]
    assert in_1960 and all("SYR" not in rc.non_voting and not _votes(rc, "Syria") for rc in in_1960)
    assert all("EGY" in rc.non_voting or _votes(rc, "Egypt") for rc in in_1960)


def test_members_admitted_within_a_month_of_uncertain_day(history):
    # Hungary was admitted on 14 December 1955; the data date its first votes 1955-12-02 (month only): the votes
    # stand, and where it did not vote it is not counted as a Member that did not vote
    december_1955 = [rc for rc in history.roll_calls if (rc.date_given.year, rc.date_given.month) == (1955, 12)]
    assert any(_votes(rc, "Hungary") for rc in december_1955)
    assert all("HUN" not in rc.non_voting for rc in december_1955)
    assert not any(a.key == "HUN" for a in history.anomalies)


def test_a_vote_dated_before_the_admission_is_kept_and_reported(history):
    # Fiji (admitted 13 October 1970) votes on two roll calls the data date September 1970
    assert sorted((a.rcid, a.key) for a in history.anomalies) == [(1110, "FJI"), (1111, "FJI")]
    assert _votes(next(rc for rc in history.roll_calls if rc.rcid == 1110), "Fiji") == ["FJI"]


def _write(folder: Path, label: str, day: str) -> Path:
    folder.mkdir()
    (folder / "roll_calls.csv").write_text(
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        f"1,50,0,{day},R/50/1,0,0,TEST,TEST\n", encoding="utf-8")
    (folder / "votes.csv").write_text(
        f"rcid,country,country_code,vote\n1,France,FR,yes\n1,{label},XX,no\n1,Atlantis,AT,yes\n", encoding="utf-8")
    return folder


def test_labels_that_do_not_resolve_are_all_listed(tmp_path):
    with pytest.raises(UnresolvedLabels) as caught:
        read_rollcalls([_write(tmp_path / "data", "Yemen People's Republic", "1995-11-20")])
    assert [(label, votes) for label, _, _, votes, _ in caught.value.labels] == [
        ("Atlantis", 1), ("Yemen People's Republic", 1)]
    assert "no state had that label then" in str(caught.value)


def test_tables_are_recognised_by_their_columns(tmp_path):
    folder = _write(tmp_path / "data", "Germany", "1995-11-20")
    (folder / "votes.csv").unlink()
    with pytest.raises(SourceError, match="no votes table"):
        read_rollcalls([folder])
