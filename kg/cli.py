"""The ``unkg`` command: thin commands over the public API (build, query, validate, export, serve, push, site,
ontology-docs).

Commands that only read never create a store: a missing or empty one is an error (exit 2), as is a symbol
that names no document of the store; output cut short by a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from kg import queries, settings
from kg.pipeline.build import DocumentResult, build, collect, sample_path, terminal_progress
from kg.errors import UnkgError
from kg.extract.pdf import ENGINES
from kg.model.records import DraftText, ReaderWarning, Resolution
from kg.publish.export import FORMATS
from kg.store import Store

if TYPE_CHECKING:
    from kg.pipeline.plenary import PlenaryImport

__all__ = ["main"]


def _store(args: argparse.Namespace, write: bool = False) -> Store:
    """The store of ``--store`` (``:memory:``: a new one in memory). A command that only reads (``write`` false)
    never creates one: a folder that holds no store, or a store with no graph, is an error."""
    if args.store == ":memory:":
        return Store.open(None)
    path = Path(args.store) if args.store else settings.default_store_path()
    missing = UnkgError(f"no unkg store at {path} (build one with `unkg build`)")
    if not write and not (path / "CURRENT").is_file():  # an Oxigraph (RocksDB) folder has its CURRENT file
        raise missing
    store = Store.open(path, write=write)
    if not write and not store.graphs():
        raise missing
    return store


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UnkgError(f"--param takes key=value, not {pair!r}")
        out[key] = value
    return out


def _warning(w: ReaderWarning) -> str:
    where = ", ".join([w.document] + ([f"page {w.page}"] if w.page is not None else [])
                      + ([f"line {w.line}"] if w.line is not None else []))
    return f"{where}: {w.message} [rule: {w.rule}]" + (f" “{w.quote}”" if w.quote else "")


def _summary(result: DocumentResult) -> list[str]:
    name = result.path.name
    if result.status == "failed":
        return [f"FAILED {name}: {result.error} (kind: {result.kind})"]
    if result.status == "skipped":
        return [f"SKIPPED {result.error} (kind: {result.kind})"]
    if result.status == "unchanged":
        return [f"unchanged, skipped {result.symbol} ({name}): {result.triples} triples kept"]
    r = result.record
    assert r is not None
    verb = "read"
    if isinstance(r, Resolution):
        basis = f"on the report of the {r.committee} ({r.committee_report})" if r.committee else \
            f"without reference to a Main Committee ({', '.join(r.drafts)})" if r.without_reference else \
            "(what it was adopted on is not understood: see the warnings)"
        return [f"{verb} resolution {r.symbol} ({name}): session {r.session}, agenda item(s) "
                f"{', '.join(map(str, r.agenda_items))}, adopted {r.adopted} {basis}",
                f"  “{r.title}”; {len({c.cited for c in r.citations})} texts cited; {result.triples} triples"]
    if isinstance(r, DraftText):
        fuzzy = [s.printed for s in r.sponsors if s.evidence.fuzzy]
        return [f"{verb} {r.kind} {r.symbol} ({name}): session {r.session}, {len(r.sponsors)} sponsors"
                + (f" ({len(fuzzy)} read approximately: {', '.join(fuzzy)})" if fuzzy else ""),
                (f"  “{r.title}”" if r.title else "  (no title of its own)") + f"; {result.triples} triples"]
    lines = [f"{verb} {r.symbol} ({name}): {r.committee}, session {r.session}", f"  agenda item: “{r.agenda_item_title}”"]
    kinds = Counter(c.kind for c in {(c.cited, c.kind): c for c in r.citations}.values())
    lines.append(f"  meetings {len(r.meetings)}, drafts {len(r.drafts)}, sponsorships {len(r.sponsorships)}, "
                 f"recorded votes {len(r.votes)}, stated intentions {len(r.intentions)}, budget statements "
                 f"{len(r.budget_statements)}, bodies set up {len(r.bodies)}, norms {len(r.norms)}")
    lines.append("  citations " + str(sum(kinds.values())) + ": " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for d in r.drafts:
        sponsors = {s.sponsor.key for s in r.sponsorships if s.draft == d.symbol}
        later = {s.sponsor.key for s in r.sponsorships if s.draft == d.symbol and s.role == "joined-later"}
        line = f"  {d.symbol} ({d.place or 'not recommended'}): {len(sponsors)} sponsors ({len(later)} joined later)"
        for v in (v for v in r.votes if v.draft == d.symbol):
            if v.method == "recorded vote":
                listed = "-".join(str(len(v.lists[p])) for p in ("yes", "no", "abstain"))
                stated = "-".join(str(v.stated[p]) for p in ("yes", "no", "abstain"))
                line += f"; {v.outcome} {stated} (listed {listed}, {len(v.non_voting)} non-voting)"
            else:
                line += f"; {v.outcome} {v.method}"
        lines.append(line)
    lines.append(f"  checks: {'all passed' if not result.failures else f'{len(result.failures)} FAILED'}; "
                 f"{result.triples} triples in its graph")
    lines += [f"  CHECK FAILED {f}" for f in result.failures]
    return lines


def cmd_import_rollcalls(args: argparse.Namespace) -> int:
    from kg.extract.rollcalls import UnresolvedLabels
    from kg.pipeline.plenary import import_plenary_record

    store = _store(args, write=True)
    try:
        plenary = import_plenary_record([Path(p) for p in args.paths], store, sessions=args.session, force=args.force)
    except UnresolvedLabels as exc:
        print(f"FAILED: {len(exc.labels)} state labels of {exc.document} do not resolve on their dates; "
              "nothing was written", file=sys.stderr)
        for label, first, last, votes, why in exc.labels:
            print(f"  {label!r}: {votes} votes, {first} to {last}: {why}", file=sys.stderr)
        return 1
    result = plenary.unvotes
    r = result.record if result else None
    if result is not None and r is None:
        print(f"unchanged, kept: {result.graph} ({result.triples} triples); --force imports again")
    elif result is not None and r is not None:
        sessions = sorted({rc.session for rc in r.roll_calls})
        votes = sum(len(rc.votes) for rc in r.roll_calls)
        print(f"read {len(r.roll_calls)} roll calls of sessions {sessions[0]}-{sessions[-1]} from {r.source}: "
              f"{votes} votes, {sum(len(rc.non_voting) for rc in r.roll_calls)} Members not voting")
        print(f"  resolution symbols: {sum(rc.symbol is not None for rc in r.roll_calls)} in the UN's form, "
              f"{sum(rc.symbol is None for rc in r.roll_calls)} kept as given; dates with the year and month only: "
              f"{sum(not rc.day_certain for rc in r.roll_calls)}")
        for a in r.anomalies:
            print(f"  NOTE roll call {a.rcid}: {a.label} ({a.key}) {a.message}")
        print(f"  {result.triples} triples in {result.graph}; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items()))
    if plenary.records is not None:
        _print_records(plenary)
    for note in plenary.notes:
        print(f"  NOTE {note}")
    for link in plenary.links:
        print(f"  link: {link.draft} became {link.resolution} ({link.method})")
    for problem in plenary.link_problems:
        print(f"  LINK PROBLEM {problem}")
    print(f"store: {store.path or 'in memory'} ({store.count()} triples, {len(store.graphs())} graphs)")
    return 0


def _print_records(plenary: PlenaryImport) -> None:
    rec = plenary.records
    assert rec is not None
    recorded = rec.recorded()
    by_session: dict[str, int] = {}
    for x in recorded:
        by_session[x.session.designation] = by_session.get(x.session.designation, 0) + 1
    print(f"read {len(rec.records)} resolution records from {rec.source}: {len(recorded)} recorded votes "
          f"({', '.join(f'{k}: {v}' for k, v in sorted(by_session.items()))}), "
          f"{sum(len(x.votes) for x in recorded)} State votes, {sum(len(x.non_voting) for x in recorded)} Members "
          "not voting")
    for repeat in rec.repeats:
        print(f"  REPEATED {repeat.file}: {repeat.symbol} on lines {', '.join(map(str, repeat.lines))}, kept once "
              f"(the copies differ in: {', '.join(repeat.differing_fields) or 'nothing'})")
    for x in rec.records:
        for failure in x.failures:
            print(f"  CHECK FAILED {x.file}, line {x.line}: {failure} (kept, with the failure recorded)")
        for note in x.notes:
            print(f"  NOTE {x.file}, line {x.line}: {x.symbol}: {note}")
    if rec.warnings:
        print(f"  {len(rec.warnings)} sponsor entries are not a State's name and were left out, e.g. {rec.warnings[0]}")
    print(f"  joined to the roll-call dataset: {len(plenary.joined)} roll calls (both sources their provenance); "
          f"{len(plenary.differences)} differences")
    for d in plenary.differences:
        print(f"  DIFFERENCE {d.symbol} (roll call {d.rcid}): {d.what}")
    for rcid, symbol in plenary.only_in_rollcalls:
        print(f"  NOTE roll call {rcid} ({symbol}) is in the roll-call dataset only")
    if plenary.status == "unchanged":
        print(f"unchanged, kept: {plenary.graph} ({plenary.triples} triples); --force imports again")
    else:
        print(f"  {plenary.triples} triples in {plenary.graph}; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in plenary.seconds.items()))


def cmd_build(args: argparse.Namespace) -> int:
    paths = collect(Path(p) for p in args.files) or [sample_path()]
    if not args.files:
        print(f"building the bundled sample {paths[0].name} (report A/73/505 of the First Committee, 2018)")
    if args.symbol and len(paths) > 1:
        raise UnkgError("--symbol names one document: give one file with it")
    store = _store(args, write=True)
    if args.pdf_engine:
        settings.override("pdf_engine", args.pdf_engine)
    results = build(paths, store, symbol=args.symbol, force=args.force, workers=args.workers,
                    progress=terminal_progress)
    for result in results:
        print("\n".join(_summary(result)))
    statuses = ("read", "unchanged", "skipped", "failed")
    count = {s: sum(r.status == s for r in results) for s in statuses}
    checks = sum(len(r.failures) for r in results)
    added = sum(r.triples for r in results if r.status == "read")
    warnings = [w for r in results if r.record is not None for w in r.record.warnings]
    print(f"documents: {count['read']} read, {count['unchanged']} unchanged, {count['skipped']} skipped (a kind unkg "
          f"does not read), {count['failed']} failed; facts added: {added} triples; checks failed: {checks}; "
          f"warnings: {len(warnings)}")
    by_kind: dict[str, Counter[str]] = {}
    for r in results:
        by_kind.setdefault(r.kind or "unknown", Counter())[r.status] += 1
    for kind, counted in sorted(by_kind.items()):
        print(f"  {kind}: " + ", ".join(f"{counted[s]} {s}" for s in statuses if counted[s]))
    if warnings:
        print("warnings (facts left out):")
        for w in warnings:
            print(f"  {_warning(w)}")
    print(f"store: {store.path or 'in memory'} ({store.count()} triples, {len(store.graphs())} graphs)")
    return 1 if count["failed"] or checks else 0


def cmd_query(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        for q in queries.catalogue().values():
            params = f" [{', '.join(q.params)}]" if q.params else ""
            print(f"{q.name}{params}: {q.summary}")
        return 0
    store = _store(args)
    params = _params(args.param)
    columns, rows = queries.run(store, args.name, params)
    if not rows:
        unknown = queries.unknown_symbols(store, params)
        if unknown:
            raise UnkgError("; ".join(
                f"{param}={params[param]} names no document of the store at {store.path}"
                + (f"; nearest known symbols: {', '.join(nearest)}" if nearest else "")
                for param, nearest in unknown.items()))
    sys.stdout.write(queries.render(columns, rows, args.format))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.publish.validate import validate

    store = _store(args)
    result = validate(store)
    print(result.text if result.results or args.verbose else f"SHACL: conforms ({store.count()} triples)")
    if not args.reason:
        return 0 if result.conforms else 1
    import io

    import rdflib

    from kg.rdf.reasoning import reason

    buffer = io.BytesIO()
    store.dump(buffer, "nt")
    reasoning = reason(rdflib.Graph().parse(data=buffer.getvalue(), format="nt"))
    print(f"OWL (HermiT): {reasoning.message}")
    return 0 if result.conforms and reasoning.consistent and not reasoning.unsatisfiable else 1


def cmd_export(args: argparse.Namespace) -> int:
    from kg.publish.export import export, export_file

    store = _store(args)
    if not args.output:
        export(store, sys.stdout.buffer, args.format, graphs=args.graph)
        return 0
    done = export_file(store, Path(args.output), args.format, graphs=args.graph)
    unit = "quads" if FORMATS[args.format].quads else "triples"
    print(f"wrote {done.path} ({done.statements} {unit}, {done.size} bytes) and its description {done.void}",
          file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.publish.push import Target, push, terminal_progress

    target = Target(args.url, update_url=args.update_url, query_url=args.query_url)
    report = push(_store(args), target, graphs=args.graph, batch=args.batch, force=args.force,
                  progress=terminal_progress)
    for g in report.graphs:
        check = "ok" if g.remote == g.local else "MISMATCH"
        print(f"{g.status:8} {g.graph}: {g.local} triples here, {g.remote} there ({check})")
    sent = sum(g.status == "sent" for g in report.graphs)
    print(f"graphs: {sent} sent, {len(report.graphs) - sent} skipped (already complete); "
          f"counts {'verified' if report.verified else 'DIFFER'}")
    return 0 if report.verified else 1


def cmd_site(args: argparse.Namespace) -> int:
    from kg.publish.site import write_site

    site = write_site(_store(args), Path(args.folder))
    print(f"wrote {site.folder}/index.html: {site.entities} entity pages, {site.classes} class pages, "
          f"{site.files} files")
    return 0


def cmd_ontology_docs(args: argparse.Namespace) -> int:
    from kg.publish import docs

    print(f"wrote {docs.write(Path(args.folder))}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve.app import ServeConfig, serve

    config = ServeConfig.from_settings(updates=args.updates, log=not args.quiet)
    serve(_store(args, write=args.updates), config, args.host, args.port)
    return 0


def _selection(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kg.analysis.votes import Selection

    sessions = None
    if args.session is not None:
        sessions = (args.session, args.session)
    if args.sessions:
        lo, sep, hi = args.sessions.partition("-")
        try:
            sessions = (int(lo), int(hi or lo))
        except ValueError:
            raise UnkgError(f"--sessions takes FIRST-LAST, e.g. 60-74, not {args.sessions!r}") from None
    return Selection(report=args.report, sessions=sessions, issue=args.issue, stage=args.stage,
                     motions=tuple(args.motion))


def _bloc_options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kg.studies.commands import BlocOptions

    try:
        resolutions = tuple(float(r) for r in args.resolutions.split(","))
    except ValueError:
        raise UnkgError(f"--resolutions takes numbers separated by commas, not {args.resolutions!r}") from None
    return BlocOptions(measure=args.measure, absent=args.absent, construction=args.graph, k=args.k,
                       threshold=args.threshold, min_votes=args.min_votes, resolutions=resolutions,
                       resolution=args.resolution, seed=args.seed, seeds=args.seeds)


def cmd_blocs(args: argparse.Namespace) -> int:
    from kg.studies.commands import blocs

    written = blocs(_store(args), _selection(args), Path(args.out), _bloc_options(args),
                    rival=tuple(args.rival) if args.rival else None, with_drift=args.drift,
                    figures=not args.no_figures)
    print("\n".join(written.lines))
    return 0


def cmd_draw(args: argparse.Namespace) -> int:
    from kg.studies.commands import draw

    written = draw(_store(args), _selection(args), Path(args.out), _bloc_options(args), size=args.size,
                   title=args.title, evidence_limit=args.evidence_limit)
    print("\n".join(written.lines))
    return 0


def _analysis_arguments(a: argparse.ArgumentParser) -> None:
    """The selection of vote events and the options of the bloc analysis, shared by blocs and draw."""
    a.add_argument("--report", metavar="SYMBOL", help="only the vote events read from this document, e.g. A/73/505 "
                   "(unvotes: the imported plenary record)")
    a.add_argument("--session", type=int, help="only the vote events of this session")
    a.add_argument("--sessions", metavar="FIRST-LAST", help="only the vote events of these sessions, e.g. 60-74")
    a.add_argument("--issue", metavar="CODE", help="only the vote events with this issue code")
    a.add_argument("--stage", choices=["committee", "plenary"], help="only Committee votes, or only plenary votes")
    a.add_argument("--motion", action="append", default=[], metavar="SYMBOL",
                   help="only the vote events on this draft or resolution (repeatable)")
    a.add_argument("--measure", choices=["kappa", "pi", "agreement"], default="kappa",
                   help="the pair score the network is built on (default: kappa)")
    a.add_argument("--absent", choices=["exclude", "abstain", "category"], default="exclude",
                   help="how non-voting counts: left out of the pair (default), as an abstention, or as an option")
    a.add_argument("--graph", choices=["knn", "dense"], default="knn",
                   help="network construction: each state's k closest partners (default) or every pair above "
                   "--threshold")
    a.add_argument("--k", type=int, default=10, help="partners kept per state with --graph knn (default: 10)")
    a.add_argument("--threshold", type=float, default=0.0, help="least score of an edge with --graph dense (default: 0)")
    a.add_argument("--min-votes", type=int, default=1, help="least common votes for a pair to count (default: 1)")
    a.add_argument("--resolutions", default="0.5,1,1.5", help="Louvain resolutions to run (default: 0.5,1,1.5)")
    a.add_argument("--resolution", type=float, default=1.0, help="the resolution whose blocs are reported (default: 1)")
    a.add_argument("--seed", type=int, default=0, help="seed of the reported partition and layouts (default: 0)")
    a.add_argument("--seeds", type=int, default=10, help="seeds run to measure each partition's stability (default: 10)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"unkg {version('unkg')}"
    except PackageNotFoundError:
        return "unkg (not installed: no version)"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="unkg", description="The knowledge graph of UN General Assembly decisions.")
    p.add_argument("--version", action="version", version=_version())
    # the options every command that opens the store shares
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument("--store", help=f"graph store directory, or :memory: for a throw-away store in memory "
                       f"(default: {settings.SETTINGS['store'].default})")
    analysis = argparse.ArgumentParser(add_help=False)
    _analysis_arguments(analysis)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", parents=[store], help="read documents into the graph (default: the bundled sample A/73/505)")
    b.add_argument("files", nargs="*", help="PDF or text files of UN documents, or folders of them")
    b.add_argument("--symbol", help="the document's symbol, when neither its cover page nor its file name gives it")
    b.add_argument("--force", action="store_true", help="re-read documents whose content has not changed")
    b.add_argument("--workers", type=int, help="processes reading files in parallel (default: one per core)")
    b.add_argument("--pdf-engine", choices=sorted(ENGINES),
                   help=f"the engine that reads PDFs (default: the setting pdf_engine, {settings.get('pdf_engine')})")
    b.set_defaults(func=cmd_build)

    ir = sub.add_parser("import-rollcalls", parents=[store], help="import the General Assembly's plenary record: the roll calls "
                        "1946-2019 (the unvotes data, .rda or CSV) and the UN's records of resolutions and recorded "
                        "votes 2019-2026 (data_extract/ of UNxml/GAresolutions, JSON Lines), each source into a graph "
                        "of its own, and link drafts to resolutions")
    ir.add_argument("paths", nargs="+", metavar="PATH", help="the unvotes files, the record files (.json), or "
                    "folders holding them")
    ir.add_argument("--session", type=int, action="append", default=[], help="import only this session (repeatable)")
    ir.add_argument("--force", action="store_true", help="import again files whose content has not changed")
    ir.set_defaults(func=cmd_import_rollcalls)

    q = sub.add_parser("query", parents=[store], help="run a named query of queries/ (without a name: list them)")
    q.add_argument("name", nargs="?", help="the query's name, e.g. votes")
    q.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="bind a parameter, e.g. draft=A/C.1/73/L.37")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--list", action="store_true", help="list the named queries")
    q.set_defaults(func=cmd_query)

    v = sub.add_parser("validate", parents=[store], help="check the graph against the SHACL shapes and print the report")
    v.add_argument("--verbose", action="store_true", help="print the whole report even when it conforms")
    v.add_argument("--reason", action="store_true", help="also run the OWL reasoner HermiT over ontology and graph")
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser("export", parents=[store], help="write the graph in a standard RDF format, sorted, with void.ttl beside it")
    e.add_argument("--format", choices=sorted(FORMATS), default="ttl")
    e.add_argument("--graph", action="append", metavar="IRI", help="export only this named graph (repeatable)")
    e.add_argument("-o", "--output", help="file to write, with its VoID description void.ttl beside it "
                   "(default: standard output, no description)")
    e.set_defaults(func=cmd_export)

    pu = sub.add_parser("push", parents=[store], help="load the graph into a triple store over HTTP (Graph Store protocol), "
                        "graph by graph, resumably, and verify the counts")
    pu.add_argument("url", help="the store's Graph Store endpoint, e.g. http://localhost:7878/store")
    pu.add_argument("--update-url", help="send the batches as SPARQL Update to this endpoint instead")
    pu.add_argument("--query-url", help="count triples with SPARQL at this endpoint (default: read each graph "
                    "back through the Graph Store endpoint)")
    pu.add_argument("--graph", action="append", metavar="IRI", help="push only this named graph (repeatable)")
    pu.add_argument("--batch", type=int, help="triples per request (default: 50000, or 1000 by SPARQL Update)")
    pu.add_argument("--force", action="store_true", help="send every graph, even one the store already holds whole")
    pu.set_defaults(func=cmd_push)

    si = sub.add_parser("site", parents=[store], help="write the dataset as a static linked-data site: a page, Turtle and JSON-LD "
                        "per entity, an index, VoID, the ontology's documentation")
    si.add_argument("folder", help="folder to write (created if missing)")
    si.set_defaults(func=cmd_site)

    od = sub.add_parser("ontology-docs", help="write the ontology's HTML documentation (with its Turtle, shapes "
                        "and JSON-LD context)")
    od.add_argument("folder", help="folder to write (created if missing)")
    od.set_defaults(func=cmd_ontology_docs)

    s = sub.add_parser("serve", parents=[store], help="serve the graph over HTTP: SPARQL endpoint, linked data, query page")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free port)")
    s.add_argument("--updates", action="store_true", help="allow SPARQL Update and Graph Store writes for "
                   "requests carrying the bearer token of setting update_token")
    s.add_argument("--quiet", action="store_true", help="do not log each request")
    s.set_defaults(func=cmd_serve)

    bl = sub.add_parser("blocs", parents=[store, analysis], help="voting agreement, blocs, co-sponsorship (and rival drafts, drift): CSV, "
                        "GraphML, GEXF and figures into a folder")
    bl.add_argument("--out", required=True, metavar="DIR", help="folder to write (created if missing)")
    bl.add_argument("--rival", nargs=2, metavar=("DRAFT_A", "DRAFT_B"),
                    help="also cross-tabulate two rival drafts, e.g. A/C.1/73/L.27/Rev.1 A/C.1/73/L.37")
    bl.add_argument("--drift", action="store_true", help="also find blocs session by session and the states that move")
    bl.add_argument("--no-figures", action="store_true", help="write no PNG or SVG figures")
    bl.set_defaults(func=cmd_blocs)

    dr = sub.add_parser("draw", parents=[store, analysis], help="write a self-contained interactive HTML network of the blocs, with the facts "
                        "and evidence behind each state and pair")
    dr.add_argument("--out", required=True, metavar="FILE.html", help="the page to write")
    dr.add_argument("--size", choices=["strength", "degree", "votes", "betweenness"], default="strength",
                    help="what a state's size shows (default: strength, its edge weights summed)")
    dr.add_argument("--title", help="the page's title")
    dr.add_argument("--evidence-limit", type=int, default=200, metavar="N",
                    help="embed each vote's evidence when the selection has at most N motions (default: 200)")
    dr.set_defaults(func=cmd_draw)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # inside the try: a reader that stopped early (`| head`) is met here, not at exit
        return code
    except UnkgError as exc:
        print(f"unkg: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader closed the pipe: stop quietly, and let nothing else be written to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as the shell's own tools end


if __name__ == "__main__":
    sys.exit(main())
