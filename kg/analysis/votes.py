"""The vote table: which state cast which option on which vote event, as one numpy matrix.

The graph is read through three named queries only: ``vote-events`` (one row per event: motion,
session, date, body, stage, source document, issue codes), then either ``vote-table`` (every vote,
one pull) or ``motion-votes`` (the votes on one motion, for a few events), and ``state-names``. The
selection of events (a report, a session or a range of sessions, an issue code, the committee or the
plenary stage, some motions) is made on the event rows, in Python; the votes are then pulled once
and turned into a matrix of small integers, on which the rest of ``kg.analysis`` computes in numpy.

Codes in the matrix: 0 no record (for example not yet a Member), 1 yes, 2 no, 3 abstain, 4 non-voting.

>>> t = VoteTable.from_votes([("e1", "FRA", "yes"), ("e1", "RUS", "no"), ("e2", "FRA", "yes"), ("e2", "RUS", "abstain")])
>>> t.states, t.matrix.tolist()
(['FRA', 'RUS'], [[1, 2], [1, 3]])
>>> t.cast().tolist()
[2, 2]
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from kg import queries
from kg.errors import UnkgError
from kg.store import Store

__all__ = [
    "CODES",
    "OPTIONS",
    "Selection",
    "VoteTable",
    "frame",
    "load_events",
    "load_votes",
    "read_csv",
    "state_names",
]

OPTIONS: tuple[str, ...] = ("yes", "no", "abstain", "non-voting")
CODES: dict[str, int] = {option: code for code, option in enumerate(OPTIONS, start=1)}
EVENT_COLUMNS = ["event", "motion", "title", "session", "date", "body", "stage", "method", "result", "source",
                 "rollcall", "identifier", "issues"]
# below this share of all events (and with a motion for each), votes are pulled motion by motion
TARGETED_SHARE = 0.25


def read_csv(data: bytes) -> pd.DataFrame:
    """A result of ``kg.queries.run_csv`` as a frame of strings (empty strings for unbound values)."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False)


@dataclass(frozen=True)
class Selection:
    """Which vote events to analyse; every field left empty selects all.

    ``report`` keeps the events read from one document (its symbol, e.g. ``A/73/505``); ``sessions``
    an inclusive range of sessions; ``issue`` the events with that issue code; ``stage`` ``committee``
    or ``plenary``; ``motions`` the events on these drafts or resolutions.

    >>> Selection(sessions=(73, 73), stage="committee").describe()
    'session 73, committee stage'
    >>> Selection().describe()
    'all vote events'
    """

    report: str | None = None
    sessions: tuple[int, int] | None = None
    issue: str | None = None
    stage: str | None = None
    motions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.stage not in (None, "committee", "plenary"):
            raise UnkgError(f"stage is committee or plenary, not {self.stage!r}")
        if self.sessions is not None and self.sessions[0] > self.sessions[1]:
            raise UnkgError(f"session range {self.sessions[0]}-{self.sessions[1]} is empty")

    @classmethod
    def session(cls, number: int, **kwargs: object) -> Selection:
        """The events of one session."""
        return cls(sessions=(number, number), **kwargs)  # type: ignore[arg-type]

    def describe(self) -> str:
        parts = []
        if self.report:
            parts.append(f"report {self.report}")
        if self.sessions:
            lo, hi = self.sessions
            parts.append(f"session {lo}" if lo == hi else f"sessions {lo}-{hi}")
        if self.issue:
            parts.append(f"issue {self.issue}")
        if self.stage:
            parts.append(f"{self.stage} stage")
        if self.motions:
            parts.append("motions " + ", ".join(self.motions))
        return ", ".join(parts) or "all vote events"

    def mask(self, events: pd.DataFrame) -> np.ndarray:
        """Which rows of a ``vote-events`` frame this selection keeps."""
        keep = np.ones(len(events), dtype=bool)
        if self.report:
            keep &= (events["source"] == self.report).to_numpy()
        if self.sessions:
            session = pd.to_numeric(events["session"], errors="coerce")
            keep &= ((session >= self.sessions[0]) & (session <= self.sessions[1])).to_numpy()
        if self.issue:
            keep &= events["issues"].map(lambda codes: self.issue in codes.split()).to_numpy(dtype=bool)
        if self.stage:
            keep &= (events["stage"] == self.stage).to_numpy()
        if self.motions:
            keep &= events["motion"].isin(self.motions).to_numpy()
        return keep


