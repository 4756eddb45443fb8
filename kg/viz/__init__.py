"""Interactive, offline HTML view of the graph.

:mod:`kg.viz.claims` reads the claims from the store, :mod:`kg.viz.views` makes a view of them
(level, focus, dates, relation, polarity, min-claims, max-nodes), :mod:`kg.viz.layout` computes
positions for big graphs, :mod:`kg.viz.page` renders the page (:func:`render_page`,
:func:`write_page`) and :mod:`kg.viz.project` puts them together (``kg graph``, ``kg build``).
"""

from kg.viz.page import render_page, write_page

__all__ = ["render_page", "write_page"]
