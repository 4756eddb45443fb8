"""Article results -> RDF quads under the fp ontology (pyoxigraph terms).

IRIs come from content, never from counters: actors and topics from their keys, articles from their
input id, claims from a hash of what they say and where. Untrusted text only ever becomes a
literal, an escaped IRI segment (article ids) or, for URLs, an IRI that passed a strict check.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from kg.rdf._FP import FP
from kg.records import Actor, Article, ArticleResult, Claim

BASE = "https://w3id.org/fpkg/id/"
WIKIDATA = "http://www.wikidata.org/entity/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OWL_SAME_AS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV_DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
ORG = "http://www.w3.org/ns/org#"
FOAF_PAGE = NamedNode("http://xmlns.com/foaf/0.1/page")
PREFIXES = {
    "fp": str(FP._NS), "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": XSD, "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#", "dcterms": DCT,
    "org": ORG, "foaf": "http://xmlns.com/foaf/0.1/", "wd": WIKIDATA,
}
ACTORS_GRAPH = NamedNode(BASE + "graph/actors")
ONTOLOGY_GRAPH = NamedNode(BASE + "graph/ontology")
DIRECT_PREDICATE = {  # relation type -> direct-edge property, as fp:directPredicate says in fp.ttl
    "SUPPORT": FP.supports, "COOPERATE": FP.cooperatesWith, "CONSULT": FP.consultsWith, "AGREE": FP.agreesTo,
    "AID": FP.aids, "CONCEDE": FP.concedesTo, "PURSUE": FP.pursues, "REQUEST": FP.requests,
    "ACCUSE": FP.criticizes, "REJECT": FP.rejects, "CONCERN": FP.isConcernedAbout, "THREATEN": FP.threatens,
    "SANCTION": FP.sanctions, "MOBILIZE": FP.mobilizesAgainst, "COERCE": FP.coerces, "ASSAULT": FP.attacks,
    "ISSUE": FP.issues, "ROLE": FP.holdsRoleIn,
}
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~!$&()*+,;=:@%/?#-]*)?\Z")


def _url(url: str | None) -> NamedNode | None:
    """An article URL as an IRI when it is a plain http(s) IRI; anything else is left out."""
    if not url or not _SAFE_URL.match(url):
        return None
    try:
        return NamedNode(url)
    except ValueError:
        return None


@lru_cache(maxsize=256)
def fp(term) -> NamedNode:
    """The ontology term as a pyoxigraph node (the few dozen terms are made once)."""
    return NamedNode(str(term))


def _string(value: str) -> Literal:
    return Literal(value)


def _typed(value, datatype: str) -> Literal:
    return Literal(str(value), datatype=_datatype(datatype))


@lru_cache(maxsize=16)
def _datatype(name: str) -> NamedNode:
    return NamedNode(XSD + name)


_BOOLEANS = {True: Literal("true", datatype=NamedNode(XSD + "boolean")),
             False: Literal("false", datatype=NamedNode(XSD + "boolean"))}


def _bool(value: bool) -> Literal:
    return _BOOLEANS[bool(value)]


def actor_iri(actor: Actor) -> NamedNode:
    kind = "topic" if actor.kind == "Topic" else "actor"
    return NamedNode(f"{BASE}{kind}/{quote(actor.key, safe='')}")


def article_iri(article_id: str) -> NamedNode:
    return NamedNode(f"{BASE}article/{quote(article_id, safe='')}")


def article_graph(article_id: str) -> NamedNode:
    return NamedNode(f"{BASE}graph/article/{quote(article_id, safe='')}")


def claim_iri(claim: Claim) -> NamedNode:
    parts = (claim.article_id, claim.subject.key, claim.relation, claim.object.key, str(claim.negated),
             claim.section, str(claim.start), str(claim.end))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return NamedNode(f"{BASE}claim/{digest}")


def article_quads(article: Article, graph: NamedNode) -> Iterator[Quad]:
    node = article_iri(article.id)
    yield Quad(node, RDF_TYPE, fp(FP.Article), graph)
    yield Quad(node, NamedNode(DCT + "identifier"), _string(article.id), graph)
    yield Quad(node, NamedNode(DCT + "title"), _string(article.title or ""), graph)
    if article.date:
        yield Quad(node, NamedNode(DCT + "date"), _typed(article.date, "date"), graph)
    if article.source:
        yield Quad(node, NamedNode(DCT + "source"), _string(article.source), graph)
    page = _url(article.url)
    if page is not None:
        yield Quad(node, FOAF_PAGE, page, graph)


def claim_quads(claim: Claim, article: NamedNode, graph: NamedNode) -> Iterator[Quad]:
    node = claim_iri(claim)
    subject, obj = actor_iri(claim.subject), actor_iri(claim.object)
    yield Quad(node, RDF_TYPE, fp(FP.Claim), graph)
    yield Quad(node, fp(FP.subject), subject, graph)
    yield Quad(node, fp(FP.object), obj, graph)
    yield Quad(node, fp(FP.relation), NamedNode(str(FP._NS) + claim.relation), graph)
    yield Quad(node, fp(FP.polarity), _string(claim.polarity), graph)
    yield Quad(node, fp(FP.negated), _bool(claim.negated), graph)
    yield Quad(node, fp(FP.hedged), _bool(claim.hedged), graph)
    if claim.alleged:
        yield Quad(node, fp(FP.alleged), _bool(True), graph)
    if claim.speaker is not None:
        yield Quad(node, fp(FP.speaker), actor_iri(claim.speaker), graph)
    yield Quad(node, fp(FP.evidence), _string(claim.evidence), graph)
    yield Quad(node, fp(FP.evidenceStart), _typed(claim.start, "integer"), graph)
    yield Quad(node, fp(FP.evidenceEnd), _typed(claim.end, "integer"), graph)
    yield Quad(node, fp(FP.evidenceSection), _string(claim.section), graph)
    yield Quad(node, fp(FP.confidence), _typed(f"{claim.confidence:.2f}", "decimal"), graph)
    if claim.trigger:
        yield Quad(node, fp(FP.trigger), _string(claim.trigger), graph)
    yield Quad(node, PROV_DERIVED, article, graph)
    if not claim.negated:
        yield Quad(subject, fp(DIRECT_PREDICATE[claim.relation]), obj, graph)


def actor_quads(actor: Actor, graph: NamedNode = ACTORS_GRAPH) -> Iterator[Quad]:
    node = actor_iri(actor)
    yield Quad(node, RDF_TYPE, NamedNode(str(FP._NS) + actor.kind), graph)
    yield Quad(node, RDFS_LABEL, _string(actor.label), graph)
    if actor.wikidata:
        yield Quad(node, OWL_SAME_AS, NamedNode(WIKIDATA + actor.wikidata), graph)
    if actor.iso:
        yield Quad(node, fp(FP.iso3166Code), _string(actor.iso), graph)
    if actor.parent:
        prop = "unitOf" if actor.kind == "GovernmentBody" else "subOrganizationOf"
        if actor.kind != "Person":
            yield Quad(node, NamedNode(ORG + prop), NamedNode(f"{BASE}actor/{quote(actor.parent, safe='')}"), graph)
    for key in actor.about:
        yield Quad(node, fp(FP.about), NamedNode(f"{BASE}actor/{quote(key, safe='')}"), graph)


KIND_ORDER = ("State", "InternationalOrganization", "GovernmentBody", "Person", "ArmedGroup", "Company",
              "Organization", "Location", "Topic")
SINGLE_VALUED = (RDFS_LABEL, RDF_TYPE)  # one label and one type per actor in the actors graph


def preference(term) -> tuple:
    """Which of two labels or types of one actor to keep: the more specific kind, else the first in
    sort order; the same answer whatever order the articles were built in."""
    name = term.value.rsplit("#", 1)[-1]
    return (KIND_ORDER.index(name) if name in KIND_ORDER else len(KIND_ORDER), term.value)


def merge_actor_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The actors graph made of every article's contribution: the union of the quads, except one
    value per actor for each ``SINGLE_VALUED`` predicate, the one ``preference`` ranks first.

    A function of the set of contributions only (order-independent); recomputing it from the
    articles left after a removal gives what building only those articles would have given."""
    best: dict[tuple, Quad] = {}
    rest: set[Quad] = set()
    for q in quads:
        if q.predicate not in SINGLE_VALUED:
            rest.add(q)
            continue
        key = (q.subject, q.predicate)
        if key not in best or preference(q.object) < preference(best[key].object):
            best[key] = q
    return sorted(rest | set(best.values()), key=str)


