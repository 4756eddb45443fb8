"""``kg remove``."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, err, fail, out
from kg.errors import KgError


@app.command()
def remove(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    article_ids: list[str] = typer.Argument(..., help="Ids of the articles to remove (as `kg build` read them)."),
    html: bool = typer.Option(True, help="Also write graph.html again."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
) -> None:
    """Remove articles from the store and write graph.trig, graph.ttl and graph.html again.

    The articles' graphs go, and so do the actors, topics and memberships no remaining article refers to. Unknown ids are reported (exit 1); the known ones are still removed.

    Example: kg remove output 03_iran-iaea-access
    """
    from kg.build import remove as run_remove

    try:
        report = run_remove(out_dir, article_ids, html=html)
    except (KgError, OSError) as exc:
        fail(str(exc))
    for line in report.skipped:
        err.print(f"skipped {line}", highlight=False, markup=False, soft_wrap=True)
    if not quiet:
        out.print(f"removed {len(report.removed)} article(s), {report.triples} triples left", highlight=False)
        if report.written:
            out.print(f"graph: {'  '.join(report.written)}", highlight=False, markup=False)
    if report.skipped:
        raise typer.Exit(1)
