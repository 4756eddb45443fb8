"""``kg export``."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

import typer

from kg.cli._app import app, fail, out
from kg.errors import KgError


class ExportFormat(str, Enum):
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    nt = "nt"
    jsonld = "jsonld"
    xml = "xml"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


@app.command()
def export(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="RDF: ttl trig nq nt jsonld xml; property graph: "
                                                                  "graphml gexf csv."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (atomically); for csv a "
                                                                    "directory. Default: standard output."),
    graph: list[str] | None = typer.Option(None, "--graph", "-g", help="IRI of a named graph to export "
                                           "(repeatable; default: all). Triple formats get their union."),
    truthy: bool = typer.Option(False, "--truthy", help="Only the direct edges (fp:criticizes ...) with the labels "
                                "and types of their ends; for property graphs, only asserted claims."),
) -> None:
    """Export the store as RDF (streamed) or as a property graph.

    Quad formats (trig, nq, jsonld) keep the named graphs; triple formats (ttl, nt, xml) write their union. graphml and gexf (Gephi, networkx): nodes are actors and topics (label, kind), edges are claims (relation, polarity, negated, hedged, evidence, article, date).

    Neo4j: --format csv -o DIR writes DIR/nodes.csv (iri:ID, label, kind, wikidata, :LABEL) and DIR/edges.csv (:START_ID, :END_ID, :TYPE = the relation, claim, polarity, negated:boolean, hedged:boolean, evidence, article, date, speaker). Import them into an empty database with: neo4j-admin database import full --nodes=DIR/nodes.csv --relationships=DIR/edges.csv --multiline-fields=true neo4j

    Example: kg export output --format nq -o output/graph.nq
    """
    from kg.export import export as run_export

    try:
        if output is None:
            sys.stdout.flush()
        written = run_export(out_dir, fmt.value, output, graphs=graph or None, truthy=truthy,
                             stdout=sys.stdout.buffer if output is None else None)
    except BrokenPipeError:  # the reader went away (`kg export ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except (KgError, OSError, ValueError) as exc:
        fail(str(exc))
    for path in written:
        out.print(f"wrote {path}", highlight=False, markup=False)
