"""The ``kg`` command line: each command parses its arguments, calls the library and prints.

Exit codes: 0 success; 1 some inputs were skipped (the rest were built) or the data is wrong;
2 usage errors (bad arguments, unknown query, malformed SPARQL, missing store).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import queries
from kg.errors import KgError, QueryError, StoreError

app = typer.Typer(help="Build a foreign-policy knowledge graph from news articles; query and draw it.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


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
        _fail(str(exc))
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


def _print_rows(names: list[str], rows: list[list[str | None]], fmt: Format) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1) + "\n")
    elif fmt in (Format.csv, Format.tsv):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows([["" if v is None else v for v in r] for r in rows])
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(*names, show_lines=False)
        for r in rows:
            table.add_row(*["" if v is None else v for v in r])
        out.print(table, markup=False)


def _query_text(query: str | None, file: Path | None, name: str | None, params: list[str]) -> str:
    given = [x for x in (query, file, name) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of QUERY, --file or --name")
    if file:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{file}: cannot read query file: {exc.strerror}") from exc
    else:
        text = queries.load(name) if name else query
    pairs = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep:
            raise QueryError(f"--param {p!r}: expected NAME=VALUE")
        pairs[key] = value
    return queries.bind(text, pairs)


@app.command()
def query(
    out_dir: Path = typer.Argument(None, help="A directory written by `kg build`."),
    sparql: str = typer.Argument(None, help="A SPARQL SELECT query."),
    file: Path = typer.Option(None, "--file", "-f", help="Read the query from a .rq file."),
    name: str = typer.Option(None, "--name", "-n", help="Run a canned query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a canned query's $NAME."),
    fmt: Format = typer.Option(Format.table, "--format", help="Output format."),
    list_: bool = typer.Option(False, "--list", help="List the canned queries and exit."),
) -> None:
    """Run SPARQL over the store (named graphs are queried as one union).

    Example: kg query output --name who_criticizes_whom --format csv
    """
    from kg.store import GraphStore

    if list_:
        for qname, about in queries.available().items():
            out.print(f"{qname:22} {about}", highlight=False, markup=False)
        return
    try:
        if out_dir is None:
            raise QueryError("give the directory written by `kg build` (or --list)")
        text = _query_text(sparql, file, name, param)
        store = GraphStore(out_dir, read_only=True)
        names, rows = queries.rows(store.query(text))
    except (QueryError, StoreError) as exc:
        _fail(str(exc))
    _print_rows(names, rows, fmt)


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
        _fail(str(exc))
    out.print(f"wrote {path}", highlight=False, markup=False)


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
        _fail(str(exc))
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


def main() -> None:  # pragma: no cover
    app()
