"""Convert between the normalised CapAlert and the alerts tables' rows, both ways.

The alert_infos and alert_areas columns bear the names of the CapInfo and CapArea fields, so
the fields are copied by name (cap/record.py lists them); only the JSON columns change shape:
pairs and points are stored as lists, circles and resources as objects. Besides the CAP
fields, an info keeps the times as the sender wrote them (`time_texts`, with their UTC
offset) and an area keeps a simplified `outline` of its polygons for lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from typing import Any, get_type_hints

from hue_s.modules.alerts.backend.cap.record import (
    CapAlert,
    CapArea,
    CapCircle,
    CapInfo,
    CapResource,
    NamedValues,
    Ring,
    severity_rank,
    urgency_rank,
)
from hue_s.modules.alerts.backend.cap.values import (
    format_cap_time,
    format_references,
    parse_cap_time,
    parse_references,
)
from hue_s.modules.alerts.backend.geometry import bounding_box, outlines
from hue_s.modules.alerts.backend.models import Alert, AlertArea, AlertInfo

READ_BACK: dict[Any, Callable[[Any], Any]] = {
    NamedValues: lambda pairs: [(name, value) for name, value in pairs],
    list[Ring]: lambda rings: [[(lat, lon) for lat, lon in ring] for ring in rings],
    list[CapCircle]: lambda circles: [CapCircle(**circle) for circle in circles],
    list[CapResource]: lambda found: [CapResource(**resource) for resource in found or []],
}
"""How a stored JSON value becomes a record's value, by the field's type (others: _plain)."""

WRITE: dict[Any, Callable[[Any], Any]] = {
    list[Ring]: lambda rings: rings,  # JSON writes the (lat, lon) tuples as lists
}
"""How a record's value becomes a column value, by the field's type, when _plain is slow."""

FIELD_TYPES = {record_type: get_type_hints(record_type) for record_type in (CapInfo, CapArea)}
"""The declared type of each CapInfo and CapArea field."""
TIMES = ("effective", "onset", "expires")
"""The info times kept as written, with the sender's UTC offset."""


def _plain(value: Any) -> Any:
    """Return a value as plain JSON data, copied: tuples as lists, circles as objects."""
    if isinstance(value, CapCircle | CapResource):
        return asdict(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _columns(record: CapInfo | CapArea) -> dict[str, Any]:
    """Return the fields of an info or area, but its areas, as column values."""
    types = FIELD_TYPES[type(record)]
    return {
        f.name: WRITE.get(types[f.name], _plain)(getattr(record, f.name))
        for f in fields(record)
        if f.name != "areas"
    }


def _record_fields(
    row: AlertInfo | AlertArea, record_type: type[CapInfo | CapArea]
) -> dict[str, Any]:
    """Return the columns of a row named after record_type's fields, as the record holds them."""
    return {
        name: READ_BACK.get(kind, _plain)(getattr(row, name))
        for name, kind in FIELD_TYPES[record_type].items()
        if name != "areas"
    }


def area_row(area: CapArea, position: int, outline: list[Ring]) -> AlertArea:
    """Build the row of one area, with its bounding box and its outline for lists."""
    box = bounding_box(area)
    min_lat, min_lon, max_lat, max_lon = box if box else (None, None, None, None)
    return AlertArea(
        position=position,
        **_columns(area),
        outline=WRITE[list[Ring]](outline),
        min_lat=min_lat,
        min_lon=min_lon,
        max_lat=max_lat,
        max_lon=max_lon,
    )


def info_row(info: CapInfo, position: int) -> AlertInfo:
    """Build the row of one info, with its areas and its times as written."""
    simple = outlines([area.polygons for area in info.areas])
    areas = [area_row(area, number, simple[number]) for number, area in enumerate(info.areas)]
    written = {name: format_cap_time(moment) for name in TIMES if (moment := getattr(info, name))}
    columns = {**_columns(info), "certainty": info.certainty or ""}
    return AlertInfo(position=position, **columns, time_texts=written, areas=areas)


def alert_row(
    cap: CapAlert, *, origin: str, source_url: str | None, issued_by: str | None
) -> Alert:
    """Build the row of a CapAlert (state 'current'), with its infos and areas."""
    return Alert(
        identifier=cap.identifier,
        sender=cap.sender,
        sent=cap.sent,
        sent_text=format_cap_time(cap.sent),
        status=cap.status,
        msg_type=cap.msg_type,
        scope=cap.scope,
        cap_version=cap.version,
        source=cap.source,
        restriction=cap.restriction,
        addresses=cap.addresses,
        codes=list(cap.codes),
        note=cap.note,
        references=format_references(cap.references) or None,
        incidents=cap.incidents,
        origin=origin,
        source_url=source_url,
        issued_by=issued_by,
        raw_xml=cap.raw_xml,
        expires_at=cap.ends_at,
        severity_rank=min((severity_rank(info.severity) for info in cap.infos), default=4),
        urgency_rank=min((urgency_rank(info.urgency) for info in cap.infos), default=4),
        state="current",
        infos=[info_row(info, number) for number, info in enumerate(cap.infos)],
    )


def _cap_info(info: AlertInfo) -> CapInfo:
    """Rebuild a CapInfo, with its areas and its times as the sender wrote them."""
    areas = [CapArea(**_record_fields(area, CapArea)) for area in info.areas]
    written = {
        name: moment
        for name, text in (info.time_texts or {}).items()
        if (moment := parse_cap_time(text)) is not None
    }
    record = {**_record_fields(info, CapInfo), **written, "certainty": info.certainty or None}
    return CapInfo(**record, areas=areas)


def cap_of(alert: Alert) -> CapAlert:
    """Rebuild the CapAlert of a stored alert (sent keeps the sender's UTC offset)."""
    return CapAlert(
        identifier=alert.identifier,
        sender=alert.sender,
        sent=parse_cap_time(alert.sent_text) or alert.sent,
        status=alert.status,
        msg_type=alert.msg_type,
        scope=alert.scope,
        version="1.2",
        source=alert.source,
        restriction=alert.restriction,
        addresses=alert.addresses,
        codes=list(alert.codes),
        note=alert.note,
        references=parse_references(alert.references or ""),
        incidents=alert.incidents,
        infos=[_cap_info(info) for info in alert.infos],
        raw_xml=alert.raw_xml,
    )
