"""``kg stats``."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table

from kg.cli._app import app, fail, out
from kg.cli.graph import LEVEL_HELP, Level
from kg.errors import KgError

POLARITIES = ("positive", "negative", "neutral")


@app.command()
def stats(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    level: Level = typer.Option(Level.state, "--level", help=LEVEL_HELP),
    split: datetime | None = typer.Option(None, "--split", formats=["%Y-%m-%d"],
                                          help="Compare stances before and from this date (default: the middle of the date range)."),
    top: int = typer.Option(10, "--top", min=1, help="How many actors and pairs to list."),
    as_json: bool = typer.Option(False, "--json", help="Print everything as JSON."),
) -> None:
    """Who is most active and most targeted, stance balance per pair, reciprocity, communities, and how stances changed.

    Example: kg stats output --split 2026-01-01 --top 5
    """
    from kg.analytics import compute_stats
    from kg.store import GraphStore
    from kg.viz.claims import load_claims

    try:
        result = compute_stats(load_claims(GraphStore(out_dir, read_only=True)), level=level.value,
                               split=split.date() if split else None, top=top)
    except KgError as exc:
        fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    for table in tables(result):
        out.print(table, markup=False)


def _table(title: str, columns: list[str], rows: list[list[object]]) -> Table:
    table = Table(*columns, title=title, title_justify="left", show_lines=False)
    for row in rows:
        table.add_row(*[str(v) for v in row])
    return table


def tables(result: dict) -> list[Table]:
    """The statistics as rich tables, one per section."""
    change = result["stance_change"]
    recip = result["reciprocity"]
    summary = [["claims (asserted stances)", result["claims"]], ["actors", result["actors"]],
               ["dates", f"{result['first_date'] or '-'} .. {result['last_date'] or '-'}"],
               ["level", result["level"]],
               ["reciprocity", (f"{recip['reciprocity']} ({recip['reciprocated_pairs']} of "
                                f"{recip['directed_pairs']} actor pairs answered back)")],
               ["modularity", result["communities"]["modularity"]]]
    activity = ["actor", "kind", "claims", *POLARITIES]
    return [
        _table("Summary", ["", "value"], summary),
        _table("Most active (as subject)", activity,
               [[a["actor"], a["kind"], a["claims"], *[a[p] for p in POLARITIES]] for a in result["most_active"]]),
        _table("Most targeted (as object)", activity,
               [[a["actor"], a["kind"], a["claims"], *[a[p] for p in POLARITIES]] for a in result["most_targeted"]]),
        _table("Stance balance (positive - negative)", ["subject", "object", *POLARITIES, "balance"],
               [[b["subject"], b["object"], *[b[p] for p in POLARITIES], f"{b['balance']:+d}"]
                for b in result["stance_balance"]]),
        _table("Reciprocated pairs", ["a", "b", "a -> b", "b -> a"],
               [[p["a"], p["b"], f"{p['a_to_b']:+d}", f"{p['b_to_a']:+d}"] for p in recip["pairs"]]),
        _table("Communities", ["#", "size", "members"],
               [[g["community"], g["size"], ", ".join(g["members"])] for g in result["communities"]["groups"]]),
        _table(f"Stance change (split {change['split'] or '-'}; {change['undated']} undated claims not counted)",
               ["period", "claims", *POLARITIES, "balance"],
               [[name, t["claims"], *[t[p] for p in POLARITIES], f"{t['balance']:+d}"]
                for name, t in (("before", change["before"]), ("from", change["after"])) if t]),
        _table("Pairs seen before and after the split", ["subject", "object", "before", "after", "change"],
               [[p["subject"], p["object"], f"{p['before']:+d}", f"{p['after']:+d}", f"{p['change']:+d}"]
                for p in change["pairs"]]),
    ]
