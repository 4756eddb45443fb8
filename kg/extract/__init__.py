"""Extraction: pure functions over parsed Docs that return plain records (no I/O, no RDF)."""
