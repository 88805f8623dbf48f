"""Operators issue, update and cancel the city's own alerts (as CAP 1.2 messages)."""

from __future__ import annotations

import uuid
from datetime import datetime

import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.hue_time import HUE_TIME
from hue_s.modules.alerts.backend.cap.record import CapAlert, CapArea, CapInfo, CapReference
from hue_s.modules.alerts.backend.cap.schema import cap12_problems
from hue_s.modules.alerts.backend.cap.write import cap_xml
from hue_s.modules.alerts.backend.geometry import area_shape, ward_cap_area, wards_touched
from hue_s.modules.alerts.backend.models import Alert
from hue_s.modules.alerts.backend.storage.drafts import AlertDraft, DrawnPolygon
from hue_s.modules.alerts.backend.storage.store import StoredAlert, store_alert


def _draft_areas(session: Session, draft: AlertDraft, city_name: str) -> list[CapArea]:
    """Return the CAP areas of a draft: one per ward, plus the drawn polygon."""
    areas = []
    if draft.ward_codes:
        wards = {
            w.code: w for w in session.scalars(select(Ward).where(Ward.code.in_(draft.ward_codes)))
        }
        unknown = [code for code in draft.ward_codes if code not in wards]
        if unknown:
            raise APIError(422, "unknown_ward", f"No ward or commune has the code(s) {unknown}.")
        areas = [ward_cap_area(wards[code], city_name) for code in draft.ward_codes]
    if draft.polygon is not None:
        ring, _codes = drawn_area(session, draft.polygon)
        description = draft.area_description or "Vùng cảnh báo"
        areas.append(CapArea(area_desc=description, polygons=[ring]))
    return areas


def drawn_area(
    session: Session, polygon: DrawnPolygon
) -> tuple[list[tuple[float, float]], set[str]]:
    """Return a drawn polygon's closed ring of (lat, lon) and the wards it covers (422 when it
    crosses itself or lies outside the city)."""
    ring = [(lat, lon) for lon, lat in polygon.coordinates[0]]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    shape = area_shape([ring], [])
    if shape is None or shape.is_empty or not shapely.Polygon(ring).is_valid:
        raise APIError(422, "invalid_polygon", "The drawn polygon crosses itself.")
    codes = wards_touched(session, shape)
    if not codes:
        raise APIError(422, "area_outside_city", "The drawn polygon is outside the city.")
    return ring, codes


def _draft_info(draft: AlertDraft, areas: list[CapArea], sender_name: str) -> CapInfo:
    """Return the one info of an operator's alert."""
    return CapInfo(
        event=draft.event,
        urgency=draft.urgency,
        severity=draft.severity,
        certainty=draft.certainty,
        language=draft.language,
        categories=[draft.category],
        response_types=[draft.response_type] if draft.response_type else [],
        onset=draft.onset,
        expires=draft.expires,
        sender_name=sender_name,
        headline=draft.headline,
        description=draft.description,
        instruction=draft.instruction,
        web=draft.web,
        contact=draft.contact,
        areas=areas,
    )


def _checked_cap(cap: CapAlert) -> CapAlert:
    """Attach the CAP 1.2 XML of an alert, refusing to go on if it breaks the schema."""
    document = cap_xml(cap)
    problems = cap12_problems(document)
    if problems:
        raise RuntimeError(f"Issued CAP breaks the CAP 1.2 schema: {problems[:3]}")
    cap.raw_xml = document.decode("utf-8")
    return cap


def _new_cap(sender: str, status: str, msg_type: str, now: datetime) -> CapAlert:
    """Return the envelope of a new message sent now (Huế time, whole seconds)."""
    return CapAlert(
        identifier=f"urn:uuid:{uuid.uuid4()}",
        sender=sender,
        sent=now.astimezone(HUE_TIME).replace(microsecond=0),
        status=status,
        msg_type=msg_type,
        scope="Public",
    )


def issue_alert(
    session: Session,
    draft: AlertDraft,
    *,
    sender: str,
    sender_name: str,
    city_name: str,
    issued_by: str,
    now: datetime,
    replacing: Alert | None = None,
) -> StoredAlert:
    """Store a new Alert (or, when replacing, an Update of it); the caller commits."""
    if draft.expires <= now:
        raise APIError(422, "expires_in_past", "The alert would already have expired.")
    areas = _draft_areas(session, draft, city_name)
    cap = _new_cap(sender, draft.status, "Update" if replacing else "Alert", now)
    if replacing is not None:
        cap.references = [CapReference(replacing.sender, replacing.identifier, replacing.sent)]
    cap.infos = [_draft_info(draft, areas, sender_name)]
    return store_alert(session, _checked_cap(cap), now=now, origin="operator", issued_by=issued_by)


def cancel_alert(
    session: Session, target: Alert, note: str | None, *, issued_by: str, now: datetime
) -> StoredAlert:
    """Store a Cancel of an alert issued here; the caller commits."""
    cap = _new_cap(target.sender, target.status, "Cancel", now)
    cap.references = [CapReference(target.sender, target.identifier, target.sent)]
    cap.note = note
    return store_alert(session, _checked_cap(cap), now=now, origin="operator", issued_by=issued_by)


def replaceable_alert(session: Session, alert_id: int) -> Alert:
    """Return an alert issued here that is still current; 404 or 409 otherwise."""
    alert = session.get(Alert, alert_id, with_for_update=True)
    if alert is None:
        raise APIError(404, "alert_not_found", f"No alert has the id {alert_id}.")
    if alert.origin != "operator" or alert.msg_type not in ("Alert", "Update"):
        raise APIError(
            409, "not_issued_here", "Only alerts issued here can be updated or cancelled."
        )
    if alert.state != "current":
        raise APIError(409, "alert_not_current", f"The alert was already {alert.state}.")
    return alert
