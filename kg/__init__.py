"""kg: a knowledge-graph builder for foreign-policy news.

Library first: :mod:`kg.build` turns article files into an RDF store, :mod:`kg.store` answers
SPARQL, :mod:`kg.viz` draws the graph. :mod:`kg.cli` is a thin command line over them.
"""

__version__ = "0.1.0"
