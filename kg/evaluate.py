"""Score the claims in a store against gold claims (one JSON claim per line: article, subject,
subject_alts, relation, polarity, object, object_alts, negated, hedged, speaker, evidence, must_not).

The measure is the shared one: a predicted claim matches a gold claim when the article and the
polarity are equal and the subject and object labels match a gold name or alternative (equal token
sets, one inside the other, or Jaccard >= 0.5 after dropping stop words). Precision over asserted
(non-negated, non-ROLE) predictions, recall over gold claims merged per (article, subject,
relation, polarity, object), and trap violations: ``must_not`` gold claims that an asserted
prediction matches.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg import queries
from kg.errors import InputError
from kg.store import GraphStore

STOP = frozenset({"the", "a", "an", "of", "s", "'s", "its", "their", "on", "to", "and", "in", "for", "with", "by", "what"})


def tokens(label: str) -> set[str]:
    label = label.lower().replace("\u2019", "'").replace("u.s.", "us").replace("u.s", "us")
    return {t for t in re.findall(r"[a-z0-9]+", label) if t not in STOP}


def same(label: str, names: list[str]) -> bool:
    p = tokens(label)
    if not p:
        return False
    for name in names:
        g = tokens(name)
        if not g:
            continue
        if p == g or (p <= g and len(p) >= max(1, len(g) - 1)) or (g <= p and len(g) >= max(1, len(p) - 1)):
            return True
        if len(p & g) / len(p | g) >= 0.5:
            return True
    return False


def matches(pred: dict, gold: dict) -> bool:
    return (pred["article"] == gold["article"] and pred["polarity"] == gold["polarity"]
            and same(pred["subject"], [gold["subject"], *gold.get("subject_alts", [])])
            and same(pred["object"], [gold["object"], *gold.get("object_alts", [])]))


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched_pred: int = 0
    matched_gold: int = 0
    type_correct: int = 0
    traps: int = 0
    trap_violations: int = 0
    by_relation: dict[str, dict[str, int]] = field(default_factory=dict)
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    violations: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict:
        return {"predicted": self.predicted, "gold": self.gold, "matched_pred": self.matched_pred,
                "matched_gold": self.matched_gold, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "type_accuracy": round(self.type_correct / self.matched_gold, 3) if self.matched_gold else 0.0,
                "traps": self.traps, "trap_violations": self.trap_violations}


def read_gold(path: str | Path) -> list[dict]:
    out = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read gold file: {getattr(exc, 'strerror', None) or exc}") from exc
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"invalid JSON: {exc.msg}", line=n) from exc
        missing = {"article", "subject", "relation", "polarity", "object"} - set(record)
        if missing:
            raise InputError(str(path), f"gold claim lacks {', '.join(sorted(missing))}", line=n)
        out.append(record)
    return out


def merge_gold(gold: list[dict]) -> list[dict]:
    merged: dict[tuple, dict] = {}
    for g in gold:
        if g.get("must_not") or g["relation"] == "ROLE":
            continue
        key = (g["article"], g["subject"], g["relation"], g["polarity"], g["object"])
        if key in merged:
            for alts in ("subject_alts", "object_alts"):
                merged[key][alts] = merged[key].get(alts, []) + g.get(alts, [])
        else:
            merged[key] = dict(g)
    return list(merged.values())


def predictions(store: GraphStore) -> list[dict]:
    """One row per claim (an actor with several labels would otherwise count a claim twice)."""
    names, table = queries.rows(store.query(queries.load("evaluation_claims")))
    rows = {}
    for row in table:
        record = dict(zip(names, row))
        rows.setdefault(record["claim"], record)
    return list(rows.values())


def score(preds: list[dict], gold: list[dict], articles: set[str] | None = None) -> Score:
    """Score predictions (dicts with article, subject, object, relation, polarity, negated) against gold."""
    articles = articles if articles is not None else {g["article"] for g in gold}
    asserted = [p for p in preds if p["article"] in articles and str(p["negated"]).lower() != "true"
                and p["relation"] != "ROLE"]
    golds, traps = merge_gold(gold), [g for g in gold if g.get("must_not")]
    s = Score(predicted=len(asserted), gold=len(golds), traps=len(traps))
    hit = set()
    for p in asserted:
        found = [i for i, g in enumerate(golds) if matches(p, g)]
        s.matched_pred += bool(found)
        hit.update(found)
        if not found:
            s.spurious.append(p)
    for i, g in enumerate(golds):
        row = s.by_relation.setdefault(g["relation"], {"gold": 0, "found": 0, "typed": 0})
        row["gold"] += 1
        if i in hit:
            row["found"] += 1
            typed = any(p["relation"] == g["relation"] for p in asserted if matches(p, g))
            row["typed"] += typed
            s.type_correct += typed
        else:
            s.missed.append(g)
    s.matched_gold = len(hit)
    s.violations = [(t, p) for t in traps for p in asserted if matches(p, t)]
    s.trap_violations = len({id(t) for t, _ in s.violations})
    return s


def evaluate(out_dir: str | Path, gold_path: str | Path) -> Score:
    gold = read_gold(gold_path)
    with GraphStore(out_dir, read_only=True) as store:
        preds, built = predictions(store), set(store.article_hashes())
    return score(preds, gold, built | {g["article"] for g in gold})
