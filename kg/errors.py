"""Typed exceptions raised by the library. Only :mod:`kg.cli` turns them into messages and exit codes."""


class KgError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(KgError):
    """An input file (or one line of it) cannot be read as an article.

    ``path`` and ``line`` name where; ``reason`` says why in a few words.
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class DataFileError(KgError):
    """A bundled data file (gazetteer, lexicon, query, template) is malformed."""


class StoreError(KgError):
    """The graph store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or refused."""
