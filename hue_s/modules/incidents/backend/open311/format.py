"""Render Open311 GeoReport v2 documents as JSON or XML, errors included."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from pydantic_core import to_json
from starlette.responses import Response

JSON_TYPE = "application/json"
XML_TYPE = "text/xml"
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "media_urls": "media_url",
    "timeline": "entry",
}
"""The element name of one item of each list, as the GeoReport v2 XML examples write them."""
NOT_XML_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """Return the XML text of a scalar: booleans as true/false, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML_CHARACTERS.sub("", str(value))


def add_xml(parent: ElementTree.Element, name: str, value: Any) -> None:
    """Append value under parent as element `name` (lists as repeated singular elements)."""
    element = ElementTree.SubElement(parent, name)
    fill_xml(element, name, value)


def fill_xml(element: ElementTree.Element, name: str, value: Any) -> None:
    """Put value inside element: a dict's keys as children, a list's items as repeats."""
    if isinstance(value, dict):
        for key, item in value.items():
            add_xml(element, key, item)
    elif isinstance(value, list):
        item_name = ITEM_NAMES.get(name, "item")
        for item in value:
            add_xml(element, item_name, item)
    else:
        element.text = xml_text(value)


def render_xml(root: str, document: Any) -> bytes:
    """Return the XML bytes of a document under its root element."""
    element = ElementTree.Element(root)
    fill_xml(element, root, document)
    body: bytes = ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)
    return body


def render(document: Any, root: str, response_format: str, status_code: int = 200) -> Response:
    """Return the response of a document in the format asked for (json or xml)."""
    if response_format == "xml":
        return Response(render_xml(root, document), status_code, media_type=XML_TYPE)
    return Response(to_json(document), status_code, media_type=JSON_TYPE)


def format_of_path(path: str) -> str:
    """Return the response format a GeoReport path asks for: xml for *.xml, else json."""
    return "xml" if path.endswith(".xml") else "json"


def render_error(status_code: int, error_code: str, description: str, path: str) -> Response:
    """Return the GeoReport error list, with our stable error_code beside the status code."""
    error = {"code": status_code, "description": description, "error_code": error_code}
    return render([error], "errors", format_of_path(path), status_code)
