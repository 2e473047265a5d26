"""What ``unkg blocs`` and ``unkg draw`` do, as functions the CLI calls and a notebook can too.

``blocs`` computes agreement and blocs for a selection of vote events, the co-sponsorship network of
its drafts, and, on request, rival drafts and drift across sessions; it writes the tables (CSV), the
networks (GraphML, GEXF) and the figures (PNG, SVG) into one folder and returns a short account of
what it found. ``draw`` writes the interactive page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.analysis import cosponsorship
from kg.studies import files
from kg.analysis.blocs import BlocReport, analyse
from kg.analysis.drift import drift
from kg.analysis.facts import gather
from kg.analysis.rival import rival_drafts
from kg.analysis.votes import Selection, load_votes, state_names
from kg.store import Store

__all__ = ["BlocOptions", "blocs", "draw", "summary"]


@dataclass(frozen=True)
class BlocOptions:
    """The analysis options shared by ``blocs`` and ``draw`` (see ``kg.analysis.blocs.analyse``)."""

    measure: str = "kappa"
    absent: str = "exclude"
    construction: str = "knn"
    k: int = 10
    threshold: float = 0.0
    min_votes: int = 1
    resolutions: tuple[float, ...] = (0.5, 1.0, 1.5)
    resolution: float = 1.0
    seed: int = 0
    seeds: int = 10

    def analyse(self, store: Store, selection: Selection) -> BlocReport:
        table = load_votes(store, selection).present()
        return analyse(table, measure=self.measure, absent=self.absent, construction=self.construction, k=self.k,
                       threshold=self.threshold, min_votes=self.min_votes, resolutions=self.resolutions,
                       resolution=self.resolution, seed=self.seed, seeds=self.seeds)


@dataclass
class Written:
    lines: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)


def summary(report: BlocReport, limit: int = 8) -> list[str]:
    """A few lines on a bloc report: the data, each partition, and each bloc of the reported one."""
    t = report.table
    lines = [(f"{len(t)} vote events ({t.selection.describe()}), {len(report.graph)} states in the network; "
              f"{report.graph.graph['construction']}; absences: {report.agreement.absent}")]
    for _, p in sorted(report.partitions.items()):
        sizes = " ".join(str(len(b)) for b in p.blocs[:12]) + (" ..." if len(p.blocs) > 12 else "")
        lines.append(f"  resolution {p.resolution:g}: {len(p.blocs)} blocs (sizes {sizes}), modularity "
                     f"{p.modularity:.3f}, stability {_f(p.stability, 3)} over {p.seeds} seeds")
    lines.append(f"blocs at resolution {report.resolution:g} (seed {report.partition.seed}), along the line "
                 f"(first principal component, {report.explained:.0%} of variance):")
    for row in report.cohesion.to_dict("records"):
        members = row["members"].split()
        shown = " ".join(members[:limit]) + (f" ... (+{len(members) - limit})" if len(members) > limit else "")
        lines.append(f"  bloc {row['bloc']}: {row['size']} states, agreement {_f(row['agreement'])}, kappa "
                     f"{_f(row['kappa'])}, agreement index {_f(row['agreement_index'])}: {shown}")
    return lines


def _f(x: float, digits: int = 2) -> str:
    return "n/a" if math.isnan(x) else f"{x:.{digits}f}"


def blocs(store: Store, selection: Selection, out: Path, options: BlocOptions | None = None, *,
          rival: tuple[str, str] | None = None, with_drift: bool = False, figures: bool = True) -> Written:
    """Analyse, write every table, network and figure into ``out``, and say what was found."""
    options = options or BlocOptions()
    written = Written()
    report = options.analyse(store, selection)
    written.lines += summary(report)
    written.paths += files.write_blocs(report, out)

    names = state_names(store)
    graph, projected = cosponsorship.load_network(store, _drafts_of(selection, report), names)
    communities = cosponsorship.communities(projected, seed=options.seed)
    table = cosponsorship.centrality(graph, projected)
    label = {s: i for i, c in enumerate(communities, start=1) for s in c}
    table["community"] = [label.get(s) for s in table["state"]]
    for state, number in label.items():
        projected.nodes[state]["community"] = number
    drafts = sum(1 for _, kind in graph.nodes(data="kind") if kind == "draft")
    if projected.number_of_nodes():
        top = ", ".join(f"{r['state']} ({r['betweenness']:.3f})" for r in table.head(5).to_dict("records"))
        written.lines.append(f"co-sponsorship: {drafts} drafts, {projected.number_of_nodes()} states, "
                             f"{projected.number_of_edges()} pairs, {len(communities)} communities; "
                             f"highest betweenness: {top}")
        written.paths += files.write_cosponsorship(graph, projected, table, out)
    else:
        written.lines.append("co-sponsorship: no sponsorship of a state in this selection")

    rivals = None
    if rival:
        rivals = rival_drafts(store, rival[0], rival[1], names)
        both = sorted(rivals.sponsored_both())
        against = rivals.members("no", "yes")
        written.lines.append(f"rival drafts {rival[0]} / {rival[1]}: sponsored both {len(both)} ({' '.join(both)}); "
                             f"against the first and for the second {len(against)}; for the first and against the "
                             f"second {len(rivals.members('yes', 'no'))}; abstained on both "
                             f"{len(rivals.members('abstain', 'abstain'))} "
                             f"({' '.join(sorted(rivals.members('abstain', 'abstain')))})")
        written.paths += files.write_rivals(rivals, out)

    moved = None
    if with_drift:
        moved = drift(load_votes(store, selection), measure=options.measure, absent=options.absent,
                      construction=options.construction, k=options.k, threshold=options.threshold,
                      resolution=options.resolution, seed=options.seed)
        written.lines.append(f"drift: {len(moved.sessions)} sessions analysed, {len(moved.moves)} moves between blocs"
                             + (f"; mean share of states staying in their bloc {np.nanmean(moved.sessions['stayed']):.2f}"
                                if len(moved.sessions) > 1 else ""))
        written.paths += files.write_drift(moved, out)

    if figures:
        from kg.viz import figures as fig

        empty = fig.nothing_to_show(report, options.measure)
        for name, why in empty.items():
            written.lines.append(f"{name}.png left out: {why}")
        if "heatmap" not in empty:
            written.paths += fig.save(fig.heatmap(report, options.measure), out / "heatmap")
        if "line" not in empty:
            written.paths += fig.save(fig.line(report), out / "line")
        if projected.number_of_nodes():
            written.paths += fig.save(fig.cosponsorship(projected, communities, seed=options.seed), out / "cosponsorship")
        if rivals is not None:
            written.paths += fig.save(fig.rival(rivals), out / "rival-drafts")
        if moved is not None and len(moved.sessions):
            written.paths += fig.save(fig.drift(moved), out / "drift")
    written.lines.append(f"wrote {len(written.paths)} files into {out}: "
                         + " ".join(sorted({p.name for p in written.paths})))
    return written


def _drafts_of(selection: Selection, report: BlocReport) -> Selection:
    """The drafts whose sponsors to read: the selection's report, sessions and motions as given."""
    return Selection(report=selection.report, sessions=selection.sessions, motions=selection.motions)


def draw(store: Store, selection: Selection, out: Path, options: BlocOptions | None = None, *,
         size: str = "strength", title: str | None = None, evidence_limit: int = 200) -> Written:
    """Write the interactive network page of the selection to ``out``."""
    from kg.viz import page

    options = options or BlocOptions()
    report = options.analyse(store, selection)
    facts = gather(store, report.table, limit=evidence_limit, selection=_drafts_of(selection, report))
    path = page.write(out, report, facts, size=size, title=title)
    written = Written(summary(report), [path])
    written.lines.append(f"wrote {path} ({path.stat().st_size // 1024} KiB; {len(facts.evidence)} pieces of evidence"
                         + ("" if facts.complete else ", votes' evidence left out: too many motions") + ")")
    return written
