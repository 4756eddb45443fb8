"""``kg serve``: a read-only SPARQL endpoint over the store, on Starlette + uvicorn.

Routes:

- ``/sparql``: the SPARQL 1.1 Protocol (GET ``query=``, POST urlencoded ``query=``, POST
  ``application/sparql-query``); results as JSON (default), XML, CSV or TSV, graphs as Turtle
  (default), N-Triples, JSON-LD or RDF/XML, by ``Accept`` or ``?format=``. Without a query: the
  Service Description (Turtle).
- ``/rdf-graphs?graph=IRI`` and ``?default``: the Graph Store Protocol, read side (404 for an
  unknown graph; the default graph is the union of all graphs, as for queries).
- ``/``: ``DIR/graph.html``; ``/query``: an offline query page.

Read-only and bounded: SPARQL Update (``update=``, ``application/sparql-update``, or update
keywords sent as a query) and Graph Store writes get 403; ``SERVICE`` (federation) gets 403. Both
are found by :func:`check_query`, a token scan that skips strings, comments, IRIs, prefixed names
and variables, and the store is opened read-only besides. Queries run in worker processes with a
time limit and a row limit (:mod:`kg.serve_worker`).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import parse_qsl

import jinja2
import pyoxigraph as ox
import uvicorn
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from kg import queries
from kg.errors import KgError, StoreError
from kg.rdf.mapping import PREFIXES
from kg.serve_worker import HttpError, PoolError, QueryTimeout, WorkerPool, one_line
from kg.store import STORE_DIR
from kg.viz.page import _json_for_script, csp_hash

MAX_BODY = 1 << 20  # bytes of a POSTed query
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"

# (format, media types it answers to, names for ?format=), the default first
RESULT_FORMATS = [
    (ox.QueryResultsFormat.JSON, ("application/sparql-results+json", "application/json"), ("json", "srj")),
    (ox.QueryResultsFormat.XML, ("application/sparql-results+xml", "application/xml", "text/xml"), ("xml", "srx")),
    (ox.QueryResultsFormat.CSV, ("text/csv",), ("csv",)),
    (ox.QueryResultsFormat.TSV, ("text/tab-separated-values",), ("tsv",)),
]
GRAPH_FORMATS = [
    (ox.RdfFormat.TURTLE, ("text/turtle", "application/turtle", "application/x-turtle"), ("turtle", "ttl")),
    (ox.RdfFormat.N_TRIPLES, ("application/n-triples", "text/plain"), ("ntriples", "n-triples", "nt")),
    (ox.RdfFormat.JSON_LD, ("application/ld+json", "application/x-json+ld", "application/json"),
     ("json-ld", "jsonld", "json")),
    (ox.RdfFormat.RDF_XML, ("application/rdf+xml", "application/xml", "text/xml"), ("rdf+xml", "rdfxml", "xml")),
]
FORMAT_IRIS = [f.iri for f, _, _ in RESULT_FORMATS] + [
    "http://www.w3.org/ns/formats/JSON-LD" if f is ox.RdfFormat.JSON_LD else f.iri for f, _, _ in GRAPH_FORMATS]


class ServeError(KgError):
    """The server cannot start (address in use, bad host)."""


# -- what a query is allowed to be ----------------------------------------------------------------
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKENS = re.compile(rf"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d](?:[\w.\-\u00b7]*[\w\-\u00b7])?)?:
               (?:(?:[\w:]|{_PLX})(?:(?:[\w.:\-\u00b7]|{_PLX})*(?:[\w:\-\u00b7]|{_PLX}))?)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"})
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def _words(text: str) -> list[str]:
    return [m.group().upper() for m in _TOKENS.finditer(text) if m.lastgroup == "word"]


def check_query(text: str) -> str | None:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE; None if not seen). Raises
    :class:`HttpError` 403 for SPARQL Update and for SERVICE.

    Keywords are bare words outside strings, comments, IRIs, prefixed names and variables; the
    text is also scanned with ``\\uXXXX`` escapes decoded, in case a parser decodes them first.
    """
    words = _words(text)
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    every = set(words) | (set(_words(decoded)) if decoded != text else set())
    if every & UPDATE_WORDS:
        raise HttpError(403, f"{READ_ONLY} ({', '.join(sorted(every & UPDATE_WORDS))} found)")
    if "SERVICE" in every:
        raise HttpError(403, "SERVICE (federated query) is not allowed on this endpoint")
    return next((w for w in words if w in FORMS), None)


