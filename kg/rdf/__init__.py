"""RDF side: the ``fp`` namespace (generated from ``ontologies/fp.ttl``), IRIs and claims -> triples."""
