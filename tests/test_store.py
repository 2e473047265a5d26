"""The store: a failed replacement leaves the graph as it was; exports parse back to the same graph."""

import io

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.store import Store


def test_failed_replacement_changes_nothing():
    store = Store.open(None)
    store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "1" .')
    with pytest.raises(SyntaxError):
        store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "2" . broken')
    assert [r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["1"]


def test_persistent_store_reopens(tmp_path):
    store = Store.open(tmp_path / "s")
    store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "1" .')
    store.flush()
    del store
    assert Store.open(tmp_path / "s").count() == 1


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("rdfxml", "xml")])
def test_triple_exports_parse_to_the_same_graph(store, fmt, rdflib_format):
    reference = io.BytesIO()
    store.dump(reference, "nt")
    expected = rdflib.Graph().parse(data=reference.getvalue(), format="nt")
    out = io.BytesIO()
    store.dump(out, fmt)
    got = rdflib.Graph().parse(data=out.getvalue(), format=rdflib_format)
    assert len(expected) == store.count()
    assert isomorphic(got, expected)


@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_quad_exports_keep_the_named_graphs(store, fmt, rdflib_format):
    out = io.BytesIO()
    store.dump(out, fmt)
    dataset = rdflib.Dataset()
    dataset.parse(data=out.getvalue(), format=rdflib_format)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == set(store.graphs())
    assert sum(len(g) for g in dataset.graphs()) == store.count()
