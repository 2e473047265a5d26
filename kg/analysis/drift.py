"""Drift: voting blocs session by session, and how states move between them over the years.

Each session's votes (any vote table: the plenary roll calls of the whole history, or a selection)
get their own agreement network and Louvain partition (``kg.analysis.blocs``, same options, one
seed). Bloc numbers are then carried from one session to the next: the blocs of a session are
matched to those of the session before by their overlap (Jaccard index of members, best one-to-one
assignment, scipy's Hungarian method); a bloc that overlaps none gets a new number. A move is a
state whose bloc number changes between two consecutive analysed sessions.

>>> from kg.analysis.votes import VoteTable
>>> import pandas as pd
>>> votes, events = [], []
>>> for session in (1, 2):
...     left = {"A", "B", "C"} | ({"X"} if session == 2 else set())  # X joins A, B and C in session 2
...     for e in range(4):
...         event = f"s{session}e{e}"
...         events.append({"event": event, "session": str(session)})
...         votes += [(event, s, "yes" if (s in left) == (e % 2 == 0) else "no") for s in "ABCXYZ"]
>>> d = drift(VoteTable.from_votes(votes, pd.DataFrame(events)), k=2)
>>> d.moves[["state", "session_from", "session_to"]].values.tolist()
[['X', 1, 2]]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from kg.analysis.agreement import agreement
from kg.analysis.blocs import adjusted_rand, agreement_graph, louvain, ordering
from kg.analysis.votes import VoteTable

__all__ = ["Drift", "align", "drift"]


@dataclass
class Drift:
    """Blocs per session (``memberships``), a line per session (``sessions``) and the ``moves``."""

    memberships: pd.DataFrame  # session, state, bloc (carried across sessions), score
    sessions: pd.DataFrame  # session, events, states, blocs, modularity, ari_previous, stayed
    moves: pd.DataFrame  # state, name, session_from, session_to, bloc_from, bloc_to
    construction: str

    def transitions(self) -> pd.DataFrame:
        """How many moves went from each bloc to each other bloc, over all sessions."""
        if self.moves.empty:
            return pd.DataFrame(columns=["bloc_from", "bloc_to", "moves"])
        counts = self.moves.groupby(["bloc_from", "bloc_to"]).size().rename("moves").reset_index()
        return counts.sort_values("moves", ascending=False, ignore_index=True)

    def matrix(self) -> pd.DataFrame:
        """States (rows) by sessions (columns), each cell the state's bloc number (NA: not analysed)."""
        return self.memberships.pivot(index="state", columns="session", values="bloc").astype("Int64")


def align(previous: dict[str, int], blocs: list[frozenset[str]], next_label: int) -> tuple[dict[str, int], int]:
    """Numbers for ``blocs`` that carry on those of ``previous`` (state -> number) where they overlap.

    >>> align({"A": 1, "B": 1, "C": 2}, [frozenset("C"), frozenset("AB")], 3)
    ({'C': 2, 'A': 1, 'B': 1}, 3)
    """
    old = sorted(set(previous.values()))
    members = {label: {s for s, x in previous.items() if x == label} for label in old}
    labels: dict[int, int] = {}
    if old and blocs:
        jaccard = np.array([[len(b & members[o]) / len(b | members[o]) for o in old] for b in blocs])
        rows, columns = linear_sum_assignment(-jaccard)
        for r, c in zip(rows, columns):
            if jaccard[r, c] > 0:
                labels[r] = old[c]
    out = {}
    for i, bloc in enumerate(blocs):
        if i not in labels:
            labels[i] = next_label
            next_label += 1
        out.update({s: labels[i] for s in sorted(bloc)})
    return out, next_label


def drift(table: VoteTable, *, measure: str = "kappa", absent: str = "exclude", construction: str = "knn",
          k: int = 10, threshold: float = 0.0, resolution: float = 1.0, seed: int = 0, min_events: int = 2,
          undefined: str = "agreement") -> Drift:
    """Blocs in every session of ``table`` with at least ``min_events`` vote events, carried across
    sessions, and the states that moved between them."""
    memberships, summary, moves = [], [], []
    previous: dict[str, int] = {}
    previous_raw: dict[str, int] = {}
    previous_session: int | None = None
    next_label = 1
    construction_text = ""
    for session, part in table.by_session().items():
        if len(part) < min_events or len(part.states) < 2:
            continue
        agr = agreement(part, absent=absent)
        graph = agreement_graph(agr, measure=measure, construction=construction, k=k, threshold=threshold,
                                undefined=undefined)
        if graph.number_of_nodes() == 0:
            continue
        construction_text = graph.graph["construction"]
        blocs = louvain(graph, resolution=resolution, seed=seed)
        scores, _ = ordering(part)
        blocs = sorted(blocs, key=lambda b: (float(np.nanmean(scores.reindex(sorted(b)))), min(b)))
        raw = {s: i for i, b in enumerate(blocs) for s in b}
        labels, next_label = align(previous, blocs, next_label)
        for state in sorted(labels):
            memberships.append({"session": session, "state": state, "bloc": labels[state],
                                "score": float(scores.get(state, np.nan))})
        common = sorted(set(previous) & set(labels))
        stayed = float(np.mean([previous[s] == labels[s] for s in common])) if common else float("nan")
        summary.append({"session": session, "events": len(part), "states": graph.number_of_nodes(),
                        "blocs": len(blocs), "modularity": float(nx.community.modularity(graph, blocs)),
                        "ari_previous": adjusted_rand(previous_raw, raw) if previous_raw else float("nan"),
                        "stayed": stayed})
        for state in common:
            if previous[state] != labels[state]:
                moves.append({"state": state, "name": table.names.get(state, state),
                              "session_from": previous_session, "session_to": session,
                              "bloc_from": previous[state], "bloc_to": labels[state]})
        previous, previous_raw, previous_session = labels, raw, session
    return Drift(pd.DataFrame(memberships, columns=["session", "state", "bloc", "score"]),
                 pd.DataFrame(summary, columns=["session", "events", "states", "blocs", "modularity",
                                                "ari_previous", "stayed"]),
                 pd.DataFrame(moves, columns=["state", "name", "session_from", "session_to", "bloc_from", "bloc_to"]),
                 construction_text)
