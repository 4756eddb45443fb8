"""The directed-stance model: featurizer, bundled model, file validation, training script."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from kg.errors import DataFileError
from kg.extract.stance import (
    DEFAULT_PATH,
    LABELS,
    SWAP,
    StanceModel,
    dependency_path,
    features,
)

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_stance.py"


def span_of(doc, text: str) -> tuple[int, int]:
    """Token range of the first occurrence of ``text`` in ``doc``."""
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    assert span is not None, text
    return span.start, span.end


def pair(nlp, text: str, p: str, q: str):
    doc = nlp(text)
    return doc[:], span_of(doc, p), span_of(doc, q)


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


# ---------------------------------------------------------------- featurizer

def test_mentions_are_masked(nlp):
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    feats = features(sent, p, q)
    assert not any("russia" in f.lower() or "ukraine" in f.lower() for f in feats)
    assert "w:ENT_P" in feats and "w:ENT_Q" in feats
    assert "b:condemn" in feats and "bb:<P>_condemn" in feats


def test_dependency_path_between_heads(nlp):
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    feats = features(sent, p, q)
    assert "path:ENT_P nsubj^ condemn vdobj ENT_Q" in feats
    assert "pathdep:nsubj^ vdobj" in feats
    assert {"pv:condemn", "lca:condemn", "pd:nsubj^", "qd:vdobj"} <= set(feats)


def test_path_through_a_preposition(nlp):
    doc = nlp("Germany imposed sanctions on Iran.")
    up, top, down = dependency_path(doc[0], doc[4])
    assert [t.text for t in up] == ["Germany"] and top.text == "imposed"
    assert [t.text for t in down] == ["sanctions", "on", "Iran"]


def test_path_is_finite_at_the_root(nlp):
    """The root's head is itself: the path must stop there (spaCy tokens are compared by index)."""
    sent, p, q = pair(nlp, "Russia did not condemn Ukraine.", "Russia", "Ukraine")
    path = next(f for f in features(sent, p, q) if f.startswith("path:"))
    assert path == "path:ENT_P nsubj^ condemn vdobj ENT_Q"


def test_negation_cue(nlp):
    sent, p, q = pair(nlp, "Russia did not condemn Ukraine.", "Russia", "Ukraine")
    negated = features(sent, p, q)
    assert {"neg:path", "neg:condemn", "neg:between"} <= set(negated)
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    assert not any(f.startswith("neg:") for f in features(sent, p, q))


def test_lexicon_cues(nlp):
    cues = {"negative": frozenset({"condemn"}), "positive": frozenset(), "negating": frozenset({"refuse"})}
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    assert {"cue:path:neg", "cue:between:neg", "cue:sent:neg"} <= set(features(sent, p, q, cues))
    sent, p, q = pair(nlp, "Russia did not condemn Ukraine.", "Russia", "Ukraine")
    assert "cue:path:neg:neg" in features(sent, p, q, cues)
    sent, p, q = pair(nlp, "Russia refused to condemn Ukraine.", "Russia", "Ukraine")
    assert "neg:path" in features(sent, p, q, cues)


def test_features_need_no_order(nlp):
    """The path always runs from p to q and masking follows the roles; the words between are the same."""
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    swapped = features(sent, q, p)
    assert "path:ENT_P dobj^ condemn vnsubj ENT_Q" in swapped
    assert "b:condemn" in swapped


# ---------------------------------------------------------------- bundled model

def test_bundled_model_is_small_and_valid(model):
    assert DEFAULT_PATH.stat().st_size < 5_000_000
    assert model.coef.shape == (5, len(model.vocab)) and model.intercept.shape == (5,)


@pytest.mark.parametrize("text, p, q, label", [
    ("Russia condemned Ukraine.", "Russia", "Ukraine", 3),
    ("Ukraine was condemned by Russia.", "Ukraine", "Russia", 4),
    ("France praised Germany for its leadership.", "France", "Germany", 1),
    ("India thanked Nepal for its help.", "India", "Nepal", 1),
    ("China accused the United States of hypocrisy.", "China", "the United States", 3),
    ("The delegation from Japan arrived in Brazil on Monday.", "Japan", "Brazil", 0),
])
def test_bundled_model_predicts(nlp, model, text, p, q, label):
    sent, ps, qs = pair(nlp, text, p, q)
    got, probability = model.predict(sent, ps, qs)
    assert got == label
    assert 0.5 < probability <= 1.0


