"""``kg serve``: the real server (uvicorn in a thread, or the CLI in a subprocess) on free local ports,
over a copy of the fixture store, checked with httpx, SPARQLWrapper, curl and Chromium.

Two servers per module: ``server`` with the defaults, ``strict`` with ``timeout=1, max_rows=3`` and
one worker for the runaway query, the row limit and a build running beside the server.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
import uvicorn
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg import serve
from kg.cli import app
from kg.store import GraphStore

PREFIXES = ("PREFIX fp: <https://w3id.org/fpkg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
STATES = PREFIXES + "SELECT ?label WHERE { ?s a fp:State ; rdfs:label ?label } ORDER BY ?label"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


class Server:
    """``kg.serve.create_app`` under uvicorn in a background thread, on a free port."""

    def __init__(self, out_dir: Path, **options):
        self.sock = serve.bind("127.0.0.1", 0)
        self.app = serve.create_app(out_dir, allowed_hosts=serve.allowed_hosts_for("127.0.0.1"), **options)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        self.app.state.pool.close()


def copy_store(built: Path, target: Path) -> Path:
    shutil.copytree(built, target)
    return target


@pytest.fixture(scope="module")
def store_dir(built, tmp_path_factory) -> Path:
    return copy_store(built, tmp_path_factory.mktemp("serve") / "out")


@pytest.fixture(scope="module")
def server(store_dir):
    with Server(store_dir) as running:
        yield running


@pytest.fixture(scope="module")
def strict(built, tmp_path_factory):
    out = copy_store(built, tmp_path_factory.mktemp("serve-strict") / "out")
    with Server(out, timeout=1, max_rows=3, workers=1) as running:
        running.out_dir = out
        yield running


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def store(store_dir):
    return GraphStore(store_dir, read_only=True)


@pytest.fixture(scope="module")
def article_graph(store) -> str:
    return next(g for g in store.graphs() if "/graph/article/" in g and len(list(
        store.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))) > 20)


def expected_labels(store) -> list[str]:
    return [s["label"].value for s in store.query(STATES)]


def graph_of(store, iri: str) -> rdflib.Graph:
    triples = [ox.Triple(q.subject, q.predicate, q.object)
               for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


# -- SPARQL Protocol -------------------------------------------------------------------------------
def test_the_endpoint_predeclares_the_usual_prefixes(client, store):
    query = STATES[len(PREFIXES):]
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.text.splitlines()[1:] == expected_labels(store)


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_in_every_result_format(client, store, accept, media):
    response = client.post("/sparql", data={"query": STATES}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    text = response.text
    if media.endswith("json"):
        data = json.loads(text)
        assert data["head"]["vars"] == ["label"]
        labels = [b["label"]["value"] for b in data["results"]["bindings"]]
    elif media.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        labels = [e.text for e in ET.fromstring(text).findall(".//r:binding[@name='label']/r:literal", ns)]
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["label"]
        labels = [r[0] for r in rows[1:]]
    else:
        rows = text.splitlines()
        assert rows[0] == "?label"
        labels = [json.loads(r) for r in rows[1:]]  # "Turkey" as a quoted literal
    assert labels == expected_labels(store)
    assert "Turkey" in labels and "Greece" in labels
    assert "x-kg-truncated" not in response.headers


def test_default_format_is_json_and_get_post_and_body_agree(client):
    get = client.get("/sparql", params={"query": STATES})
    form = client.post("/sparql", data={"query": STATES}, headers={"Accept": "*/*"})
    body = client.post("/sparql", content=STATES.encode(), headers={"Content-Type": "application/sparql-query"})
    for response in (get, form, body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
    assert get.json() == form.json() == body.json()
    assert client.get("/sparql", params={"query": STATES, "format": "csv"}).text.startswith("label\r\n")


@pytest.mark.parametrize("accept, rdflib_format", [
    (None, "turtle"), ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_in_every_graph_format(client, store, article_graph, accept, rdflib_format):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{article_graph}> {{ ?s ?p ?o }} }}"
    headers = {"Accept": accept} if accept else {}
    response = client.post("/sparql", data={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == (accept or "text/turtle")
    got = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert isomorphic(got, graph_of(store, article_graph))


def test_describe_and_ask(client):
    describe = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/fpkg/id/actor/turkey>"})
    assert describe.status_code == 200 and describe.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=describe.text, format="turtle")) > 2
    yes = client.get("/sparql", params={"query": PREFIXES + 'ASK { ?s rdfs:label "Turkey" }'})
    no = client.get("/sparql", params={"query": PREFIXES + 'ASK { ?s rdfs:label "Atlantis" }'},
                    headers={"Accept": "application/sparql-results+xml"})
    assert yes.json() == {"head": {}, "boolean": True}
    assert "<boolean>false</boolean>" in no.text


def test_sparqlwrapper(server, store):
    from SPARQLWrapper import JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper

    for method in ("GET", POST):
        client = SPARQLWrapper(server.url + "/sparql")
        client.setMethod(method)
        client.setQuery(STATES)
        client.setReturnFormat(JSON)
        data = client.queryAndConvert()
        assert [b["label"]["value"] for b in data["results"]["bindings"]] == expected_labels(store)
        client.setReturnFormat(XML)
        assert client.queryAndConvert().getElementsByTagName("result").length == len(expected_labels(store))
        client.setQuery(PREFIXES + 'ASK { ?s rdfs:label "Greece" }')
        client.setReturnFormat(JSON)
        assert client.queryAndConvert()["boolean"] is True
        client.setQuery(PREFIXES + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a fp:State ; rdfs:label ?l }")
        client.setReturnFormat(RDFXML)
        assert len(client.queryAndConvert()) == len(expected_labels(store))
        client.setReturnFormat(TURTLE)
        assert len(rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")) == len(expected_labels(store))


def test_service_description(client, store):
    response = client.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    service = graph.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert service is not None and "sd:Service" in response.text
    assert graph.value(service, SD.endpoint) == rdflib.URIRef(str(client.base_url.join("/sparql")))
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert {str(n) for n in graph.objects(None, SD.name)} == set(store.graphs())


# -- Graph Store Protocol ----------------------------------------------------------------------------
def test_graph_store_read_of_an_article_graph(client, store, article_graph):
    turtle = client.get("/rdf-graphs", params={"graph": article_graph})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert isomorphic(rdflib.Graph().parse(data=turtle.text, format="turtle"), graph_of(store, article_graph))
    for accept, fmt in (("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
                        ("application/rdf+xml", "xml")):
        response = client.get("/rdf-graphs", params={"graph": article_graph}, headers={"Accept": accept})
        assert response.headers["content-type"].split(";")[0] == accept
        assert isomorphic(rdflib.Graph().parse(data=response.content, format=fmt), graph_of(store, article_graph))
    union = client.get("/rdf-graphs?default", headers={"Accept": "application/n-triples"})
    assert union.status_code == 200
    assert len(rdflib.Graph().parse(data=union.text, format="nt")) == len({(q.subject, q.predicate, q.object)
                                                                          for q in store.store})


def test_graph_store_errors(client):
    missing = client.get("/rdf-graphs", params={"graph": "https://w3id.org/fpkg/id/graph/article/nope"})
    assert missing.status_code == 404 and "no graph" in missing.text
    assert client.get("/rdf-graphs").status_code == 400
    assert client.get("/rdf-graphs", params={"graph": "not an iri"}).status_code == 400
    for method in ("PUT", "POST", "DELETE"):
        response = client.request(method, "/rdf-graphs", params={"graph": "http://example.org/g"},
                                  content=b"<http://a> <http://b> <http://c> .",
                                  headers={"Content-Type": "application/n-triples"})
        assert response.status_code == 403, method


# -- refusals ----------------------------------------------------------------------------------------
def test_updates_are_refused(client, server, store_dir):
    before = len(GraphStore(store_dir, read_only=True))
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    refused = [
        client.post("/sparql", data={"update": insert}),
        client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}),
        client.get("/sparql", params={"update": insert}),
        client.post("/sparql", data={"query": insert}),
        client.get("/sparql", params={"query": "DROP ALL"}),
        client.post("/sparql", content="CLEAR DEFAULT", headers={"Content-Type": "application/sparql-query"}),
    ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert "read-only" in response.text
    from SPARQLWrapper import POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

    for method in (URLENCODED, POSTDIRECTLY):  # update= in a form, then application/sparql-update
        wrapper = SPARQLWrapper(server.url + "/sparql")
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(method)
        wrapper.setQuery(insert)
        with pytest.raises(urllib.error.HTTPError) as caught:
            wrapper.query()
        assert caught.value.code == 403
    assert len(GraphStore(store_dir, read_only=True)) == before


def test_service_is_refused(client):
    for query in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                  "select * where { ?s ?p ?o . service silent <http://127.0.0.1:9/> { ?s ?p ?x } }",
                  "SELECT * WHERE { ?s ?p ?o.SERVICE<http://127.0.0.1:9/>{?s ?p ?x} }"):
        response = client.post("/sparql", data={"query": query})
        assert response.status_code == 403, query
        assert "SERVICE" in response.text


@pytest.mark.parametrize("query", [
    'SELECT ?SERVICE WHERE { ?SERVICE <http://example.org/SERVICE> "SERVICE" } # SERVICE',
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:SERVICE ?o }",
    "SELECT * WHERE { ?s ?p '''a SERVICE <x> { } and an INSERT''' }",
    'SELECT * WHERE { ?s ?p "delete"@en . FILTER(?s < ?p) }',
])
def test_keywords_inside_names_strings_and_comments_are_allowed(query):
    assert serve.check_query(query) == "SELECT"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVIC\\u0045 <http://example.org/> { } }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:p ?o . FILTER(?s<?o) SERVICE <http://x/> { } }",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_check_query_refuses(query):
    with pytest.raises(serve.HttpError) as caught:
        serve.check_query(query)
    assert caught.value.status == 403


def test_malformed_query_is_400_on_one_line(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert response.status_code == 400
    assert response.text.startswith("malformed SPARQL: ")
    assert response.text.count("\n") == 1 and response.text.endswith("\n")


def test_content_negotiation(client):
    assert client.get("/sparql", params={"query": STATES}, headers={"Accept": "image/png"}).status_code == 406
    choice = serve.negotiate(serve.RESULT_FORMATS, "text/csv;q=0.5, application/sparql-results+xml")
    assert choice == ox.QueryResultsFormat.XML
    assert serve.negotiate(serve.RESULT_FORMATS, "text/*;q=0.9, text/tab-separated-values;q=0") == \
        ox.QueryResultsFormat.CSV
    assert serve.negotiate(serve.GRAPH_FORMATS, "text/html,application/xhtml+xml,*/*;q=0.8") == ox.RdfFormat.TURTLE
    assert serve.negotiate(serve.GRAPH_FORMATS, None, ["json"]) == ox.RdfFormat.JSON_LD


def test_host_header_guard(client):
    assert client.get("/sparql", params={"query": STATES}, headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/sparql", params={"query": STATES}, headers={"Host": "localhost"}).status_code == 200


# -- limits -------------------------------------------------------------------------------------------
def test_runaway_query_is_stopped_and_the_server_keeps_serving(strict):
    with httpx.Client(base_url=strict.url, timeout=30) as http:
        started = time.monotonic()
        response = http.post("/sparql", data={"query": RUNAWAY})
        assert response.status_code == 503, response.text
        assert "time limit" in response.text
        assert time.monotonic() - started < 6
        after = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert after.status_code == 200 and after.json()["boolean"] is True


def test_max_rows_truncates(strict):
    with httpx.Client(base_url=strict.url, timeout=30) as http:
        cut = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert cut.headers["x-kg-truncated"] == "true"
        assert len(cut.json()["results"]["bindings"]) == 3
        whole = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
        assert "x-kg-truncated" not in whole.headers and len(whole.json()["results"]["bindings"]) == 3
        graph = http.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/n-triples"})
        assert graph.headers["x-kg-truncated"] == "true" and len(graph.text.splitlines()) == 3
        too_big = http.get("/rdf-graphs", params={"graph": "https://w3id.org/fpkg/id/graph/actors"})
        assert too_big.status_code == 413 and "--max-rows" in too_big.text


def test_a_build_can_write_while_the_server_reads(strict):
    """Read-only opens take no lock: a writer opens the store the workers have open, and the
    workers answer from the new data afterwards."""
    graph = "http://example.org/added-while-serving"
    writer = GraphStore(strict.out_dir)
    writer.add([ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://example.org/p"),
                        ox.Literal("new"), ox.NamedNode(graph))])
    writer.flush()
    with httpx.Client(base_url=strict.url, timeout=30) as http:
        response = http.get("/sparql", params={"query": 'ASK { <http://example.org/x> ?p "new" }'})
        assert response.json()["boolean"] is True
        writer.close()
        assert http.get("/rdf-graphs", params={"graph": graph}).status_code == 200


# -- pages ---------------------------------------------------------------------------------------------
def test_root_serves_the_graph_page(client, store_dir):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.content == (store_dir / "graph.html").read_bytes()


def test_query_page_is_offline(client):
    response = client.get("/query")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "'unsafe-inline'" not in csp
    html = response.text
    code = re.sub(r'<script type="application/json" id="kg-examples">.*?</script>', "", html, flags=re.DOTALL)
    assert code != html  # the canned queries (with their PREFIX IRIs) are data, not links
    assert not re.search(r"https?:|//[a-z]", code, re.IGNORECASE)
    assert "innerHTML" not in html and "src=" not in code and "href=" not in code


def test_query_page_runs_a_query_in_a_browser(browser, server, tmp_path):
    """The page under a made-up origin whose requests the test forwards to the server (the
    session's Chromium resolves no host at all): its script runs under the CSP and draws the table."""
    origin, seen = "http://kg.test", []

    def forward(route):
        request = route.request
        seen.append(request.url)
        if not request.url.startswith(origin + "/"):
            route.abort()
            return
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "origin", "referer")}
        reply = httpx.request(request.method, server.url + request.url[len(origin):], headers=headers,
                              content=request.post_data_buffer, timeout=30)
        route.fulfill(status=reply.status_code, body=reply.content,
                      headers={k: v for k, v in reply.headers.items() if k.lower() != "content-length"})

    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    with browser.open(blank) as (page, report):
        page.route("**/*", forward)
        page.goto(origin + "/query")
        page.fill("#query", STATES)
        page.click("button[type=submit]")
        page.wait_for_selector("#output table td")
        cells = page.locator("#output td").all_text_contents()
        status = page.text_content("#status")
        page.select_option("#examples", index=1)
        example = page.input_value("#query")
    assert "Turkey" in cells and "rows" in status
    assert example.strip() and "SELECT" in example.upper()
    assert not (report.console_errors or report.page_errors or report.dialogs), report
    assert seen and all(url.startswith(origin + "/") for url in seen), seen


