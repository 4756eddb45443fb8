"""``kg_actor_ruler``: marks gazetteer actors in a Doc.

Every match becomes a span in ``doc.spans[spans_key]`` whose ``label_`` is the form of the mention
(NAME, METONYM, DEMONYM, BODY_TYPE) and whose ``id_`` is the gazetteer key (or the generic body
type). Overlapping matches keep the longest. Patterns are data: they come from the gazetteer files
and are loaded in :meth:`ActorRuler.initialize`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.gazetteer import Gazetteer, load_gazetteer

DEFAULT_SPANS_KEY = "kg_actors"


def phrase_patterns(gazetteer: Gazetteer) -> dict[tuple[str, str], list[str]]:
    """Group the gazetteer's surface forms by (form, key), the unit a match is labelled with."""
    groups: dict[tuple[str, str], list[str]] = {}
    for phrase, form, key in gazetteer.surface_forms():
        groups.setdefault((form, key), []).extend(variants(phrase, form))
    return groups


def variants(phrase: str, form: str) -> list[str]:
    """The phrase as written, "The Kremlin" opening a sentence, and "MOSCOW" in a dateline."""
    out = [phrase, "The" + phrase[3:]] if phrase.startswith("the ") else [phrase]
    if form in ("NAME", "METONYM") and len(phrase) >= 4 and not phrase.isupper() and phrase[:1].isupper():
        out.append(phrase.upper())
    return out


def match_spans(matcher: PhraseMatcher, doc: Doc, labels: dict[int, tuple[str, str]]) -> list[Span]:
    """Longest non-overlapping matches, labelled with their form and key."""
    spans = [Span(doc, start, end, label=labels[mid][0], span_id=labels[mid][1])
             for mid, start, end in matcher(doc)]
    return sorted(filter_spans(spans), key=lambda s: s.start)


class ActorRuler(Pipe):
    def __init__(self, nlp: Language, name: str = "kg_actor_ruler", *, spans_key: str = DEFAULT_SPANS_KEY,
                 gazetteer_dir: str | None = None):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.gazetteer_dir = gazetteer_dir
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._labels: dict[int, tuple[str, str]] = {}

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   gazetteer: Gazetteer | None = None) -> None:
        """Load the patterns from ``gazetteer`` (default: the files in ``gazetteer_dir``)."""
        gazetteer = gazetteer or load_gazetteer(self.gazetteer_dir)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._labels = {}
        for (form, key), phrases in phrase_patterns(gazetteer).items():
            match_key = f"{form}:{key}"
            self._labels[self.nlp.vocab.strings.add(match_key)] = (form, key)
            self.matcher.add(match_key, list(self.nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = match_spans(self.matcher, doc, self._labels)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    # The patterns are rebuilt from the gazetteer files on initialize(); nothing else to save.
    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude=()) -> "ActorRuler":
        self.initialize()
        return self


@Language.factory(
    "kg_actor_ruler",
    default_config={"spans_key": DEFAULT_SPANS_KEY, "gazetteer_dir": None},
    assigns=["doc.spans"],
    requires=["token.orth"],
)
def make_actor_ruler(nlp: Language, name: str, spans_key: str, gazetteer_dir: str | None) -> ActorRuler:
    return ActorRuler(nlp, name, spans_key=spans_key, gazetteer_dir=gazetteer_dir)
