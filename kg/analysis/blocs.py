"""Voting blocs: community detection on an agreement network, with its stability, cohesion and a line.

The network is built from pairwise agreement (``kg.analysis.agreement``) in one of two explicit ways:

- ``"knn"`` (default): each state keeps its ``k`` closest partners (ties at the k-th place kept);
  an edge exists when either end chose the other;
- ``"dense"``: every pair whose score exceeds ``threshold``.

Edge weights are the chosen measure (kappa by default) clipped at 0, since Louvain needs non-negative
weights; where kappa or pi is undefined (chance alone predicts full agreement) the raw agreement
takes its place when ``undefined="agreement"`` (default) or the pair is left out (``"drop"``).
The construction is recorded on the graph (``G.graph["construction"]``) and with every partition:
on the dense graph of a long history Louvain finds few weak blocs, on the k-nearest graph more and
sharper ones, and the modularity says which.

Louvain (networkx) runs at several resolutions, each with ``seeds`` consecutive seeds from ``seed``;
a partition's stability is the mean adjusted Rand index between the partitions of those seeds
(1: every seed gives the same blocs). Blocs are numbered 1, 2, ... along the one-dimensional
ordering of states (the first principal component of the vote matrix), from its low end.

>>> from kg.analysis.votes import VoteTable
>>> votes = [(f"e{e}", s, ("yes" if (s < "M") == (e % 2 == 0) else "no")) for e in range(6)
...          for s in ["AAA", "BBB", "CCC", "XXX", "YYY", "ZZZ"]]
>>> report = analyse(VoteTable.from_votes(votes), k=2, seeds=3)
>>> [sorted(b) for b in report.partition.blocs]
[['AAA', 'BBB', 'CCC'], ['XXX', 'YYY', 'ZZZ']]
>>> report.partition.stability
1.0
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from kg.analysis.agreement import Agreement, agreement
from kg.analysis.votes import CODES, VoteTable
from kg.errors import UnkgError

__all__ = [
    "CONSTRUCTIONS",
    "BlocReport",
    "Partition",
    "adjusted_rand",
    "agreement_graph",
    "analyse",
    "cohesion",
    "louvain",
    "ordering",
    "partitions",
]

CONSTRUCTIONS = ("knn", "dense")


@dataclass
class Partition:
    """Blocs (sets of states, numbered from 1 in list order) found at one resolution with one seed."""

    blocs: list[frozenset[str]]
    resolution: float
    seed: int
    modularity: float
    stability: float  # mean adjusted Rand index across seeds (NaN with one seed)
    seeds: int
    construction: str

    def labels(self) -> dict[str, int]:
        """Each state's bloc number."""
        return {s: i for i, bloc in enumerate(self.blocs, start=1) for s in bloc}

    def summary(self) -> dict[str, object]:
        return {"resolution": self.resolution, "seed": self.seed, "seeds": self.seeds, "blocs": len(self.blocs),
                "sizes": " ".join(str(len(b)) for b in self.blocs), "modularity": round(self.modularity, 4),
                "stability": round(self.stability, 4) if self.stability == self.stability else float("nan"),
                "construction": self.construction}


def _weights(agr: Agreement, measure: str, undefined: str) -> np.ndarray:
    w = np.array(agr.measure(measure), dtype=np.float64)
    if undefined == "agreement":
        w = np.where(np.isnan(w), agr.agreement, w)
    elif undefined != "drop":
        raise UnkgError(f"undefined is agreement or drop, not {undefined!r}")
    w[agr.votes < 1] = np.nan
    np.fill_diagonal(w, np.nan)
    return w


