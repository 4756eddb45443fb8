"""``kg evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from kg.cli._app import app, fail, out
from kg.errors import KgError


@app.command()
def evaluate(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    gold: Path = typer.Option(..., "--gold", help="Gold claims (JSONL, one claim per line; see examples/README.md)."),
    show: int = typer.Option(0, "--show", help="List up to N misses, spurious claims and trap violations."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score the store's claims against gold claims (JSONL, the format in examples/README.md): precision, recall, F1, traps, per relation type.

    Example: kg evaluate output --gold examples/gold.jsonl --show 10
    """
    from kg.evaluate import evaluate as run_evaluate

    try:
        score = run_evaluate(out_dir, gold)
    except (KgError, OSError) as exc:
        fail(str(exc))
    summary = score.summary()
    if as_json:
        sys.stdout.write(json.dumps({**summary, "by_relation": score.by_relation}) + "\n")
        return
    out.print(" ".join(f"{k}={v}" for k, v in summary.items()), highlight=False)
    table = Table("relation", "gold", "found", "typed")
    for rel, row in sorted(score.by_relation.items()):
        table.add_row(rel, str(row["gold"]), str(row["found"]), str(row["typed"]))
    out.print(table)
    if show:
        _print_details(score, show)


def _print_details(score, n: int) -> None:
    def line(c: dict) -> str:
        evidence = (c.get("evidence") or "")[:90]
        return f"  [{c['article']}] {c['subject']} {c['relation']}/{c['polarity']} {c['object']}  <- {evidence}"

    for title, items in (("missed", score.missed), ("spurious", score.spurious),
                         ("trap violations", [p for _, p in score.violations])):
        out.print(f"-- {title}: {len(items)}", highlight=False)
        for c in items[:n]:
            out.print(line(c), highlight=False, markup=False)
