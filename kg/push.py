"""Mirror the store into a SPARQL server with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph is serialized on its own (N-Triples by default: no prefixed names, so no escapes
for a server's parser to get wrong; or Turtle) and sent as ``PUT ENDPOINT?graph=IRI``. A PUT
replaces the server's copy of that graph, so pushing twice leaves the server as after one push. Servers name the parameter differently (Virtuoso: ``graph-uri``) and
want different authentication (Virtuoso's ``/sparql-graph-crud-auth`` wants HTTP Digest), so both
are options. Connection errors, timeouts and 5xx answers are retried with exponential backoff, a
bounded number of times; 401/403 and an endpoint that stays unreachable stop the push at once.

    store = GraphStore(out_dir, read_only=True)
    for sent in push(store, "http://localhost:7878/store"):
        print(sent.graph, sent.triples, sent.status)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.mapping import PREFIXES

FORMATS = {  # --format -> (pyoxigraph format, Content-Type)
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
}
AUTH_SCHEMES = ("basic", "digest")
# Turtle prefixes for a PUT body: not ``kg:``, whose local names hold "/" and would be written
# escaped (``kg:actor\/china``), an escape Virtuoso 7.2 keeps in the IRI instead of decoding.
TURTLE_PREFIXES = {name: iri for name, iri in PREFIXES.items() if name != "kg"}


class PushError(KgError):
    """The endpoint cannot be reached, refuses the credentials, or keeps failing."""


class PushUsageError(KgError):
    """A push that cannot be attempted: a bad endpoint URL, an unknown graph, half a credential."""


@dataclass
class Retry:
    """How often and how patiently to retry a PUT that met a connection error, a timeout or a 5xx."""

    retries: int = 3  # attempts after the first
    backoff: float = 0.5  # seconds before the first retry; doubled before each next one
    max_delay: float = 30.0

    def delays(self) -> Iterator[float]:
        for i in range(max(self.retries, 0)):
            yield min(self.backoff * 2 ** i, self.max_delay)


@dataclass
class Sent:
    """What happened to one named graph."""

    graph: str
    triples: int
    bytes: int = 0
    status: int | None = None  # HTTP status of the last attempt; None: no answer (or a dry run)
    seconds: float = 0.0
    attempts: int = 0
    error: str | None = None
    challenge: str = ""  # the WWW-Authenticate header of a 401

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def make_auth(user: str | None, password: str | None, scheme: str = "basic") -> httpx.Auth | None:
    """An httpx auth object for ``--user/--password/--auth``; None when no user is given."""
    if scheme not in AUTH_SCHEMES:
        raise PushUsageError(f"unknown auth scheme {scheme!r}: use {' or '.join(AUTH_SCHEMES)}")
    if user is None:
        if password:
            raise PushUsageError("a password without --user: give --user too")
        return None
    if password is None:
        raise PushUsageError(f"--user {user} without a password: give --password or set KG_PUSH_PASSWORD")
    return httpx.DigestAuth(user, password) if scheme == "digest" else httpx.BasicAuth(user, password)


def endpoint_url(endpoint: str) -> httpx.URL:
    """The endpoint as an absolute http(s) URL, or :class:`PushUsageError`."""
    try:
        url = httpx.URL(endpoint)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise PushUsageError(f"bad endpoint URL {endpoint!r}: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise PushUsageError(f"bad endpoint URL {endpoint!r}: expected http(s)://HOST[:PORT]/PATH")
    return url


def select_graphs(store, wanted: list[str] | None = None) -> list[str]:
    """The store's named graphs, or the ``wanted`` ones (each must be in the store), in order."""
    have = store.graphs()
    if not wanted:
        return have
    unknown = [g for g in wanted if g not in have]
    if unknown:
        raise PushUsageError(f"no graph <{unknown[0]}> in the store (`kg push DIR ENDPOINT --dry-run` lists them)")
    return [g for g in have if g in set(wanted)]


