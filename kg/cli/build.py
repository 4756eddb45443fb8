"""``kg build``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from kg.cli._app import app, err, fail, out
from kg.errors import KgError
from kg.records import BuildReport


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Article files (.txt .jsonl .csv .html) or directories."),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Directory for the store and graph files."),
    html: bool = typer.Option(True, help="Also write graph.html."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
) -> None:
    """Build articles into the graph store and write graph.trig, graph.ttl and graph.html.

    On an existing DIR the build is incremental: new articles are added, changed ones replaced, unchanged ones (same content hash) left alone without parsing them again; a run with nothing new writes nothing and says so.

    Example: kg build examples/articles --out output
    """
    from kg.build import build as run_build

    try:
        with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
            task = bar.add_task("build", total=None)
            report = run_build(inputs, out_dir, html=html,
                               progress=lambda done, total: bar.update(task, completed=done, total=total))
    except (KgError, OSError) as exc:
        fail(str(exc))
    for line in report.skipped:
        err.print(f"skipped {line}", highlight=False, markup=False, soft_wrap=True)
    if not quiet:
        _print_report(report, out_dir, html)
    if report.skipped:
        raise typer.Exit(1)


def _print_report(report: BuildReport, out_dir: Path, html: bool) -> None:
    if report.nothing_to_do:
        n, k = len(report.unchanged), len(report.skipped)
        skipped = f", {k} input{'' if k == 1 else 's'} skipped" if k else ""
        out.print(f"nothing to do: {n} article{'' if n == 1 else 's'} unchanged{skipped}", highlight=False)
        out.print(f"store: {out_dir / 'store'}", highlight=False, markup=False)
        return
    out.print(f"built {len(report.built)} article(s), {report.claims} claim(s), {report.triples} triples",
              highlight=False)
    out.print(counts(report), highlight=False)
    out.print(f"store: {out_dir / 'store'}", highlight=False, markup=False)
    out.print(f"graph: {out_dir / 'graph.trig'}  {out_dir / 'graph.ttl'}", highlight=False, markup=False)
    if html:
        out.print(f"HTML graph: {out_dir / 'graph.html'}", highlight=False, markup=False)
        if report.page_note:
            out.print(f"  {report.page_note}", highlight=False, markup=False)


def counts(report: BuildReport) -> str:
    """The counts line: "added 1, replaced 0, unchanged 2, removed 0"."""
    return ", ".join(f"{name} {len(getattr(report, name))}" for name in ("added", "replaced", "unchanged", "removed"))
