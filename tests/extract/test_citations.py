"""Citations in every form the UN prints: each sentence below is quoted from a real document of the
corpus (named beside it), and three resolutions of the eightieth session are read whole from their PDFs."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import corpus
from kg import symbols
from kg.extract import extract
from kg.extract.citations import scan


def found(text: str) -> list[tuple[str, str, tuple[int, int, int] | None]]:
    return [(f.cited, f.kind, f.day) for f in scan(text)]


@pytest.mark.parametrize("text, expected", [
    # A/RES/80/158, preamble
    ("Recalling its resolution 79/229 of 19 December 2024, and taking note of Economic and Social Council "
     "resolution 2025/33 of 30 July 2025,",
     [("A/RES/79/229", "ga-resolution", (2024, 12, 19)), ("E/RES/2025/33", "ecosoc-resolution", (2025, 7, 30))]),
    # A/RES/80/158: the Security Council's numbers carry the year
    ("recalling relevant Security Council resolutions, including resolutions 242 (1967) of 22 November 1967, 465 "
     "(1980) of 1 March 1980, 497 (1981) of 17 December 1981 and 2334 (2016) of 23 December 2016,",
     [("S/RES/242(1967)", "sc-resolution", (1967, 11, 22)), ("S/RES/465(1980)", "sc-resolution", (1980, 3, 1)),
      ("S/RES/497(1981)", "sc-resolution", (1981, 12, 17)), ("S/RES/2334(2016)", "sc-resolution", (2016, 12, 23))]),
    # A/RES/80/158: the numbering before 1976, with a date
    ("Recalling its resolution 2625 (XXV) of 24 October 1970,", [("A/RES/2625(XXV)", "ga-resolution", (1970, 10, 24))]),
    # A/RES/80/72: emergency special session
    ("recalling also its resolutions ES-10/15 of 20 July 2004 and ES-10/17 of 15 December 2006,",
     [("A/RES/ES-10/15", "ga-resolution", (2004, 7, 20)), ("A/RES/ES-10/17", "ga-resolution", (2006, 12, 15))]),
    # A/RES/80/10, footnotes 6 and 1: lettered old numbers with no date after them
    ("Resolution 217 A (III).", [("A/RES/217(III) A", "ga-resolution", None)]),
    ("See resolution 2200 A (XXI), annex.", [("A/RES/2200(XXI) A", "ga-resolution", None)]),
    # A/RES/80/225: the Economic and Social Council's old lettered form
    ("in pursuance of Economic and Social Council resolution 155 C (VII) of 13 August 1948,",
     [("E/RES/155(VII) C", "ecosoc-resolution", (1948, 8, 13))]),
    # A/RES/80/89: "on" a date, and lists of the Council's resolutions
    ("Underlining the adoption of Security Council resolutions 1754 (2007) on 30 April 2007, 1783 (2007) on "
     "31 October 2007",
     [("S/RES/1754(2007)", "sc-resolution", (2007, 4, 30)), ("S/RES/1783(2007)", "sc-resolution", (2007, 10, 31))]),
    # A/C.3/80/L.48: a subject between the numbers of a list
    ("Security Council resolutions 1325 (2000) of 31 October 2000 on women and peace and security, 1738 (2006) of "
     "23 December 2006 and 2222 (2015) of 27 May 2015",
     [("S/RES/1325(2000)", "sc-resolution", (2000, 10, 31)), ("S/RES/1738(2006)", "sc-resolution", (2006, 12, 23)),
      ("S/RES/2222(2015)", "sc-resolution", (2015, 5, 27))]),
    # A/RES/80/106: a description between the numbers of a list
    ("its resolutions 1514 (XV) of 14 December 1960, containing the Declaration on the Granting of Independence to "
     "Colonial Countries and Peoples, 1541 (XV) of 15 December 1960",
     [("A/RES/1514(XV)", "ga-resolution", (1960, 12, 14)), ("A/RES/1541(XV)", "ga-resolution", (1960, 12, 15))]),
    # A/RES/80/90: "Assembly resolution" is the Assembly's
    ("based on the principles clearly defined in Assembly resolution 1541 (XV) and other",
     [("A/RES/1541(XV)", "ga-resolution", None)]),
    # A/C.3/80/L.32, A/C.4/80/L.19: the Human Rights Council, in a regular and in a special session
    ("Human Rights Council resolutions 5/1 and 5/2 of 18 June 2007,",
     [("A/HRC/RES/5/1", "hrc-resolution", None), ("A/HRC/RES/5/2", "hrc-resolution", (2007, 6, 18))]),
    ("established pursuant to Human Rights Council resolution S-28/1,", [("A/HRC/RES/S-28/1", "hrc-resolution", None)]),
    # A/C.5/80/L.3: a number with a year is the Security Council's even where the text does not name it
    ("the implementation of resolution 2719 (2023) and", [("S/RES/2719(2023)", "sc-resolution", None)]),
    # A/RES/80/72: the Council's resolution "in its resolution"
    ("supported by the Council in its resolution 1850 (2008) of 16 December 2008",
     [("S/RES/1850(2008)", "sc-resolution", (2008, 12, 16))]),
    # A/RES/73/6 (2018): "adopted by the General Assembly on" after the title
    ("its resolution 71/28 entitled “Developments in the field”, adopted by the General Assembly on 5 December 2016",
     [("A/RES/71/28", "ga-resolution", (2016, 12, 5))]),
    # the Assembly's decisions, and parts of an omnibus text
    ("Recalling its resolution 45/248 B, section VI, of 21 December 1990, and its decision 72/512,",
     [("A/RES/45/248 B", "ga-resolution", (1990, 12, 21)), ("A/DEC/72/512", "ga-decision", None)]),
    # A/80/L.1: a lettered decision
    ("Recalling further the decision of the General Assembly, in its decision 79/573 B of 5 September 2025, to resume",
     [("A/DEC/79/573 B", "ga-decision", (2025, 9, 5))]),
    # A/80/L.42: a clause "in which it ..." with commas and a quoted name between two numbers of one list
    ("Recalling its resolutions 71/222 of 21 December 2016, in which it proclaimed the period from 2018 to 2028 the "
     "International Decade for Action, “Water for Sustainable Development”, and 77/334 of 1 September 2023, by which",
     [("A/RES/71/222", "ga-resolution", (2016, 12, 21)), ("A/RES/77/334", "ga-resolution", (2023, 9, 1))]),
    # A/C.3/80/L.20: a year inside a title, a description with commas, "and" before the next number
    ("including its resolutions 73/327 of 25 July 2019 on the International Year for the Elimination of Child Labour, "
     "2021, 79/158 of 17 December 2024 on child, early and forced marriage and 78/188 of 19 December 2023 on the girl",
     [("A/RES/73/327", "ga-resolution", (2019, 7, 25)), ("A/RES/79/158", "ga-resolution", (2024, 12, 17)),
      ("A/RES/78/188", "ga-resolution", (2023, 12, 19))]),
    ("Noting Human Rights Council resolutions 57/6 of 9 October 2024 on countering cyberbullying and 54/5 of "
     "10 October 2023 on ensuring quality education",
     [("A/HRC/RES/57/6", "hrc-resolution", (2024, 10, 9)), ("A/HRC/RES/54/5", "hrc-resolution", (2023, 10, 10))]),
    # A/C.3/80/L.29: "Council" is the Council the sentence last named
    ("pursuant to Human Rights Council resolutions 46/17 of 23 March 2021, and also welcomes Council resolutions "
     "52/28 of 4 April 2023, 55/21 of",
     [("A/HRC/RES/46/17", "hrc-resolution", (2021, 3, 23)), ("A/HRC/RES/52/28", "hrc-resolution", (2023, 4, 4)),
      ("A/HRC/RES/55/21", "hrc-resolution", None)]),
    # A/C.5/80/L.12: the Council named after the list
    ("Decides not to approve any resources for the implementation of resolutions S-35/1, 51/29, 58/17 and 60/21 "
     "adopted by the Human Rights Council.",
     [("A/HRC/RES/S-35/1", "hrc-resolution", None), ("A/HRC/RES/51/29", "hrc-resolution", None),
      ("A/HRC/RES/58/17", "hrc-resolution", None), ("A/HRC/RES/60/21", "hrc-resolution", None)]),
])
def test_forms(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # A/RES/80/72, footnote 10: a resolution printed inside a cited document is not the Assembly's
    "A/56/1026-S/2002/932, annex II, resolution 14/221.",
    # A/RES/80/18: a conference's resolution
    "(A/CONF.219/2023/3), chap. I, resolution 2.",
    # other bodies' resolutions
    "Commission on Narcotic Drugs resolution 62/1",
    "World Health Assembly resolution 72/1",
    # A/C.3/80/L.17: a treaty body's general recommendation is numbered with a year too
    "Taking note of general recommendation No. 39 (2022) on the rights of Indigenous women",
    # no word "resolution" before the number
    "the 2030 Agenda 70/1 and 2200 A (XXI)",
    # a decision is never numbered with a year
    "decision 2334 (2016)",
])
def test_not_the_assemblys_or_not_a_citation(text):
    assert found(text) == []


def test_joint_symbol_is_one_document():
    assert [m.group(0) for m in symbols.JOINT_RE.finditer("See A/48/486-S/26560, annex; A/80/81-E/2025/62.")] == [
        "A/48/486-S/26560", "A/80/81-E/2025/62"]
    assert [m.group(0) for m in symbols.JOINT_RE.finditer("See A/ES-10/273 and A/ES-10/273/Corr.1.")] == [
        "A/ES-10/273", "A/ES-10/273/Corr.1"]


def _pdf(name: str):
    [path] = corpus(f"ga-session-80/A_RES_80/{name}.pdf")
    return path


def test_resolution_80_72_joint_symbol_and_emergency_session(register):
    r = extract(_pdf("A_RES_80_72"), register)
    cited = {(c.cited, c.kind, c.footnote) for c in r.citations}
    # footnote 6: "See A/48/486-S/26560, annex."
    assert ("A/48/486-S/26560", "document", 6) in cited
    assert not {c.cited for c in r.citations} & {"A/48/486", "S/26560"}
    # footnote 3: "See A/ES-10/273 and A/ES-10/273/Corr.1."
    assert {("A/ES-10/273", "document", 3), ("A/ES-10/273/Corr.1", "document", 3)} <= cited
    dated = {(c.cited, c.date) for c in r.citations}
    assert {("A/RES/ES-10/23", date(2024, 5, 10)), ("S/RES/2334(2016)", date(2016, 12, 23)),
            ("A/RES/194(III)", date(1948, 12, 11))} <= dated
    # footnote 10: "A/56/1026-S/2002/932, annex II, resolution 14/221." (of the League of Arab States)
    assert "A/RES/14/221" not in {c.cited for c in r.citations}


def test_resolution_80_10_footnotes_without_dates(register):
    r = extract(_pdf("A_RES_80_10"), register)
    by_footnote = {(c.cited, c.footnote) for c in r.citations if c.footnote}
    # "1 See resolution 2200 A (XXI), annex.", "6 Resolution 217 A (III).", "7 Resolution 61/295, annex."
    assert {("A/RES/2200(XXI) A", 1), ("A/RES/217(III) A", 6), ("A/RES/61/295", 7)} <= by_footnote


def test_resolution_80_158_every_organ(register):
    r = extract(_pdf("A_RES_80_158"), register)
    got = {(c.cited, c.kind, c.date) for c in r.citations}
    assert {
        ("A/RES/79/229", "ga-resolution", date(2024, 12, 19)),
        ("E/RES/2025/33", "ecosoc-resolution", date(2025, 7, 30)),
        ("S/RES/242(1967)", "sc-resolution", date(1967, 11, 22)),
        ("S/RES/465(1980)", "sc-resolution", date(1980, 3, 1)),
        ("S/RES/2334(2016)", "sc-resolution", date(2016, 12, 23)),
        ("A/RES/2625(XXV)", "ga-resolution", date(1970, 10, 24)),
        ("A/RES/70/1", "ga-resolution", date(2015, 9, 25)),
        ("A/RES/ES-10/15", "ga-resolution", date(2004, 7, 20)),
    } <= got
