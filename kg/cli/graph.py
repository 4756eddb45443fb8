"""``kg graph``."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, fail, out
from kg.errors import KgError


@app.command()
def graph(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    output: Path = typer.Option(..., "-o", "--output", help="HTML file to write."),
) -> None:
    """Draw the graph as an interactive HTML page that works offline.

    Example: kg graph output -o output/graph.html
    """
    from kg.store import GraphStore
    from kg.viz.project import write_graph_page

    try:
        path = write_graph_page(GraphStore(out_dir, read_only=True), output)
    except (KgError, OSError) as exc:
        fail(str(exc))
    out.print(f"wrote {path}", highlight=False, markup=False)
