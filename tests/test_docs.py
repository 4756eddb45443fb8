"""The README says what the tool does: its quickstart, commands, canned queries and SPARQL example."""

from __future__ import annotations

import re
from pathlib import Path

from kg import queries
from kg.cli import app
from kg.store import GraphStore

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def test_quickstart_is_two_commands_in_one_bash_block():
    blocks = re.findall(r"```bash\n(.*?)```", section("Quickstart"), re.S)
    commands = [line for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]
    assert [c.split("#")[0].strip() for c in commands] == ["make example", "make test"]


def test_ci_runs_the_quickstart_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_command_is_documented_with_an_example():
    commands = section("Commands")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"`kg {name}" in commands, name
        assert "Example:" in (command.callback.__doc__ or ""), name


def test_every_canned_query_is_listed():
    commands = section("Commands")
    for name in queries.available():
        assert f"`{name}`" in commands, name


def test_the_sparql_example_runs(built):
    example = re.search(r"```sparql\n(.*?)```", section("SPARQL example"), re.S).group(1)
    names, rows = queries.rows(GraphStore(built, read_only=True).query(example))
    assert names == ["critic", "target", "speaker", "evidence"]
    assert ["Turkey", "Greece"] in [r[:2] for r in rows]
