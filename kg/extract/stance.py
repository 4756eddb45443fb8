"""A small learned directed-stance model: who is positive or negative towards whom in one sentence.

Given a parsed sentence and two actor mentions p and q (token ranges), :func:`features` lists
string features with the mentions masked (``ENT_P``, ``ENT_Q``): the words (and word pairs) between
and around the mentions, the dependency path between their heads (lemmas, arcs, POS, steps), the
words and verbs on that path, negation cues, lexicon cues (a snapshot of the relation lexicon's polar
words, stored in the model file), and the sentence's content words and word pairs. The lemmas are
lower-cased, numbers are NUM. :class:`StanceModel` weighs them like a TF-IDF vectoriser
(sublinear term frequency, smoothed IDF, L2 norm) and applies a multinomial logistic model stored
as plain JSON in ``kg/data/stance/model.json`` (``scripts/train_stance.py`` writes it).

Labels (as in the DSA benchmark): 0 neutral, 1 positive p->q, 2 positive q->p, 3 negative p->q,
4 negative q->p. The model is trained with p as the earlier mention; a call with p after q is
answered by swapping the mentions and the directions back.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from kg.errors import DataFileError

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "stance" / "model.json"
FORMAT = "kg-stance/1"
LABELS = (0, 1, 2, 3, 4)
LABEL_NAMES = ("neutral", "positive p->q", "positive q->p", "negative p->q", "negative q->p")
SWAP = (0, 2, 1, 4, 3)  # the label of (q, p) for each label of (p, q)
NEGATIONS = frozenset({"not", "n't", "never", "no", "without", "neither", "nor", "nothing", "none"})
WINDOW = 3  # words kept on each side of the pair
MAX_BETWEEN = 12  # longer gaps keep their first and last MAX_BETWEEN // 2 words
Cues = dict[str, frozenset[str]]  # "positive" / "negative" / "negating" -> lemmas


def _bin(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


class _Masker:
    """The word of a token for the features: ENT_P / ENT_Q inside a mention, else its lower-case lemma."""

    def __init__(self, p: tuple[int, int], q: tuple[int, int]):
        self.p, self.q = p, q

    def __call__(self, token: Token) -> str:
        i = token.i
        if self.p[0] <= i < self.p[1]:
            return "ENT_P"
        if self.q[0] <= i < self.q[1]:
            return "ENT_Q"
        if token.like_num:
            return "NUM"
        return (token.lemma_ or token.text).lower()


def _ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the root (spaCy makes new Token objects: compare indices)."""
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < 64:
        out.append(out[-1].head)
    return out


def dependency_path(head_p: Token, head_q: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """(tokens from head_p up to below the common ancestor, the ancestor, tokens from below it down to
    head_q); the ancestor is None when the heads are in different trees (then each side goes to its root)."""
    up, down = _ancestors(head_p), _ancestors(head_q)
    down_ids = {t.i: n for n, t in enumerate(down)}
    for n, token in enumerate(up):
        if token.i in down_ids:
            return up[:n], token, list(reversed(down[:down_ids[token.i]]))
    return up, None, list(reversed(down))


def _negated(token: Token, cues: Cues) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    return token.lemma_.lower() in cues.get("negating", ())


def _polarity(word: str, cues: Cues) -> str | None:
    if word in cues.get("positive", ()):
        return "pos"
    if word in cues.get("negative", ()):
        return "neg"
    return None


def _path_shape(up: list[Token], top: Token, down: list[Token], word: _Masker) -> list[str]:
    """The path as strings: lemmas and arcs (^ going up from p, v going down to q), arcs only, POS and arcs,
    its steps, its length, the common ancestor and the arcs that leave each mention."""
    full = [x for t in up for x in (word(t), t.dep_ + "^")] + [word(top)]
    full += [x for t in down for x in ("v" + t.dep_, word(t))]
    deps = [t.dep_ + "^" for t in up] + ["v" + t.dep_ for t in down]
    tags = [x for t in up[1:] for x in (t.pos_, t.dep_ + "^")] + [top.pos_]
    tags += [x for t in down[:-1] for x in ("v" + t.dep_, t.pos_)]
    feats = ["path:" + " ".join(full), "pathdep:" + " ".join(deps), "pathpos:" + " ".join(tags),
             f"pathlen:{_bin(len(deps))}", f"lca:{word(top)}", f"lcapos:{top.pos_}",
             f"pd:{'/'.join(deps[:1])}", f"qd:{'/'.join(deps[-1:])}"]
    feats += [f"pp:{a}_{b}_{c}" for a, b, c in zip(full[::2], full[1::2], full[2::2])]
    if up:
        feats.append(f"pdh:{up[0].dep_}:{word(up[1] if len(up) > 1 else top)}")
    if down:
        feats.append(f"qdh:{down[-1].dep_}:{word(down[-2] if len(down) > 1 else top)}")
    return feats


def _path_words(inner: list[Token], word: _Masker, cues: Cues) -> list[str]:
    """The words on the path between the mentions: lemmas, verbs, negated words, lexicon cues, voice."""
    feats, negated = [], False
    for t in inner:
        w = word(t)
        if w.startswith("ENT_"):
            continue
        feats.append(f"pw:{w}")
        if t.pos_ in ("VERB", "AUX"):
            feats.append(f"pv:{w}")
        neg = _negated(t, cues)
        negated |= neg
        if neg:
            feats.append(f"neg:{w}")
        pol = _polarity(w, cues)
        if pol:
            feats.append(f"cue:path:{pol}{':neg' if neg else ''}")
        if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in t.children):
            feats.append("passive")
    if negated:
        feats.append("neg:path")
    return feats


