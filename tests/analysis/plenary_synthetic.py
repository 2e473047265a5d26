"""Synthetic plenary-like roll calls in unkg's own RDF shape, for drift tests and the benchmark.

Each roll call is shaped as ``kg.rdf.rollcalls`` writes the plenary record: an ``opengov:VoteEvent``
and ``unkg:RollCall`` held by the General Assembly (``unkg:committee`` pointing to the body
``general-assembly``, a ``unkg:Body`` and not a ``unkg:Committee``), with its session, date, title,
identifier as given, issue codes (``unkg:issue`` concepts), the General Assembly resolution it was adopted
as (``unkg:adoptedAs``) from session ``certain_from`` on, and one ``opengov:Vote`` per state (``yes``, ``no``, ``abstain`` or
``non-voting``). States sit on a line in planted blocs; a roll call splits the line at a random cut,
and a state votes by its side of the cut, with noise. ``moves`` plants changes of bloc from a given
session on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

__all__ = ["GRAPH", "Plenary", "plenary"]

BASE = "https://w3id.org/unkg/"
OG = "http://www.w3.org/ns/opengov#"
SCHEMA = "http://schema.org/"
UNKG = "https://w3id.org/unkg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
GRAPH = BASE + "graph/synthetic-plenary"
BODY = f"<{BASE}id/body/general-assembly>"


@dataclass
class Plenary:
    """The planted truth: each state's bloc per session, and the roll calls' sessions."""

    states: list[str]
    sessions: list[int]
    blocs: dict[int, dict[str, int]] = field(default_factory=dict)  # session -> state -> bloc
    events: int = 0
    votes: int = 0


def plenary(states: list[str], sessions: list[int], per_session: int, *, blocs: int = 3, noise: float = 0.05,
            moves: dict[str, tuple[int, int]] | None = None, absent: float = 0.03, seed: int = 0,
            issues: tuple[str, ...] = (), certain_from: int = 0) -> tuple[Plenary, Iterator[str]]:
    """The planted truth and a lazy stream of N-Triples lines (one graph's content).

    ``moves`` maps a state to (session, new bloc): from that session on, the state sits in the new bloc.
    ``issues``: codes given in turn to the roll calls as ``unkg:issue`` concepts (empty: none).
    """
    rng = np.random.default_rng(seed)
    base_bloc = {s: i * blocs // len(states) for i, s in enumerate(states)}
    truth = Plenary(list(states), list(sessions))
    for session in sessions:
        current = dict(base_bloc)
        for state, (since, bloc) in (moves or {}).items():
            if session >= since:
                current[state] = bloc
        truth.blocs[session] = current
    truth.events = len(sessions) * per_session
    truth.votes = truth.events * len(states)

    def lines() -> Iterator[str]:
        yield f"<{GRAPH}> {RDF_TYPE} <{UNKG}SourceGraph> ."
        yield f"{BODY} {RDF_TYPE} <{UNKG}Body> ."
        yield f'{BODY} <http://www.w3.org/2000/01/rdf-schema#label> "General Assembly"@en .'
        positions = np.linspace(0.0, 1.0, blocs) if blocs > 1 else np.zeros(1)
        for session in sessions:
            where = np.array([positions[truth.blocs[session][s]] for s in states])
            for n in range(1, per_session + 1):
                symbol = f"A/RES/{session}/{n}"
                rcid = session * 1000 + n
                event = f"<{BASE}id/rollcall/{rcid}>"
                motion = f"<{BASE}id/document/{symbol}>"
                month, day = 9 + (n * 3) // (per_session + 1), 1 + n % 28
                year = 1945 + session
                if session >= certain_from:
                    yield f"{motion} {RDF_TYPE} <{UNKG}GeneralAssemblyResolution> ."
                    yield f'{motion} <{DCT}identifier> "{symbol}" .'
                    yield f'{motion} <{UNKG}session> "{session}"^^<{XSD}integer> .'
                    yield f"{event} <{UNKG}adoptedAs> {motion} ."
                yield f"{event} {RDF_TYPE} <{OG}VoteEvent> ."
                yield f"{event} {RDF_TYPE} <{UNKG}RollCall> ."
                yield f'{event} <{UNKG}rollCallId> "{rcid}"^^<{XSD}integer> .'
                yield f'{event} <{UNKG}session> "{session}"^^<{XSD}integer> .'
                yield f'{event} <{UNKG}identifierAsGiven> "R/{session}/{n}" .'
                yield f'{event} <{DCT}title> "Synthetic question {n} of session {session}"@en .'
                yield f'{event} <{UNKG}voteMethod> "recorded vote" .'
                yield f"{event} <{UNKG}committee> {BODY} ."
                yield f'{event} <{DCT}date> "{year:04d}-{month:02d}-{day:02d}"^^<{XSD}date> .'
                if issues:
                    code = issues[(n - 1) % len(issues)]
                    concept = f"<{BASE}id/issue/{code}>"
                    yield f"{concept} {RDF_TYPE} <http://www.w3.org/2004/02/skos/core#Concept> ."
                    yield f'{concept} <http://www.w3.org/2004/02/skos/core#notation> "{code}" .'
                    yield f"{event} <{UNKG}issue> {concept} ."
                cut = rng.uniform(0.1, 0.9)
                side = where > cut
                flip = rng.random(len(states)) < noise
                yes_side = bool(rng.random() < 0.5)
                for i, state in enumerate(states):
                    r = rng.random()
                    if r < absent:
                        option = "non-voting"
                    elif flip[i]:
                        option = "abstain"
                    else:
                        option = "yes" if side[i] == yes_side else "no"
                    vote = f"<{BASE}id/rollcall/{rcid}/{state}>"
                    yield f"{vote} {RDF_TYPE} <{OG}Vote> ."
                    yield f"{vote} <{OG}voteEvent> {event} ."
                    yield f"{vote} <{SCHEMA}agent> <{BASE}id/state/{state}> ."
                    yield f'{vote} <{SCHEMA}option> "{option}" .'
                    yield f"{vote} <{OG}voter> <{BASE}id/state/{state}> ."  # deprecated, written for one release
                    yield f'{vote} <{OG}option> "{option}" .'

    return truth, lines()
