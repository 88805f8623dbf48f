"""Validate CAP 1.2 XML against the OASIS schema shipped in alerts/data/cap12.xsd."""

from __future__ import annotations

import functools
from importlib import resources

from lxml import etree

DATA_PACKAGE = "hue_s.modules.alerts.backend.data"
SCHEMA_FILE = "cap12.xsd"


@functools.cache
def cap12_schema() -> etree.XMLSchema:
    """Return the compiled CAP 1.2 schema (loaded once per process)."""
    schema_bytes = resources.files(DATA_PACKAGE).joinpath(SCHEMA_FILE).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.fromstring(schema_bytes, parser))


def cap12_problems(document: bytes) -> list[str]:
    """Return why a CAP 1.2 document breaks the schema; empty when it is valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    schema = cap12_schema()
    if schema.validate(etree.fromstring(document, parser)):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
