"""Turn a CAP 1.1/1.2 <alert> element into a CapAlert, leniently but refusing what is unusable.

Lenient: elements in any order, unknown or foreign elements ignored, enumerations matched
without regard to case, unreadable urgency/severity read as Unknown, a missing or unreadable
certainty or category kept absent (never guessed), unusable polygons and circles dropped
(each repair noted in `warnings`). Refused (CapError): a namespace other than CAP 1.1/1.2, a
missing or malformed identity (identifier, sender, sent), a missing status/msgType/scope, an
Alert or Update without any <info>, an Update or Cancel without references, an info without
an event, and an alert over the bounds of cap/limits.py (areas, points, time).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from hue_s.modules.alerts.backend.cap import values
from hue_s.modules.alerts.backend.cap.limits import ParseBudget
from hue_s.modules.alerts.backend.cap.record import (
    CAP_NAMESPACES,
    CATEGORIES,
    CERTAINTIES,
    MESSAGE_TYPES,
    RESPONSE_TYPES,
    SCOPES,
    SEVERITIES,
    STATUSES,
    URGENCIES,
    CapAlert,
    CapArea,
    CapInfo,
    CapResource,
)
from hue_s.modules.alerts.backend.cap.safe_xml import CapError, local_name, namespace_of

FORBIDDEN_IN_IDS = (" ", ",", "<", "&")


class _Fields:
    """The CAP children of one element, by local name, in document order."""

    def __init__(self, element: etree._Element, namespace: str) -> None:
        """Index the children of element that are in the CAP namespace."""
        self.children: dict[str, list[etree._Element]] = {}
        for child in element:
            if namespace_of(child) == namespace:
                self.children.setdefault(local_name(child), []).append(child)

    def texts(self, name: str) -> list[str]:
        """Return the stripped, non-empty texts of every child called name."""
        found = ("".join(child.itertext()).strip() for child in self.children.get(name, []))
        return [text for text in found if text]

    def text(self, name: str) -> str | None:
        """Return the first non-empty text of a child called name, else None."""
        texts = self.texts(name)
        return texts[0] if texts else None

    def elements(self, name: str) -> list[etree._Element]:
        """Return every child element called name."""
        return self.children.get(name, [])


def _pairs(fields: _Fields, name: str, namespace: str) -> list[tuple[str, str]]:
    """Return the (valueName, value) pairs of children such as eventCode or geocode.

    A pair with an empty <value/> is kept (a sender may say "no value" on purpose).
    """
    pairs = []
    for element in fields.elements(name):
        inner = _Fields(element, namespace)
        value_name = inner.text("valueName")
        if value_name and inner.elements("value"):
            pairs.append((value_name, inner.text("value") or ""))
    return pairs


def _resources(fields: _Fields, namespace: str, notes: list[str]) -> list[CapResource]:
    """Return the <resource> blocks of an info (one without a description is dropped)."""
    found = []
    for element in fields.elements("resource"):
        inner = _Fields(element, namespace)
        description = inner.text("resourceDesc")
        if description is None:
            notes.append("<resource> without <resourceDesc> dropped")
            continue
        size = values.parse_decimal(inner.text("size") or "")
        found.append(
            CapResource(
                resource_desc=description,
                mime_type=inner.text("mimeType"),
                size=int(size) if size is not None and size >= 0 else None,
                uri=inner.text("uri"),
                deref_uri=inner.text("derefUri"),
                digest=inner.text("digest"),
            )
        )
    return found


def _required_id(fields: _Fields, name: str) -> str:
    """Return identifier or sender, refusing a missing one or one CAP forbids."""
    text = fields.text(name)
    if text is None:
        raise CapError("missing_field", f"Refused: the alert has no <{name}>")
    if any(bad in text for bad in FORBIDDEN_IN_IDS):
        raise CapError(
            "invalid_field", f"Refused: <{name}> {text!r} contains a space, comma, < or &"
        )
    return text


def _required_choice(fields: _Fields, name: str, allowed: tuple[str, ...]) -> str:
    """Return an enumerated alert field that CAP requires, refusing a missing or unknown one."""
    text = fields.text(name)
    if text is None:
        raise CapError("missing_field", f"Refused: the alert has no <{name}>")
    value = values.pick_enumerated(text, allowed)
    if value is None:
        raise CapError("invalid_field", f"Refused: <{name}> {text!r} is not one of {allowed}")
    return value


def _optional_choice(
    fields: _Fields, name: str, allowed: tuple[str, ...], notes: list[str]
) -> str | None:
    """Return an info's enumerated field, None (noted) when it is missing or unknown to CAP."""
    text = fields.text(name) or ""
    value = values.pick_enumerated(text, allowed)
    if value is None:
        notes.append(f"<{name}> {text!r} not read")
    return value


def _lenient_choice(fields: _Fields, name: str, allowed: tuple[str, ...], notes: list[str]) -> str:
    """Return an info's urgency/severity, reading a missing or odd one as Unknown."""
    return _optional_choice(fields, name, allowed, notes) or "Unknown"


def _time(fields: _Fields, name: str, notes: list[str]) -> datetime | None:
    """Return an optional time field, noting and dropping an unreadable one."""
    text = fields.text(name)
    if text is None:
        return None
    moment = values.parse_cap_time(text)
    if moment is None:
        notes.append(f"unreadable <{name}> {text!r} dropped")
    return moment


