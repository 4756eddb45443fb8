"""``kg query``."""

from __future__ import annotations

from pathlib import Path

import typer

from kg import queries
from kg.cli._app import Format, app, fail, out, print_rows
from kg.errors import QueryError, StoreError


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
        fail(str(exc))
    print_rows(names, rows, fmt)
