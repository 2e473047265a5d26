"""Drift on a small synthetic plenary history in unkg's own RDF shape (plenary vote events held by the
General Assembly body, one named graph): planted blocs and planted moves are found again. Also the
selection of plenary events by stage, session and issue code, and the two ways of pulling votes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kg.analysis import Selection, drift, load_votes, votes
from kg.studies import files
from kg.analysis.blocs import adjusted_rand

from .conftest import MOVES, SESSIONS


@pytest.fixture(scope="module")
def history(plenary_store):
    store, truth = plenary_store
    return store, truth, load_votes(store, Selection(stage="plenary"))


def test_plenary_events_are_told_from_committee_ones(plenary_store):
    store, truth = plenary_store
    events = votes.load_events(store)
    assert (events["stage"] == "plenary").sum() == truth.events
    assert set(events.loc[events["stage"] == "plenary", "body"]) == {"General Assembly"}
    assert set(events.loc[events["stage"] == "committee", "motion"]) == {"A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"}


def test_selection_by_session_and_issue(plenary_store):
    store, _ = plenary_store
    one = load_votes(store, Selection(stage="plenary", sessions=(63, 63)))
    assert len(one) == 12 and set(one.events["session"]) == {"63"}
    nuclear = load_votes(store, Selection(issue="nu"))
    assert len(nuclear) == len(SESSIONS) * 4
    assert all("nu" in codes.split() for codes in nuclear.events["issues"])
    assert len(load_votes(store, Selection(sessions=(61, 62)))) == 24


def test_targeted_and_full_pulls_agree(plenary_store, monkeypatch):
    store, _ = plenary_store
    selection = Selection(stage="plenary", sessions=(64, 65))
    targeted = load_votes(store, selection)  # 24 of 98 events: motion by motion
    monkeypatch.setattr(votes, "TARGETED_SHARE", 0.0)  # one pull of every vote
    full = load_votes(store, selection)
    assert targeted.states == full.states
    assert list(targeted.events["event"]) == list(full.events["event"])
    assert np.array_equal(targeted.matrix, full.matrix)


def test_drift_finds_the_planted_blocs_and_moves(history):
    _, truth, table = history
    result = drift(table, seed=0)
    assert list(result.sessions["session"]) == SESSIONS
    assert (result.sessions["blocs"] == 3).all()
    for session in SESSIONS:
        found = result.memberships[result.memberships["session"] == session]
        assert adjusted_rand(dict(zip(found["state"], found["bloc"])), truth.blocs[session]) == pytest.approx(1.0)
    moves = {(r["state"], r["session_to"]) for r in result.moves.to_dict("records")}
    assert moves == {(state, since) for state, (since, _) in MOVES.items()}
    assert result.construction.startswith("knn k=10 on kappa")
    assert result.matrix().shape == (40, len(SESSIONS))
    assert result.transitions()["moves"].sum() == len(MOVES)


def test_drift_is_reproducible_and_written(history, tmp_path):
    _, _, table = history
    a, b = drift(table, seed=4), drift(table, seed=4)
    pd.testing.assert_frame_equal(a.memberships, b.memberships)
    paths = files.write_drift(a, tmp_path)
    assert [p.name for p in paths] == ["drift.csv", "drift-sessions.csv", "drift-moves.csv"]
    assert list(pd.read_csv(tmp_path / "drift.csv").columns) == ["session", "state", "bloc", "score"]