def count_triples(store, graph: str) -> int:
    return sum(1 for _ in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def serialize(store, graph: str, fmt: str = "ntriples") -> bytes:
    """One named graph's triples as a Turtle or N-Triples document."""
    rdf_format, _ = FORMATS[fmt]
    prefixes = TURTLE_PREFIXES if fmt == "turtle" else None
    return store.store.dump(format=rdf_format, from_graph=ox.NamedNode(graph), prefixes=prefixes)


def _one_line(text: str, limit: int = 160) -> str:
    """A server's message on one line: HTML tags dropped, whitespace collapsed, cut at ``limit``."""
    text = " ".join(re.sub(r"<[^>]*>", " ", str(text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _refused(sent: Sent, endpoint: httpx.URL, auth: httpx.Auth | None) -> PushError:
    """The one-line error for a 401/403."""
    asks = sent.challenge.split(" ", 1)[0].lower()
    if sent.status == 401 and auth is None:
        hint = "the endpoint needs credentials: give --user and --password"
    elif sent.status == 401 and asks == "digest" and not isinstance(auth, httpx.DigestAuth):
        hint = "the endpoint asks for Digest auth: add --auth digest"
    elif sent.status == 401 and isinstance(auth, httpx.BasicAuth):
        hint = "wrong user or password (or the server wants --auth digest, as Virtuoso does)"
    elif sent.status == 401:
        hint = "wrong user or password"
    else:
        hint = "this user may not write graphs there"
    reason = "Unauthorized" if sent.status == 401 else "Forbidden"
    return PushError(f"{endpoint}: {sent.status} {reason}: {hint}")


def put_graph(client: httpx.Client, url: httpx.URL, sent: Sent, body: bytes, content_type: str, *,
              graph_param: str, retry: Retry, sleep: Callable[[float], None] = time.sleep) -> Sent:
    """PUT one graph, retrying connection errors, timeouts and 5xx as ``retry`` says; fills ``sent``."""
    target = url.copy_merge_params({graph_param: sent.graph})
    delays = retry.delays()
    started = time.monotonic()
    while True:
        sent.attempts += 1
        try:
            response = client.put(target, content=body, headers={"Content-Type": content_type})
            sent.status, sent.error = response.status_code, None
            sent.challenge = response.headers.get("www-authenticate", "")
            if response.status_code < 500:
                if not sent.ok:
                    sent.error = _one_line(f"{response.status_code} {response.reason_phrase}: {response.text}")
                break
            sent.error = _one_line(f"{response.status_code} {response.reason_phrase}: {response.text}")
        except httpx.TransportError as exc:
            sent.status, sent.error = None, _one_line(f"{type(exc).__name__}: {exc}")
        delay = next(delays, None)
        if delay is None:
            break
        sleep(delay)
    sent.seconds = time.monotonic() - started
    return sent


def push(store, endpoint: str, *, graphs: list[str] | None = None, graph_param: str = "graph",
         auth: httpx.Auth | None = None, fmt: str = "ntriples", retry: Retry | None = None,
         timeout: float = 60.0, dry_run: bool = False, transport: httpx.BaseTransport | None = None,
         sleep: Callable[[float], None] = time.sleep) -> Iterator[Sent]:
    """PUT each named graph of ``store`` (a :class:`kg.store.GraphStore`) to ``endpoint``.

    Checks the arguments at once (:class:`PushUsageError`), then returns an iterator that sends
    and yields a :class:`Sent` per graph as it goes (a dry run only counts). Iterating raises
    :class:`PushError` when the endpoint stays unreachable, keeps answering 5xx, or refuses the
    credentials (401/403); any other failed graph is yielded with its status and the push goes on.
    """
    if fmt not in FORMATS:  # checked now, before anything is sent or yielded
        raise PushUsageError(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
    url = endpoint_url(endpoint)
    names = select_graphs(store, graphs)
    if dry_run:
        return (Sent(graph, count_triples(store, graph), len(serialize(store, graph, fmt))) for graph in names)
    return _send(store, url, names, graph_param=graph_param, auth=auth, fmt=fmt, retry=retry or Retry(),
                 timeout=timeout, transport=transport, sleep=sleep)


def _send(store, url: httpx.URL, names: list[str], *, graph_param: str, auth: httpx.Auth | None, fmt: str,
          retry: Retry, timeout: float, transport: httpx.BaseTransport | None,
          sleep: Callable[[float], None]) -> Iterator[Sent]:
    with httpx.Client(auth=auth, timeout=timeout, transport=transport, follow_redirects=False,
                      headers={"User-Agent": "kg-push"}) as client:
        for graph in names:
            body = serialize(store, graph, fmt)
            sent = Sent(graph, count_triples(store, graph), len(body))
            put_graph(client, url, sent, body, FORMATS[fmt][1], graph_param=graph_param, retry=retry, sleep=sleep)
            if sent.status is None:
                raise PushError(f"cannot reach {url}: {sent.error} (after {sent.attempts} attempt(s))")
            if sent.status in (401, 403):
                raise _refused(sent, url, auth)
            if sent.status >= 500:
                raise PushError(f"{url} keeps failing: {sent.error} (after {sent.attempts} attempt(s))")
            yield sent
