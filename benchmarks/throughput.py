"""End-to-end build throughput against bare spaCy, measured in the same run on the same text.

    python benchmarks/throughput.py [INPUT ...] [--repeat N]

Prints words/second for (a) bare ``nlp.pipe`` with the same model and batch size over the article
texts and titles, and (b) ``kg build`` of the same articles into a temporary store (ingest, parse
with the kg_* components, extraction, RDF, store, graph files), and the ratio b/a. Both sides are
warmed up first (a few texts through the bare pipe; a small build into another directory), so
neither pays one-time costs such as first calls and lazy imports inside the timed run.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build import BATCH_SIZE, Extractor, build  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402
from kg.nlp.pipeline import MODEL  # noqa: E402
from kg.records import Article  # noqa: E402


def corpus(inputs: list[str], repeat: int) -> list[Article]:
    base = [a for a in read_inputs(inputs) if isinstance(a, Article)]
    return [dataclasses.replace(a, id=f"{a.id}-{i}") for i in range(repeat) for a in base]


def write_jsonl(articles: list[Article], path: Path) -> Path:
    import json

    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": a.id, "title": a.title, "date": a.date, "source": a.source, "text": a.text}) + "\n")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", default=[str(ROOT / "examples" / "articles")])
    ap.add_argument("--repeat", type=int, default=20, help="repeat the corpus N times (default 20)")
    args = ap.parse_args()
    articles = corpus(args.inputs, args.repeat)
    texts = [t for a in articles for t in (a.title, a.text) if t]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(MODEL)
    list(bare.pipe(texts[:20], batch_size=BATCH_SIZE))  # warm up
    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=BATCH_SIZE):
        pass
    bare_wps = words / (time.perf_counter() - start)

    extractor = Extractor()
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(articles, Path(tmp) / "corpus.jsonl")
        warm = write_jsonl(articles[:10], Path(tmp) / "warm.jsonl")
        build([warm], Path(tmp) / "warm", extractor=extractor, html=True)  # warm up, as the bare pipe is
        start = time.perf_counter()
        report = build([src], Path(tmp) / "out", extractor=extractor, html=True)
        build_wps = words / (time.perf_counter() - start)
    print(f"articles={len(articles)} words={words} claims={report.claims} triples={report.triples}")
    print(f"bare nlp.pipe ({MODEL}, batch {BATCH_SIZE}): {bare_wps:,.0f} words/s")
    print(f"kg build end to end:                     {build_wps:,.0f} words/s")
    print(f"ratio kg build / bare nlp.pipe: {build_wps / bare_wps:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
