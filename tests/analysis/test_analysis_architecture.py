"""kg/analysis (and kg/viz) read the graph only through the named queries of queries/: no SPARQL text,
no direct use of the store's query methods, no RDF library; every module has a docstring and __all__."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).parent
MODULES = sorted([*(PACKAGE / "analysis").glob("*.py"), *(PACKAGE / "viz").glob("*.py")])
SPARQL = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|PREFIX|INSERT|DELETE)\b|WHERE\s*\{|\?[a-z_]+\s+[a-z]+:", re.IGNORECASE)


def _strings(tree: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_sparql_in_the_analysis():
    assert MODULES
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {ast.get_docstring(n, clean=False) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))}
        for text in _strings(tree):
            if text in docstrings:
                continue
            assert not SPARQL.search(text), f"{path.name}: SPARQL-like text {text[:60]!r}"


def test_the_store_is_read_through_named_queries_only():
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {"rdflib", "pyoxigraph", "pyshacl", "SPARQLWrapper"} & imported, path.name
        calls = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
        store_methods = {"select", "table", "ask", "query"}  # Store's; dict.update and the like are fine
        assert not store_methods & calls, f"{path.name}: {store_methods & calls}"


def test_every_module_has_all_and_a_docstring():
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), path.name
        names = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        assert "__all__" in names, path.name
