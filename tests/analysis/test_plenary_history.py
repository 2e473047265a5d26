"""Blocs and drift on the real plenary record (unvotes, sessions 70 to 74, imported by kg.pipeline.rollcalls): the
camps everyone knows are found in every session, and the selection works on roll calls."""

from __future__ import annotations

import numpy as np
import pytest

from kg.analysis import Selection, analyse, drift, load_votes, votes

from .conftest import REAL_SESSIONS


@pytest.fixture(scope="module")
def table(real_plenary_store):
    return load_votes(real_plenary_store, Selection(stage="plenary"))


@pytest.fixture(scope="module")
def history(table):
    return drift(table, seed=0)


def test_the_roll_calls_are_the_plenary_stage(real_plenary_store, table):
    events = votes.load_events(real_plenary_store)
    assert set(events.loc[events["stage"] == "plenary", "body"]) == {"General Assembly"}
    assert table.sessions() == list(REAL_SESSIONS)
    assert set(table.events["source"]) == {"unvotes"}
    assert table.events["rollcall"].str.fullmatch(r"\d+").all()
    assert len(load_votes(real_plenary_store, Selection(stage="committee"))) == 2  # the report's two votes


def test_selection_by_session_and_issue(real_plenary_store, table):
    session = load_votes(real_plenary_store, Selection(stage="plenary", sessions=(73, 73)))
    assert set(session.events["session"]) == {"73"} and len(session) == (table.events["session"] == "73").sum()
    mask = table.events["session"].to_numpy() == "73"
    assert np.array_equal(session.matrix, table.subset(mask).matrix[:, [table.states.index(s) for s in session.states]])
    nuclear = load_votes(real_plenary_store, Selection(stage="plenary", issue="nu"))
    assert 0 < len(nuclear) < len(table) and all("nu" in c.split() for c in nuclear.events["issues"])


def test_blocs_in_every_session(history):
    assert list(history.sessions["session"]) == list(REAL_SESSIONS)
    assert (history.sessions["blocs"] >= 3).all() and (history.sessions["modularity"] > 0.3).all()
    for session in REAL_SESSIONS:
        bloc = dict(history.memberships[history.memberships["session"] == session][["state", "bloc"]].values)
        assert bloc["FRA"] == bloc["DEU"] == bloc["GBR"] == bloc["USA"]
        assert bloc["RUS"] == bloc["CHN"] == bloc["CUB"]
        assert bloc["USA"] != bloc["RUS"]
    assert set(history.moves.columns) == {"state", "name", "session_from", "session_to", "bloc_from", "bloc_to"}
    assert history.moves["session_to"].isin(list(REAL_SESSIONS)[1:]).all()


def test_one_session_in_full(table):
    report = analyse(table.by_session()[73], seeds=5)
    frame = report.partitions_frame()
    assert (frame["stability"] > 0.5).all() and (frame["modularity"] > 0.4).all()
    labels = report.partition.labels()
    ends = report.scores[["USA", "ISR"]].mean(), report.scores[["CUB", "SYR"]].mean()
    assert np.sign(ends[0]) != np.sign(ends[1])  # the line runs from one camp to the other
    assert labels["USA"] != labels["CUB"]