# -- content negotiation --------------------------------------------------------------------------
def _accept_ranges(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            key, _, value = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def negotiate(formats: list, accept: str | None, names: list[str] = ()):
    """A known ``?format=`` name or media type first, else the best ``Accept`` match (quality, then
    specificity, then the client's order, then ours); None when nothing acceptable (406)."""
    for name in names:
        for fmt, media, short in formats:
            if name.lower() in short or name.lower() in media:
                return fmt
    ranges = _accept_ranges(accept)
    if not ranges:
        return formats[0][0]
    best, best_key = None, None
    for server_rank, (fmt, media_types, _) in enumerate(formats):
        for alias, media in enumerate(media_types):  # wildcards match a format's own type, not aliases
            family = media.split("/")[0] + "/*"
            matches = [(2 if r == media else 1 if r == family else 0, q, -i)
                       for i, (r, q) in enumerate(ranges) if r == media or (not alias and r in (family, "*/*"))]
            if not matches:
                continue
            specificity, q, client_rank = max(matches)  # the most specific range sets the quality
            key = (q, specificity, client_rank, -server_rank)
            if q > 0 and (best_key is None or key > best_key):
                best, best_key = fmt, key
    return best


def _formats(request: Request, pairs: list[tuple[str, str]], form: str | None) -> dict:
    names = [v for k, v in pairs if k in ("format", "output", "results")]
    accept = request.headers.get("accept")
    results, graph = negotiate(RESULT_FORMATS, accept, names), negotiate(GRAPH_FORMATS, accept, names)
    offered = {"results": ", ".join(m[0] for _, m, _ in RESULT_FORMATS),
               "graph": ", ".join(m[0] for _, m, _ in GRAPH_FORMATS)}
    kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "results" if form else None
    if kind and (results if kind == "results" else graph) is None:
        raise HttpError(406, f"none of the accepted media types can be produced; offered: {offered[kind]}")
    return {"results_format": results and results.media_type.split(";")[0],
            "graph_format": graph and graph.media_type, "offered": offered}


# -- the application ------------------------------------------------------------------------------
def _text(status: int, message: str) -> Response:
    return Response(one_line(message) + "\n", status, media_type="text/plain; charset=utf-8",
                    headers={"X-Content-Type-Options": "nosniff"})


async def _body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HttpError(413, f"request body larger than {MAX_BODY} bytes")
        chunks.append(chunk)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"request body is not UTF-8: {exc}") from exc


