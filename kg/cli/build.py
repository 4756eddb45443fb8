"""``kg build``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli._app import app, err, fail, out
from kg.errors import KgError


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Article files (.txt .jsonl .csv .html) or directories."),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Directory for the store and graph files."),
    html: bool = typer.Option(True, help="Also write graph.html."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
) -> None:
    """Build articles into the graph store and write graph.trig, graph.ttl and graph.html.

    Example: kg build examples/articles --out output
    """
    from kg.build import Extractor, build as run_build

    try:
        with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
            task = bar.add_task("build", total=None)
            report = run_build(inputs, out_dir, extractor=Extractor(), html=html,
                               progress=lambda done, total: bar.update(task, completed=done, total=total))
    except (KgError, OSError) as exc:
        fail(str(exc))
    for line in report.skipped:
        err.print(f"skipped {line}", highlight=False, markup=False, soft_wrap=True)
    if not quiet:
        out.print(f"built {len(report.built)} article(s), {report.claims} claim(s), {report.triples} triples",
                  highlight=False)
        out.print(f"store: {out_dir / 'store'}", highlight=False, markup=False)
        out.print(f"graph: {out_dir / 'graph.trig'}  {out_dir / 'graph.ttl'}", highlight=False, markup=False)
        if html:
            out.print(f"HTML graph: {out_dir / 'graph.html'}", highlight=False, markup=False)
    if report.skipped:
        raise typer.Exit(1)
