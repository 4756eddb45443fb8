"""The ``kg`` command line. Each command is a module of its own; importing them registers them."""

from kg.cli import build, evaluate, graph, query  # noqa: F401  (register the commands)
from kg.cli._app import app

__all__ = ["app"]
