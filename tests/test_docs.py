"""Documentation that tests check: every command, setting and named query is documented."""

import re
from pathlib import Path

from kg import queries, settings
from kg.cli import parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES_README = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")


def test_quick_start_has_exactly_two_commands():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S).group(1)
    assert len([line for line in block.splitlines() if line.strip() and not line.startswith("#")]) == 2


def test_ci_runs_the_readme_test_command():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S).group(1)
    test_command = block.strip().splitlines()[-1]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented():
    commands = parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in commands:
        assert f"`unkg {name}" in README, name


def test_every_setting_is_documented():
    for name in settings.SETTINGS:
        assert f"| `{name}` |" in README, name


def test_every_named_query_is_documented_with_its_params():
    for q in queries.catalogue().values():
        row = re.search(rf"^\| `{re.escape(q.name)}` \|([^|]*)\|", QUERIES_README, re.M)
        assert row, q.name
        assert [p.strip() for p in row.group(1).split(",") if p.strip()] == list(q.params)
        assert q.summary, q.name


def test_every_query_that_returns_a_state_returns_its_name(store):
    """The convention of queries/README.md: a column state or state_a has state_name or state_a_name beside it."""
    for q in queries.catalogue().values():
        params = {p: "73" if q.types.get(p) == "integer" else "A/C.1/73/L.37" for p in q.params}
        params = {p: v for p, v in params.items() if not any(p in g[1:] for g in q.choices)}
        columns, _ = queries.run(store, q.name, params)
        for column in columns:
            if re.fullmatch(r"state(_[a-z]+)?", column) and not column.endswith("_name"):
                assert f"{column}_name" in columns or q.name == "state-names", (q.name, column)


def test_state_names_are_the_registers(store):
    """France voted on A/C.1/73/L.37 (A/73/505, para. 10: "In favour: ... France ...")."""
    columns, rows = queries.run(store, "votes", {"draft": "A/C.1/73/L.37"})
    assert {r["state"]: r["state_name"] for r in rows}["FRA"] == "France"
    _, pairs = queries.run(store, "co-sponsors")
    assert all(r["state_a_name"] and r["state_b_name"] for r in pairs)
