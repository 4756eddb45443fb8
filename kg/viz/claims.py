"""The claims the graph page, ``kg stats`` and ``kg timeline`` work on, read from the store once.

Two canned queries: ``graph_claims`` (every claim with its two ends, modality, speaker, evidence and
article) and ``actor_parents`` (officials' ``org:memberOf`` and bodies' ``org:unitOf``, used to roll
them up to their state or organisation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg import queries
from kg.store import GraphStore

ROLLED_UP_KINDS = ("Person", "GovernmentBody")  # what ``--level state`` folds into its parent


@dataclass(frozen=True)
class ActorInfo:
    """A node of the graph: an actor or a topic (``kind`` is its ontology class local name)."""

    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the views see it: the IRIs of its two ends and what the page shows about it."""

    subject: str
    object: str
    relation: str
    polarity: str
    negated: bool = False
    hedged: bool = False
    speaker: str | None = None
    evidence: str = ""
    date: str | None = None  # the article's dcterms:date, YYYY-MM-DD
    source: str | None = None
    title: str = ""
    article: str = ""

    def for_page(self) -> dict:
        return {"relation": self.relation, "date": self.date, "speaker": self.speaker, "hedged": self.hedged,
                "negated": self.negated, "evidence": self.evidence, "source": self.source, "title": self.title,
                "article": self.article}


@dataclass
class ClaimSet:
    """Every claim, the actors at their ends, and each official's or body's parents."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    claims: list[ClaimRow] = field(default_factory=list)
    parents: dict[str, list[str]] = field(default_factory=dict)  # child IRI -> parent IRIs, sorted

    def label(self, iri: str) -> str:
        info = self.actors.get(iri)
        return info.label if info else iri


def load_claims(store: GraphStore) -> ClaimSet:
    """Read the claims and the actor hierarchy from ``store`` (stable order: article, claim IRI)."""
    found = ClaimSet()
    names, table = queries.rows(store.query(queries.load("graph_claims")))
    for values in table:
        row = dict(zip(names, values))
        for end in ("s", "o"):
            found.actors.setdefault(row[end], ActorInfo(row[end], row[f"{end}Label"] or row[end], row[f"{end}Type"]))
        found.claims.append(ClaimRow(
            subject=row["s"], object=row["o"], relation=row["relation"], polarity=row["polarity"],
            negated=row["negated"] == "true", hedged=row["hedged"] == "true", speaker=row["speakerLabel"],
            evidence=row["evidence"] or "", date=row["date"], source=row["source"], title=row["title"] or "",
            article=row["articleId"]))
    names, table = queries.rows(store.query(queries.load("actor_parents")))
    for values in table:
        row = dict(zip(names, values))
        if row["childType"] not in ROLLED_UP_KINDS:
            continue
        found.actors.setdefault(row["child"], ActorInfo(row["child"], row["childLabel"], row["childType"]))
        found.actors.setdefault(row["parent"], ActorInfo(row["parent"], row["parentLabel"], row["parentType"]))
        found.parents.setdefault(row["child"], []).append(row["parent"])
    for parents in found.parents.values():
        parents.sort()
    return found
