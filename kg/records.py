"""Plain records passed between the layers. They carry no spaCy and no RDF objects."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input article. ``origin`` names the file (and line) it came from."""

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Actor:
    """A canonical actor or a target topic.

    ``key`` is the stable slug the IRI is made from; ``kind`` is an ontology class local name
    (State, InternationalOrganization, GovernmentBody, Person, ArmedGroup, Company, Organization,
    Location, Topic). ``parent`` is the key of the state or organisation an official or body
    belongs to, when known.
    """

    key: str
    label: str
    kind: str
    wikidata: str | None = None
    iso: str | None = None
    parent: str | None = None
    about: tuple[str, ...] = ()  # for topics: keys of the actors the topic is about


@dataclass(frozen=True)
class Claim:
    """One extracted relation: ``subject`` does or says ``relation`` toward ``object``.

    Offsets are character offsets into the article's ``text`` (``section == "body"``) or into
    its ``title`` (``section == "title"``).
    """

    article_id: str
    subject: Actor
    relation: str  # relation-type concept local name, e.g. "ACCUSE"
    object: Actor
    polarity: str  # positive / negative / neutral
    evidence: str
    start: int
    end: int
    section: str = "body"
    negated: bool = False
    hedged: bool = False
    alleged: bool = False  # reported as someone's charge ("accused X of arming Y"), not established
    speaker: Actor | None = None
    confidence: float = 0.5
    trigger: str = ""  # the word(s) that signalled the relation


@dataclass(frozen=True)
class ArticleResult:
    """What extraction made of one article: its actors (incl. topics) and claims."""

    article: Article
    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass
class BuildReport:
    """What a build (or a removal) did: article ids by outcome, counts, one line per skipped input.

    ``built`` are the articles extracted and written by this run (``added`` + ``replaced``, in input
    order), ``claims`` their claims; ``unchanged`` were left alone (same content hash), ``removed``
    were taken out by ``kg remove``. ``changed`` says whether the store changed at all, ``written``
    lists the output files rewritten.
    """

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "path[:line]: reason"
    claims: int = 0
    triples: int = 0
    out_dir: str = ""
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: bool = False
    written: list[str] = field(default_factory=list)
    page_note: str | None = None  # what graph.html left out (a large graph), if anything

    @property
    def nothing_to_do(self) -> bool:
        """True when the run changed neither the store nor any file."""
        return not self.changed and not self.written
