"""``unkg export``: every format reads back to the store's graph (quad formats keep the named graphs), the same
graph gives the same bytes whatever store holds it, JSON-LD reads like plain JSON with the project's context,
and the export streams instead of holding a copy of the graph."""

from __future__ import annotations

import io
import json
import random
import re
import tracemalloc

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import UnkgError
from kg.publish.export import FORMATS, export, export_file
from kg.rdf import ontology
from kg.store import Store

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib(\..*)?")

RDFLIB = {"ttl": "turtle", "nt": "nt", "rdfxml": "xml", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
REGISTER = "https://w3id.org/unkg/graph/register"


def _bytes(store: Store, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    export(store, out, fmt, **kwargs)
    return out.getvalue()


def _graphs(store: Store) -> dict[str, rdflib.Graph]:
    """The store's named graphs as rdflib graphs."""
    out = {}
    for name in store.graphs():
        buffer = io.BytesIO()
        store.dump(buffer, "nt", name)
        out[name] = rdflib.Graph().parse(data=buffer.getvalue(), format="nt")
    return out


@pytest.fixture(scope="module")
def reference(full_store: Store) -> dict[str, rdflib.Graph]:
    return _graphs(full_store)


@pytest.fixture(scope="module")
def shuffled(full_store: Store) -> Store:
    """The same graph, added in another order to another kind of store (on disk, not in memory)."""
    quads = list(full_store.quads())
    random.Random(7).shuffle(quads)
    import tempfile
    from pathlib import Path

    other = Store.open(Path(tempfile.mkdtemp(prefix="unkg-shuffled-")))
    for quad in quads:
        other._store.add(quad)
    return other


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_reads_back_to_the_same_graph(full_store, reference, fmt):
    data = _bytes(full_store, fmt)
    if FORMATS[fmt].quads:
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=RDFLIB[fmt])
        got = {str(g.identifier): g for g in dataset.graphs() if len(g)}
        assert set(got) == set(reference)
        for name, graph in reference.items():
            assert isomorphic(got[name], graph), name
    else:
        union = rdflib.Graph()
        for graph in reference.values():
            union += graph
        got = rdflib.Graph().parse(data=data, format=RDFLIB[fmt])
        assert len(got) == len(union) and isomorphic(got, union)
    # and Oxigraph's own parser reads the same statements
    parsed = set(ox.parse(data, format=FORMATS[fmt].rdf_format))
    if FORMATS[fmt].quads:
        assert parsed == set(full_store.quads())
    else:
        assert {q.triple for q in parsed} == {q.triple for q in full_store.quads()}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_same_graph_gives_the_same_bytes(full_store, shuffled, fmt):
    first = _bytes(full_store, fmt)
    assert _bytes(full_store, fmt) == first
    assert _bytes(shuffled, fmt) == first


@pytest.mark.parametrize("fmt", ["nq", "nt", "jsonld"])
def test_long_exports_are_merged_from_sorted_runs(full_store, fmt):
    """With runs of 1,000 lines the dump is sorted on disk in pieces and merged: the same bytes."""
    assert _bytes(full_store, fmt, chunk=1000) == _bytes(full_store, fmt)


@pytest.fixture(scope="module")
def large() -> Store:
    """90,000 triples in three graphs (13 MB of N-Quads), vote-shaped."""
    store = Store.open(None)
    for g in range(3):
        store.replace_graph(f"https://w3id.org/unkg/graph/large/{g}", "\n".join(
            f'<https://w3id.org/unkg/id/vote/large/{g}/{i // 193}/S{i % 193:03d}> '
            f'<http://www.w3.org/ns/opengov#option> "{("yes", "no", "abstain")[i % 3]}" .\n'
            f'<https://w3id.org/unkg/id/vote/large/{g}/{i // 193}/S{i % 193:03d}> '
            f'<http://www.w3.org/ns/opengov#voter> <https://w3id.org/unkg/id/state/S{i % 193:03d}> .'
            for i in range(15_000)))
    return store


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_stream(large, tmp_path, fmt):
    """Python never holds the graph: with runs of 1,000 lines, the peak of its allocations stays a small
    fraction of the export (it is bounded by the run and the write batches, whatever the graph's size)."""
    target = tmp_path / f"out.{fmt}"
    with open(target, "wb") as out:  # once before measuring: what is made once per process is not counted
        export(large, out, fmt, chunk=1000)
    tracemalloc.start()
    with open(target, "wb") as out:
        export(large, out, fmt, chunk=1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < target.stat().st_size / 4, (peak, target.stat().st_size)


def test_ordered_graphs_and_lines(full_store):
    lines = _bytes(full_store, "nq").decode().splitlines()
    graphs = [line.rsplit(" ", 2)[1] for line in lines]
    assert graphs == sorted(graphs, key=lambda g: full_store.graphs().index(g[1:-1]))
    nt = _bytes(full_store, "nt").decode().splitlines()
    assert nt == sorted(set(nt), key=lambda line: line.encode())


def test_turtle_has_the_prefix_table_and_groups_subjects(full_store):
    text = _bytes(full_store, "ttl").decode()
    for prefix, namespace in ontology.prefixes().items():
        assert f"@prefix {prefix}: <{namespace}> ." in text
    assert len(re.findall(r"^<https://w3id.org/unkg/id/state/FRA> ", text, re.MULTILINE)) == 1  # one block per subject
    assert "<https://w3id.org/unkg/id/state/FRA> a unkg:MemberState , unkg:State ;" in text


def test_json_ld_reads_like_plain_json(full_store):
    document = json.loads(_bytes(full_store, "jsonld"))
    context = json.loads(ontology.path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == context
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    assert set(graphs) == set(full_store.graphs())
    nodes = {n["@id"]: n for nodes in graphs.values() for n in nodes}
    vote = nodes["id:vote/first-committee/A/C.1/73/L.37/FRA"]
    assert vote["@type"] == "Vote" and vote["option"] == "yes" and vote["voter"] == "id:state/FRA"
    assert vote["voteEvent"] == "id:vote/first-committee/A/C.1/73/L.37"
    assert vote["opengov:voter"] == {"@id": "id:state/FRA"}  # deprecated, under its prefixed name
    count = nodes["id:vote/first-committee/A/C.1/73/L.37/count/yes"]
    assert count["value"] == 139 and sorted(count["@type"]) == ["Count", "YesCount"]
    event = nodes["id:vote/first-committee/A/C.1/73/L.37"]
    assert event["date"] == "2018-11-08" and event["@type"] == "VoteEvent"
    assert event["result"] == "Pass" and event["resultAsPrinted"] == "adopted"
    assert event["rdfs:label"] == {"@language": "en", "@value": "recorded vote on A/C.1/73/L.37 in the First Committee"}
    france = nodes["id:state/FRA"]
    assert france["iso3"] == "FRA" and france["exactMatch"] == "http://www.wikidata.org/entity/Q142"
    assert france["admissionDate"] == "1945-10-24" and sorted(france["@type"]) == ["MemberState", "State"]
    roles = {n["sponsorshipRole"] for n in nodes.values() if "sponsorshipRole" in n}
    assert roles == {"submitter", "onBehalfOf", "joinedLater", "namedInHeading"}
    evidence = next(n for n in nodes.values() if n.get("@type") == "Evidence" and "page" in n)
    assert isinstance(evidence["page"], int) and isinstance(evidence["lineStart"], int)
    keys = {k for n in nodes.values() for k in n}
    assert not [k for k in keys if k.startswith("http")], "every property has a short key or a prefixed name"
    assert list(france) == sorted(france)  # keys sorted


def test_one_graph_only(full_store):
    text = _bytes(full_store, "nq", graphs=[REGISTER]).decode()
    assert {line.rsplit(" ", 2)[1] for line in text.splitlines()} == {f"<{REGISTER}>"}
    assert len(text.splitlines()) == full_store.count(REGISTER)
    with pytest.raises(UnkgError, match="no graph"):
        _bytes(full_store, "nq", graphs=["https://example.org/none"])


def test_export_file_writes_void_beside_it(full_store, tmp_path):
    done = export_file(full_store, tmp_path / "unkg.trig", "trig")
    assert done.statements == full_store.count() and done.size == (tmp_path / "unkg.trig").stat().st_size
    assert done.void == tmp_path / "void.ttl"
    void = rdflib.Graph().parse(done.void)
    [distribution] = void.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Distribution"))
    assert str(void.value(distribution, rdflib.URIRef("http://purl.org/dc/terms/title"))) == "unkg.trig"
    assert int(void.value(distribution, rdflib.URIRef("http://www.w3.org/ns/dcat#byteSize"))) == done.size
    with pytest.raises(UnkgError, match="void.ttl"):
        export_file(full_store, tmp_path / "void.ttl", "ttl")


def test_the_export_command(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["export", "--store", str(store), "--format", "nq", "--graph", REGISTER]) == 0
    out = capsys.readouterr().out
    assert out.count(f"<{REGISTER}> .") == len(out.splitlines()) > 200
    assert main(["export", "--store", str(store), "--format", "jsonld", "-o", str(tmp_path / "unkg.jsonld")]) == 0
    assert "void.ttl" in capsys.readouterr().err
    assert json.loads((tmp_path / "unkg.jsonld").read_text(encoding="utf-8"))["@context"]["voter"]
    assert (tmp_path / "void.ttl").stat().st_size > 1000
