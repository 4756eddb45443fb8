"""The query side of ``kg serve``: worker processes and the pool the web server hands work to.

pyoxigraph cannot interrupt a running query from Python, so every query runs in a worker process
(``multiprocessing``, spawn context) that opens the store read-only once and serializes the result
itself. The pool gives a query ``timeout`` seconds; a worker that overruns is killed and replaced,
and the server keeps serving. Read-only opens do not lock the store: several workers, ``kg query``
and a running ``kg build`` can have it open at once. A worker reopens the store when its files
change, so it answers from the latest build.

Result size: a SELECT or CONSTRUCT/DESCRIBE result stops after ``max_rows`` rows (triples) and the
reply carries ``X-KG-Truncated: true``; a Graph Store read of a larger graph is refused (413), since
a silently partial copy of a graph is worse than none.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading

import pyoxigraph as ox

STARTUP_SECONDS = 60.0
TEXT = "text/plain; charset=utf-8"
SD = "http://www.w3.org/ns/sparql-service-description#"


class HttpError(Exception):
    """A reply other than 200, with a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = one_line(message)


class QueryTimeout(Exception):
    pass


class PoolError(Exception):
    """No worker could run the request (busy, crashed, or the store cannot be opened)."""


def one_line(text) -> str:
    return " ".join(str(text).split())


def _media_type(fmt) -> str:
    media = fmt.media_type
    return media + "; charset=utf-8" if media.startswith("text/") and "charset" not in media else media


def _format(task: dict, kind: str):
    """The format the server negotiated for this kind of result ("results" or "graph")."""
    media = task.get(kind + "_format")
    if media is None:
        raise HttpError(406, f"none of the accepted media types can be produced for this result; "
                             f"offered: {task['offered'][kind]}")
    return (ox.QueryResultsFormat if kind == "results" else ox.RdfFormat).from_media_type(media)


# -- results -------------------------------------------------------------------------------------
def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _select(result: ox.QuerySolutions, fmt, max_rows: int) -> tuple[bytes, bool]:
    names = [v.value for v in result.variables]
    bindings, truncated = [], False
    for solution in result:
        if len(bindings) == max_rows:
            truncated = True
            break
        bindings.append({n: _term_json(solution[n]) for n in names if solution[n] is not None})
    body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt != ox.QueryResultsFormat.JSON:  # pyoxigraph's own writers for XML, CSV, TSV
        body = ox.parse_query_results(body, ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return body, truncated


def _triples(triples, fmt, max_rows: int, prefixes: dict) -> tuple[bytes, bool]:
    kept, truncated = [], False
    for triple in triples:
        if len(kept) == max_rows:
            truncated = True
            break
        kept.append(triple)
    return ox.serialize(kept, format=fmt, prefixes=prefixes), truncated


def _reply(fmt, body: bytes, truncated: bool = False) -> tuple:
    headers = {"Vary": "Accept"}
    if truncated:
        headers["X-KG-Truncated"] = "true"
    return 200, _media_type(fmt), body, headers


def _iri(value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise HttpError(400, f"not an IRI: {value!r} ({exc})") from exc


def run_query(store: ox.Store, task: dict, prefixes: dict) -> tuple:
    options = {}
    if task.get("default_graphs"):
        options["default_graph"] = [_iri(g) for g in task["default_graphs"]]
    else:
        options["use_default_graph_as_union"] = True
    if task.get("named_graphs"):
        options["named_graphs"] = [_iri(g) for g in task["named_graphs"]]
    try:
        result = store.query(task["query"], prefixes=prefixes, **options)  # fp:, rdfs:, prov: ... predeclared
    except SyntaxError as exc:
        raise HttpError(400, f"malformed SPARQL: {exc}") from exc
    max_rows = task["max_rows"]
    if isinstance(result, ox.QuerySolutions):
        return _reply(fmt := _format(task, "results"), *_select(result, fmt, max_rows))
    if isinstance(result, ox.QueryBoolean):
        fmt = _format(task, "results")
        return _reply(fmt, result.serialize(format=fmt))
    fmt = _format(task, "graph")
    return _reply(fmt, *_triples(result, fmt, max_rows, prefixes))


def read_graph(store: ox.Store, task: dict, prefixes: dict) -> tuple:
    """Graph Store Protocol GET: one named graph, or the default graph (the union of all graphs)."""
    fmt = _format(task, "graph")
    max_rows = task["max_rows"]
    if task["graph"] is None:
        triples = set()
        for quad in store:
            triples.add(ox.Triple(quad.subject, quad.predicate, quad.object))
            if len(triples) > max_rows:
                break
    else:
        graph = _iri(task["graph"])
        if not store.contains_named_graph(graph):
            raise HttpError(404, f"no graph {graph.value} in this store")
        triples = []
        for quad in store.quads_for_pattern(None, None, None, graph):
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
            if len(triples) > max_rows:
                break
    if len(triples) > max_rows:
        raise HttpError(413, f"the graph has more than {max_rows} triples (the server's --max-rows)")
    return _reply(fmt, ox.serialize(sorted(triples, key=str), format=fmt, prefixes=prefixes))


def describe_service(store: ox.Store, task: dict, prefixes: dict) -> tuple:
    """The SPARQL 1.1 Service Description of this endpoint."""
    fmt = _format(task, "graph")
    sd = lambda name: ox.NamedNode(SD + name)
    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(task["endpoint"])),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode("http://purl.org/dc/terms/description"), ox.Literal(
            f"kg knowledge graph, read-only: SPARQL Update and SERVICE are refused; each query may run "
            f"{task['timeout']:g} s and returns at most {task['max_rows']} rows (more: X-KG-Truncated: true)")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, rdf_type, sd("Graph")),
    ]
    for iri in task["format_iris"]:
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(iri)))
    for i, graph in enumerate(sorted(store.named_graphs(), key=str)):
        named = ox.BlankNode(f"g{i}")
        triples += [ox.Triple(dataset, sd("namedGraph"), named), ox.Triple(named, rdf_type, sd("NamedGraph")),
                    ox.Triple(named, sd("name"), graph)]
    return _reply(fmt, ox.serialize(triples, format=fmt, prefixes={"sd": SD, **prefixes}))