def _path_features(head_p: Token, head_q: Token, word: _Masker, cues: Cues) -> list[str]:
    up, top, down = dependency_path(head_p, head_q)
    if top is None:
        return ["path:none", f"pd:{head_p.dep_}", f"qd:{head_q.dep_}"]
    return _path_shape(up, top, down, word) + _path_words(up[1:] + [top] + down[:-1], word, cues)


def _word_features(sent: Span, first: tuple[int, int], second: tuple[int, int], word: _Masker,
                   cues: Cues) -> list[str]:
    doc = sent.doc
    between = [t for t in doc[first[1]:second[0]] if not t.is_space]
    if len(between) > MAX_BETWEEN:
        half = MAX_BETWEEN // 2
        between = between[:half] + between[-half:]
    words = [word(t) for t in between if not t.is_punct or t.lower_ in ("'s", ",", ":", "(", '"', "“", "”")]
    feats = [f"b:{w}" for w in words] + [f"bb:{a}_{b}" for a, b in zip(["<P>"] + words, words + ["<Q>"])]
    feats.append(f"blen:{_bin(second[0] - first[1])}")
    lo, hi = max(sent.start, first[0] - WINDOW), min(sent.end, second[1] + WINDOW)
    feats += [f"l:{word(t)}" for t in doc[lo:first[0]] if not t.is_punct and not t.is_space]
    feats += [f"r:{word(t)}" for t in doc[second[1]:hi] if not t.is_punct and not t.is_space]
    for where, tokens in (("between", between), ("sent", sent)):
        for t in tokens:
            w = word(t)
            if w in NEGATIONS or (t.dep_ == "neg"):
                feats.append(f"neg:{where}")
            pol = _polarity(w, cues)
            if pol:
                feats.append(f"cue:{where}:{pol}")
    return feats


def features(sent: Span, p: tuple[int, int], q: tuple[int, int], cues: Cues | None = None) -> list[str]:
    """The string features of the pair (p, q) in ``sent``; p and q are [start, end) token indices in
    ``sent.doc``, p usually the earlier mention (the model swaps a later p itself)."""
    cues = cues or {}
    doc = sent.doc
    word = _Masker(p, q)
    first, second = (p, q) if p[0] <= q[0] else (q, p)
    second = (max(second[0], first[1]), max(second[1], first[1]))  # overlapping mentions: nothing between
    feats = _word_features(sent, first, second, word, cues)
    head_p, head_q = doc[p[0]:p[1]].root, doc[q[0]:q[1]].root
    feats += [f"prole:{head_p.dep_}", f"qrole:{head_q.dep_}"]
    feats += _path_features(head_p, head_q, word, cues)
    words = [word(t) for t in sent if not t.is_punct and not t.is_space]
    feats += [f"w:{word(t)}" for t in sent if t.is_alpha and not t.is_stop]
    feats += [f"ww:{a}_{b}" for a, b in zip(words, words[1:])]
    root = sent.root
    feats.append(f"root:{word(root)}")
    if _negated(root, cues):
        feats.append("neg:root")
    return feats