# -- command line ------------------------------------------------------------------------------------
def test_cli_serves_curl(built, tmp_path):
    curl = shutil.which("curl")
    if not curl:
        pytest.skip("curl is not installed")
    out = copy_store(built, tmp_path / "out")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", "0", "--timeout", "5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        banner = proc.stdout.readline()
        base = re.search(r"at (http://127\.0\.0\.1:\d+)/", banner).group(1)
        result = subprocess.run([curl, "-sS", "--fail", "-H", "Accept: text/csv", "--data-urlencode",
                                 f"query={STATES}", base + "/sparql"], capture_output=True, text=True, timeout=30, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == "label" and "Turkey" in result.stdout
        update = subprocess.run([curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode",
                                 "update=CLEAR ALL", base + "/sparql"], capture_output=True, text=True, timeout=30, check=False)
        assert update.stdout == "403"
    finally:
        proc.terminate()
        proc.wait(20)
    assert "Traceback" not in proc.stderr.read()


def test_cli_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["serve", str(tmp_path / "none"), "--port", "0"])
    assert missing.exit_code == 2 and "no graph store here" in missing.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = runner.invoke(app, ["serve", str(tmp_path), "--port", str(taken.getsockname()[1])])
    assert busy.exit_code == 2 and "cannot listen on" in busy.stderr
    assert len(busy.stderr.strip().splitlines()) == 1
    (tmp_path / "foreign" / "store").mkdir(parents=True)
    (tmp_path / "foreign" / "store" / "CURRENT").write_text("not a RocksDB manifest\n", encoding="utf-8")
    foreign = runner.invoke(app, ["serve", str(tmp_path / "foreign"), "--port", "0"])
    assert foreign.exit_code == 2 and "cannot open the graph store read-only" in foreign.stderr


def test_loopback_detection():
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1") and serve.is_loopback("localhost")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("::")
    assert serve.allowed_hosts_for("0.0.0.0") is None
    assert "localhost" in serve.allowed_hosts_for("127.0.0.1")