def render_query_page(*, timeout: float, max_rows: int) -> tuple[str, str]:
    """(HTML, Content-Security-Policy) of the query page: its inline script and style by hash."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(files("kg.viz").joinpath("templates", "query.html").read_text(encoding="utf-8"))
    examples = [{"name": name, "about": about, "query": queries.load(name)}
                for name, about in queries.available().items()]
    html = template.render(title="kg SPARQL query", timeout=f"{timeout:g}", max_rows=max_rows,
                           examples_json=Markup(_json_for_script(examples)))
    scripts = " ".join(csp_hash(s) for s in re.findall(r"<script>(.*?)</script>", html, re.DOTALL))
    styles = " ".join(csp_hash(s) for s in re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    csp = (f"default-src 'none'; script-src {scripts}; style-src {styles}; connect-src 'self'; "
           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    return html, csp


class _Endpoint:
    def __init__(self, out_dir: Path, pool: WorkerPool, timeout: float, max_rows: int):
        self.out_dir, self.pool, self.timeout, self.max_rows = out_dir, pool, timeout, max_rows
        self.page, self.csp = render_query_page(timeout=timeout, max_rows=max_rows)

    async def _run(self, task: dict) -> Response:
        task = {"max_rows": self.max_rows, **task}
        try:
            status, media_type, body, headers = await run_in_threadpool(self.pool.run, task)
        except QueryTimeout as exc:
            return _text(503, str(exc))
        except PoolError as exc:
            return _text(503, f"cannot run the query: {exc}")
        return Response(body, status, media_type=media_type, headers={"X-Content-Type-Options": "nosniff", **headers})

    async def sparql(self, request: Request) -> Response:
        try:
            pairs = list(request.query_params.multi_items())
            if request.method == "POST":
                ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype == "application/sparql-update":
                    raise HttpError(403, READ_ONLY)
                body = await _body(request)
                if ctype == "application/x-www-form-urlencoded":
                    pairs += parse_qsl(body, keep_blank_values=True)
                elif ctype == "application/sparql-query":
                    pairs.append(("query", body))
                else:
                    raise HttpError(415, "POST the query as application/x-www-form-urlencoded (query=...) "
                                         "or as application/sparql-query")
            if any(key == "update" for key, _ in pairs):
                raise HttpError(403, READ_ONLY)
            texts = [v for k, v in pairs if k == "query"]
            if not texts and request.method != "POST":
                return await self._run({"op": "describe", "endpoint": str(request.url.replace(query="")),
                                        "timeout": self.timeout, "format_iris": FORMAT_IRIS,
                                        **_formats(request, pairs, "CONSTRUCT")})
            if len(texts) != 1:
                raise HttpError(400, "send exactly one query parameter")
            form = check_query(texts[0])
            return await self._run({
                "op": "query", "query": texts[0], **_formats(request, pairs, form),
                "default_graphs": [v for k, v in pairs if k == "default-graph-uri"],
                "named_graphs": [v for k, v in pairs if k == "named-graph-uri"]})
        except HttpError as exc:
            return _text(exc.status, exc.message)

    async def graph_store(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return _text(403, "this Graph Store is read-only: only GET and HEAD are allowed")
        params = request.query_params
        graphs = params.getlist("graph")
        if len(graphs) + ("default" in params) != 1:
            return _text(400, "give exactly one of ?graph=IRI or ?default")
        try:
            formats = _formats(request, list(params.multi_items()), "CONSTRUCT")
        except HttpError as exc:
            return _text(exc.status, exc.message)
        return await self._run({"op": "graph", "graph": graphs[0] if graphs else None, **formats})

    async def graph_page(self, request: Request) -> Response:
        path = self.out_dir / "graph.html"
        if not path.is_file():
            return _text(404, f"no graph.html in {self.out_dir}: run `kg graph {self.out_dir} -o {path}`")
        return FileResponse(path, media_type="text/html; charset=utf-8", headers={"X-Content-Type-Options": "nosniff"})

    async def query_page(self, request: Request) -> Response:
        return Response(self.page, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": self.csp, "X-Content-Type-Options": "nosniff"})


def create_app(out_dir: str | Path, *, timeout: float = 10.0, max_rows: int = 10000, workers: int = 2,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The server over the store in ``out_dir``; its query workers are started (and have opened the
    store) when this returns, and stop when the app shuts down. ``allowed_hosts`` (Host header
    names) guards a loopback server against DNS rebinding. Raises :class:`StoreError`."""
    out_dir = Path(out_dir)
    if not (out_dir / STORE_DIR).is_dir():
        raise StoreError(f"{out_dir}: no graph store here (run `kg build ... --out {out_dir}` first)")
    if timeout <= 0 or max_rows < 1 or workers < 1:
        raise ServeError("--timeout, --max-rows and --workers must be positive")
    pool = WorkerPool(out_dir / STORE_DIR, size=workers, timeout=timeout, prefixes=PREFIXES)
    try:
        pool.start()
    except PoolError as exc:
        raise StoreError(str(exc)) from exc
    endpoint = _Endpoint(out_dir, pool, timeout, max_rows)

    @asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()

    routes = [Route("/", endpoint.graph_page), Route("/query", endpoint.query_page),
              Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
              Route("/rdf-graphs", endpoint.graph_store, methods=["GET", "PUT", "POST", "DELETE", "PATCH"])]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.pool = pool
    return app


def is_loopback(host: str) -> bool:
    """True when ``host`` names only this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return False
        return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)


def allowed_hosts_for(host: str) -> list[str] | None:
    """Host header names a loopback server answers to (None: any, for a server bound elsewhere)."""
    if not is_loopback(host):
        return None
    name = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return sorted({*LOOPBACK_NAMES, name.lower()})


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port). Raises :class:`ServeError`."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)  # connections wait in the backlog until uvicorn runs
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def run(app: Starlette, sock: socket.socket, *, log_level: str = "info") -> None:
    """Serve ``app`` on ``sock`` until interrupted (Ctrl-C)."""
    uvicorn.Server(uvicorn.Config(app, log_level=log_level, lifespan="on")).run(sockets=[sock])


__all__ = [
    "ServeError",
    "allowed_hosts_for",
    "bind",
    "check_query",
    "create_app",
    "is_loopback",
    "negotiate",
    "render_query_page",
    "run",
]
