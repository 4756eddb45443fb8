"""``kg push``: the Graph Store Protocol into real servers (Oxigraph, Virtuoso), and its failure modes.

The store pushed holds the fixture articles and the hostile one (HTML, quotes, ``\"\"\"`` in
literals), so each server's Turtle parser meets every escape. Virtuoso is launched when the module
starts (it takes a few seconds to create its database) and waited for only by the tests that use it;
they are skipped with the reason when ``virtuoso-t`` is not installed. Retries are tested with an
httpx MockTransport (no sleeping: the delays are recorded) and with a tiny local HTTP server that
answers 503 twice before storing.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import hostile
import httpx
import pyoxigraph as ox
import pytest
import rdflib
from conftest import write_articles
from servers import Oxigraph, ServerUnavailable, Virtuoso, free_port
from typer.testing import CliRunner

from kg import queries
from kg.build import build
from kg.cli import app
from kg.push import PushError, PushUsageError, Retry, count_triples, make_auth, push
from kg.store import GraphStore

ACTORS = "https://w3id.org/fpkg/id/graph/actors"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
EVIDENCE = "PREFIX fp: <https://w3id.org/fpkg/ontology#> SELECT DISTINCT ?e WHERE { ?c fp:evidence ?e }"


def kg(*args: object, **env: str):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, env=env or None)


def one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines
    return lines[0]


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def virtuoso_launch(tmp_path_factory):
    """Virtuoso, launched (not yet ready), or the reason it cannot run."""
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        server.launch()
    except (ServerUnavailable, OSError) as exc:
        yield exc
        return
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso(virtuoso_launch):
    if isinstance(virtuoso_launch, Exception):
        pytest.skip(f"Virtuoso tests need virtuoso-t: {virtuoso_launch}")
    try:
        return virtuoso_launch.wait()
    except ServerUnavailable as exc:
        pytest.fail(f"Virtuoso did not start: {exc}")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    try:
        server = Oxigraph(tmp_path_factory.mktemp("oxigraph")).start()
    except ServerUnavailable as exc:
        pytest.skip(f"Oxigraph server tests need the oxigraph CLI (dev extra): {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, extractor, virtuoso_launch) -> Path:
    """The fixture articles plus the hostile one, built once (Virtuoso starts meanwhile)."""
    root = tmp_path_factory.mktemp("push")
    report = build([write_articles(root / "articles"), hostile.write_hostile(root / "hostile")], root / "out",
                   extractor=extractor)
    assert report.skipped == [] and report.claims > 0
    return root / "out"


def store_counts(out: Path) -> dict[str, int]:
    store = GraphStore(out, read_only=True)
    return {g: count_triples(store, g) for g in store.graphs()}


def server_counts(server, graphs) -> dict[str, int]:
    return {row["g"]: int(row["n"]) for row in server.select(COUNTS) if row["g"] in graphs}


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def store_terms(out: Path) -> set[tuple]:
    """(graph, s, p, o) of every triple whose object is an IRI or a plain string: terms a server
    keeps exactly (numbers and booleans it may canonicalize, "0.70" -> "0.7")."""
    store = GraphStore(out, read_only=True)
    keep = set()
    for g in store.graphs():
        for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            if isinstance(q.object, ox.NamedNode):
                keep.add((g, q.subject.value, q.predicate.value, "iri", q.object.value))
            elif q.object.datatype.value == XSD_STRING:
                keep.add((g, q.subject.value, q.predicate.value, "str", q.object.value))
    return keep


def server_terms(server, graphs) -> set[tuple]:
    keep = set()
    for b in server.bindings("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
        if b["g"]["value"] not in graphs:
            continue
        o = b["o"]
        if o["type"] == "uri":
            kind = "iri"
        elif o["type"] in ("literal", "typed-literal") and o.get("datatype", XSD_STRING) == XSD_STRING \
                and "xml:lang" not in o:
            kind = "str"
        else:
            continue
        keep.add((b["g"]["value"], b["s"]["value"], b["p"]["value"], kind, o["value"]))
    return keep


def assert_mirrored(server, out: Path) -> None:
    """Same triple count per named graph, and the same IRIs and strings (escapes survived)."""
    expected = store_counts(out)
    assert server_counts(server, expected) == expected
    assert server_terms(server, expected) == store_terms(out)


def assert_same_canned_answer(server, out: Path, name: str = "who_criticizes_whom") -> None:
    """The server answers the canned query as `kg query` does (SAMPLE may pick another of the
    evidence sentences of a pair with several claims; it must still be one of the store's)."""
    result = kg("query", out, "--name", name, "--format", "json")
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    theirs = server.select(queries.load(name))
    assert ours, "the canned query should return rows on the fixture store"
    key = ("critic", "target", "claims")
    assert sorted(tuple(r[k] for k in key) for r in theirs) == sorted(tuple(r[k] for k in key) for r in ours)
    single = {tuple(r[k] for k in key): r["example"] for r in ours if r["claims"] == "1"}
    evidence = {row[0] for row in queries.rows(GraphStore(out, read_only=True).query(EVIDENCE))[1]}
    for row in theirs:
        assert row["example"] == single.get(tuple(row[k] for k in key), row["example"])
        assert row["example"] in evidence


# --- Oxigraph server ------------------------------------------------------------------------------


def test_push_into_oxigraph_mirrors_every_graph(oxigraph, store_dir):
    result = kg("push", store_dir, oxigraph.store_url)
    assert result.exit_code == 0, result.output
    assert_mirrored(oxigraph, store_dir)
    expected = store_counts(store_dir)
    report = result.stdout.splitlines()
    assert report[0] == f"PUT {oxigraph.store_url}?graph=GRAPH"
    rows = [line.split() for line in report[2:-1]]
    assert {row[3]: int(row[0]) for row in rows} == expected
    assert all(row[1] in ("201", "204") and float(row[2]) >= 0 for row in rows)
    assert report[-1].startswith(f"pushed {len(expected)} of {len(expected)} graph(s), {sum(expected.values())} triples")
    assert_same_canned_answer(oxigraph, store_dir)


def test_pushing_again_replaces_rather_than_duplicates(oxigraph, store_dir):
    for _ in range(2):
        assert kg("push", store_dir, oxigraph.store_url, "--format", "turtle").exit_code == 0
    assert_mirrored(oxigraph, store_dir)


def test_graph_option_pushes_only_that_graph(oxigraph, store_dir, tmp_path):
    server = Oxigraph(tmp_path / "fresh").start()  # (an empty one; the fixture's is for skipping)
    try:
        result = kg("push", store_dir, server.store_url, "--graph", ACTORS)
        assert result.exit_code == 0, result.output
        assert server_counts(server, store_counts(store_dir)) == {ACTORS: store_counts(store_dir)[ACTORS]}
    finally:
        server.stop()


# --- usage, dry run, unreachable ------------------------------------------------------------------


def test_dry_run_lists_graphs_and_sends_nothing(built):
    dead = f"http://127.0.0.1:{free_port()}/store"
    result = kg("push", built, dead, "--dry-run")
    assert result.exit_code == 0, result.output
    expected = store_counts(built)
    rows = [line.split() for line in result.stdout.splitlines()[2:-1]]
    assert {row[3]: int(row[0]) for row in rows} == expected and {row[1] for row in rows} == {"-"}
    assert result.stdout.splitlines()[-1] == f"dry run: {len(expected)} graph(s), {sum(expected.values())} triples; nothing sent"


def test_unreachable_endpoint_is_one_line_and_exit_1(built):
    dead = f"http://127.0.0.1:{free_port()}/store"
    result = kg("push", built, dead, "--retries", "2", "--backoff", "0")
    assert result.exit_code == 1
    line = one_line_error(result)
    assert f"cannot reach {dead}" in line and "after 3 attempt(s)" in line


@pytest.mark.parametrize("args, message", [
    (["--graph", "https://w3id.org/fpkg/id/graph/nope"], "no graph <https://w3id.org/fpkg/id/graph/nope>"),
    (["--user", "dba"], "without a password"),
    (["--password", "x"], "a password without --user"),
])
def test_usage_errors_exit_2(built, args, message):
    result = kg("push", built, "http://127.0.0.1:9/store", *args)
    assert result.exit_code == 2 and message in one_line_error(result)
    assert result.stdout == ""


def test_bad_endpoint_and_missing_store_exit_2(built, tmp_path):
    assert "bad endpoint URL" in one_line_error(result := kg("push", built, "ftp://example.org/x"))
    assert result.exit_code == 2
    result = kg("push", tmp_path / "nothing", "http://127.0.0.1:9/store")
    assert result.exit_code == 2 and "no graph store" in one_line_error(result)


# --- retries: MockTransport ------------------------------------------------------------------------


def mock(answers, seen):
    """A transport answering each request with the next of ``answers`` (a status or an exception)."""
    answers = iter(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = next(answers, 201)
        if isinstance(answer, Exception):
            raise answer
        return httpx.Response(answer, text="" if answer < 400 else f"status {answer}")

    return httpx.MockTransport(handler)


def run(built, answers, *, retry=Retry(3, 0.5), **options):
    seen, delays = [], []
    store = GraphStore(built, read_only=True)
    sent = list(push(store, "http://kg.test/store", graphs=[ACTORS], retry=retry, transport=mock(answers, seen),
                     sleep=delays.append, **options))
    return sent, seen, delays


def test_503_twice_then_201_is_retried_with_backoff(built):
    sent, seen, delays = run(built, [503, 503, 201])
    assert [s.status for s in sent] == [201] and sent[0].attempts == 3 and sent[0].ok
    assert delays == [0.5, 1.0] and len(seen) == 3


def test_connection_errors_are_retried(built):
    sent, seen, delays = run(built, [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), 204])
    assert sent[0].status == 204 and sent[0].attempts == 3 and delays == [0.5, 1.0]


def test_retries_are_bounded_and_the_delay_capped(built):
    seen, delays = [], []
    with pytest.raises(PushError, match=r"keeps failing: 503 Service Unavailable: status 503 \(after 5 attempt\(s\)\)"):
        list(push(GraphStore(built, read_only=True), "http://kg.test/store", graphs=[ACTORS],
                  retry=Retry(4, 1.0, max_delay=3.0), transport=mock([503] * 10, seen), sleep=delays.append))
    assert delays == [1.0, 2.0, 3.0, 3.0] and len(seen) == 5


def test_401_is_not_retried(built):
    seen = []
    with pytest.raises(PushError, match="401 Unauthorized: wrong user or password"):
        list(push(GraphStore(built, read_only=True), "http://kg.test/store", auth=make_auth("u", "p", "digest"),
                  transport=mock([401] * 5, seen), sleep=lambda s: None))
    assert len(seen) == 1


def test_a_rejected_graph_is_reported_and_the_rest_are_pushed(built):
    store = GraphStore(built, read_only=True)
    seen = []
    sent = list(push(store, "http://kg.test/store", transport=mock([400], seen), sleep=lambda s: None))
    assert [s.status for s in sent] == [400] + [201] * (len(store.graphs()) - 1)
    assert not sent[0].ok and sent[0].error == "400 Bad Request: status 400" and sent[0].attempts == 1


def test_each_request_is_a_put_of_one_graph(built):
    store = GraphStore(built, read_only=True)
    seen = []
    sent = list(push(store, "http://kg.test/sparql-graph-crud-auth?x=1", graph_param="graph-uri", fmt="turtle",
                     auth=make_auth("dba", "secret"), transport=mock([], seen)))
    assert [s.graph for s in sent] == store.graphs()
    for request, s in zip(seen, sent):
        assert request.method == "PUT" and request.url.params["graph-uri"] == s.graph
        assert request.url.params["x"] == "1" and request.url.path == "/sparql-graph-crud-auth"
        assert request.headers["content-type"] == "text/turtle; charset=utf-8"
        assert request.headers["authorization"].startswith("Basic ")
        assert len(rdflib.Graph().parse(data=request.content, format="turtle")) == s.triples == count_triples(store, s.graph)


def test_push_checks_its_arguments_before_sending(built):
    store = GraphStore(built, read_only=True)
    with pytest.raises(PushUsageError, match="unknown format"):
        push(store, "http://kg.test/store", fmt="rdfxml")
    with pytest.raises(PushUsageError, match="bad endpoint URL"):
        push(store, "localhost:7878/store")


# --- retries: a local server that fails twice --------------------------------------------------


class FlakyHandler(BaseHTTPRequestHandler):
    answers: list[int] = []
    seen: list[str] = []

    def do_PUT(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append(self.path)
        status = self.answers.pop(0) if self.answers else 201
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_cli_retries_a_server_answering_503_twice(built):
    FlakyHandler.answers, FlakyHandler.seen = [503, 503], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FlakyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/store"
        result = kg("push", built, url, "--graph", ACTORS, "--backoff", "0.01")
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    assert len(FlakyHandler.seen) == 3 and all("graph=https%3A%2F%2Fw3id.org" in p for p in FlakyHandler.seen)
    assert result.stdout.splitlines()[2].split()[:2] == [str(store_counts(built)[ACTORS]), "201"]


# --- Virtuoso -----------------------------------------------------------------------------------


def virtuoso_push(virtuoso, out: Path, *extra: str, password: str = "dba"):
    return kg("push", out, virtuoso.store_url, "--graph-param", "graph-uri", "--user", "dba", *extra,
              KG_PUSH_PASSWORD=password)


def test_push_into_virtuoso_with_digest_auth(virtuoso, store_dir):
    result = virtuoso_push(virtuoso, store_dir, "--auth", "digest")
    assert result.exit_code == 0, result.output
    assert_mirrored(virtuoso, store_dir)
    assert_same_canned_answer(virtuoso, store_dir)
    result = virtuoso_push(virtuoso, store_dir, "--auth", "digest", "--format", "turtle")  # again: replaced
    assert result.exit_code == 0, result.output
    assert_mirrored(virtuoso, store_dir)


def test_virtuoso_wrong_password_is_one_line_and_exit_1(virtuoso, store_dir):
    result = virtuoso_push(virtuoso, store_dir, "--auth", "digest", password="not-the-password")
    assert result.exit_code == 1
    assert "401 Unauthorized: wrong user or password" in one_line_error(result)


def test_virtuoso_with_basic_auth_suggests_digest(virtuoso, store_dir):
    result = virtuoso_push(virtuoso, store_dir)
    assert result.exit_code == 1
    assert "--auth digest" in one_line_error(result)
