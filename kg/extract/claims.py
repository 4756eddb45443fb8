"""One article's parsed title and body -> its actors, topics and claims.

Reads sentences in order (so that "she", "Zakharova" and "the strategy" resolve to what came
before), turns relation candidates into claims with their subject, object, speaker, negation,
hedging and evidence, and adds the officials' ROLE claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kg.extract import derived, modality
from kg.extract.arguments import explicit_subject, implicit_subject
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ACTING_FOR_OTHERS as ACTS_FOR_STATE
from kg.extract.mentions import ArticleActors, Mention, focal_state
from kg.extract.model_claims import ModelStances
from kg.extract.phrases import (
    TOPIC_MODIFIER_DEPS,
    TopicMemory,
    actor_of,
    coordinated_modifier_actors,
    target_of,
    topic_of,
)
from kg.extract.relations import Candidate, pair_noun
from kg.extract.rules import candidates
from kg.extract.sentences import (
    Sentence,
    closes_quote,
    is_byline,
    is_question,
    opens_quote,
    starts_paragraph,
    summed_up,
    summing_up,
    trim,
)
from kg.extract.speakers import Speakers
from kg.extract.stance import StanceModel
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.paragraphs import prefix_end
from kg.records import Actor, Article, ArticleResult, Claim

CONFIDENCE = {"verb": 0.8, "phrasal": 0.8, "light": 0.8, "passive": 0.75, "noun": 0.6, "symmetric": 0.6,
              "mutual": 0.6, "evaluative": 0.6, "attributed": 0.55, "copular": 0.55, "demand": 0.55}
REPORTED_PRONOUNS = frozenset({"it", "they"})
MAX_EVIDENCE = 1000  # characters of a (run-on) sentence kept as a claim's evidence
MAX_QUOTED = 5  # sentences of one quote waiting for its speaker to be named
IMPLICIT_PENALTY = 0.15


@dataclass
class ArticleExtractor(ModelStances, Speakers):
    article: Article
    gazetteer: Gazetteer
    lexicon: Lexicon
    stance: StanceModel | None = None
    stance_threshold: float = 0.5
    actors: ArticleActors = field(init=False)
    topics: TopicMemory = field(default_factory=TopicMemory)  # head lemma -> topic, for "the strategy"
    claims: dict[str, Claim] = field(default_factory=dict)
    last_doer: Actor | None = None  # who did the last act told (asserted, in an earlier sentence)
    pair: tuple[Actor, Actor] | None = field(default=None, init=False)  # the last two states a claim linked
    voice: Actor | None = field(default=None, init=False)  # the last person to speak: who answers in a briefing
    answering: bool = field(default=False, init=False)  # inside an "A:" answer of a transcript
    quoting: Actor | None = field(default=None, init=False)  # who spoke in the sentence just before

    def run(self, title_doc: Doc | None, body_doc: Doc) -> ArticleResult:
        docs = [d for d in (title_doc, body_doc) if d is not None]
        self._title_doc = title_doc
        self.actors = ArticleActors(self.gazetteer, self.lexicon, focal_state(docs, self.gazetteer))
        if title_doc is not None:
            self.actors.prime(body_doc)  # the headline's "Biden" is the body's "Joe Biden"
        for doc, section in ((title_doc, "title"), (body_doc, "body")):
            if doc is not None:
                self._read_section(doc, section)
        self._settle_title_officials()
        claims = list(self.claims.values()) + self._role_claims()
        used = {c.subject.key for c in claims} | {c.object.key for c in claims}
        used |= {c.speaker.key for c in claims if c.speaker}
        actors = [a for k, a in self.actors.actors.items() if k in used]
        actors += [self.actors.principal(a) for a in actors if self.actors.principal(a).key not in used]
        actors += [c.object for c in claims if c.object.kind == "Topic"]
        unique = {a.key: a for a in actors}
        return ArticleResult(self.article, tuple(unique[k] for k in sorted(unique)),
                             tuple(sorted(claims, key=lambda c: (c.section, c.start, c.relation, c.object.key))))

    def _read_section(self, doc: Doc, section: str) -> None:
        """The sentences in order, except that a quote whose speaker is named only where it closes
        ('"We will respond. We oppose the sale," Lin said.') is read from its last sentence, so the
        sentences before it are in the speaker's words too."""
        pending: list[Span] = []
        for sent in doc.sents:
            span = trim(sent)
            if pending and (len(pending) >= MAX_QUOTED or starts_paragraph(span)):
                self._read_quoted(pending, section, None)  # the quote ran on without a speaker
                pending = []
            if not pending and not opens_quote(span):
                self._read_sentence(span, section)
                continue
            pending.append(span)
            if len(pending) > 1 and closes_quote(span):
                self._read_sentence(span, section)
                self._read_quoted(pending[:-1], section, self.quoting)
                pending = []
        self._read_quoted(pending, section, None)

    def _read_quoted(self, spans: list[Span], section: str, speaker: Actor | None) -> None:
        for span in spans:
            self._read_sentence(span, section, speaker)

    def _read_sentence(self, span: Span, section: str, quoted_by: Actor | None = None) -> None:
        span = trim(span)
        if len(span) and span[0].text in ("Q", "A") and span.end - span.start > 1 and span[1].text == ":":
            self.answering = span[0].text == "A"  # a transcript's question or answer begins
        if not len(span) or is_byline(span) or prefix_end(span.doc, span.start) == span.end - 1:
            return  # who wrote it, or where and when: no actor acts in it
        index = self.actors.read(span)
        if is_question(span):  # "Does the United States support the plan?" asserts nothing
            self.actors.after_sentence(index, span)
            return
        sent = Sentence(span, section, index, *self._voice(span, index, section, quoted_by))
        read = [(claim, cand) for cand in candidates(span, self.lexicon) for claim in self._claims(cand, sent)]
        found = [claim for claim, _ in read] + self._summarised(read, sent)
        for claim in found:
            self._keep(claim)
        if self.stance is not None and len({id(m) for m in index.values()}) > 1:
            self._model_stances(sent, found)
        self._remember_topics(span, index)
        self.actors.after_sentence(index, span)
        acts = [c for c in found if c.relation != "ROLE" and not (c.negated or c.hedged)]
        self.last_doer = acts[-1].subject if acts else self._doer(span, index)  # the sentence just before only

    def _claims(self, cand: Candidate, sent: Sentence) -> list[Claim]:
        if cand.family == "pair":  # "The two countries signed an agreement": the last pair, or two states named
            pair = list(self.pair) if self.pair else self.actors.recent_states(2)
            mutual = replace(cand, family="mutual")
            return [c for a, b in (pair, pair[::-1]) for c in self._claims_for(mutual, sent, a, b)] if len(pair) == 2 else []
        if cand.object is not None and pair_noun(cand.object) and cand.object.i not in sent.index:
            return self._toward_pair(cand, sent)
        target = target_of(cand.object, sent.index, self.lexicon, self.topics)
        if cand.family in ("attributed", "mutual", "demand") and (target is None or target.kind == "Topic"):
            return []  # only an actor named in an evaluation, or a party to a joint act, is a target
        out = []
        for subject in self._subjects(cand, sent):
            out += self._claims_for(cand, sent, subject, target)
        self._remember_pair(out, cand)
        return out

    def _remember_pair(self, claims: list[Claim], cand: Candidate) -> None:
        """The two states of a joint act or a hostile one are who "both sides" and "the two leaders" are next."""
        pairs = [c for c in claims if c.subject.kind == c.object.kind == "State" and c.relation != "ROLE"
                 and (cand.family in ("symmetric", "mutual") or c.polarity == "negative")]
        if pairs:
            self.pair = (pairs[-1].subject, pairs[-1].object)

    def _toward_pair(self, cand: Candidate, sent: Sentence) -> list[Claim]:
        """"urged both countries to ...", "criticized both sides": each of the last two states a claim
        linked (else the last two named), when the subject is neither."""
        out = []
        for subject in self._subjects(cand, sent):
            side = self.actors.principal(subject).key if subject is not None else None
            pair = list(self.pair) if self.pair and side not in (a.key for a in self.pair) else \
                [s for s in self.actors.recent_states(3) if s.key != side][-2:]
            if len(pair) == 2:
                self.pair = (pair[0], pair[1])
                out += [c for target in pair for c in self._claims_for(cand, sent, subject, target)]
        return out

    def _subjects(self, cand: Candidate, sent: Sentence) -> list[Actor | None]:
        """Who acts: the subject phrase's actor(s) ("Israeli and US forces" -> both); "we"/"it"/"they"
        in a reported clause -> who reports it; a relation noun with no owner -> the speaker's side."""
        token = cand.subject
        if cand.family in ("copular", "demand"):  # held by whoever is reported to say it
            return self._said_by(cand.trigger, sent) or [None]
        if token is None:
            side = cand.family == "noun" and cand.rtype in self.lexicon.speaker_side_types
            return [sent.speaker if side else None]
        subject = self._unnamed_officials(token, actor_of(token, sent.index, self.lexicon, owners=True))
        if subject is None and token.lower_ in self.lexicon.first_person | REPORTED_PRONOUNS:
            # "they" deeper inside the report ("the ship they attacked") is whoever the report names
            direct = token.lower_ == "they"
            reporter = next(iter(derived.reporters(cand.trigger, sent.index, self.lexicon, direct=direct)), None)
            subject = reporter or (sent.speaker if token.lower_ in self.lexicon.first_person else None)
            if subject is not None and subject.kind == "Person" and token.lower_ in REPORTED_PRONOUNS:
                subject = self._antecedent(token, sent)  # "Zakharova said it ...": "it" is not she
        if subject is None and token.lemma_.lower() in self.lexicon.own_side_nouns \
                and any(c.lower_ == "the" for c in token.children):
            subject = self._own_side(cand.trigger, sent)  # "Choi said the government remained open"
        found = [subject, *coordinated_modifier_actors(token, sent.index)]
        return list({a.key if a is not None else None: a for a in found}.values())  # once each

    def _unnamed_officials(self, token: Token, actor: Actor | None) -> Actor | None:
        """"Swedish officials", "Israeli diplomats": the state's government speaks (as ``fp:speaker``),
        the state acts; "Polish lawmakers": its parliament."""
        body_type = self.lexicon.official_nouns.get(token.lemma_.lower()) or self.lexicon.official_nouns.get(token.lower_)
        portfolio = next((self.lexicon.portfolios[c.lower_] for c in token.children
                          if c.dep_ in ("amod", "compound") and c.lower_ in self.lexicon.portfolios), None)
        body_type = portfolio if body_type and portfolio else body_type  # "Pakistan's foreign minister"
        if actor is None or actor.kind != "State" or body_type not in self.gazetteer.generic_bodies \
                or actor.key not in self.gazetteer.entries:
            return actor
        return self.actors.body_of(actor.key, body_type)

    def _antecedent(self, pronoun: Token, sent: Sentence) -> Actor | None:
        """The nearest noun phrase before "it"/"they" in the sentence, if it names a state or an
        organisation, or is a document or policy of one ("characterized the strategy ... said it":
        the strategy's state); None when it is anything else."""
        for token in reversed(sent.span.doc[sent.span.start:pronoun.i]):
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "poss"):
                mention = sent.index.get(token.i)
                if mention is not None:
                    return mention.actor if mention.actor.kind != "Person" else None
                topic = topic_of(token, sent.index, self.lexicon, self.topics)
                owners = [self.actors.actors[k] for k in (topic.about if topic else ()) if k in self.actors.actors]
                return self.actors.principal(owners[0]) if len(owners) == 1 and owners[0].kind != "Person" else None
        return None

    def _claims_for(self, cand: Candidate, sent: Sentence, subject: Actor | None, target: Actor | None) -> list[Claim]:
        implicit = cand.subject is None or cand.subject.dep_ not in ("nsubj", "nsubjpass", "poss", "compound", "pobj", "amod", "nmod") or cand.subject.head.i != cand.trigger.i
        if cand.family == "symmetric":
            subject, target = self._orient(subject, target, sent)
        if cand.family in ("symmetric", "mutual") and target is not None and target.kind == "Person":
            target = self.actors.principal(target)  # leaders meeting: their states are the parties
        if subject is None or target is None:
            return []
        speaker = sent.speaker if sent.reports(cand.trigger) else None
        inside = self._within_one_side(subject, target)
        if subject.kind in ACTS_FOR_STATE and not inside:  # an official or a ministry acts for its state
            body, subject = subject, self.actors.principal(subject)
            # "[Chinese coast guard] ships fired ..., the Philippine military said": the report's source speaks
            other_side = speaker is not None and self.actors.principal(speaker).key != subject.key
            speaker = speaker if body.kind != "Person" and other_side else body
        if target.kind == "GovernmentBody" and not inside:  # a ministry stands for its state; a person stays
            target = self.actors.principal(target)
        if not inside and (self.actors.principal(target).key == subject.key or target.key == subject.key):
            return []
        confidence = CONFIDENCE[cand.family] - (IMPLICIT_PENALTY if implicit else 0.0)
        claim = self._claim(cand, sent, subject, target, speaker, confidence)
        if not claim.negated and cand.trigger.dep_ in ("xcomp", "ccomp") and modality.requests(cand.trigger.head, self.lexicon):
            return []  # "urged Iran to grant access", "demanded that the EU impose sanctions": asked for, not done
        if modality.asked_about(cand.trigger):
            return []  # "did not say whether Washington would ease restrictions"
        principal = self.actors.principal
        if cand.family != "demand" and derived.is_deontic(cand.trigger):
            askers = derived.reporters(cand.trigger, sent.index, self.lexicon)
            if askers:
                return derived.demand(claim, askers, principal)
        return [claim, *derived.refusal(claim, cand, self.lexicon),
                *derived.accusations(claim, cand, sent.index, sent.speaker, self.lexicon, principal),
                *derived.owner_claims(claim, cand, sent.index, principal, self.lexicon, self.actors.actors,
                                      self.last_doer)]

    def _summarised(self, read: list[tuple[Claim, Candidate]], sent: Sentence) -> list[Claim]:
        """"Germany will send jets, a move Moscow criticised": the move is the act it sums up, and
        its doer is the target too."""
        out = []
        for claim, cand in read:
            word = cand.object
            if claim.object.kind != "Topic" or not summing_up(word, self.lexicon):
                continue
            act = summed_up(word)
            doers = [c.subject for c, k in read if k.trigger.i == act.i and c.relation != "ROLE"]
            doer = doers[0] if doers else self._side_of(explicit_subject(act), sent.index)
            if doer is not None and doer.key != claim.subject.key:
                out.append(replace(claim, object=doer, confidence=round(claim.confidence - 0.1, 2)))
        return out

    def _doer(self, span: Span, index: dict[int, Mention]) -> Actor | None:
        """Who acts in a sentence no rule read: the main verb's subject ("Maduro ordered the state oil
        company to ...": Venezuela)."""
        return self._side_of(explicit_subject(span.root), index) if span.root.pos_ == "VERB" else None

    def _within_one_side(self, first: Actor, second: Actor) -> bool:
        """Two of one state's (or organisation's) officials or bodies, neither the state itself ("Senator
        Rubio criticized President Trump"): a dispute inside that side, kept between the two of them
        instead of being read as the state acting on itself."""
        side = self.actors.principal(first)
        return first.key != second.key and side.key not in (first.key, second.key) \
            and self.actors.principal(second).key == side.key

    def _side_of(self, token: Token | None, index: dict[int, Mention]) -> Actor | None:
        """The state or organisation the phrase headed by ``token`` names or acts for, if any."""
        actor = actor_of(token, index, self.lexicon) if token is not None else None
        return self.actors.principal(actor) if actor is not None else None

    def _orient(self, first: Actor | None, second: Actor | None, sent: Sentence):
        """Symmetric relations ("cooperation between Washington and Moscow"): the stance holder goes first."""
        holder = sent.speaker and self.actors.principal(sent.speaker)
        root_subj = explicit_subject(sent.span.root)
        holder = (actor_of(root_subj, sent.index, self.lexicon) if root_subj is not None else None) or holder
        if holder is not None and second is not None and self.actors.principal(holder).key == self.actors.principal(second).key:
            return second, first
        return first, second

    def _claim(self, cand: Candidate, sent: Sentence, subject: Actor, target: Actor, speaker: Actor | None,
               confidence: float) -> Claim:
        span = sent.span
        # "did not endorse Washington's call for X": the call is Washington's all the same, with only
        # its own negation; "X must not join": the request stands, whatever it asks
        asked = cand.family == "demand"
        owned = asked or cand.family == "noun" and cand.subject is not None and (
            cand.subject.dep_ in ("poss", "amod", "compound", "nmod") and cand.subject.head.i == cand.trigger.i
            or cand.subject.dep_ == "pobj" and cand.subject.head.head.i == cand.trigger.i)  # "a Western request"
        return Claim(
            article_id=self.article.id, subject=subject, relation=cand.rtype, object=target,
            polarity=self.lexicon.polarity[cand.rtype], evidence=self._source_text(span, sent.section, cand.trigger),
            start=span.start_char,
            end=span.end_char, section=sent.section,
            negated=not asked and modality.is_negated(cand.trigger, self.lexicon, clause=not owned),
            hedged=not owned and modality.is_hedged(cand.trigger, self.lexicon),
            alleged=not owned and modality.is_alleged(cand.trigger, self.lexicon)
            or modality.criticised(cand.trigger, self.lexicon),  # "criticised China's support for Russia"
            speaker=speaker if speaker is not None and speaker.key != subject.key else None,
            confidence=round(max(0.05, min(confidence, 0.99)), 2), trigger=cand.trigger.text,
        )

    def _source_text(self, span: Span, section: str, around: Token | None = None) -> str:
        """The evidence as the article has it (titles are parsed in sentence case); of a sentence
        longer than MAX_EVIDENCE characters, the part around the word that signalled the claim."""
        text = self.article.title if section == "title" else self.article.text
        start, end = span.start_char, span.end_char
        if end - start > MAX_EVIDENCE and around is not None:
            middle = around.idx
            start = max(start, middle - MAX_EVIDENCE // 2)
            end = min(end, start + MAX_EVIDENCE)
            return ("…" if start > span.start_char else "") + text[start:end].strip() + ("…" if end < span.end_char else "")
        return text[start:end]

    def _settle_title_officials(self) -> None:
        """A headline is read first: an official it names ("Biden and Xi agree ...") acts for the state
        the body later says they serve, and leaders meeting stand for their states, as in the body."""
        principal = self.actors.principal
        for key, claim in list(self.claims.items()):
            if claim.section != "title":
                continue
            subject = principal(claim.subject) if claim.subject.kind in ACTS_FOR_STATE else claim.subject
            target = principal(claim.object) if claim.object.kind == "Person" and \
                claim.relation in self.lexicon.partner_types else claim.object
            if subject.key == claim.subject.key and target.key == claim.object.key:
                continue
            del self.claims[key]
            speaker = claim.subject if subject.key != claim.subject.key else claim.speaker
            if target.key != subject.key:
                self._keep(replace(claim, subject=subject, object=target, speaker=speaker))

    def _keep(self, claim: Claim) -> None:
        """One claim per (subject, relation, object, negated) per article: the most confident, then the first."""
        key = f"{claim.subject.key}|{claim.relation}|{claim.object.key}|{claim.negated}"
        if key not in self.claims or claim.confidence > self.claims[key].confidence:
            self.claims[key] = claim

    def _remember_topics(self, span: Span, index: dict[int, Mention]) -> None:
        """Named things that "the strategy" may later refer to; a proper name ("US National Security
        Strategy") is not displaced by a later common description ("the first US strategy")."""
        for token in span:
            head = token.lemma_.lower()
            mention = index.get(token.i)
            if mention is not None:
                if mention.end - 1 == token.i and mention.form == "NER" and mention.end - mention.start > 1:
                    self.topics.remember(head, lambda actor=mention.actor: actor, proper=True)
                continue
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "poss") and _has_modifiers(token):
                self.topics.remember(head, lambda t=token: self._done_thing(t, index), proper=token.pos_ == "PROPN")

    def _done_thing(self, token: Token, index: dict[int, Mention]) -> Actor | None:
        """The topic a noun names, and the actor who did it when the noun is what an actor's verb
        made ("China stages large-scale drills": the drills are China's, when "the drills" come back)."""
        topic = topic_of(token, index, self.lexicon, {})
        verb = self.lexicon.verb_lemma(token.head)
        makes = verb in self.lexicon.light_verbs or self.lexicon.verbs.get(verb) == "ISSUE"  # stage, impose, release
        if topic is None or token.dep_ not in ("dobj", "obj") or token.head.pos_ != "VERB" or not makes:
            return topic
        subj = explicit_subject(token.head) or implicit_subject(token.head)
        doer = actor_of(subj, index, self.lexicon) if subj is not None else None
        if doer is None or doer.key in topic.about:
            return topic
        return replace(topic, about=(*topic.about, self.actors.principal(doer).key))

    def _role_claims(self) -> list[Claim]:
        out = {}
        for role in self.actors.roles:
            section = "title" if role.sentence.doc is self._title_doc else "body"
            claim = Claim(article_id=self.article.id, subject=role.person, relation="ROLE", object=role.organization,
                          polarity="neutral", evidence=self._source_text(role.sentence, section), start=role.sentence.start_char,
                          end=role.sentence.end_char, confidence=0.7, section=section, trigger=role.post)
            out.setdefault((role.person.key, role.organization.key), claim)
        return list(out.values())


def _has_modifiers(token: Token) -> bool:
    """Could the noun head a phrase of two words or more? (A bare noun cannot: no need to build it.)"""
    return any(c.i < token.i and c.dep_ in TOPIC_MODIFIER_DEPS or c.dep_ in ("prep", "acl") for c in token.children)


def extract_article(article: Article, title_doc: Doc | None, body_doc: Doc, *, gazetteer: Gazetteer,
                    lexicon: Lexicon, stance: StanceModel | None = None,
                    stance_threshold: float = 0.5) -> ArticleResult:
    """Claims of one article from its parsed title (may be None) and body; with a ``stance`` model,
    also the stances it finds between actors the rules left unlinked."""
    return ArticleExtractor(article, gazetteer, lexicon, stance, stance_threshold).run(title_doc, body_doc)