def agreement_graph(agr: Agreement, *, measure: str = "kappa", construction: str = "knn", k: int = 10,
                    threshold: float = 0.0, min_votes: int = 1, undefined: str = "agreement",
                    names: dict[str, str] | None = None) -> nx.Graph:
    """The agreement network: states with at least ``min_votes`` common votes with someone, and edges as
    ``construction`` says (see the module). Edges carry ``weight`` and the pair's ``votes``,
    ``agreement``, ``kappa`` and ``pi``; nodes their ``name``.

    >>> from kg.analysis.agreement import agreement
    >>> from kg.analysis.votes import VoteTable
    >>> t = VoteTable.from_votes([("e1", "A", "yes"), ("e1", "B", "yes"), ("e1", "C", "no"),
    ...                           ("e2", "A", "no"), ("e2", "B", "no"), ("e2", "C", "no")])
    >>> g = agreement_graph(agreement(t), k=1)
    >>> sorted(g.edges()), g.graph["construction"]
    ([('A', 'B')], 'knn k=1 on kappa (ties kept; undefined scores replaced by raw agreement; weights clipped at 0)')
    """
    if construction not in CONSTRUCTIONS:
        raise UnkgError(f"construction is one of {', '.join(CONSTRUCTIONS)}, not {construction!r}")
    w = _weights(agr, measure, undefined)
    w[agr.votes < min_votes] = np.nan
    n = len(agr.states)
    keep = np.zeros((n, n), dtype=bool)
    positive = np.nan_to_num(w, nan=-np.inf) > max(threshold if construction == "dense" else 0.0, 0.0)
    if construction == "dense":
        keep = positive
        described = f"dense, every pair with {measure} > {max(threshold, 0.0):g}"
    else:
        if k < 1:
            raise UnkgError("k is at least 1")
        filled = np.where(positive, w, -np.inf)
        kth = -np.sort(-filled, axis=1)[:, min(k, n) - 1] if n else np.zeros(0)
        keep = positive & (filled >= kth[:, None])
        keep = keep | keep.T
        described = f"knn k={k} on {measure} (ties kept"
        described += "; undefined scores replaced by raw agreement" if undefined == "agreement" else ""
        described += "; weights clipped at 0)"
    if construction == "dense":
        described = f"{described} (weights clipped at 0)"
    graph = nx.Graph(construction=described, measure=measure, absent=agr.absent, undefined=undefined)
    names = names or {}
    connected = (agr.votes >= max(min_votes, 1)) & ~np.eye(n, dtype=bool)
    for i, state in enumerate(agr.states):
        if connected[i].any():
            graph.add_node(state, name=names.get(state, state))
    for i, j in zip(*np.nonzero(np.triu(keep, k=1))):
        graph.add_edge(agr.states[i], agr.states[j], weight=float(w[i, j]), votes=int(agr.votes[i, j]),
                       agreement=float(agr.agreement[i, j]), kappa=float(agr.kappa[i, j]), pi=float(agr.pi[i, j]))
    return graph


def louvain(graph: nx.Graph, *, resolution: float = 1.0, seed: int = 0) -> list[frozenset[str]]:
    """Louvain communities (networkx) of a weighted graph, as frozensets, largest first then by member."""
    found = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))


