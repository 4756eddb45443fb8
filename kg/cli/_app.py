"""What every ``kg`` command shares: the Typer app, the consoles, errors and row printing.

Commands live in one module each (``kg/cli/<command>.py``): parse, call the library, print.
Exit codes: 0 success; 1 some inputs were skipped (the rest were built) or the data is wrong;
2 usage errors (bad arguments, unknown query, malformed SPARQL, missing store).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Build a foreign-policy knowledge graph from news articles; query and draw it.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit (2: usage error, 1: bad data)."""
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def say(message: str) -> None:
    out.print(message, highlight=False, markup=False)


def print_rows(names: list[str], rows: list[list[str | None]], fmt: Format) -> None:
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
