"""The ``kg`` command line. Each command is a module of its own; importing them registers them."""

from kg.cli import (  # noqa: F401  (register the commands)
    build,
    evaluate,
    export,
    graph,
    push,
    query,
    remove,
    serve,
    stats,
    timeline,
    validate,
)
from kg.cli._app import app

__all__ = ["app"]
