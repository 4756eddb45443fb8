"""Who stands where, in numbers: activity, stance balance, reciprocity, communities, change over time.

Everything is computed on the asserted stance claims: negated claims and ROLE (membership) claims
are left out, and at ``level="state"`` (the default) officials and bodies are rolled up to their
state or organisation as on the graph page (:mod:`kg.viz.views`). :func:`compute_stats` returns
plain JSON-ready data; ``kg stats`` prints it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import networkx as nx

from kg.errors import KgError
from kg.viz.claims import ClaimRow, ClaimSet
from kg.viz.views import ViewOptions, leveled, rollup_map

POLARITY_SIGN = {"positive": 1, "negative": -1, "neutral": 0}


class StatsError(KgError):
    """Statistics cannot be computed as asked (e.g. a bad split date)."""


def stance_claims(claims: ClaimSet, level: str = "state") -> list[ClaimRow]:
    """The asserted, non-ROLE claims, with both ends at ``level``."""
    ViewOptions(level=level)  # validates the level
    mapping = rollup_map(claims) if level == "state" else {}
    rows = [c for c in claims.claims if not c.negated and c.relation != "ROLE"]
    return leveled(rows, mapping)[0]


def _actor(claims: ClaimSet, iri: str) -> dict:
    info = claims.actors.get(iri)
    return {"actor": info.label if info else iri, "iri": iri, "kind": info.kind if info else ""}


def _is_topic(claims: ClaimSet, iri: str) -> bool:
    info = claims.actors.get(iri)
    return info is not None and info.kind == "Topic"


def activity(claims: ClaimSet, rows: list[ClaimRow], end: str, top: int) -> list[dict]:
    """Actors (not topics) with the most claims as ``end`` ("subject" or "object"), by polarity."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for c in rows:
        iri = getattr(c, end)
        if not _is_topic(claims, iri):
            counts[iri][c.polarity] += 1
    ranked = sorted(counts, key=lambda i: (-sum(counts[i].values()), claims.label(i), i))[:top]
    return [{**_actor(claims, i), "claims": sum(counts[i].values()),
             **{p: counts[i][p] for p in POLARITY_SIGN}} for i in ranked]


def _pair_counts(rows: list[ClaimRow]) -> dict[tuple[str, str], Counter]:
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in rows:
        pairs[(c.subject, c.object)][c.polarity] += 1
    return pairs


def _balance(counts: Counter) -> int:
    return counts["positive"] - counts["negative"]


def stance_balance(claims: ClaimSet, rows: list[ClaimRow], top: int | None = None) -> list[dict]:
    """Per ordered pair: positive, negative, neutral claims and balance (positive minus negative);
    the most lopsided pairs first."""
    pairs = _pair_counts(rows)
    ranked = sorted(pairs, key=lambda p: (-abs(_balance(pairs[p])), -sum(pairs[p].values()),
                                          claims.label(p[0]), claims.label(p[1]), p))
    return [{"subject": claims.label(s), "object": claims.label(o), "subject_iri": s, "object_iri": o,
             **{p: pairs[(s, o)][p] for p in POLARITY_SIGN}, "balance": _balance(pairs[(s, o)])}
            for s, o in ranked[:top]]


def reciprocity(claims: ClaimSet, rows: list[ClaimRow]) -> dict:
    """Among actor-to-actor stances (topics cannot answer back): the share of directed pairs whose
    reverse pair exists too, and each reciprocated pair with its balance both ways."""
    pairs = {p: n for p, n in _pair_counts(rows).items()
             if not _is_topic(claims, p[0]) and not _is_topic(claims, p[1])}
    mutual = sorted({tuple(sorted(p, key=lambda i: (claims.label(i), i))) for p in pairs if p[::-1] in pairs},
                    key=lambda p: (claims.label(p[0]), claims.label(p[1])))
    return {
        "directed_pairs": len(pairs),
        "reciprocated_pairs": len(mutual),
        "reciprocity": round(2 * len(mutual) / len(pairs), 3) if pairs else 0.0,
        "pairs": [{"a": claims.label(a), "b": claims.label(b), "a_to_b": _balance(pairs[(a, b)]),
                   "b_to_a": _balance(pairs[(b, a)])} for a, b in mutual],
    }


