"""Validate GeoReport responses against the Open311 JSON Schemas, XML read back as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent / "data" / "schema"
LIST_ITEMS = {
    "attributes": "attribute",
    "values": "value",
    "media_urls": "media_url",
    "timeline": "entry",
    "endpoints": "endpoint",
    "formats": "format",
}


def load(name: str) -> dict[str, Any]:
    """Return one schema file."""
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


def registry() -> Registry:
    """Return the schemas by file name, so that "$ref": "request.json" resolves."""
    resources = [(path.name, Resource.opaque(load(path.name))) for path in SCHEMA_DIR.glob("*")]
    return Registry().with_resources(resources)


def swagger_definition(name: str) -> dict[str, Any]:
    """Return a definition of the GeoReport swagger document as a JSON Schema."""
    definition: dict[str, Any] = load("swagger.json")["definitions"][name]
    return definition


def validate(document: Any, schema: dict[str, Any]) -> None:
    """Raise if the document does not match the schema (formats date-time and uri checked)."""
    validator = Draft7Validator(schema, registry=registry(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, "\n".join(error.message for error in errors)


def leaf(text: str | None, schema: dict[str, Any]) -> Any:
    """Type an XML text by its schema: empty as null, booleans and numbers as such."""
    if not text:
        return None
    types = {schema.get("type")} | {option.get("type") for option in schema.get("anyOf", [])}
    if "boolean" in types:
        return text == "true"
    if "integer" in types:
        return int(text)
    if "number" in types:
        return float(text)
    return text


def element_as_json(element: ElementTree.Element, schema: dict[str, Any]) -> Any:
    """Read an XML element as the JSON value the schema describes."""
    if element.tag in LIST_ITEMS:
        item_schema = schema.get("items", {})
        return [element_as_json(child, item_schema) for child in element]
    if len(element) == 0 and "properties" not in schema:
        return leaf(element.text, schema)
    properties = schema.get("properties", {})
    return {child.tag: element_as_json(child, properties.get(child.tag, {})) for child in element}


def xml_as_json(body: bytes, schema: dict[str, Any], *, listed: bool) -> Any:
    """Read a GeoReport XML document (a list of records when listed) as JSON."""
    root = ElementTree.fromstring(body)
    if listed:
        item = schema["items"]
        item = load(item["$ref"]) if "$ref" in item else item
        return [element_as_json(child, item) for child in root]
    return element_as_json(root, schema)
