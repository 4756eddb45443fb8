"""The stance model's claims inside an article: between the actors of a sentence that the rules left
unlinked, with the guards that keep the model from turning a rule's reading around, and typed,
attributed and hedged like a rule claim. A mixin of :class:`kg.extract.claims.ArticleExtractor`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import modality
from kg.extract.arguments import explicit_subject, implicit_subject
from kg.extract.mentions import ACTING_FOR_OTHERS as ACTS_FOR_STATE
from kg.extract.pairs import PairStance, pair_stances
from kg.records import Claim

if TYPE_CHECKING:
    from kg.extract.sentences import Sentence

MODEL_CONFIDENCE = 0.6  # a model stance ranks below a rule claim that says the same
TITLE_THRESHOLD = 0.7  # headlines are terse and parsed less well: the model must be surer there


class ModelStances:
    """Model claims for :class:`~kg.extract.claims.ArticleExtractor` (which supplies ``actors``,
    ``lexicon``, ``stance``, ``stance_threshold``, ``article`` and the helpers used below)."""

    def _model_stances(self, sent: Sentence, found: list[Claim]) -> None:
        """The model's stances between actors the rules left unlinked: a pair the rules linked in any
        way (a claim between them, or about a topic of the other's, asserted or negated) keeps the
        rules' reading, so the model never turns a claim around or asserts a negated act; a target
        the rules already gave a stance of that polarity keeps the rules' holder; an actor the rules
        found denying or refusing something gets no model stance in that sentence."""
        linked, taken = set(), set()
        for claim in found:
            others = [self.actors.principal(claim.object)] if claim.object.kind != "Topic" else [
                self.actors.principal(self.actors.actors[k]) for k in claim.object.about if k in self.actors.actors]
            linked.update(frozenset((claim.subject.key, other.key)) for other in (*others, claim.object))
            taken.update((other.key, claim.polarity) for other in others)
        holders = frozenset(claim.subject.key for claim in found if claim.relation != "ROLE")
        denied = {claim.subject.key for claim in found if claim.negated} | self._deniers(sent)
        for stance in pair_stances(sent.span, sent.index, linked, self.stance, self.lexicon,
                                   principal=self.actors.principal,
                                   threshold=self.stance_threshold if sent.section == "body" else TITLE_THRESHOLD,
                                   holders=holders, one_clause=sent.section == "title"):
            if (self.actors.principal(stance.target.actor).key, stance.polarity) not in taken \
                    and self.actors.principal(stance.holder.actor).key not in denied:
                self._keep_stance(stance, sent)

    def _deniers(self, sent: Sentence) -> set[str]:
        """Who denies or refuses something in the sentence ("Iran denies supplying drones to the Houthis",
        "Serbia rejected claims that it had massed troops")."""
        sides = (self._side_of(explicit_subject(verb) or implicit_subject(verb), sent.index)
                 for verb in sent.span if verb.pos_ == "VERB" and (
                     modality.gives_up(verb, self.lexicon) or modality.denies_charge(verb, self.lexicon)))
        return {side.key for side in sides if side is not None}

    def _keep_stance(self, stance: PairStance, sent: Sentence) -> None:
        """A claim from the stance model: its holder's side toward the target, typed by the lexicon."""
        holder, target = stance.holder.actor, stance.target.actor
        last = sent.span.doc[stance.holder.end - 1]
        if last.dep_ in ("amod", "compound"):  # "[Swedish] officials": their government speaks
            holder = self._unnamed_officials(last.head, holder)
        if self._within_one_side(holder, target):
            subject, speaker = holder, sent.speaker
        else:
            speaker = holder if holder.kind in ACTS_FOR_STATE else sent.speaker
            subject = self.actors.principal(holder)
            target = self.actors.principal(target) if target.kind == "GovernmentBody" else target  # a person stays
        if subject.key == target.key:
            return
        modal = stance.trigger if stance.trigger is not None else sent.span.root
        self._keep(Claim(
            article_id=self.article.id, subject=subject, relation=stance.relation, object=target,
            polarity=stance.polarity, evidence=self._source_text(sent.span, sent.section, modal),
            start=sent.span.start_char, end=sent.span.end_char, section=sent.section,
            negated=stance.trigger is not None and modality.is_negated(stance.trigger, self.lexicon),
            hedged=modality.is_hedged(modal, self.lexicon), alleged=modality.is_alleged(modal, self.lexicon),
            speaker=speaker if speaker is not None and speaker.key != subject.key else None,
            confidence=round(MODEL_CONFIDENCE * stance.probability, 2),
            trigger=stance.trigger.text if stance.trigger is not None else "stance model",
        ))
