"""The ``kg`` command line. Each command is a module of its own; importing them registers them."""

from kg.cli import build, evaluate, export, graph, push, query, remove, serve, stats, timeline, validate  # noqa: F401  (register the commands)
from kg.cli._app import app

__all__ = ["app"]
