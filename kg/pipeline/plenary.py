"""Import the plenary record 1946-2026: the roll-call dataset (unvotes, 1946-2019) and the UN's records (2019-2026).

``unkg import-rollcalls`` takes the files of either source, or both, and recognises each by its content:
the ``unvotes`` tables (``.rda``, ``.csv``) go to ``graph/unvotes`` through ``kg.pipeline.rollcalls``, the
records of ``data_extract/`` (JSON Lines) to ``graph/unxml``; each graph is replaced whole, and only the
graphs of the sources given. The two overlap in session 74: a record whose resolution the roll-call
dataset already holds (in the store, after its own import) is joined to that roll call, which then has
both sources as its provenance, and every difference between the two (a State's position, a stated total)
is listed. Nothing is written when a State's name does not resolve. Afterwards the links between drafts
and resolutions are recomputed.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.errors import SourceError
from kg.extract.unxml import find_record_files, is_record_file, read_records
from kg.model.rollcalls import Link
from kg.model.unxml import Difference, UnxmlImport
from kg.pipeline.build import load_register
from kg.pipeline.linking import relink
from kg.pipeline.rollcalls import ImportResult, import_rollcalls, write_lines
from kg.rdf.iris import Minter
from kg.rdf.unxml import record_lines
from kg.reference.register import Register
from kg.store import Store

__all__ = ["PlenaryImport", "split_sources", "import_plenary_record", "write_records"]

_UNKG = "https://w3id.org/unkg/ontology#"
_OPENGOV = "http://www.w3.org/ns/opengov#"
_SCHEMA = "http://schema.org/"


@dataclass
class PlenaryImport:
    """What one import did to each source's graph, and how the two sources compare where both hold a roll call."""

    unvotes: ImportResult | None = None
    status: str = ""  # of the records' graph: imported | unchanged | "" (no records given)
    graph: str = ""
    triples: int = 0
    records: UnxmlImport | None = None
    joined: dict[str, int] = field(default_factory=dict)  # resolution symbol -> the roll-call dataset's rcid
    differences: list[Difference] = field(default_factory=list)
    only_in_rollcalls: list[tuple[int, str]] = field(default_factory=list)  # (rcid, symbol) of the sessions covered
    seconds: dict[str, float] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    link_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def split_sources(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The paths of the roll-call dataset and the record files: a folder holding record files (``.json``) is
    a folder of records (its other files, such as CSV tables derived from them, are not the dataset's)."""
    rollcalls: list[Path] = []
    records: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [p for p in find_record_files([path]) if is_record_file(p)]
            (records.extend(found) if found else rollcalls.append(path))
        elif path.suffix.lower() == ".json":
            records.append(path)
        else:
            rollcalls.append(path)
    return rollcalls, records


def write_records(record: UnxmlImport, minter: Minter, path: Path, joined: dict[str, int]) -> int:
    """The records' graph as an N-Triples file; the number of lines written."""
    return write_lines(record_lines(record, minter, joined), path)


def _rollcalls_in_store(store: Store, minter: Minter, sessions: set[int]) -> dict[str, tuple[int, int]]:
    """The roll calls on whole resolutions that the roll-call dataset's graph holds in ``sessions``: symbol ->
    (rcid, session)."""
    if not sessions:
        return {}
    values = " ".join(str(s) for s in sorted(sessions))
    rows = store.select(f"""
        SELECT ?rcid ?symbol ?session WHERE {{
          VALUES ?session {{ {values} }}
          GRAPH <{minter.rollcall_graph()}> {{
            ?e <{_UNKG}session> ?session ; <{_UNKG}rollCallId> ?rcid ; <{_UNKG}adoptedAs> ?m .
            ?m <http://purl.org/dc/terms/identifier> ?symbol .
          }}
        }}""")
    return {r["symbol"]: (int(r["rcid"]), int(r["session"])) for r in rows}


def _votes_in_store(store: Store, minter: Minter, rcids: Iterable[int]) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = defaultdict(dict)
    rcids = sorted(rcids)
    for start in range(0, len(rcids), 50):
        values = " ".join(f"<{minter.rollcall(r)}>" for r in rcids[start:start + 50])
        rows = store.select(f"""
            SELECT ?e ?voter ?option WHERE {{
              VALUES ?e {{ {values} }}
              GRAPH <{minter.rollcall_graph()}> {{
                ?v <{_OPENGOV}voteEvent> ?e ; <{_SCHEMA}agent> ?voter ; <{_SCHEMA}option> ?option .
              }}
            }}""")
        for r in rows:
            out[int(r["e"].rsplit("/", 1)[1])][r["voter"].rsplit("/", 1)[1]] = r["option"]
    return out


def _unjoined(store: Store, minter: Minter) -> int:
    """The roll calls of the records' graph written whole (not joined) whose resolution the dataset's graph holds."""
    rows = store.select(f"""
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
          GRAPH <{minter.records_graph()}> {{ ?e a <{_UNKG}RollCall> ; <{_UNKG}adoptedAs> ?m }}
          GRAPH <{minter.rollcall_graph()}> {{ ?u <{_UNKG}adoptedAs> ?m ; <{_UNKG}rollCallId> ?id }}
        }}""")
    return int(rows[0]["n"]) if rows else 0


def compare(record: UnxmlImport, joined: dict[str, int], votes: dict[int, dict[str, str]]) -> list[Difference]:
    """Every difference between the records and the roll-call dataset on the roll calls both hold: a State's
    position (non-voting where a source lists it nowhere) and a stated total against the dataset's lists."""
    out: list[Difference] = []
    for r in record.records:
        rcid = joined.get(r.symbol)
        if rcid is None or not r.recorded_vote:
            continue
        theirs = votes.get(rcid, {})
        ours = {v.key: v.position for v in r.votes} | {k: "non-voting" for k in r.non_voting}
        for key in sorted(set(theirs) | set(ours)):
            a, b = theirs.get(key, "not recorded"), ours.get(key, "not recorded")
            if a != b:
                out.append(Difference(r.symbol, rcid, f"{key}: unvotes {a}, unxml {b}"))
        for option, stated in r.stated.items():
            listed = sum(1 for o in theirs.values() if o == option)
            if stated != listed:
                out.append(Difference(r.symbol, rcid, f"stated {option}={stated}, unvotes lists {listed}"))
    return out


def _hash(record: UnxmlImport, sessions: Iterable[int], joined: dict[str, int]) -> str:
    digest = hashlib.sha256(record.content_hash.encode("ascii"))
    digest.update(("sessions:" + ",".join(str(s) for s in sorted(set(sessions)))).encode("ascii"))
    digest.update(("joined:" + ",".join(f"{s}={r}" for s, r in sorted(joined.items()))).encode("utf-8"))
    return digest.hexdigest()


def import_plenary_record(paths: Iterable[Path], store: Store, *, sessions: Iterable[int] = (),
                          force: bool = False) -> PlenaryImport:
    """Import the roll-call dataset and the records found in ``paths`` (of ``sessions``, else all)."""
    minter = Minter(settings.get("base_iri"))
    paths = list(paths)
    rollcall_paths, record_paths = split_sources(paths)
    if not rollcall_paths and not record_paths:
        raise SourceError(", ".join(str(p) for p in paths) or "(nothing)", "no roll-call tables and no record files",
                          rule="plenary-sources")
    selected = set(sessions)
    result = PlenaryImport()
    record = None
    if record_paths:  # read first: a name that does not resolve stops the import before anything is written
        start = time.perf_counter()
        record = read_records(record_paths)
        if selected:
            record = UnxmlImport(record.source, record.content_hash,
                                 tuple(r for r in record.records if r.regular_session in selected),
                                 record.repeats, record.warnings)
        result.seconds["read records"] = time.perf_counter() - start
    if rollcall_paths:
        result.unvotes = import_rollcalls(rollcall_paths, store, sessions=selected, force=force)
    if record is None:
        assert result.unvotes is not None
        result.links, result.link_problems = result.unvotes.links, result.unvotes.link_problems
        twice = _unjoined(store, minter)
        if twice:
            result.notes.append(f"{twice} roll calls of {minter.records_graph()} are also in "
                                f"{minter.rollcall_graph()}, each as a roll call of its own: import the records again "
                                "to join them")
        return result
    result.records = record
    result.graph = graph = str(minter.records_graph())
    covered = {r.regular_session for r in record.recorded()}
    in_store = _rollcalls_in_store(store, minter, covered)
    result.joined = {r.symbol: in_store[r.symbol][0] for r in record.recorded() if r.symbol in in_store}
    symbols = {r.symbol for r in record.records}
    result.only_in_rollcalls = sorted((rcid, s) for s, (rcid, _) in in_store.items() if s not in symbols)
    start = time.perf_counter()
    result.differences = compare(record, result.joined, _votes_in_store(store, minter, result.joined.values()))
    result.seconds["compare"] = time.perf_counter() - start
    content = _hash(record, selected, result.joined)
    if not force and store.graph_of_source(content) == graph:
        result.status, result.triples = "unchanged", store.count(graph)
    else:
        load_register(store, minter, Register.load())
        with tempfile.TemporaryDirectory(prefix="unkg-records-") as folder:
            data = Path(folder) / "records.nt"
            start = time.perf_counter()
            hashed = UnxmlImport(record.source, content, record.records, record.repeats, record.warnings)
            result.triples = write_records(hashed, minter, data, result.joined)
            result.seconds["write records"] = time.perf_counter() - start
            start = time.perf_counter()
            store.replace_graph_from_file(graph, data)
            result.seconds["load records"] = time.perf_counter() - start
        result.status = "imported"
    result.links, result.link_problems = relink(store, minter)
    store.flush()
    return result
