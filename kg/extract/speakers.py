"""Who speaks in a sentence of an article: the subject of its reporting verb, "according to X", a
quote that goes on or is attributed only where it closes, the answerer in a briefing transcript,
and the side of whoever is reported to say a clause. A mixin of
:class:`kg.extract.claims.ArticleExtractor` (which keeps the ``voice``, ``quoting`` and ``answering``
state between sentences).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract import derived
from kg.extract.arguments import implicit_subject
from kg.extract.mentions import Mention
from kg.extract.phrases import actor_of
from kg.extract.sentences import inside_quote, quoted_as_saying
from kg.records import Actor

if TYPE_CHECKING:
    from kg.extract.sentences import Sentence


class Speakers:
    """Speaker attribution for :class:`~kg.extract.claims.ArticleExtractor`."""

    def _voice(self, span: Span, index: dict[int, Mention], section: str,
               quoted_by: Actor | None = None) -> tuple[Actor | None, int | None]:
        """Who speaks in the sentence, and their reporting verb's index: its own speaker; else the one a
        later sentence names as saying the quote it is in (``quoted_by``); else, inside a quote the
        sentence before opened, that sentence's speaker ('Lin said: "... . We oppose the sale."');
        else, in a transcript's answer, the last person to speak (or the one the headline names)."""
        speaker, said = self._speaker(span, index)
        if speaker is None and quoted_by is not None:
            return quoted_by, None
        quoting, self.quoting = self.quoting, None
        if speaker is None and quoting is not None and inside_quote(span):
            speaker = quoting
        if speaker is not None and speaker.kind == "Person":
            self.voice = self.quoting = speaker
        elif speaker is None and self.answering:
            speaker = self.voice  # "A: We urge the United States to ...": the spokesperson answering
        if section == "title" and self.voice is None:
            self.voice = next((r.person for r in self.actors.roles if r.sentence.doc is span.doc), None)
        return speaker, said

    def _speaker(self, span: Span, index: dict[int, Mention]) -> tuple[Actor | None, int | None]:
        """The subject of the sentence's reporting verb ("..., Zakharova said") and that verb's index,
        or "according to X" (for the whole sentence); a person speaking wins over a state that "believes"."""
        found = []
        for token in span:
            if token.pos_ == "VERB" and self.lexicon.verb_lemma(token) in self.lexicon.reporting_verbs:
                subj = quoted_as_saying(token, self.lexicon) or implicit_subject(token)
                actor = self._unnamed_officials(subj, actor_of(subj, index, self.lexicon)) if subj is not None else None
                if actor:
                    found.append((actor, token.i))
            if token.lower_ == "according" and token.nbor(1).lower_ == "to":
                obj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
                source = self._unnamed_officials(obj, actor_of(obj, index, self.lexicon)) if obj is not None else None
                if source is not None:  # "according to Syrian officials": the Syrian government
                    found.append((source, None))
        people = [f for f in found if f[0].kind == "Person"]
        return (people or found or [(None, None)])[0]

    def _said_by(self, trigger: Token, sent: Sentence) -> list[Actor]:
        """Who is reported to say what holds ``trigger``: the subjects of its reporting verb, else the
        sentence's speaker when the report covers it."""
        said_by = derived.reporters(trigger, sent.index, self.lexicon)
        return said_by or ([sent.speaker] if sent.speaker is not None and sent.reports(trigger) else [])

    def _own_side(self, trigger: Token, sent: Sentence) -> Actor | None:
        """The state of whoever is reported to say what holds ``trigger``."""
        speaker = next(iter(self._said_by(trigger, sent)), None)
        side = self.actors.principal(speaker) if speaker is not None else None
        return side if side is not None and side.kind == "State" else None
