"""``kg validate``."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, fail, say
from kg.errors import StoreError


@app.command()
def validate(
    out_dir: Path = typer.Argument(..., metavar="DIR", help="A directory written by `kg build`."),
    shapes: Path = typer.Option(None, "--shapes", help="SHACL shapes (Turtle); default ontologies/shapes.ttl."),
    show: int = typer.Option(5, "--show", min=0, help="Focus nodes to list per group of results."),
) -> None:
    """Check the store against the SHACL shapes (the claim contract) and report what breaks it.

    Exit status: 0 the store conforms; 1 it has violations; 2 usage errors (missing store or shapes).

    Example: kg validate output --show 3
    """
    from kg.store import GraphStore
    from kg.validate import SHAPES, ShapesError
    from kg.validate import validate as run_validate

    try:
        store = GraphStore(out_dir, read_only=True)
        report = run_validate(store, shapes or SHAPES)
    except (StoreError, ShapesError) as exc:
        fail(str(exc), 2)
    where = f"{report.triples} triples in {out_dir}"
    if report.conforms and not report.results:
        say(f"conforms: {where} against {report.shapes}")
        return
    groups = report.groups()
    verdict = "conforms (with warnings)" if report.conforms else "does not conform"
    say(f"{verdict}: {report.total} result(s) in {len(groups)} group(s); {where} against {report.shapes}")
    for group in groups:
        say(f"\n{group.count} x {group.severity}: {group.path or '(node)'} {group.constraint}")
        say(f"  {group.message}")
        for result in group.results[:show]:
            value = f"  value: {result.value}" if result.value and result.value != result.focus else ""
            say(f"    {result.focus}{value}")
        if group.count > show:
            say(f"    ... and {group.count - show} more")
    if not report.conforms:
        raise typer.Exit(1)