def record_quads(article_id: str, content_hash: str, shared: Iterable[Quad]) -> list[Quad]:
    """Bookkeeping for incremental builds, kept in the article's own graph: its content hash and the
    actors-graph triples it contributes (sorted N-Triples, so the same article gives the same text)."""
    graph, node = article_graph(article_id), article_iri(article_id)
    triples = sorted({Triple(q.subject, q.predicate, q.object) for q in shared}, key=str)
    text = serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
    return [Quad(node, fp(FP.contentHash), _string(content_hash), graph),
            Quad(node, fp(FP.actorTriples), _string(text), graph)]


def parse_record(text: str) -> Iterator[Quad]:
    """An article's ``fp:actorTriples`` back as quads of the actors graph."""
    for q in parse(text.encode("utf-8"), format=RdfFormat.N_TRIPLES):
        yield Quad(q.subject, q.predicate, q.object, ACTORS_GRAPH)


def result_quads(result: ArticleResult) -> tuple[list[Quad], list[Quad]]:
    """(quads of the article's own graph, quads for the shared actors graph)."""
    graph = article_graph(result.article.id)
    article = article_iri(result.article.id)
    own = list(article_quads(result.article, graph))
    for claim in result.claims:
        own += claim_quads(claim, article, graph)
    shared = [q for actor in result.actors for q in actor_quads(actor)]
    for claim in result.claims:
        if claim.relation == "ROLE":
            shared.append(Quad(actor_iri(claim.subject), NamedNode(ORG + "memberOf"), actor_iri(claim.object),
                               ACTORS_GRAPH))
    return own, shared
