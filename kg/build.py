"""Build: article files -> parsed Docs -> claims -> named graphs in the store -> graph files.

Each bad input (file or line) is reported and skipped; the others are built. Every output file is
written to a temporary file and renamed, and re-running a build on the same input changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from kg.errors import InputError, KgError
from kg.extract.claims import extract_article
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.ingest import read_inputs
from kg.nlp.gazetteer import Gazetteer, load_gazetteer
from kg.nlp.headline import sentence_case
from kg.nlp.pipeline import load_pipeline
from kg.rdf.gen_namespace import ONTOLOGY_DIR
from kg.rdf.mapping import SINGLE_VALUED, article_graph, preference, result_quads
from kg.records import Article, ArticleResult, BuildReport
from kg.store import GraphStore

BATCH_SIZE = 64
Progress = Callable[[int, int | None], None]  # (articles done, total if known)


@dataclass
class Extractor:
    """The loaded model, gazetteer and lexicon: build once, use for many articles."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    lexicon: Lexicon = field(default_factory=load_lexicon)
    nlp: object = None
    batch_size: int = BATCH_SIZE

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
            yield article.text, (article, "body")

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult | InputError]:
        """One result (or one error) per article, in input order."""
        title_doc = None
        for doc, (article, section) in self.nlp.pipe(self._texts(articles), as_tuples=True,
                                                     batch_size=self.batch_size):
            if section == "title":
                title_doc = doc
                continue
            try:
                yield extract_article(article, title_doc, doc, gazetteer=self.gazetteer, lexicon=self.lexicon)
            except (KgError, ValueError, IndexError, KeyError) as exc:  # one bad article must not stop the build
                yield InputError(article.origin or article.id, f"extraction failed: {exc}")
            title_doc = None


def _articles(inputs: Iterable[str | Path], report: BuildReport) -> Iterator[Article]:
    for item in read_inputs(inputs):
        if isinstance(item, InputError):
            report.skipped.append(str(item))
        else:
            yield item


def write_outputs(store: GraphStore, out_dir: Path, *, html: bool = True) -> list[Path]:
    """graph.trig (every named graph), graph.ttl (their union) and graph.html, each written atomically."""
    paths = [store.write_trig(out_dir / "graph.trig"), store.write_union_turtle(out_dir / "graph.ttl")]
    if html:
        from kg.viz.project import write_graph_page

        paths.append(write_graph_page(store, out_dir / "graph.html"))
    return paths


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, extractor: Extractor | None = None,
          progress: Progress | None = None, html: bool = True) -> BuildReport:
    """Build ``inputs`` (files or directories) into the store and graph files under ``out_dir``."""
    out_dir = Path(out_dir)
    report = BuildReport(out_dir=str(out_dir))
    extractor = extractor or Extractor()
    with GraphStore(out_dir) as store:
        store.load_ontology([ONTOLOGY_DIR / "fp.ttl"])
        for result in extractor.extract(_articles(inputs, report)):
            if isinstance(result, InputError):
                report.skipped.append(str(result))
                continue
            own, shared = result_quads(result)
            store.replace_graph(article_graph(result.article.id), own)
            store.merge(shared, SINGLE_VALUED, preference)
            report.built.append(result.article.id)
            report.claims += len(result.claims)
            if progress:
                progress(len(report.built), None)
        store.flush()
        write_outputs(store, out_dir, html=html)
        report.triples = len(store)
    return report
