"""Build: article files -> parsed Docs -> claims -> named graphs in the store -> graph files.

Each bad input (file or line) is reported and skipped; the others are built. Every output file is
written to a temporary file and renamed.

Builds are incremental: an article whose content hash (its record and the extraction version, see
:func:`content_hash`) matches the one stored in its graph is not parsed again; a changed one has its
graph replaced in one transaction. The actors graph is then recomputed from what the articles in
the store contribute (``fp:actorTriples``), so it never depends on the order articles came in and
loses actors no article refers to any more. A run that changes nothing writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

from pyoxigraph import NamedNode, Quad
from spacy.tokens import Doc

from kg import __version__
from kg.errors import InputError, KgError
from kg.extract.claims import extract_article
from kg.extract.lexicon import DEFAULT_PATH as LEXICON_PATH
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.stance import DEFAULT_PATH as STANCE_PATH
from kg.extract.stance import StanceModel
from kg.ingest import read_inputs
from kg.nlp.gazetteer import DEFAULT_DIR as GAZETTEER_DIR
from kg.nlp.gazetteer import Gazetteer, load_gazetteer
from kg.nlp.headline import sentence_case, uncapitalise_lines
from kg.nlp.pipeline import load_pipeline
from kg.prefetch import prefetch
from kg.rdf.gen_namespace import ONTOLOGY_DIR
from kg.rdf.mapping import article_graph, record_quads, result_quads
from kg.records import Article, ArticleResult, BuildReport
from kg.store import GraphStore

BATCH_SIZE = 64
Progress = Callable[[int, int | None], None]  # (articles done, total if known)


STANCE_THRESHOLD = 0.6  # least probability of a non-neutral stance the model must give to make a claim


def load_stance_model() -> StanceModel | None:
    """The bundled directed-stance model, or None when the package ships none."""
    return StanceModel.load() if STANCE_PATH.is_file() else None


@dataclass
class Extractor:
    """The loaded model, gazetteer and lexicon: build once, use for many articles."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    lexicon: Lexicon = field(default_factory=load_lexicon)
    nlp: object = None
    batch_size: int = BATCH_SIZE
    stance: StanceModel | None = field(default_factory=load_stance_model)
    stance_threshold: float = STANCE_THRESHOLD

    def __post_init__(self) -> None:
        if self.nlp is None:
            self.nlp = load_pipeline(self.gazetteer)
        self._names = frozenset(w for phrase, _, _ in self.gazetteer.surface_forms() for w in phrase.split())

    def _headline(self, title: str) -> Doc:
        """A title is one sentence, in sentence case ("Seeks Clarification" -> "seeks clarification")."""
        doc = self.nlp.make_doc(sentence_case(title, self._names))
        for token in doc[1:]:
            token.is_sent_start = False
        return doc

    def _texts(self, articles: Iterable[Article]) -> Iterator[tuple[str | Doc, tuple[Article, str]]]:
        for article in articles:
            if article.title.strip():
                yield self._headline(article.title), (article, "title")
            yield uncapitalise_lines(article.text, self._names), (article, "body")

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult | InputError]:
        """One result (or one error) per article, in input order."""
        title_doc = None
        docs = self.nlp.pipe(self._texts(articles), as_tuples=True, batch_size=self.batch_size)
        for doc, (article, section) in prefetch(docs, ahead=self.batch_size):
            if section == "title":
                title_doc = doc
                continue
            try:
                yield extract_article(article, title_doc, doc, gazetteer=self.gazetteer, lexicon=self.lexicon,
                                      stance=self.stance, stance_threshold=self.stance_threshold)
            except (KgError, ValueError, IndexError, KeyError) as exc:  # one bad article must not stop the build
                yield InputError(article.origin or article.id, f"extraction failed: {exc}")
            title_doc = None


