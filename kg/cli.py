"""The ``unkg`` command: thin commands over the public API (build, query, validate, export, serve)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from kg import queries, settings
from kg.build import DocumentResult, build, collect, sample_path, terminal_progress
from kg.errors import UnkgError
from kg.model.records import DraftText, Resolution
from kg.store import FORMATS, Store

__all__ = ["main"]


def _store(args: argparse.Namespace) -> Store:
    if args.store == ":memory:":
        return Store.open(None)
    return Store.open(Path(args.store) if args.store else settings.default_store_path())


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UnkgError(f"--param takes key=value, not {pair!r}")
        out[key] = value
    return out


def _summary(result: DocumentResult) -> list[str]:
    name = result.path.name
    if result.status == "failed":
        return [f"FAILED {name}: {result.error}"]
    if result.status == "unchanged":
        return [f"unchanged, skipped {result.symbol} ({name}): {result.triples} triples kept"]
    r = result.record
    assert r is not None
    verb = "read"
    if isinstance(r, Resolution):
        basis = f"on the report of the {r.committee} ({r.committee_report})" if r.committee else \
            f"without reference to a Main Committee ({', '.join(r.drafts)})"
        return [f"{verb} resolution {r.symbol} ({name}): session {r.session}, agenda item(s) "
                f"{', '.join(map(str, r.agenda_items))}, adopted {r.adopted} {basis}",
                f"  “{r.title}”; {len({c.cited for c in r.citations})} texts cited; {result.triples} triples"]
    if isinstance(r, DraftText):
        fuzzy = [s.printed for s in r.sponsors if s.evidence.fuzzy]
        return [f"{verb} {r.kind} {r.symbol} ({name}): session {r.session}, {len(r.sponsors)} sponsors"
                + (f" ({len(fuzzy)} read approximately: {', '.join(fuzzy)})" if fuzzy else ""),
                f"  “{r.title}”; {result.triples} triples"]
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


def cmd_build(args: argparse.Namespace) -> int:
    paths = collect(Path(p) for p in args.files) or [sample_path()]
    if not args.files:
        print(f"building the bundled sample {paths[0].name} (report A/73/505 of the First Committee, 2018)")
    if args.symbol and len(paths) > 1:
        raise UnkgError("--symbol names one document: give one file with it")
    store = _store(args)
    results = build(paths, store, symbol=args.symbol, force=args.force, workers=args.workers,
                    progress=terminal_progress)
    for result in results:
        print("\n".join(_summary(result)))
    count = {s: sum(r.status == s for r in results) for s in ("read", "unchanged", "failed")}
    checks = sum(len(r.failures) for r in results)
    added = sum(r.triples for r in results if r.status == "read")
    print(f"documents: {count['read']} read, {count['unchanged']} skipped (unchanged), {count['failed']} failed; "
          f"facts added: {added} triples; checks failed: {checks}")
    print(f"store: {store.path or 'in memory'} ({store.count()} triples, {len(store.graphs())} graphs)")
    failed = count["failed"]
    return 1 if failed or checks else 0


def cmd_query(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        for q in queries.catalogue().values():
            params = f" [{', '.join(q.params)}]" if q.params else ""
            print(f"{q.name}{params}: {q.summary}")
        return 0
    columns, rows = queries.run(_store(args), args.name, _params(args.param))
    sys.stdout.write(queries.render(columns, rows, args.format))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.rdf.validate import validate

    store = _store(args)
    result = validate(store)
    print(result.text if not result.conforms or args.verbose else f"SHACL: conforms ({store.count()} triples)")
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
    store = _store(args)
    if args.output:
        with open(args.output, "wb") as out:
            store.dump(out, args.format)
    else:
        store.dump(sys.stdout.buffer, args.format)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import ServeConfig, serve

    config = ServeConfig.from_settings(updates=args.updates, log=not args.quiet)
    serve(_store(args), config, args.host, args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="unkg", description="The knowledge graph of UN General Assembly decisions.")
    store_help = f"graph store directory, or :memory: (default: {settings.SETTINGS['store'].default})"
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read documents into the graph (default: the bundled sample A/73/505)")
    b.add_argument("files", nargs="*", help="PDF or text files of UN documents, or folders of them")
    b.add_argument("--symbol", help="the document's symbol, when neither its cover page nor its file name gives it")
    b.add_argument("--force", action="store_true", help="re-read documents whose content has not changed")
    b.add_argument("--workers", type=int, help="processes reading files in parallel (default: one per core)")
    b.add_argument("--store", help=store_help)
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a named query of queries/ (without a name: list them)")
    q.add_argument("name", nargs="?", help="the query's name, e.g. votes")
    q.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="bind a parameter, e.g. draft=A/C.1/73/L.37")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--list", action="store_true", help="list the named queries")
    q.add_argument("--store", help=store_help)
    q.set_defaults(func=cmd_query)

    v = sub.add_parser("validate", help="check the graph against the SHACL shapes and print the report")
    v.add_argument("--store", help=store_help)
    v.add_argument("--verbose", action="store_true", help="print the whole report even when it conforms")
    v.add_argument("--reason", action="store_true", help="also run the OWL reasoner HermiT over ontology and graph")
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser("export", help="write the graph in a standard RDF format")
    e.add_argument("--format", choices=sorted(FORMATS), default="ttl")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.add_argument("--store", help=store_help)
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("serve", help="serve the graph over HTTP: SPARQL endpoint, linked data, query page")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free port)")
    s.add_argument("--updates", action="store_true", help="allow SPARQL Update for requests carrying the "
                   "bearer token of setting update_token")
    s.add_argument("--quiet", action="store_true", help="do not log each request")
    s.add_argument("--store", help=store_help)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UnkgError as exc:
        print(f"unkg: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
