"""Checks on the reference data files themselves (kg/reference/states.csv, names.csv).

These tests read the CSV files with the csv module only; they do not import the
package, so they check the data that ships, whatever the code around it does.
"""

import csv
import re
from datetime import date
from pathlib import Path

import pytest

REF = Path(__file__).resolve().parents[2] / "kg" / "reference"

STATE_FIELDS = ["key", "iso3", "m49", "wikidata", "un_name", "status",
                "admitted", "ended", "successor", "note"]
NAME_FIELDS = ["name", "key", "valid_from", "valid_to", "source"]

# Every State name printed in the lists (sponsors, "In favour", "Against",
# "Abstaining", footnotes) of the sample report A/73/505 (First Committee,
# seventy-third session), with PDF text-extraction breaks such as
# "Plurinational Sta te of" or "Uni ted Republic" repaired and a leading "the"
# removed, except in "the former Yugoslav Republic of Macedonia", which the
# report prints with a lowercase "the" mid-list.
SAMPLE_NAMES = [
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola",
    "Antigua and Barbuda", "Argentina", "Armenia", "Australia", "Austria",
    "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus",
    "Belgium", "Belize", "Benin", "Bhutan", "Bolivia (Plurinational State of)",
    "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei Darussalam",
    "Bulgaria", "Burkina Faso", "Burundi", "Cabo Verde", "Cambodia", "Canada",
    "Chad", "Chile", "China", "Colombia", "Congo", "Costa Rica",
    "Côte d’Ivoire", "Croatia", "Cuba", "Cyprus", "Czechia",
    "Democratic People’s Republic of Korea", "Democratic Republic of the Congo",
    "Democratic Republic of Congo", "Denmark", "Djibouti", "Dominican Republic",
    "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea",
    "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gambia", "Georgia",
    "Germany", "Ghana", "Greece", "Guatemala", "Guinea", "Guinea-Bissau",
    "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia",
    "Iran (Islamic Republic of)", "Iraq", "Ireland", "Israel", "Italy",
    "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kuwait",
    "Kyrgyzstan", "Lao People’s Democratic Republic", "Latvia", "Lebanon",
    "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
    "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta",
    "Marshall Islands", "Mauritius", "Mexico",
    "Micronesia (Federated States of)", "Monaco", "Mongolia", "Montenegro",
    "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands",
    "New Zealand", "Nicaragua", "Niger", "Nigeria", "Norway", "Oman",
    "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay", "Peru",
    "Philippines", "Poland", "Portugal", "Qatar", "Republic of Korea",
    "Republic of Moldova", "Romania", "Russian Federation", "Rwanda",
    "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines",
    "Samoa", "San Marino", "Saudi Arabia", "Senegal", "Serbia", "Seychelles",
    "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Solomon Islands",
    "South Africa", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden",
    "Switzerland", "Syrian Arab Republic", "Tajikistan", "Thailand",
    "the former Yugoslav Republic of Macedonia", "Timor-Leste", "Togo",
    "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland",
    "United Republic of Tanzania", "United States of America", "Uruguay",
    "Uzbekistan", "Vanuatu", "Venezuela (Bolivarian Republic of)", "Viet Nam",
    "Yemen", "Zambia", "Zimbabwe",
]

# Names that must NOT resolve on their own.
AMBIGUOUS = ["Korea", "Congo (the)", "Guinea (the)", "Yemen (the)"]