def adjusted_rand(a: dict[str, int], b: dict[str, int]) -> float:
    """The adjusted Rand index of two labellings over their common states (1: the same partition).

    >>> adjusted_rand({"x": 1, "y": 1, "z": 2}, {"x": 5, "y": 5, "z": 6})
    1.0
    >>> round(adjusted_rand({"w": 1, "x": 1, "y": 2, "z": 2}, {"w": 1, "x": 2, "y": 1, "z": 2}), 3)
    -0.5
    """
    common = sorted(set(a) & set(b))
    if len(common) < 2:
        return float("nan")
    _, x = np.unique([a[s] for s in common], return_inverse=True)
    _, y = np.unique([b[s] for s in common], return_inverse=True)
    table = np.zeros((x.max() + 1, y.max() + 1), dtype=np.int64)
    np.add.at(table, (x, y), 1)

    def pairs(v: np.ndarray) -> float:
        return float((v * (v - 1) // 2).sum())

    index, rows, columns = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    total = len(common) * (len(common) - 1) / 2
    expected = rows * columns / total
    maximum = (rows + columns) / 2
    if maximum == expected:
        return 1.0 if index == maximum else 0.0
    return (index - expected) / (maximum - expected)


def partitions(graph: nx.Graph, *, resolutions: tuple[float, ...] = (0.5, 1.0, 1.5), seed: int = 0, seeds: int = 10,
               scores: pd.Series | None = None) -> dict[float, Partition]:
    """At each resolution, the partition of ``seed`` with its modularity and its stability over ``seeds``
    seeds; blocs are numbered along ``scores`` (mean score of the members, ascending) when given.

    The modularity is Newman's (at resolution 1, whatever resolution found the partition), so that the
    partitions of different resolutions and constructions compare."""
    if graph.number_of_nodes() == 0:
        raise UnkgError("the agreement network is empty: no two states share a vote in this selection")
    out = {}
    for resolution in resolutions:
        runs = [louvain(graph, resolution=resolution, seed=seed + i) for i in range(max(seeds, 1))]
        labelled = [{s: i for i, c in enumerate(r) for s in c} for r in runs]
        aris = [adjusted_rand(x, y) for x, y in itertools.combinations(labelled, 2)]
        blocs = _ordered(runs[0], scores)
        out[resolution] = Partition(
            blocs, resolution, seed,
            float(nx.community.modularity(graph, blocs, weight="weight")),
            float(np.mean(aris)) if aris else float("nan"), max(seeds, 1), graph.graph.get("construction", ""))
    return out


def _ordered(blocs: list[frozenset[str]], scores: pd.Series | None) -> list[frozenset[str]]:
    if scores is None:
        return blocs

    def where(bloc: frozenset[str]) -> tuple[float, int, str]:
        values = scores.reindex(sorted(bloc)).dropna()
        return (float(values.mean()) if len(values) else float("inf"), -len(bloc), min(bloc))

    return sorted(blocs, key=where)


def ordering(table: VoteTable) -> tuple[pd.Series, float]:
    """Each state's place on a line, and the share of variance the line explains.

    The first principal component of the vote matrix (yes 1, abstain 0.5, no 0; a vote not cast
    takes the event's mean), oriented so that states voting yes more often sit higher (when that
    tells nothing, so that the first state in code order sits below zero). States that cast no vote
    get NaN.

    >>> from kg.analysis.votes import VoteTable
    >>> t = VoteTable.from_votes([("e1", "A", "yes"), ("e1", "B", "no"), ("e1", "C", "no"),
    ...                           ("e2", "A", "yes"), ("e2", "B", "yes"), ("e2", "C", "no")])
    >>> scores, explained = ordering(t)
    >>> list(scores.sort_values().index)
    ['C', 'B', 'A']
    """
    m = table.matrix
    value = np.full(m.shape, np.nan)
    value[m == CODES["yes"]] = 1.0
    value[m == CODES["abstain"]] = 0.5
    value[m == CODES["no"]] = 0.0
    cast = ~np.isnan(value)
    voters = cast.any(axis=0)
    events = cast.any(axis=1)
    x = value[np.ix_(events, voters)]
    if x.size == 0:
        return pd.Series(np.nan, index=table.states, dtype=float), float("nan")
    means = np.nanmean(x, axis=1, keepdims=True)
    x = np.where(np.isnan(x), means, x) - means
    with threadpool_limits(limits=1, user_api="blas"):  # small: one thread beats several on a busy machine
        u, s, _ = np.linalg.svd(x.T, full_matrices=False)
    score = u[:, 0] * s[0]
    yes = (m == CODES["yes"])[np.ix_(events, voters)].sum(axis=0) / cast[np.ix_(events, voters)].sum(axis=0)
    if np.std(score) > 0 and np.std(yes) > 0:
        flip = np.corrcoef(score, yes)[0, 1] < 0
    else:  # no relation to the share of yes votes: the first state (in code order) off zero sits below it
        off = score[np.abs(score) > 1e-12]
        flip = bool(off.size) and off[0] > 0
    if flip:
        score = -score
    explained = float(s[0] ** 2 / (s ** 2).sum()) if (s ** 2).sum() > 0 else float("nan")
    out = pd.Series(np.nan, index=table.states, dtype=float)
    out[np.asarray(table.states)[voters]] = score
    return out, explained


def cohesion(table: VoteTable, agr: Agreement, partition: Partition) -> pd.DataFrame:
    """Per bloc: size, mean pairwise raw agreement and kappa inside the bloc, mean agreement with the
    states outside it, and the Hix–Noury–Roland agreement index averaged over the events on which at
    least two members voted (1: all members chose the same option)."""
    index = {s: i for i, s in enumerate(agr.states)}
    columns = {s: i for i, s in enumerate(table.states)}
    rows = []
    for number, bloc in enumerate(partition.blocs, start=1):
        members = [index[s] for s in sorted(bloc) if s in index]
        inside = np.ix_(members, members)
        outside = [i for i in range(len(agr.states)) if i not in set(members)]
        upper = np.triu(np.ones((len(members), len(members)), dtype=bool), k=1)
        counts = np.stack([(table.matrix[:, [columns[s] for s in sorted(bloc)]] == c).sum(axis=1)
                           for c in (CODES["yes"], CODES["no"], CODES["abstain"])], axis=1)
        total = counts.sum(axis=1)
        top = counts.max(axis=1)
        voted = total >= 2
        index_hnr = (top[voted] - 0.5 * (total[voted] - top[voted])) / total[voted]
        rows.append({
            "bloc": number, "size": len(bloc),
            "agreement": _nanmean(agr.agreement[inside][upper]),
            "kappa": _nanmean(agr.kappa[inside][upper]),
            "agreement_outside": _nanmean(agr.agreement[np.ix_(members, outside)].ravel()),
            "agreement_index": _nanmean(index_hnr),
            "members": " ".join(sorted(bloc)),
        })
    return pd.DataFrame(rows)


def _nanmean(values: np.ndarray) -> float:
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else float("nan")


@dataclass
class BlocReport:
    """Everything ``analyse`` found on one vote table."""

    table: VoteTable
    agreement: Agreement
    graph: nx.Graph
    partitions: dict[float, Partition]
    resolution: float
    scores: pd.Series
    explained: float
    cohesion: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def partition(self) -> Partition:
        """The partition at the reported resolution."""
        return self.partitions[self.resolution]

    def blocs_frame(self) -> pd.DataFrame:
        """One row per state: state, name, bloc (at the reported resolution; empty when the state is not
        in the network), score (the ordering), votes cast, and its bloc at every other resolution."""
        votes = dict(zip(self.table.states, self.table.cast()))
        rows = []
        labels = {r: p.labels() for r, p in self.partitions.items()}
        for state in self.table.states:
            row = {"state": state, "name": self.table.names.get(state, state),
                   "bloc": labels[self.resolution].get(state, pd.NA),
                   "score": self.scores.get(state, np.nan), "votes": int(votes[state])}
            for r in sorted(self.partitions):
                if r != self.resolution:
                    row[f"bloc_at_{r:g}"] = labels[r].get(state, pd.NA)
            rows.append(row)
        frame = pd.DataFrame(rows)
        for column in [c for c in frame.columns if c.startswith("bloc")]:
            frame[column] = frame[column].astype("Int64")
        return frame.sort_values(["bloc", "score", "state"], ignore_index=True, na_position="last")

    def partitions_frame(self) -> pd.DataFrame:
        """One row per resolution: blocs, sizes, modularity, stability, seeds and the graph construction."""
        return pd.DataFrame([p.summary() for _, p in sorted(self.partitions.items())])


def analyse(table: VoteTable, *, measure: str = "kappa", absent: str = "exclude", construction: str = "knn",
            k: int = 10, threshold: float = 0.0, min_votes: int = 1, undefined: str = "agreement",
            resolutions: tuple[float, ...] = (0.5, 1.0, 1.5), resolution: float = 1.0, seed: int = 0,
            seeds: int = 10) -> BlocReport:
    """Agreement, network, blocs at several resolutions (``resolution`` is the one reported), ordering
    and cohesion of one vote table."""
    if resolution not in resolutions:
        resolutions = tuple(sorted(set(resolutions) | {resolution}))
    agr = agreement(table, absent=absent)
    graph = agreement_graph(agr, measure=measure, construction=construction, k=k, threshold=threshold,
                            min_votes=min_votes, undefined=undefined, names=table.names)
    scores, explained = ordering(table)
    found = partitions(graph, resolutions=resolutions, seed=seed, seeds=seeds, scores=scores)
    for state, label in found[resolution].labels().items():
        graph.nodes[state]["bloc"] = label
    for state in graph.nodes:
        graph.nodes[state]["score"] = float(scores.get(state, np.nan))
    report = BlocReport(table, agr, graph, found, resolution, scores, explained)
    report.cohesion = cohesion(table, agr, found[resolution])
    return report
