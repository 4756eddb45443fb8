"""The fp ontology's terms. GENERATED from ontologies/fp.ttl by `python -m kg.rdf.gen_namespace`: do not edit."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class FP(DefinedNamespace):
    """Foreign-policy knowledge graph ontology."""

    _fail = True

    ACCUSE: URIRef
    AGREE: URIRef
    AID: URIRef
    ASSAULT: URIRef
    Actor: URIRef
    ArmedGroup: URIRef
    Article: URIRef
    COERCE: URIRef
    CONCEDE: URIRef
    CONCERN: URIRef
    CONSULT: URIRef
    COOPERATE: URIRef
    Claim: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    ISSUE: URIRef
    InternationalOrganization: URIRef
    Location: URIRef
    MOBILIZE: URIRef
    Organization: URIRef
    PURSUE: URIRef
    Person: URIRef
    REJECT: URIRef
    REQUEST: URIRef
    ROLE: URIRef
    RelationType: URIRef
    RelationTypes: URIRef
    SANCTION: URIRef
    SUPPORT: URIRef
    State: URIRef
    THREATEN: URIRef
    Topic: URIRef
    about: URIRef
    actorTriples: URIRef
    agreesTo: URIRef
    aids: URIRef
    alleged: URIRef
    attacks: URIRef
    coerces: URIRef
    concedesTo: URIRef
    confidence: URIRef
    consultsWith: URIRef
    contentHash: URIRef
    cooperatesWith: URIRef
    criticizes: URIRef
    directPredicate: URIRef
    evidence: URIRef
    evidenceEnd: URIRef
    evidenceSection: URIRef
    evidenceStart: URIRef
    hedged: URIRef
    holdsRoleIn: URIRef
    isConcernedAbout: URIRef
    iso3166Code: URIRef
    issues: URIRef
    mobilizesAgainst: URIRef
    negated: URIRef
    object: URIRef
    polarity: URIRef
    pursues: URIRef
    rejects: URIRef
    relatedTo: URIRef
    relation: URIRef
    requests: URIRef
    sanctions: URIRef
    speaker: URIRef
    subject: URIRef
    supports: URIRef
    threatens: URIRef
    trigger: URIRef

    _NS = Namespace("https://w3id.org/fpkg/ontology#")