def _read(name):
    with open(REF / name, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def states():
    fields, rows = _read("states.csv")
    assert fields == STATE_FIELDS
    return rows


@pytest.fixture(scope="module")
def names():
    fields, rows = _read("names.csv")
    assert fields == NAME_FIELDS
    return rows


def _ws(s):
    return re.sub(r"\s+", " ", s).strip()


def _d(s):
    return date.fromisoformat(s) if s else None


def test_193_members(states):
    assert sum(r["status"] == "member" for r in states) == 193


def test_statuses(states):
    assert {r["status"] for r in states} <= {"member", "observer", "former"}
    observers = {r["key"] for r in states if r["status"] == "observer"}
    assert observers == {"VAT", "PSE"}


def test_keys_unique_and_uppercase(states):
    keys = [r["key"] for r in states]
    assert len(keys) == len(set(keys))
    for k in keys:
        assert re.fullmatch(r"[A-Z]{3,}", k), k


def test_iso3(states):
    for r in states:
        if r["iso3"]:
            assert re.fullmatch(r"[A-Z]{3}", r["iso3"]), r
        if r["status"] in ("member", "observer"):
            assert r["iso3"] == r["key"], r
    iso = [r["iso3"] for r in states if r["iso3"]]
    assert len(iso) == len(set(iso))


def test_m49(states):
    for r in states:
        if r["m49"]:
            assert re.fullmatch(r"\d{3}", r["m49"]), r
        if r["status"] in ("member", "observer"):
            assert r["m49"], r
    m49 = [r["m49"] for r in states if r["m49"]]
    assert len(m49) == len(set(m49))


def test_wikidata(states):
    for r in states:
        if r["wikidata"]:
            assert re.fullmatch(r"Q\d+", r["wikidata"]), r
    qids = [r["wikidata"] for r in states if r["wikidata"]]
    assert len(qids) == len(set(qids))


def test_un_name_present(states):
    for r in states:
        assert r["un_name"].strip() == r["un_name"] and r["un_name"], r


def test_dates(states):
    keys = {r["key"] for r in states}
    for r in states:
        adm, end = _d(r["admitted"]), _d(r["ended"])
        if r["status"] == "member":
            assert adm, r
            assert not end and not r["successor"], r
        if r["status"] == "observer":
            assert not adm and not end, r
        if r["status"] == "former":
            assert adm and end and adm < end, r
        if r["successor"]:
            assert r["successor"] in keys and r["successor"] != r["key"], r
            assert next(s for s in states if s["key"] == r["successor"])["status"] == "member"


def test_modelling_decisions(states):
    by = {r["key"]: r for r in states}
    assert by["SUN"]["successor"] == "RUS" and by["SUN"]["ended"] == by["RUS"]["admitted"]
    assert by["SUN"]["key"] != by["RUS"]["key"]
    assert by["SRB"]["admitted"] == "2000-11-01"
    assert by["MNE"]["admitted"] == "2006-06-28"
    assert by["YEM"]["admitted"] == "1947-09-30"
    assert by["YMD"]["successor"] == "YEM"
    assert by["DDR"]["successor"] == "DEU"
    assert by["CSK"]["successor"] == ""
    assert by["CHN"]["admitted"] == "1945-10-24"


def test_name_keys_exist(states, names):
    keys = {r["key"] for r in states}
    for n in names:
        assert n["key"] in keys, n


def test_name_rows_well_formed(names):
    for n in names:
        assert n["name"] == n["name"].strip() and n["name"], n
        assert n["source"], n
        vf, vt = _d(n["valid_from"]), _d(n["valid_to"])
        if vf and vt:
            assert vf < vt, n
        if n["name"].lower().startswith("the "):
            assert n["name"].lower() == "the former yugoslav republic of macedonia", n


def test_no_name_maps_to_two_keys_at_once(names):
    """valid_from is inclusive, valid_to exclusive; empty means open."""
    lo, hi = date.min, date.max
    by_name = {}
    for n in names:
        by_name.setdefault(_ws(n["name"]), []).append(n)
    for name, rows in by_name.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a["key"] == b["key"]:
                    continue
                a0, a1 = _d(a["valid_from"]) or lo, _d(a["valid_to"]) or hi
                b0, b1 = _d(b["valid_from"]) or lo, _d(b["valid_to"]) or hi
                assert a1 <= b0 or b1 <= a0, (name, a, b)


def test_member_un_names_in_names(states, names):
    known = {(_ws(n["name"]), n["key"]) for n in names}
    for r in states:
        if r["status"] in ("member", "observer"):
            assert (_ws(r["un_name"]), r["key"]) in known, r


def test_sample_names_resolve(names):
    known = {_ws(n["name"]) for n in names}
    missing = [s for s in SAMPLE_NAMES if _ws(s) not in known]
    assert not missing, missing


def test_sample_names_resolve_on_report_date(names):
    """The report is of December 2018: every sample name must map to exactly one key then."""
    day = date(2018, 12, 1)
    for s in SAMPLE_NAMES:
        keys = {n["key"] for n in names
                if _ws(n["name"]) == _ws(s)
                and (_d(n["valid_from"]) or date.min) <= day < (_d(n["valid_to"]) or date.max)}
        assert len(keys) == 1, (s, keys)


def test_ambiguous_names_absent(names):
    known = {_ws(n["name"]) for n in names}
    for a in AMBIGUOUS:
        assert a not in known, a


def test_renamings(names):
    rows = {(n["name"], n["key"]): n for n in names}
    assert rows[("the former Yugoslav Republic of Macedonia", "MKD")]["valid_to"] == "2019-02-14"
    assert rows[("North Macedonia", "MKD")]["valid_from"] == "2019-02-14"
    assert rows[("Turkey", "TUR")]["valid_to"] == "2022-06-01"
    assert rows[("Türkiye", "TUR")]["valid_from"] == "2022-06-01"
    assert rows[("Zaire", "COD")]
    assert rows[("Congo", "COG")]
    assert rows[("Union of Soviet Socialist Republics", "SUN")]
    assert rows[("Byelorussian Soviet Socialist Republic", "BLR")]
    assert rows[("Ukrainian Soviet Socialist Republic", "UKR")]
