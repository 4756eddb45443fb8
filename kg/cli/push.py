"""``kg push``."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path

import typer

from kg.cli._app import app, fail, say
from kg.errors import KgError, StoreError


class Auth(str, Enum):
    basic = "basic"
    digest = "digest"


class Body(str, Enum):
    ntriples = "ntriples"
    turtle = "turtle"


ROW = "{triples:>8} {status:>6} {seconds:>8}  {graph}"


@app.command()
def push(
    out_dir: Path = typer.Argument(..., metavar="DIR", help="A directory written by `kg build`."),
    endpoint: str = typer.Argument(..., metavar="ENDPOINT",
                                   help="The server's Graph Store endpoint, e.g. http://localhost:7878/store "
                                        "(Oxigraph) or http://localhost:8890/sparql-graph-crud-auth (Virtuoso)."),
    graph: list[str] = typer.Option([], "--graph", "-g", help="Push only this named graph (IRI; repeatable)."),
    graph_param: str = typer.Option("graph", "--graph-param", help="Query parameter naming the graph "
                                                                   "(Virtuoso: graph-uri)."),
    user: str = typer.Option(None, "--user", "-u", help="User name for the endpoint."),
    password: str = typer.Option(None, "--password", envvar="KG_PUSH_PASSWORD", show_envvar=True,
                                 help="Password (better: the KG_PUSH_PASSWORD environment variable)."),
    auth: Auth = typer.Option(Auth.basic, "--auth", help="HTTP authentication scheme (Virtuoso: digest)."),
    fmt: Body = typer.Option(Body.ntriples, "--format", help="Body format of each PUT."),
    retries: int = typer.Option(3, "--retries", min=0, max=20, help="Retries after a connection error, "
                                                                     "timeout or 5xx."),
    backoff: float = typer.Option(0.5, "--backoff", min=0.0, help="Seconds before the first retry (doubled each time)."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds to wait for each request."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be sent; send nothing."),
) -> None:
    """Copy the store's named graphs into a SPARQL server (Graph Store Protocol: one PUT per graph).

    Exit status: 0 every graph was stored; 1 the endpoint is unreachable, refused the credentials or
    failed a graph; 2 usage errors (missing store, bad URL, unknown graph).

    Example: kg push output http://localhost:8890/sparql-graph-crud-auth --graph-param graph-uri --auth digest --user dba
    """
    from kg.push import PushError, PushUsageError, Retry, make_auth
    from kg.push import push as run_push
    from kg.store import GraphStore

    try:
        store = GraphStore(out_dir, read_only=True)
        credentials = make_auth(user, password, auth.value)
        sent_all = run_push(store, endpoint, graphs=graph or None, graph_param=graph_param, auth=credentials,
                            fmt=fmt.value, retry=Retry(retries, backoff), timeout=timeout, dry_run=dry_run)
        _report(sent_all, endpoint, graph_param, dry_run)
    except (PushUsageError, StoreError) as exc:
        fail(str(exc), 2)
    except (PushError, KgError) as exc:
        fail(str(exc), 1)


def _report(sent_all, endpoint: str, graph_param: str, dry_run: bool) -> None:
    """Print a row per graph as it is sent, then a summary; exit 1 when a graph was not stored."""
    started = time.monotonic()
    say(f"{'dry run: would PUT' if dry_run else 'PUT'} {endpoint}?{graph_param}=GRAPH")
    say(ROW.format(graph="graph", triples="triples", status="status", seconds="seconds"))
    failed, graphs, triples = [], 0, 0
    for sent in sent_all:
        graphs += 1
        status = "-" if dry_run else str(sent.status)
        say(ROW.format(graph=sent.graph, triples=sent.triples, status=status,
                       seconds="-" if dry_run else f"{sent.seconds:.2f}"))
        if not dry_run and not sent.ok:
            failed.append(sent)
        else:
            triples += sent.triples
    if dry_run:
        say(f"dry run: {graphs} graph(s), {triples} triples; nothing sent")
        return
    say(f"pushed {graphs - len(failed)} of {graphs} graph(s), {triples} triples in {time.monotonic() - started:.1f} s")
    if failed:
        first = failed[0]
        fail(f"{len(failed)} graph(s) not stored; <{first.graph}>: {first.error}", 1)