def weigh(feats: list[str], vocab: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(column indices, weights): sublinear tf x idf, L2-normalised, unknown features dropped."""
    counts = Counter(f for f in feats if f in vocab)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.fromiter((vocab[f] for f in counts), dtype=np.int64, count=len(counts))
    vals = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=float, count=len(counts)) * idf[cols]
    norm = float(np.linalg.norm(vals))
    return cols, vals / norm if norm else vals


def _fail(path: Path, reason: str) -> DataFileError:
    return DataFileError(f"{path}: malformed stance model: {reason}")


def _matrix(data: dict, key: str, shape: tuple[int, ...], path: Path) -> np.ndarray:
    try:
        arr = np.asarray(data[key], dtype=float)
    except KeyError:
        raise _fail(path, f"missing '{key}'") from None
    except (TypeError, ValueError):
        raise _fail(path, f"'{key}' must hold numbers") from None
    if arr.shape != shape or not np.all(np.isfinite(arr)):
        raise _fail(path, f"'{key}' must be finite numbers of shape {shape}, not {arr.shape}")
    return arr


def _cues(data: dict, path: Path) -> Cues:
    raw = data.get("cues", {})
    if not isinstance(raw, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v)
                                            for v in raw.values()):
        raise _fail(path, "'cues' must map cue kinds to lists of words")
    return {k: frozenset(v) for k, v in raw.items()}


@dataclass(frozen=True)
class StanceModel:
    vocab: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (5, n_features)
    intercept: np.ndarray  # (5,)
    cues: Cues
    meta: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> StanceModel:
        """Read and validate a model file (default: the bundled ``kg/data/stance/model.json``)."""
        path = Path(path) if path else DEFAULT_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataFileError(f"{path}: cannot read stance model: {exc}") from exc
        return cls.from_dict(data, path)

    @classmethod
    def from_dict(cls, data: object, path: Path = Path("<stance model>")) -> StanceModel:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _fail(path, f"expected a JSON object with \"format\": \"{FORMAT}\"")
        if data.get("labels") != list(LABELS):
            raise _fail(path, f"'labels' must be {list(LABELS)}")
        names = data.get("features")
        if not isinstance(names, list) or not names or not all(isinstance(f, str) for f in names):
            raise _fail(path, "'features' must be a non-empty list of strings")
        if len(set(names)) != len(names):
            raise _fail(path, "'features' has duplicates")
        n = len(names)
        idf = _matrix(data, "idf", (n,), path)
        if np.any(idf <= 0):
            raise _fail(path, "'idf' weights must be positive")
        coef = _matrix(data, "coef", (len(LABELS), n), path)
        intercept = _matrix(data, "intercept", (len(LABELS),), path)
        meta = data.get("meta", {})
        if not isinstance(meta, dict):
            raise _fail(path, "'meta' must be an object")
        return cls({f: i for i, f in enumerate(names)}, idf, coef, intercept, _cues(data, path), meta)

    def to_dict(self, digits: int = 4) -> dict:
        """The JSON form, numbers rounded to ``digits`` significant digits."""
        def num(x: float) -> float:
            return float(f"{x:.{digits}g}")

        names = sorted(self.vocab, key=self.vocab.get)
        return {"format": FORMAT, "labels": list(LABELS), "meta": self.meta,
                "cues": {k: sorted(v) for k, v in sorted(self.cues.items())}, "features": names,
                "idf": [num(x) for x in self.idf], "intercept": [num(x) for x in self.intercept],
                "coef": [[num(x) for x in row] for row in self.coef]}

    def features(self, sent: Span, p: tuple[int, int], q: tuple[int, int]) -> list[str]:
        return features(sent, p, q, self.cues)

    def _proba_ordered(self, sent: Span, p: tuple[int, int], q: tuple[int, int]) -> np.ndarray:
        cols, vals = weigh(self.features(sent, p, q), self.vocab, self.idf)
        scores = self.coef[:, cols] @ vals + self.intercept
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def predict_proba(self, sent: Span, p: tuple[int, int], q: tuple[int, int]) -> list[float]:
        """The five label probabilities for the pair (p, q), in label order 0-4."""
        for start, end in (p, q):
            if not 0 <= start < end <= len(sent.doc):
                raise ValueError(f"mention tokens [{start}, {end}) are not a non-empty range of the document")
        if p[0] > q[0]:
            swapped = self._proba_ordered(sent, q, p)
            return [float(swapped[SWAP[k]]) for k in LABELS]
        return [float(x) for x in self._proba_ordered(sent, p, q)]

    def predict(self, sent: Span, p: tuple[int, int], q: tuple[int, int]) -> tuple[int, float]:
        """(the most probable label, its probability)."""
        proba = self.predict_proba(sent, p, q)
        best = max(LABELS, key=proba.__getitem__)
        return best, proba[best]