HANDLERS = {"query": run_query, "graph": read_graph, "describe": describe_service}


# -- the worker process --------------------------------------------------------------------------
class _Snapshot:
    """The store opened read-only, reopened when its files change (a build ran meanwhile)."""

    def __init__(self, path: str):
        self.path, self.store, self.signature = path, None, None

    def _signature(self) -> tuple:
        entries = []
        for entry in os.scandir(self.path):
            st = entry.stat()
            entries.append((entry.name, st.st_size, st.st_mtime_ns))
        return tuple(sorted(entries))

    def current(self) -> ox.Store:
        try:
            signature = self._signature()
        except OSError:
            signature = self.signature
        if self.store is None or signature != self.signature:
            try:
                self.store, self.signature = ox.Store.read_only(self.path), signature
            except (OSError, RuntimeError):  # RuntimeError: RocksDB reports corruption
                if self.store is None:
                    raise
        return self.store


def worker_main(conn, store_path: str, prefixes: dict) -> None:
    snapshot = _Snapshot(store_path)
    try:
        snapshot.current()
    except (OSError, RuntimeError) as exc:
        conn.send(("failed", f"{store_path}: cannot open the graph store read-only: {one_line(exc)}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            reply = HANDLERS[task["op"]](snapshot.current(), task, prefixes)
        except HttpError as exc:
            reply = (exc.status, TEXT, f"{exc.message}\n".encode(), {})
        except Exception as exc:  # noqa: BLE001  (the worker must answer, whatever went wrong)
            reply = (500, TEXT, f"query failed: {one_line(exc)}\n".encode(), {})
        conn.send(reply)


class _Worker:
    def __init__(self, ctx, store_path: str, prefixes: dict):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, store_path, prefixes),
                                name="kg-serve-worker", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        try:
            if not self.conn.poll(STARTUP_SECONDS):
                raise PoolError(f"a query worker did not start within {STARTUP_SECONDS:g} s")
            status, message = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise PoolError("a query worker exited while starting") from exc
        if status != "ready":
            raise PoolError(message)
        self.ready = True

    def stop(self, *, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the store at ``store_path``; :meth:`run` is thread-safe."""

    def __init__(self, store_path, *, size: int = 2, timeout: float = 10.0, prefixes: dict | None = None):
        self.store_path, self.size, self.timeout = str(store_path), size, timeout
        self.prefixes = dict(prefixes or {})
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> WorkerPool:
        """Start the workers and wait until each has opened the store (raises :class:`PoolError`)."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready()
        except PoolError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)
        return self

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.store_path, self.prefixes)
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop(kill=True)
        if not self._closed:
            self._idle.put(self._spawn())  # starts now; the next request waits until it is ready

    def run(self, task: dict) -> tuple:
        """Run ``task`` in a worker: (status, content type, body, headers). Raises
        :class:`QueryTimeout` when it overran (the worker is replaced) and :class:`PoolError`."""
        if self._closed:
            raise PoolError("the server is shutting down")
        try:
            worker = self._idle.get(timeout=self.timeout + STARTUP_SECONDS)
        except queue.Empty:
            raise PoolError("every query worker is busy; try again later") from None
        try:
            worker.wait_ready()
            worker.conn.send(task)
            if not worker.conn.poll(self.timeout):
                self._discard(worker)
                raise QueryTimeout(f"query stopped after {self.timeout:g} s (the server's time limit, "
                                   f"kg serve --timeout)")
            reply = worker.conn.recv()
        except (PoolError, EOFError, OSError) as exc:
            self._discard(worker)
            message = str(exc) if isinstance(exc, PoolError) else "the query worker died (out of memory?)"
            raise PoolError(message) from exc
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop(kill=not worker.ready)
