"""Golden facts of report A/73/505, written by reading the document (fixtures/documents/A_73_505),
compared with what the named queries and the records API give."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from kg import queries

EXPECTED = json.loads((FIXTURES / "documents" / "A_73_505" / "expected.json").read_text(encoding="utf-8"))
DRAFTS = {d["symbol"]: d for d in EXPECTED["drafts"]}
L27, L37 = "A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"


def rows(store, name, **params):
    return queries.run(store, name, params)[1]


def test_report_identity(report):
    assert (report.symbol, report.committee, report.session) == ("A/73/505", EXPECTED["committee"], 73)
    assert report.agenda_item_title == EXPECTED["agenda_item_title"]


def test_drafts_query(store):
    got = {r["draft"]: r for r in rows(store, "drafts")}
    assert set(got) == set(DRAFTS)
    for symbol, d in DRAFTS.items():
        assert got[symbol]["title"] == d["title"]
        assert {k: int(got[symbol][k]) for k in ("yes", "no", "abstain")} == d["stated"]


@pytest.mark.parametrize("draft", [L27, L37])
def test_sponsors_query(store, draft):
    d = DRAFTS[draft]
    expected = {s: "false" for s in d["on_behalf_of"] + [d["submitted_by"]]}
    expected.update({s: "true" for s in d["joined_later"]})
    assert {r["state"]: r["joined_later"] for r in rows(store, "sponsors", draft=draft)} == expected


@pytest.mark.parametrize("draft", [L27, L37])
def test_votes_query(store, draft):
    d = DRAFTS[draft]
    expected = {s: "yes" for s in d["in_favour"]} | {s: "no" for s in d["against"]} | {s: "abstain" for s in d["abstaining"]}
    assert {r["state"]: r["position"] for r in rows(store, "votes", draft=draft)} == expected


@pytest.mark.parametrize("draft", [L27, L37])
def test_non_voting_query(store, draft):
    assert [r["state"] for r in rows(store, "non-voting", draft=draft)] == EXPECTED["non_voting"][draft]


@pytest.mark.parametrize("draft", [L27, L37])
def test_intentions_query(store, draft):
    d = DRAFTS[draft]
    recorded = {s: "yes" for s in d["in_favour"]} | {s: "no" for s in d["against"]} | {s: "abstain" for s in d["abstaining"]}
    expected = {(i["state"], recorded.get(i["state"], ""), i["intended"]) for i in EXPECTED["intentions"][draft]}
    assert {(r["state"], r["recorded"], r["intended"]) for r in rows(store, "intentions", draft=draft)} == expected


@pytest.mark.parametrize("citing", ["A/73/505", L27, L37])
def test_citations_query(store, citing):
    expected = {tuple(pair) for pair in EXPECTED["citations"][citing]}
    assert {(r["cited"], r["kind"]) for r in rows(store, "citations", draft=citing)} == expected


def test_citation_dates(report):
    dates = {(c.citing, c.cited): c.date.isoformat() for c in report.citations if c.date}
    assert dates[(L27, "A/RES/36/103")] == "1981-12-09"
    assert dates[(L27, "A/RES/43/78 H")] == "1988-12-07"
    assert dates[(L27, "A/RES/71/28")] == "2016-12-05"
    assert dates[(L27, "A/HRC/RES/20/8")] == "2012-07-05"
    assert dates[(L37, "A/DEC/72/512")] == "2017-12-04"


def test_co_sponsors_query(store):
    sponsors = {
        symbol: set(d["on_behalf_of"]) | {d["submitted_by"]} | set(d["joined_later"]) for symbol, d in DRAFTS.items()
    }
    got = {(r["state_a"], r["state_b"]): int(r["drafts"]) for r in rows(store, "co-sponsors")}
    both = sponsors[L27] & sponsors[L37]
    assert both == {"COD", "GIN", "MWI", "SLE", "WSM"}
    assert {pair for pair, n in got.items() if n == 2} == {(a, b) for a in both for b in both if a < b}
    n1, n2 = len(sponsors[L27]), len(sponsors[L37])
    assert len(got) == n1 * (n1 - 1) // 2 + n2 * (n2 - 1) // 2 - len(both) * (len(both) - 1) // 2


def test_rival_drafts_query(store):
    got = {r["state"]: r for r in rows(store, "rival-drafts", draft_a=L27, draft_b=L37)}
    assert len(got) == 193

    def position(draft, state):
        d = DRAFTS[draft]
        for key, name in (("in_favour", "yes"), ("against", "no"), ("abstaining", "abstain")):
            if state in d[key]:
                return name
        return "non-voting"

    for state, row in got.items():
        assert row["position_a"] == position(L27, state)
        assert row["position_b"] == position(L37, state)
    # the bloc that voted against L.27/Rev.1 and for L.37 includes the EU members and the United States
    assert {"FRA", "DEU", "USA"} <= {s for s, r in got.items() if (r["position_a"], r["position_b"]) == ("no", "yes")}


def test_submitters_and_dates(report):
    for symbol, d in DRAFTS.items():
        [submitter] = [s for s in report.sponsorships if s.draft == symbol and s.role == "submitter"]
        assert (submitter.sponsor.key, submitter.date.isoformat()) == (d["submitted_by"], d["submitted_on"])
        [vote] = [v for v in report.votes if v.draft == symbol]
        assert (vote.meeting, vote.date.isoformat()) == (d["vote_meeting"], d["vote_date"])
        assert next(x.place for x in report.drafts if x.symbol == symbol) == d["place"]


def test_meetings(report):
    def iso(d):
        return d.isoformat() if d else None

    got = [
        {"body": m.body, "number": m.number, "date": iso(m.date), "not_before": iso(m.not_before), "not_after": iso(m.not_after)}
        for m in report.meetings
    ]
    key = lambda m: (m["body"], m["number"])  # noqa: E731
    assert sorted(got, key=key) == sorted(EXPECTED["meetings"], key=key)
    records = {m.number: m.record for m in report.meetings if m.body == "First Committee"}
    assert records[2] == "A/C.1/73/PV.2"  # as the text gives it, not the link target's A/C.1/72/PV.2


def test_budget_statements(report):
    got = [{"draft": b.draft, "form": b.form, "document": b.document, "supersedes": b.supersedes} for b in report.budget_statements]
    key = lambda b: (b["draft"], b["form"], b["document"] or "")  # noqa: E731
    assert sorted(got, key=key) == sorted(EXPECTED["budget_statements"], key=key)
    [oral] = [b for b in report.budget_statements if b.form == "oral"]
    assert (oral.meeting, oral.date.isoformat()) == (31, "2018-11-08")


def test_bodies(report):
    got = [{"kind": b.kind, "established_by": b.established_by, "begins": b.begins, "reports_to_session": b.reports_to_session}
           for b in report.bodies]
    assert got == EXPECTED["bodies"]


def test_norms(report):
    got = [(n.number, " ".join(n.text.split()[:6]), " ".join(n.text.split()[-4:])) for n in report.norms]
    assert got == [(n["number"], n["first_words"], n["last_words"]) for n in EXPECTED["norms"]]
    norm_15 = next(n for n in report.norms if n.number == "1.5")
    assert "resolutions 20/8 of 5 July 2012 and 26/13 of 26 June 2014 on the" in norm_15.text  # markers taken out
