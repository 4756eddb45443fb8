"""spaCy side: the gazetteer, the ``kg_*`` pipeline components and the pipeline factory."""
