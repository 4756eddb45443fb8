"""``kg serve``."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app, err, fail, say
from kg.errors import KgError


@app.command()
def serve(
    out_dir: Path = typer.Argument(..., help="A directory written by `kg build`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless told otherwise)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may run before it is stopped."),
    max_rows: int = typer.Option(10000, "--max-rows", help="Rows (or triples) a result may have; more are cut "
                                 "off and the reply says X-KG-Truncated: true."),
    workers: int = typer.Option(2, "--workers", help="Queries run at once (one process each)."),
) -> None:
    """Serve the store read-only over HTTP: a SPARQL 1.1 endpoint at /sparql, the Graph Store
    Protocol (read) at /rdf-graphs, the graph page at / and a query page at /query.

    Updates and SERVICE are refused (403); every query has a time limit and a row limit.

    Example: kg serve output --port 7878
    """
    from kg import serve as server

    if not server.is_loopback(host):
        err.print(f"[yellow]warning:[/yellow] listening on {host}, not only on this machine: anyone who can "
                  "reach it can query the graph", highlight=False, soft_wrap=True)
    try:
        sock = server.bind(host, port)
        application = server.create_app(out_dir, timeout=timeout, max_rows=max_rows, workers=workers,
                                        allowed_hosts=server.allowed_hosts_for(host))
    except KgError as exc:
        fail(str(exc))
    name, bound_port = sock.getsockname()[:2]
    base = f"http://{f'[{name}]' if ':' in name else name}:{bound_port}"
    say(f"serving {out_dir} read-only at {base}/ : SPARQL {base}/sparql, query page {base}/query, "
        f"graph store {base}/rdf-graphs; timeout {timeout:g} s, max {max_rows} rows. Ctrl-C stops.")
    server.run(application, sock)
