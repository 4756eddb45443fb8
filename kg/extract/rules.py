"""Every rule family over one sentence: the verb and noun frames of :mod:`kg.extract.relations`
and the evaluations of :mod:`kg.extract.evaluations`."""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.evaluations import (
    adjective_candidates,
    copular_candidates,
    evaluative_candidates,
    stance_noun_candidates,
)
from kg.extract.lexicon import Lexicon
from kg.extract.relations import (
    Candidate,
    demand_candidates,
    noun_candidates,
    verb_candidates,
)


def candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    """The relation candidates of every rule family in ``sent``."""
    return [*verb_candidates(sent, lex), *noun_candidates(sent, lex), *evaluative_candidates(sent, lex),
            *stance_noun_candidates(sent, lex), *adjective_candidates(sent, lex), *copular_candidates(sent, lex),
            *demand_candidates(sent, lex)]