@dataclass
class VoteTable:
    """Vote events (rows of ``events``) by states (``states``), each cell an option code (see ``CODES``)."""

    events: pd.DataFrame
    states: list[str]
    matrix: np.ndarray
    names: dict[str, str] = field(default_factory=dict)
    selection: Selection = field(default_factory=Selection)

    @classmethod
    def from_votes(cls, votes: Iterable[tuple[str, str, str]], events: pd.DataFrame | None = None,
                   names: dict[str, str] | None = None, selection: Selection | None = None) -> VoteTable:
        """A table from (event, state, option) triples; ``events`` (one row per event, column ``event``)
        gives their order and attributes, else the events come in order of first appearance."""
        votes = list(votes)
        frame = pd.DataFrame(votes, columns=["event", "state", "option"], dtype=str)
        if events is None:
            events = pd.DataFrame({"event": list(dict.fromkeys(frame["event"]))})
        return cls._build(frame, events.reset_index(drop=True), names or {}, selection or Selection())

    @classmethod
    def _build(cls, votes: pd.DataFrame, events: pd.DataFrame, names: dict[str, str],
               selection: Selection) -> VoteTable:
        for column in EVENT_COLUMNS:
            if column not in events:
                events[column] = ""
        events = events[EVENT_COLUMNS + [c for c in events.columns if c not in EVENT_COLUMNS]]
        index = pd.Index(events["event"])
        votes = votes[votes["event"].isin(index) & votes["option"].isin(OPTIONS)]
        states = sorted(set(votes["state"]))
        matrix = np.zeros((len(events), len(states)), dtype=np.int8)
        rows = index.get_indexer(votes["event"])
        columns = pd.Index(states).get_indexer(votes["state"])
        codes = votes["option"].map(CODES).to_numpy(dtype=np.int8)
        matrix[rows, columns] = codes
        return cls(events, states, matrix, {s: names.get(s, s) for s in states}, selection)

    def __len__(self) -> int:
        return len(self.events)

    def cast(self) -> np.ndarray:
        """For each state, the number of events on which it voted yes, no or abstain."""
        return np.asarray(((self.matrix >= 1) & (self.matrix <= 3)).sum(axis=0))

    def subset(self, rows: np.ndarray, selection: Selection | None = None) -> VoteTable:
        """The table of some events (a boolean mask or indices); states that cast nothing there are kept."""
        rows = np.asarray(rows)
        return replace(self, events=self.events[rows].reset_index(drop=True) if rows.dtype == bool
                       else self.events.iloc[rows].reset_index(drop=True),
                       matrix=self.matrix[rows], selection=selection or self.selection)

    def present(self) -> VoteTable:
        """The table without the states that have no record at all (no vote, not even non-voting)."""
        keep = np.asarray((self.matrix > 0).any(axis=0), dtype=bool)
        return replace(self, states=[s for s, k in zip(self.states, keep.tolist()) if k], matrix=self.matrix[:, keep])

    def sessions(self) -> list[int]:
        """The sessions of the events, in order (events without a session are left out)."""
        values = pd.to_numeric(self.events["session"], errors="coerce").dropna().astype(int)
        return sorted(set(values))

    def by_session(self) -> dict[int, VoteTable]:
        """One table per session, each keeping only the states with a record in that session."""
        session = pd.to_numeric(self.events["session"], errors="coerce").to_numpy()
        out = {}
        for s in self.sessions():
            out[s] = self.subset(session == s, replace(self.selection, sessions=(s, s))).present()
        return out

    def positions(self, state: str) -> dict[str, str]:
        """One state's option on each event (events without a record are left out)."""
        column = self.matrix[:, self.states.index(state)]
        return {e: OPTIONS[c - 1] for e, c in zip(self.events["event"], column) if c}

    def frame(self) -> pd.DataFrame:
        """The table in long form: event, motion, session, state, option (no-record cells left out)."""
        rows, columns = np.nonzero(self.matrix)
        return pd.DataFrame({
            "event": self.events["event"].to_numpy()[rows],
            "motion": self.events["motion"].to_numpy()[rows],
            "session": self.events["session"].to_numpy()[rows],
            "state": np.asarray(self.states, dtype=object)[columns],
            "option": np.asarray(OPTIONS, dtype=object)[self.matrix[rows, columns] - 1],
        })


def frame(store: Store, name: str, **params: str) -> pd.DataFrame:
    """The rows of named query ``name`` as a frame of strings, e.g. ``frame(store, "votes", draft="A/C.1/73/L.37")``."""
    return read_csv(queries.run_csv(store, name, params))


def state_names(store: Store) -> dict[str, str]:
    """Each state's code and its name as the UN writes it (named query ``state-names``)."""
    frame = read_csv(queries.run_csv(store, "state-names"))
    return dict(zip(frame["state"], frame["name"]))


def load_events(store: Store) -> pd.DataFrame:
    """Every vote event with its attributes (named query ``vote-events``).

    The analysis names an event by what its votes are pulled by (``motion-votes``): a Committee's vote by its
    draft, a plenary roll call by the resolution it was adopted as (the query's ``motion`` of a roll call is the
    draft it decided, kept in the column ``draft``).
    """
    events = read_csv(queries.run_csv(store, "vote-events"))
    plenary = (events["stage"] == "plenary").to_numpy()
    events.insert(2, "draft", events["motion"])
    events.loc[plenary, "motion"] = events.loc[plenary, "resolution"]
    return events


def load_votes(store: Store, selection: Selection | None = None) -> VoteTable:
    """The vote table of the selected events.

    The events are selected on the rows of ``vote-events``; their votes come from one pull of
    ``vote-table`` or, when the selection is small, from ``motion-votes`` for each of its motions.
    Raises ``UnkgError`` when no event matches.
    """
    selection = selection or Selection()
    events = load_events(store)
    chosen = events[selection.mask(events)].reset_index(drop=True)
    if chosen.empty:
        raise UnkgError(f"no vote event matches the selection ({selection.describe()}); "
                        f"the store holds {len(events)} vote events")
    motions = sorted(set(chosen["motion"]))
    if len(chosen) < TARGETED_SHARE * len(events) and "" not in motions:
        parts = [read_csv(queries.run_csv(store, "motion-votes", {"motion": m})) for m in motions]
        votes = pd.concat(parts, ignore_index=True)
    else:
        votes = read_csv(queries.run_csv(store, "vote-table"))
    return VoteTable._build(votes, chosen, state_names(store), selection)