def test_swapped_mentions_swap_the_direction(nlp, model):
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    assert model.predict(sent, q, p)[0] == 4
    forward, backward = model.predict_proba(sent, p, q), model.predict_proba(sent, q, p)
    assert backward == pytest.approx([forward[SWAP[k]] for k in LABELS])


def test_probabilities_shape(nlp, model):
    doc = nlp("The talks between Russia and Ukraine ended. Later, France praised Germany.")
    sent = list(doc.sents)[1]
    proba = model.predict_proba(sent, span_of(doc, "France"), span_of(doc, "Germany"))
    assert len(proba) == 5 and all(isinstance(x, float) and 0.0 <= x <= 1.0 for x in proba)
    assert sum(proba) == pytest.approx(1.0)
    label, probability = model.predict(sent, span_of(doc, "France"), span_of(doc, "Germany"))
    assert label in LABELS and probability == pytest.approx(max(proba))


def test_bad_mention_range_is_refused(nlp, model):
    doc = nlp("Russia condemned Ukraine.")
    with pytest.raises(ValueError):
        model.predict(doc[:], (0, 1), (3, 3))
    with pytest.raises(ValueError):
        model.predict(doc[:], (0, 1), (2, 99))


# ---------------------------------------------------------------- model file

def toy() -> dict:
    return {"format": "kg-stance/1", "labels": [0, 1, 2, 3, 4], "meta": {}, "cues": {"negative": ["condemn"]},
            "features": ["b:condemn", "b:praise"], "idf": [1.5, 1.2], "intercept": [0.5, 0, 0, 0, 0],
            "coef": [[0, 0], [0, 3], [0, 0], [3, 0], [0, 0]]}


def test_toy_model_round_trip(tmp_path, nlp):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(toy()), encoding="utf-8")
    model = StanceModel.load(path)
    assert StanceModel.from_dict(model.to_dict()).to_dict() == model.to_dict()
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    assert model.predict(sent, p, q)[0] == 3
    sent, p, q = pair(nlp, "Japan met Brazil.", "Japan", "Brazil")  # no known feature: the intercept decides
    assert model.predict(sent, p, q)[0] == 0


def _mutations():
    def setter(key, value):
        def apply(d):
            d[key] = value
        return apply
    return {
        "wrong format": setter("format", "kg-stance/0"),
        "labels": setter("labels", [0, 1, 2]),
        "no features": setter("features", []),
        "duplicate features": setter("features", ["b:x", "b:x"]),
        "idf length": setter("idf", [1.0]),
        "idf not positive": setter("idf", [1.0, 0.0]),
        "coef shape": setter("coef", [[0, 0]] * 4),
        "coef ragged": setter("coef", [[0, 0], [0], [0, 0], [0, 0], [0, 0]]),
        "coef text": setter("coef", [["a", "b"]] * 5),
        "intercept NaN": setter("intercept", [float("nan"), 0, 0, 0, 0]),
        "missing coef": lambda d: d.pop("coef"),
        "cues": setter("cues", {"negative": "condemn"}),
        "meta": setter("meta", []),
    }


@pytest.mark.parametrize("name", sorted(_mutations()))
def test_malformed_model_file(tmp_path, name):
    data = copy.deepcopy(toy())
    _mutations()[name](data)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError):
        StanceModel.load(path)


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", "\udcff"])
def test_unreadable_model_file(tmp_path, content):
    path = tmp_path / "model.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(DataFileError):
        StanceModel.load(path)


def test_missing_model_file(tmp_path):
    with pytest.raises(DataFileError):
        StanceModel.load(tmp_path / "absent.json")


# ---------------------------------------------------------------- training script

