"""Interactive, offline HTML view of the graph: :func:`render_page` and :func:`write_page`."""

from kg.viz.page import render_page, write_page

__all__ = ["render_page", "write_page"]