def parse_area(
    element: etree._Element, namespace: str, notes: list[str], budget: ParseBudget
) -> CapArea:
    """Read one <area>, dropping unusable polygons and circles, within the budget."""
    budget.check_time()
    fields = _Fields(element, namespace)
    area = CapArea(area_desc=fields.text("areaDesc") or "")
    for text in fields.texts("polygon"):
        budget.take_points(len(text.split()), area.area_desc)
        polygon = values.parse_polygon(text)
        if polygon is None:
            notes.append(f"unusable <polygon> dropped from area {area.area_desc!r}")
        else:
            area.polygons.append(polygon)
    for text in fields.texts("circle"):
        circle = values.parse_circle(text)
        if circle is None:
            notes.append(f"unusable <circle> {text!r} dropped")
        else:
            area.circles.append(circle)
    area.geocodes = _pairs(fields, "geocode", namespace)
    area.altitude = values.parse_decimal(fields.text("altitude") or "")
    area.ceiling = values.parse_decimal(fields.text("ceiling") or "")
    return area


def _language(text: str | None) -> str:
    """Return an RFC 3066 language tag ('en_US' becomes 'en-US'); en-US when absent."""
    tag = (text or "en-US").replace("_", "-")
    parts = tag.split("-")
    if all(part.isalnum() and 0 < len(part) <= 8 for part in parts) and parts[0].isalpha():
        return tag
    return "en-US"


def parse_info(
    element: etree._Element, namespace: str, notes: list[str], budget: ParseBudget
) -> CapInfo:
    """Read one <info>; refuse it when it names no event at all or is over the budget."""
    fields = _Fields(element, namespace)
    budget.check_areas(len(fields.elements("area")))
    event = fields.text("event") or fields.text("headline")
    if event is None:
        raise CapError("missing_field", "Refused: an <info> has neither <event> nor <headline>")
    categories = [
        value
        for text in fields.texts("category")
        if (value := values.pick_enumerated(text, CATEGORIES)) is not None
    ]
    response_types = [
        value
        for text in fields.texts("responseType")
        if (value := values.pick_enumerated(text, RESPONSE_TYPES)) is not None
    ]
    return CapInfo(
        event=event,
        urgency=_lenient_choice(fields, "urgency", URGENCIES, notes),
        severity=_lenient_choice(fields, "severity", SEVERITIES, notes),
        certainty=_optional_choice(fields, "certainty", CERTAINTIES, notes),
        language=_language(fields.text("language")),
        categories=categories,
        response_types=response_types,
        audience=fields.text("audience"),
        event_codes=_pairs(fields, "eventCode", namespace),
        effective=_time(fields, "effective", notes),
        onset=_time(fields, "onset", notes),
        expires=_time(fields, "expires", notes),
        sender_name=fields.text("senderName"),
        headline=fields.text("headline"),
        description=fields.text("description"),
        instruction=fields.text("instruction"),
        web=fields.text("web"),
        contact=fields.text("contact"),
        parameters=_pairs(fields, "parameter", namespace),
        resources=_resources(fields, namespace, notes),
        areas=[parse_area(area, namespace, notes, budget) for area in fields.elements("area")],
    )


def cap_version(element: etree._Element) -> str:
    """Return '1.1' or '1.2' for a CAP <alert>, or raise CapError for anything else."""
    namespace = namespace_of(element)
    if local_name(element) != "alert":
        raise CapError("not_cap", f"Refused: <{local_name(element)}> is not a CAP <alert>")
    if namespace not in CAP_NAMESPACES:
        shown = namespace or "no namespace"
        raise CapError(
            "bad_namespace", f"Refused: <alert> in {shown!r}, not the CAP 1.1 or 1.2 namespace"
        )
    return CAP_NAMESPACES[namespace]


def parse_alert(element: etree._Element, budget: ParseBudget | None = None) -> CapAlert:
    """Return the CapAlert of an <alert> element, or raise CapError saying why it is refused."""
    budget = budget or ParseBudget()
    version = cap_version(element)
    namespace = namespace_of(element)
    fields = _Fields(element, namespace)
    identifier = _required_id(fields, "identifier")
    sender = _required_id(fields, "sender")
    sent_text = fields.text("sent")
    sent = values.parse_cap_time(sent_text or "")
    if sent is None:
        raise CapError("invalid_field", f"Refused: <sent> {sent_text!r} is not a CAP dateTime")
    alert = CapAlert(
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=_required_choice(fields, "status", STATUSES),
        msg_type=_required_choice(fields, "msgType", MESSAGE_TYPES),
        scope=_required_choice(fields, "scope", SCOPES),
        version=version,
        source=fields.text("source"),
        restriction=fields.text("restriction"),
        addresses=fields.text("addresses"),
        codes=fields.texts("code"),
        note=fields.text("note"),
        references=values.parse_references(fields.text("references") or ""),
        incidents=fields.text("incidents"),
        raw_xml=etree.tostring(element, encoding="unicode"),
    )
    alert.infos = [
        parse_info(info, namespace, alert.warnings, budget) for info in fields.elements("info")
    ]
    if alert.msg_type in ("Alert", "Update") and not alert.infos:
        raise CapError(
            "missing_info", f"Refused: the {alert.msg_type} {identifier!r} carries no <info>"
        )
    if alert.msg_type in ("Update", "Cancel") and not alert.references:
        raise CapError(
            "missing_references",
            f"Refused: the {alert.msg_type} {identifier!r} does not say which alerts it "
            "replaces (<references> is empty)",
        )
    return alert