def communities(claims: ClaimSet, rows: list[ClaimRow]) -> dict:
    """Greedy-modularity communities of the undirected graph of stances (weight: claims), topics
    included (two actors that take a stance on the same topic are linked through it); biggest first."""
    graph = nx.Graph()
    weights = Counter(tuple(sorted((c.subject, c.object))) for c in rows)
    graph.add_nodes_from(sorted({n for pair in weights for n in pair}))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    if graph.number_of_edges() == 0:
        return {"modularity": 0.0, "groups": []}
    found = nx.community.greedy_modularity_communities(graph, weight="weight")
    groups = sorted((sorted(claims.label(n) for n in group) for group in found), key=lambda g: (-len(g), g))
    return {"modularity": round(nx.community.modularity(graph, found, weight="weight"), 3),
            "groups": [{"community": i + 1, "size": len(g), "members": g} for i, g in enumerate(groups)]}


def split_date(rows: list[ClaimRow], split: dt.date | None = None) -> dt.date | None:
    """``split``, or the middle of the claims' date range (None when no claim has a date)."""
    dates = sorted(dt.date.fromisoformat(c.date) for c in rows if c.date)
    if split is not None:
        return split
    if not dates:
        return None
    return dates[0] + (dates[-1] - dates[0]) / 2


def stance_change(claims: ClaimSet, rows: list[ClaimRow], split: dt.date | None = None,
                  top: int | None = None) -> dict:
    """Claims before ``split`` and from ``split`` on (default: the middle of the date range): totals
    by polarity in each period, and the balance of every pair seen in both, biggest change first."""
    when = split_date(rows, split)
    if when is None:
        return {"split": None, "before": {}, "after": {}, "pairs": [], "undated": len(rows)}
    cut = when.isoformat()
    before = [c for c in rows if c.date and c.date < cut]
    after = [c for c in rows if c.date and c.date >= cut]
    b, a = _pair_counts(before), _pair_counts(after)
    both = sorted(b.keys() & a.keys(), key=lambda p: (-abs(_balance(a[p]) - _balance(b[p])),
                                                      claims.label(p[0]), claims.label(p[1]), p))
    return {
        "split": cut,
        "before": _totals(before),
        "after": _totals(after),
        "pairs": [{"subject": claims.label(s), "object": claims.label(o), "before": _balance(b[(s, o)]),
                   "after": _balance(a[(s, o)]), "change": _balance(a[(s, o)]) - _balance(b[(s, o)])}
                  for s, o in both[:top]],
        "undated": sum(1 for c in rows if not c.date),
    }


def _totals(rows: list[ClaimRow]) -> dict:
    counts = Counter(c.polarity for c in rows)
    return {"claims": len(rows), **{p: counts[p] for p in POLARITY_SIGN}, "balance": _balance(counts)}


def compute_stats(claims: ClaimSet, *, level: str = "state", split: dt.date | None = None,
                  top: int = 10) -> dict:
    """Every statistic above, as one JSON-ready dict."""
    if top < 1:
        raise StatsError("--top must be at least 1")
    rows = stance_claims(claims, level)
    dates = sorted(c.date for c in rows if c.date)
    return {
        "level": level,
        "claims": len(rows),
        "actors": len({e for c in rows for e in (c.subject, c.object) if not _is_topic(claims, e)}),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "most_active": activity(claims, rows, "subject", top),
        "most_targeted": activity(claims, rows, "object", top),
        "stance_balance": stance_balance(claims, rows, top),
        "reciprocity": reciprocity(claims, rows),
        "communities": communities(claims, rows),
        "stance_change": stance_change(claims, rows, split, top),
    }
