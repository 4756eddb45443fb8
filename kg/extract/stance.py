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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from kg.errors import DataFileError

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "stance" / "model.json"
FORMAT = "kg-stance/1"
LABELS = (0, 1, 2, 3, 4)
LABEL_NAMES = ("neutral", "positive p->q", "positive q->p", "negative p->q", "negative q->p")
SWAP = (0, 2, 1, 4, 3)  # the label of (q, p) for each label of (p, q)
NEGATIONS = frozenset({"not", "n't", "never", "no", "without", "neither", "nor", "nothing", "none"})
WINDOW = 3  # words kept on each side of the pair
MAX_BETWEEN = 12  # longer gaps keep their first and last MAX_BETWEEN // 2 words
KEPT_PUNCT = frozenset({"'s", ",", ":", "(", '"', "“", "”"})  # punctuation kept between the mentions
PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass", "agent"})
Cues = dict[str, frozenset[str]]  # "positive" / "negative" / "negating" -> lemmas


def _bin(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


@dataclass(frozen=True)
class Tokens:
    """What the features read of the tokens ``doc[start:end]``, one tuple per attribute, indexed from
    ``start``. spaCy makes a new Token object on every access: reading a sentence once for all of its
    pairs, then working on plain strings and ints, is most of the featurizer's speed."""

    start: int
    word: tuple[str, ...]  # NUM, else the lower-case lemma (or text)
    lemma: tuple[str, ...]  # the lower-case lemma, for the negating cues
    dep: tuple[str, ...]
    pos: tuple[str, ...]
    head: tuple[int, ...]  # the head's index in these tuples (a root is its own head)
    space: tuple[bool, ...]
    kept: tuple[bool, ...]  # a word, or a punctuation mark kept between the mentions
    content: tuple[bool, ...]  # neither punctuation nor space
    salient: tuple[bool, ...]  # alphabetic and not a stop word
    negated: tuple[bool, ...]  # has a "neg" child or the determiner "no"
    passive: tuple[bool, ...]  # has a passive auxiliary or subject or an agent among its children
    closed: bool  # every head is in the range: dependency paths never leave it

    def masked(self, p: tuple[int, int], q: tuple[int, int]) -> list[str]:
        """The words with the mentions masked: ENT_P inside p (first, as p wins an overlap), ENT_Q inside q."""
        words = list(self.word)
        for (start, end), mask in ((q, "ENT_Q"), (p, "ENT_P")):
            lo, hi = max(start - self.start, 0), min(end - self.start, len(words))
            if lo < hi:
                words[lo:hi] = [mask] * (hi - lo)
        return words


_ATTRS = ("LEMMA", "ORTH", "DEP", "POS", "HEAD", "LIKE_NUM", "IS_PUNCT", "IS_SPACE", "IS_ALPHA", "IS_STOP", "LOWER")


@lru_cache(maxsize=16)
def _columns(doc: Doc) -> tuple[tuple, ...]:
    """Every token's row of :class:`Tokens` columns, over the whole Doc, read in one ``Doc.to_array``
    (heads as absolute indices). Cached by identity: the model is asked about every pair of a sentence."""
    arr = doc.to_array(list(_ATTRS)).reshape(len(doc), len(_ATTRS))
    strings = doc.vocab.strings
    n = len(doc)
    lemma_h, orth_h, dep_h, pos_h, _, like_num, punct, space, alpha, stop, lower_h = arr.T.tolist()
    rel_head = arr[:, 4].view("int64").tolist()  # relative offsets, stored as unsigned
    lemma = [strings[h] for h in lemma_h]
    lower = [strings[h] for h in lower_h]
    dep = [strings[h] for h in dep_h]
    head = [i + r for i, r in enumerate(rel_head)]
    negated, passive = [False] * n, [False] * n
    for i in range(n):
        if head[i] != i:
            negated[head[i]] |= dep[i] == "neg" or (dep[i] == "det" and lower[i] == "no")
            passive[head[i]] |= dep[i] in PASSIVE_DEPS
    word = ["NUM" if num else (lem or strings[o]).lower() for num, lem, o in zip(like_num, lemma, orth_h)]
    return (word, [lem.lower() for lem in lemma], dep, [strings[h] for h in pos_h], head,
            [bool(x) for x in space], [not p or w in KEPT_PUNCT for p, w in zip(punct, lower)],
            [not p and not sp for p, sp in zip(punct, space)],
            [bool(a) and not st for a, st in zip(alpha, stop)], negated, passive)


@lru_cache(maxsize=64)
def read_tokens(doc: Doc, start: int, end: int) -> Tokens:
    """The :class:`Tokens` of ``doc[start:end]`` (heads re-based on ``start``). Cached (a few Docs, by
    identity): the model is asked about every actor pair of a sentence in turn. A Doc is read as it is
    when first asked about."""
    cols = [tuple(col[start:end]) for col in _columns(doc)]
    cols[4] = tuple(h - start for h in cols[4])
    return Tokens(start, *cols, closed=all(0 <= h < end - start for h in cols[4]))


def _tokens_for(sent: Span, p: tuple[int, int], q: tuple[int, int]) -> Tokens:
    """The sentence's tokens when both mentions and every dependency path stay inside it, else the Doc's."""
    if sent.start <= min(p[0], q[0]) and max(p[1], q[1]) <= sent.end:
        tokens = read_tokens(sent.doc, sent.start, sent.end)
        if tokens.closed:
            return tokens
    return read_tokens(sent.doc, 0, len(sent.doc))


def _ancestors(head: Callable[[int], int], i: int) -> list[int]:
    """The token and its heads up to the root (a root is its own head), at most 64."""
    out = [i]
    while head(out[-1]) != out[-1] and len(out) < 64:
        out.append(head(out[-1]))
    return out


def _path(head: Callable[[int], int], i: int, j: int) -> tuple[list[int], int | None, list[int]]:
    up, down = _ancestors(head, i), _ancestors(head, j)
    down_ids = {t: n for n, t in enumerate(down)}
    for n, t in enumerate(up):
        if t in down_ids:
            return up[:n], t, list(reversed(down[:down_ids[t]]))
    return up, None, list(reversed(down))


def dependency_path(head_p: Token, head_q: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """(tokens from head_p up to below the common ancestor, the ancestor, tokens from below it down to
    head_q); the ancestor is None when the heads are in different trees (then each side goes to its root)."""
    doc = head_p.doc
    up, top, down = _path(lambda i: doc[i].head.i, head_p.i, head_q.i)
    return [doc[i] for i in up], None if top is None else doc[top], [doc[i] for i in down]


def _cue_features(where: str, words: Iterable[str], deps: Iterable[str], cues: Cues) -> list[str]:
    """neg:WHERE for each negation word, cue:WHERE:POLARITY for each lexicon cue."""
    positive, negative = cues.get("positive", ()), cues.get("negative", ())
    neg, pos_cue, neg_cue = f"neg:{where}", f"cue:{where}:pos", f"cue:{where}:neg"
    feats = []
    for w, dep in zip(words, deps):
        if w in NEGATIONS or dep == "neg":
            feats.append(neg)
        if w in positive:
            feats.append(pos_cue)
        elif w in negative:
            feats.append(neg_cue)
    return feats


class _Pair:
    """One pair's view of the tokens: the masked words, in the Tokens' indices (``at`` maps a Doc index)."""

    def __init__(self, tokens: Tokens, p: tuple[int, int], q: tuple[int, int], cues: Cues):
        self.t, self.words, self.at = tokens, tokens.masked(p, q), tokens.start
        self.negating = cues.get("negating", ())

    def is_negated(self, i: int) -> bool:
        return self.t.negated[i] or self.t.lemma[i] in self.negating


def _path_shape(up: list[int], top: int, down: list[int], x: _Pair) -> list[str]:
    """The path as strings: lemmas and arcs (^ going up from p, v going down to q), arcs only, POS and arcs,
    its steps, its length, the common ancestor and the arcs that leave each mention."""
    word, dep, pos = x.words, x.t.dep, x.t.pos
    full = [s for i in up for s in (word[i], dep[i] + "^")] + [word[top]]
    full += [s for i in down for s in ("v" + dep[i], word[i])]
    deps = [dep[i] + "^" for i in up] + ["v" + dep[i] for i in down]
    tags = [s for i in up[1:] for s in (pos[i], dep[i] + "^")] + [pos[top]]
    tags += [s for i in down[:-1] for s in ("v" + dep[i], pos[i])]
    feats = ["path:" + " ".join(full), "pathdep:" + " ".join(deps), "pathpos:" + " ".join(tags),
             f"pathlen:{_bin(len(deps))}", f"lca:{word[top]}", f"lcapos:{pos[top]}",
             f"pd:{'/'.join(deps[:1])}", f"qd:{'/'.join(deps[-1:])}"]
    feats += [f"pp:{a}_{b}_{c}" for a, b, c in zip(full[::2], full[1::2], full[2::2])]
    if up:
        feats.append(f"pdh:{dep[up[0]]}:{word[up[1] if len(up) > 1 else top]}")
    if down:
        feats.append(f"qdh:{dep[down[-1]]}:{word[down[-2] if len(down) > 1 else top]}")
    return feats


def _path_words(inner: list[int], x: _Pair, cues: Cues) -> list[str]:
    """The words on the path between the mentions: lemmas, verbs, negated words, lexicon cues, voice."""
    feats, negated = [], False
    for i in inner:
        w = x.words[i]
        if w.startswith("ENT_"):
            continue
        feats.append(f"pw:{w}")
        if x.t.pos[i] in ("VERB", "AUX"):
            feats.append(f"pv:{w}")
        neg = x.is_negated(i)
        negated |= neg
        if neg:
            feats.append(f"neg:{w}")
        pol = _polarity(w, cues)
        if pol:
            feats.append(f"cue:path:{pol}{':neg' if neg else ''}")
        if x.t.passive[i]:
            feats.append("passive")
    if negated:
        feats.append("neg:path")
    return feats


def _path_features(head_p: int, head_q: int, x: _Pair, cues: Cues) -> list[str]:
    up, top, down = _path(x.t.head.__getitem__, head_p, head_q)
    if top is None:
        return ["path:none", f"pd:{x.t.dep[head_p]}", f"qd:{x.t.dep[head_q]}"]
    return _path_shape(up, top, down, x) + _path_words(up[1:] + [top] + down[:-1], x, cues)


def _polarity(word: str, cues: Cues) -> str | None:
    if word in cues.get("positive", ()):
        return "pos"
    if word in cues.get("negative", ()):
        return "neg"
    return None


def _word_features(sent: Span, first: tuple[int, int], second: tuple[int, int], x: _Pair,
                   cues: Cues) -> list[str]:
    at, t, word = x.at, x.t, x.words
    between = [i for i in range(first[1] - at, second[0] - at) if not t.space[i]]
    if len(between) > MAX_BETWEEN:
        half = MAX_BETWEEN // 2
        between = between[:half] + between[-half:]
    words = [word[i] for i in between if t.kept[i]]
    feats = [f"b:{w}" for w in words] + [f"bb:{a}_{b}" for a, b in zip(["<P>"] + words, words + ["<Q>"])]
    feats.append(f"blen:{_bin(second[0] - first[1])}")
    lo, hi = max(sent.start, first[0] - WINDOW), min(sent.end, second[1] + WINDOW)
    feats += [f"l:{word[i]}" for i in range(lo - at, first[0] - at) if t.content[i]]
    feats += [f"r:{word[i]}" for i in range(second[1] - at, hi - at) if t.content[i]]
    feats += _cue_features("between", [word[i] for i in between], [t.dep[i] for i in between], cues)
    s = slice(sent.start - at, sent.end - at)
    return feats + _cue_features("sent", word[s], t.dep[s], cues)


def features(sent: Span, p: tuple[int, int], q: tuple[int, int], cues: Cues | None = None) -> list[str]:
    """The string features of the pair (p, q) in ``sent``; p and q are [start, end) token indices in
    ``sent.doc``, p usually the earlier mention (the model swaps a later p itself)."""
    cues = cues or {}
    doc = sent.doc
    x = _Pair(_tokens_for(sent, p, q), p, q, cues)
    first, second = (p, q) if p[0] <= q[0] else (q, p)
    second = (max(second[0], first[1]), max(second[1], first[1]))  # overlapping mentions: nothing between
    feats = _word_features(sent, first, second, x, cues)
    head_p, head_q = doc[p[0]:p[1]].root.i - x.at, doc[q[0]:q[1]].root.i - x.at
    feats += [f"prole:{x.t.dep[head_p]}", f"qrole:{x.t.dep[head_q]}"]
    feats += _path_features(head_p, head_q, x, cues)
    s = slice(sent.start - x.at, sent.end - x.at)
    words = list(compress(x.words[s], x.t.content[s]))
    feats += [f"w:{w}" for w in compress(x.words[s], x.t.salient[s])]
    feats += [f"ww:{a}_{b}" for a, b in pairwise(words)]
    root = sent.root.i - x.at
    feats.append(f"root:{x.words[root]}")
    if x.is_negated(root):
        feats.append("neg:root")
    return feats


def weigh(feats: list[str], vocab: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(column indices, weights): sublinear tf x idf, L2-normalised, unknown features dropped."""
    counts = Counter(feats)
    known = [(col, n) for col, n in zip(map(vocab.get, counts), counts.values()) if col is not None]
    if not known:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.array([col for col, _ in known], dtype=np.int64)
    vals = np.array([1.0 + math.log(n) for _, n in known]) * idf[cols]
    norm = math.sqrt(vals.dot(vals))  # as np.linalg.norm computes it
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
