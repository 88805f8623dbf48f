"""Convert between the normalised CapAlert and the alerts tables' rows, both ways."""

from __future__ import annotations

from hue_s.backend.alerts.cap.record import (
    CapAlert,
    CapArea,
    CapCircle,
    CapInfo,
    severity_rank,
    urgency_rank,
)
from hue_s.backend.alerts.cap.values import (
    format_cap_time,
    format_references,
    parse_cap_time,
    parse_references,
)
from hue_s.backend.alerts.geometry import bounding_box
from hue_s.backend.alerts.models import Alert, AlertArea, AlertInfo


def area_row(area: CapArea, position: int) -> AlertArea:
    """Build the row of one area, with its bounding box."""
    box = bounding_box(area)
    min_lat, min_lon, max_lat, max_lon = box if box else (None, None, None, None)
    return AlertArea(
        position=position,
        area_desc=area.area_desc,
        polygons=[[[lat, lon] for lat, lon in ring] for ring in area.polygons],
        circles=[
            {"lat": circle.lat, "lon": circle.lon, "radius_km": circle.radius_km}
            for circle in area.circles
        ],
        geocodes=[[name, value] for name, value in area.geocodes],
        altitude=area.altitude,
        ceiling=area.ceiling,
        min_lat=min_lat,
        min_lon=min_lon,
        max_lat=max_lat,
        max_lon=max_lon,
    )


def info_row(info: CapInfo, position: int) -> AlertInfo:
    """Build the row of one info, with its areas."""
    return AlertInfo(
        position=position,
        language=info.language,
        categories=list(info.categories),
        event=info.event,
        response_types=list(info.response_types),
        urgency=info.urgency,
        severity=info.severity,
        certainty=info.certainty,
        audience=info.audience,
        event_codes=[[name, value] for name, value in info.event_codes],
        effective=info.effective,
        onset=info.onset,
        expires=info.expires,
        sender_name=info.sender_name,
        headline=info.headline,
        description=info.description,
        instruction=info.instruction,
        web=info.web,
        contact=info.contact,
        parameters=[[name, value] for name, value in info.parameters],
        areas=[area_row(area, number) for number, area in enumerate(info.areas)],
    )


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
        expires_at=cap.expires,
        severity_rank=min((severity_rank(info.severity) for info in cap.infos), default=4),
        urgency_rank=min((urgency_rank(info.urgency) for info in cap.infos), default=4),
        state="current",
        infos=[info_row(info, number) for number, info in enumerate(cap.infos)],
    )


def _cap_area(area: AlertArea) -> CapArea:
    """Rebuild a CapArea from its row."""
    return CapArea(
        area_desc=area.area_desc,
        polygons=[[(point[0], point[1]) for point in ring] for ring in area.polygons],
        circles=[CapCircle(**circle) for circle in area.circles],
        geocodes=[(name, value) for name, value in area.geocodes],
        altitude=area.altitude,
        ceiling=area.ceiling,
    )


def _cap_info(info: AlertInfo) -> CapInfo:
    """Rebuild a CapInfo from its row."""
    return CapInfo(
        event=info.event,
        urgency=info.urgency,
        severity=info.severity,
        certainty=info.certainty,
        language=info.language,
        categories=list(info.categories),
        response_types=list(info.response_types),
        audience=info.audience,
        event_codes=[(name, value) for name, value in info.event_codes],
        effective=info.effective,
        onset=info.onset,
        expires=info.expires,
        sender_name=info.sender_name,
        headline=info.headline,
        description=info.description,
        instruction=info.instruction,
        web=info.web,
        contact=info.contact,
        parameters=[(name, value) for name, value in info.parameters],
        areas=[_cap_area(area) for area in info.areas],
    )


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
