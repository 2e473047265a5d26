"""Who stands with whom: voting agreement, blocs, co-sponsorship, rival drafts and drift, with networkx.

The package reads the graph only through the named queries of ``queries/`` (``kg.queries``): the
votes come out in one pull and are computed on in numpy. Modules:

- ``votes``: the selection of vote events and the vote table (events by states);
- ``agreement``: raw agreement, Cohen's kappa and Scott's pi for every pair of states;
- ``blocs``: the agreement network (k nearest partners, or dense), Louvain at several resolutions
  and seeds, stability, cohesion, and a one-dimensional ordering of states;
- ``cosponsorship``: the state–draft network, its projection, centrality and communities;
- ``rival``: two drafts on one question, cross-tabulated;
- ``drift``: blocs session by session and the states that move between them;
- ``facts``: the evidence behind votes and sponsorships, for pictures.

Writing results as files and drawing them is ``kg.studies``'s and ``kg.viz``'s.

>>> from kg.analysis import VoteTable, analyse
>>> t = VoteTable.from_votes([(e, s, "yes" if (s in "AB") == (e in "13") else "no") for e in "1234" for s in "ABCD"])
>>> analyse(t, k=1, seeds=2).blocs_frame()[["state", "bloc"]].values.tolist()
[['A', 1], ['B', 1], ['C', 2], ['D', 2]]
"""

from kg.analysis.agreement import Agreement, agreement
from kg.analysis.blocs import BlocReport, Partition, agreement_graph, analyse, ordering, partitions
from kg.analysis.cosponsorship import centrality, communities, load_network
from kg.analysis.drift import Drift, drift
from kg.analysis.rival import Rivals, rival_drafts
from kg.analysis.votes import Selection, VoteTable, frame, load_events, load_votes

__all__ = [
    "Agreement",
    "BlocReport",
    "Drift",
    "Partition",
    "Rivals",
    "Selection",
    "VoteTable",
    "agreement",
    "agreement_graph",
    "analyse",
    "centrality",
    "communities",
    "drift",
    "frame",
    "load_events",
    "load_network",
    "load_votes",
    "ordering",
    "partitions",
    "rival_drafts",
]