@pytest.fixture(scope="module")
def train_script():
    spec = importlib.util.spec_from_file_location("train_stance", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TINY = [
    ("[Russia] condemned [Ukraine] on Monday.", 3), ("[France] criticized [Italy] over migration.", 3),
    ("[Chile] denounced [Peru] for the border raid.", 3), ("[Iran] attacked [Iraq] in a statement.", 3),
    ("[Japan] praised [Brazil] for its help.", 1), ("[India] thanked [Nepal] for the aid.", 1),
    ("[Spain] supports [Portugal] in the talks.", 1), ("[Kenya] welcomed [Ghana] warmly.", 1),
    ("[Egypt] was condemned by [Libya] on Friday.", 4), ("[Cuba] was criticized by [Mexico] again.", 4),
    ("[Chad] was praised by [Mali] for the deal.", 2), ("[Fiji] was thanked by [Samoa] for the aid.", 2),
    ("[Norway] and [Sweden] met in Oslo.", 0), ("Officials from [Greece] and [Cyprus] arrived.", 0),
    ("[Poland] and [Latvia] held talks on trade.", 0), ("A delegation from [Oman] visited [Qatar].", 0),
]


def test_read_tsv_extends_cut_mentions(tmp_path, train_script):
    path = tmp_path / "x.tsv"
    path.write_text("Most [Democrat]s and [the United State]s agree.\tDemocrat\tthe United State\t0\nbad line\n",
                    encoding="utf-8")
    (row,) = train_script.read_tsv(path)
    text = row["text"]
    assert text == "Most Democrats and the United States agree."
    assert text[slice(*row["p"])] == "Democrats" and text[slice(*row["q"])] == "the United States"


def test_training_script_writes_a_model_that_loads(tmp_path, nlp, train_script, capsys):
    tsv = "".join(f"{s}\t{s.split('[')[1].split(']')[0]}\t{s.split('[')[2].split(']')[0]}\t{y}\n" for s, y in TINY)
    (tmp_path / "train.tsv").write_text(tsv, encoding="utf-8")
    (tmp_path / "valid.tsv").write_text(tsv, encoding="utf-8")
    out = tmp_path / "model" / "stance.json"
    argv = ["--train", str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"), "--out", str(out),
            "--min-df", "1", "--C", "1", "10", "--weights", "none", "balanced", "--max-features", "300", "--no-cache"]
    assert train_script.main(argv, nlp=nlp) == 0
    printed = capsys.readouterr().out
    assert "micro_f1=" in printed and "macro_f1=" in printed and "bootstrap 95%" in printed
    model = StanceModel.load(out)
    assert 0 < len(model.vocab) <= 300
    assert model.meta["C"] in (1.0, 10.0) and "valid" in model.meta
    sent, p, q = pair(nlp, "Russia condemned Ukraine.", "Russia", "Ukraine")
    label, probability = model.predict(sent, p, q)
    assert label in LABELS and 0 < probability <= 1
    assert np.isclose(sum(model.predict_proba(sent, p, q)), 1.0)


def test_training_script_can_refit_on_train_and_valid(tmp_path, nlp, train_script, capsys):
    tsv = "".join(f"{s}\t{s.split('[')[1].split(']')[0]}\t{s.split('[')[2].split(']')[0]}\t{y}\n" for s, y in TINY)
    (tmp_path / "train.tsv").write_text(tsv, encoding="utf-8")
    (tmp_path / "valid.tsv").write_text(tsv.replace("Monday", "Tuesday"), encoding="utf-8")
    out = tmp_path / "stance.json"
    argv = ["--train", str(tmp_path / "train.tsv"), "--valid", str(tmp_path / "valid.tsv"), "--out", str(out),
            "--min-df", "1", "--C", "10", "--weights", "none", "--max-features", "0", "--no-cache", "--refit-with-valid"]
    assert train_script.main(argv, nlp=nlp) == 0
    assert "refitted on 32 rows" in capsys.readouterr().out
    model = StanceModel.load(out)
    assert model.meta["trained_on"] == "train.tsv+valid.tsv" and "valid" in model.meta
    assert "tuesday" in model.vocab or any("tuesday" in f for f in model.vocab)  # a valid-only word is learned