@lru_cache(maxsize=1)
def extraction_version() -> str:
    """A hash of what decides what extraction makes of a text: the bundled gazetteer and lexicon
    files and the package version. When it changes, every article is built again."""
    digest = hashlib.sha256(f"kg {__version__}\n".encode())
    stance = [STANCE_PATH] if STANCE_PATH.is_file() else []
    for path in [*sorted(GAZETTEER_DIR.glob("*.json")), LEXICON_PATH, *stance]:
        digest.update(f"\n{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_hash(article: Article, version: str) -> str:
    """SHA-256 of the article record (id, title, date, source, url, text) and the extraction version.
    Where the article came from (``origin``) does not count: a moved file is not rebuilt."""
    record = [version, article.id, article.title, article.date, article.source, article.url, article.text]
    return hashlib.sha256(json.dumps(record, ensure_ascii=False).encode("utf-8")).hexdigest()


def _articles(inputs: Iterable[str | Path], report: BuildReport) -> Iterator[Article]:
    for item in read_inputs(inputs):
        if isinstance(item, InputError):
            report.skipped.append(str(item))
        else:
            yield item


def _pending(articles: Iterable[Article], stored: dict[str, str | None], version: str,
             report: BuildReport) -> Iterator[Article]:
    """The articles whose content hash differs from the stored one; the others count as unchanged."""
    for article in articles:
        digest = content_hash(article, version)
        if stored.get(article.id) == digest:
            report.unchanged.append(article.id)
        else:
            stored[article.id] = digest
            yield article


def fingerprint(store: GraphStore) -> str:
    """What the graph files were made from: every article's content hash, the ontology file and the
    store's size. graph.trig starts with it, so a run can tell whether the files are current."""
    state = [sorted(store.article_hashes().items(), key=lambda kv: kv[0]), len(store),
             hashlib.sha256((ONTOLOGY_DIR / "fp.ttl").read_bytes()).hexdigest()]
    return "kg store " + hashlib.sha256(json.dumps(state).encode("utf-8")).hexdigest()


def write_outputs(store: GraphStore, out_dir: Path, *, html: bool = True,
                  report: BuildReport | None = None) -> list[Path]:
    """graph.trig (every named graph), graph.ttl (their union) and graph.html, each written atomically;
    what the page left out goes to ``report.page_note``. graph.trig comes first (see
    :func:`outputs_current`); the union is serialised in a thread while the page is drawn (the store
    releases the interpreter while it serialises)."""
    paths = [store.write_trig(out_dir / "graph.trig", comment=fingerprint(store))]
    with ThreadPoolExecutor(max_workers=1) as pool:
        union = pool.submit(store.write_union_turtle, out_dir / "graph.ttl")
        if html:
            from kg.viz.project import write_view_page

            view = write_view_page(store, out_dir / "graph.html")
            if report is not None:
                report.page_note = view.note()
        paths.append(union.result())
    return paths + ([out_dir / "graph.html"] if html else [])


def outputs_current(store: GraphStore, out_dir: Path, *, html: bool = True) -> bool:
    """Whether the graph files exist, graph.trig (written first) was made from this store's content
    and no other file is older than it (a write that failed half-way leaves them stale)."""
    files = [out_dir / "graph.trig", out_dir / "graph.ttl"] + ([out_dir / "graph.html"] if html else [])
    if not all(f.is_file() for f in files):
        return False
    with files[0].open("rb") as fh:
        if fh.readline().decode("utf-8", "replace").strip() != f"# {fingerprint(store)}":
            return False
    return all(f.stat().st_mtime_ns >= files[0].stat().st_mtime_ns for f in files[1:])


def _refresh_outputs(store: GraphStore, out_dir: Path, html: bool, report: BuildReport) -> None:
    if report.changed or not outputs_current(store, out_dir, html=html):
        report.written = [str(p) for p in write_outputs(store, out_dir, html=html, report=report)]


def _write_graph(store: GraphStore, graph: NamedNode, quads: list[Quad], fresh: bool) -> None:
    """Replace a graph's content in one transaction. A graph the store does not hold yet is simply added
    (one atomic write, no SPARQL text to build and parse): dropping it first would change nothing."""
    if fresh and all(q.graph_name == graph for q in quads):
        store.add(quads)
    else:
        store.replace_graph(graph, quads)


def _store_result(store: GraphStore, result: ArticleResult | InputError, known: dict, present: set[str],
                  version: str, report: BuildReport) -> None:
    """Write one article's graph (its claims, content hash and actor triples) in one transaction;
    ``present`` holds the graphs the store had when the build began."""
    if isinstance(result, InputError):
        report.skipped.append(str(result))
        return
    article = result.article
    own, shared = result_quads(result)
    graph = article_graph(article.id)
    _write_graph(store, graph, own + record_quads(article.id, content_hash(article, version), shared),
                 fresh=graph.value not in present and article.id not in report.built)
    (report.replaced if article.id in known or article.id in report.built else report.added).append(article.id)
    report.built.append(article.id)
    report.claims += len(result.claims)


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, extractor: Extractor | None = None,
          progress: Progress | None = None, html: bool = True) -> BuildReport:
    """Build ``inputs`` (files or directories) into the store and graph files under ``out_dir``.

    Only new and changed articles are parsed (the model is loaded only when there is one); the
    actors graph is garbage-collected; the graph files are rewritten only when the store changed
    (or one is missing)."""
    out_dir = Path(out_dir)
    report = BuildReport(out_dir=str(out_dir))
    version = extraction_version()
    with GraphStore(out_dir) as store:
        report.changed = store.load_ontology([ONTOLOGY_DIR / "fp.ttl"])
        known, present = store.article_hashes(), set(store.graphs())
        pending = _pending(_articles(inputs, report), dict(known), version, report)
        first = next(pending, None)
        if first is not None:
            extractor = extractor or Extractor()
            for result in extractor.extract(chain([first], pending)):
                _store_result(store, result, known, present, version, report)
                if progress:
                    progress(len(report.built), None)
        report.changed |= bool(report.built)
        report.changed |= store.sync_actors()
        store.flush()
        _refresh_outputs(store, out_dir, html, report)
        report.triples = len(store)
    return report


def remove(out_dir: str | Path, article_ids: Iterable[str], *, html: bool = True) -> BuildReport:
    """Remove articles by id: their graphs are dropped and the actors graph garbage-collected in one
    transaction, then the graph files are rewritten. Unknown ids are reported in ``skipped``."""
    out_dir = Path(out_dir)
    report = BuildReport(out_dir=str(out_dir))
    with GraphStore(out_dir, create=False) as store:
        present = set(store.graphs())
        drop = []
        for article_id in dict.fromkeys(article_ids):
            graph = article_graph(article_id)
            if graph.value in present:
                drop.append(graph)
                report.removed.append(article_id)
            else:
                report.skipped.append(f"{article_id}: no such article in {out_dir}")
        if drop:
            report.changed = store.sync_actors(drop)
            store.flush()
            _refresh_outputs(store, out_dir, html, report)
        report.triples = len(store)
    return report
