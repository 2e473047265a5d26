"""The command line says what happened: a command that reads never creates a store, a symbol that names no
document gets the nearest ones, a closed pipe ends quietly, and ``unkg --version`` answers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from kg.cli import main

READERS = [["query", "drafts"], ["export", "--format", "nq"], ["validate"], ["site", "SITE"],
           ["blocs", "--out", "OUT"]]


def _args(command: list[str], tmp_path: Path) -> list[str]:
    return [str(tmp_path / a) if a in ("SITE", "OUT") else a for a in command]


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_a_command_that_reads_never_creates_a_store(command, tmp_path, capsys):
    missing = tmp_path / "typo"
    assert main([*_args(command, tmp_path), "--store", str(missing)]) == 2
    assert capsys.readouterr().err == f"unkg: no unkg store at {missing} (build one with `unkg build`)\n"
    assert not missing.exists()


def test_a_folder_without_a_store_is_left_as_it_was(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("a", encoding="utf-8")
    assert main(["query", "drafts", "--store", str(folder)]) == 2
    assert "no unkg store at" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


def test_a_store_with_no_graph_is_no_store(tmp_path, capsys):
    from kg.store import Store

    empty = tmp_path / "empty"
    Store.open(empty).flush()
    assert main(["query", "drafts", "--store", str(empty)]) == 2
    assert capsys.readouterr().err == f"unkg: no unkg store at {empty} (build one with `unkg build`)\n"


def test_a_symbol_that_names_no_document_gets_the_nearest(sample_disk_store, capsys):
    """A/73/505 reports on the drafts A/C.1/73/L.27/Rev.1 and A/C.1/73/L.37 (paragraphs 4 to 11)."""
    assert main(["query", "sponsors", "--param", "draft=L.37", "--store", str(sample_disk_store)]) == 2
    err = capsys.readouterr().err
    assert "draft=L.37 names no document of the store" in err
    assert err.rstrip().endswith("nearest known symbols: A/C.1/73/L.37")


def test_a_known_symbol_with_no_rows_is_no_error(sample_disk_store, capsys):
    """A/73/505 is the report itself, not a draft the Committee voted on: zero rows, exit 0."""
    assert main(["query", "votes", "--param", "draft=A/73/505", "--store", str(sample_disk_store)]) == 0
    assert capsys.readouterr().out.endswith("(0 rows)\n")


def test_a_closed_pipe_ends_quietly(sample_disk_store):
    unkg = [sys.executable, "-m", "kg", "export", "--format", "nq", "--store", str(sample_disk_store)]
    head = shutil.which("head")
    assert head, "head (coreutils) is needed"
    run = subprocess.run(f"{subprocess.list2cmdline(unkg)} | {head} -2; exit ${{PIPESTATUS[0]}}", shell=True,
                         executable="/bin/bash", capture_output=True, text=True, timeout=300)
    assert run.stderr == ""
    assert len(run.stdout.splitlines()) == 2 and run.stdout.startswith("<https://w3id.org/unkg/")
    assert run.returncode == 141


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"unkg {version('unkg')}\n"


def test_every_command_that_opens_a_store_takes_store_from_one_parent():
    from kg.cli import parser

    commands = parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    with_store = {name for name, sub in commands.items()
                  if any("--store" in a.option_strings for a in sub._actions)}  # noqa: SLF001
    assert with_store == set(commands) - {"ontology-docs"}
