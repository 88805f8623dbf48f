"""Write a CapAlert as CAP 1.2 XML, in the element order the OASIS schema requires.

What is written is what was read: resources, empty parameter values and the sender's UTC
offsets included. Where the sender left out an element the CAP 1.2 schema requires, the
document must still be valid for other systems to take it, so the writer puts the standard's
own "not known" value and nothing more specific: <certainty>Unknown</certainty> (CAP 1.2
3.2.2: "Certainty unknown"), <category>Other</category> (the catch-all category; CAP has no
"unknown" one) and, for a resource, <mimeType>application/octet-stream</mimeType> (RFC 2046's
"arbitrary data"). The stored alert and the JSON API keep them absent.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from lxml import etree

from hue_s.modules.alerts.backend.cap.record import (
    CAP12_NAMESPACE,
    CapAlert,
    CapArea,
    CapInfo,
    CapResource,
)
from hue_s.modules.alerts.backend.cap.values import format_cap_time, format_references

UNKNOWN_CERTAINTY = "Unknown"
CATCH_ALL_CATEGORY = "Other"
ANY_MEDIA_TYPE = "application/octet-stream"


def _add(parent: etree._Element, name: str, value: str | datetime | float | None) -> None:
    """Append <name>value</name> in the CAP namespace unless value is None or empty."""
    if value is None or value == "":
        return
    child = etree.SubElement(parent, f"{{{CAP12_NAMESPACE}}}{name}")
    if isinstance(value, datetime):
        child.text = format_cap_time(value)
    else:
        child.text = str(value)


def _add_pairs(parent: etree._Element, name: str, pairs: list[tuple[str, str]]) -> None:
    """Append one <name><valueName/><value/></name> per pair (an empty value stays empty)."""
    for value_name, value in pairs:
        holder = etree.SubElement(parent, f"{{{CAP12_NAMESPACE}}}{name}")
        _add(holder, "valueName", value_name)
        etree.SubElement(holder, f"{{{CAP12_NAMESPACE}}}value").text = value


def _add_resource(parent: etree._Element, resource: CapResource) -> None:
    """Append one <resource>."""
    element = etree.SubElement(parent, f"{{{CAP12_NAMESPACE}}}resource")
    _add(element, "resourceDesc", resource.resource_desc)
    _add(element, "mimeType", resource.mime_type or ANY_MEDIA_TYPE)
    _add(element, "size", resource.size)
    _add(element, "uri", resource.uri)
    _add(element, "derefUri", resource.deref_uri)
    _add(element, "digest", resource.digest)


def _point_list(ring: list[tuple[float, float]]) -> str:
    """Write a ring as CAP's 'lat,lon lat,lon ...'."""
    return " ".join(f"{lat},{lon}" for lat, lon in ring)


def _add_area(parent: etree._Element, area: CapArea) -> None:
    """Append one <area>."""
    element = etree.SubElement(parent, f"{{{CAP12_NAMESPACE}}}area")
    _add(element, "areaDesc", area.area_desc or "Unnamed area")
    for ring in area.polygons:
        _add(element, "polygon", _point_list(ring))
    for circle in area.circles:
        _add(element, "circle", f"{circle.lat},{circle.lon} {circle.radius_km}")
    _add_pairs(element, "geocode", area.geocodes)
    _add(element, "altitude", area.altitude)
    if area.altitude is not None:  # CAP allows a ceiling only together with an altitude
        _add(element, "ceiling", area.ceiling)


def _add_info(parent: etree._Element, info: CapInfo) -> None:
    """Append one <info>."""
    element = etree.SubElement(parent, f"{{{CAP12_NAMESPACE}}}info")
    _add(element, "language", info.language)
    for category in info.categories or [CATCH_ALL_CATEGORY]:
        _add(element, "category", category)
    _add(element, "event", info.event)
    for response_type in info.response_types:
        _add(element, "responseType", response_type)
    for name, value in (
        ("urgency", info.urgency),
        ("severity", info.severity),
        ("certainty", info.certainty or UNKNOWN_CERTAINTY),
        ("audience", info.audience),
    ):
        _add(element, name, value)
    _add_pairs(element, "eventCode", info.event_codes)
    for name, moment in (
        ("effective", info.effective),
        ("onset", info.onset),
        ("expires", info.expires),
    ):
        _add(element, name, moment)
    for name, text in (
        ("senderName", info.sender_name),
        ("headline", info.headline),
        ("description", info.description),
        ("instruction", info.instruction),
        ("web", quote(info.web, safe=":/?#[]@!$&'()*+,;=%~") if info.web else None),
        ("contact", info.contact),
    ):
        _add(element, name, text)
    _add_pairs(element, "parameter", info.parameters)
    for resource in info.resources:
        _add_resource(element, resource)
    for area in info.areas:
        _add_area(element, area)


def alert_element(alert: CapAlert) -> etree._Element:
    """Return the CAP 1.2 <alert> element of a CapAlert."""
    root = etree.Element(f"{{{CAP12_NAMESPACE}}}alert", nsmap={None: CAP12_NAMESPACE})
    for name, value in (
        ("identifier", alert.identifier),
        ("sender", alert.sender),
        ("sent", alert.sent),
        ("status", alert.status),
        ("msgType", alert.msg_type),
        ("source", alert.source),
        ("scope", alert.scope),
        ("restriction", alert.restriction),
        ("addresses", alert.addresses),
    ):
        _add(root, name, value)
    for code in alert.codes:
        _add(root, "code", code)
    _add(root, "note", alert.note)
    _add(root, "references", format_references(alert.references))
    _add(root, "incidents", alert.incidents)
    for info in alert.infos:
        _add_info(root, info)
    return root


def cap_xml(alert: CapAlert) -> bytes:
    """Return a CapAlert as a UTF-8 CAP 1.2 document."""
    return etree.tostring(
        alert_element(alert), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
