"""The flow runs one way: the import-linter contracts of pyproject.toml hold (extractors never import rdflib,
kg/rdf never reads the store, the analysis draws nothing, nothing imports the command line), the mapping never
opens files, and the namespaces in kg/rdf/namespace.py are exactly the ontology's terms."""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

import kg
from kg.rdf.ontology import render_namespace

PACKAGE = Path(kg.__file__).parent
ROOT = PACKAGE.parent


def test_the_import_contracts_hold(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def test_a_broken_contract_is_reported(tmp_path, capsys):
    """Guard against contracts that cannot fail: the studies do draw, so forbidding it is reported."""
    config = tmp_path / "contracts.toml"
    config.write_text('[tool.importlinter]\nroot_package = "kg"\n\n[[tool.importlinter.contracts]]\n'
                      'name = "studies without pictures"\ntype = "forbidden"\nsource_modules = ["kg.studies"]\n'
                      'forbidden_modules = ["kg.viz"]\n', encoding="utf-8")
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == 1
    assert "kg.studies.commands -> kg.viz" in capsys.readouterr().out


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_extractors_and_records_do_not_import_rdflib():
    for folder in ("extract", "model", "reference"):
        for path in (PACKAGE / folder).glob("*.py"):
            assert not {"rdflib", "pyoxigraph", "pyshacl"} & _imports(path), path


def test_mapping_does_not_open_files():
    source = (PACKAGE / "rdf" / "mapping.py").read_text(encoding="utf-8")
    assert "open(" not in source and "read_text" not in source and "Path" not in source


def test_every_module_has_a_docstring():
    for path in PACKAGE.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


def test_namespace_module_matches_the_ontology():
    assert (PACKAGE / "rdf" / "namespace.py").read_text(encoding="utf-8") == render_namespace()
