"""/api/v1/alerts: the JSON API of alerts for the app, and issuing by operators."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.config import BackendSettings
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.conditional import NOT_MODIFIED, json_answer
from hue_s.backend.kernel.db import get_session
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse
from hue_s.modules.alerts.backend.auth import operator_required
from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.models import MAX_ID, Alert, AlertSource
from hue_s.modules.alerts.backend.runtime import wake_streams
from hue_s.modules.alerts.backend.schemas import AlertOut, AreaWards, SourceStatus
from hue_s.modules.alerts.backend.settings import AlertsSettings, alerts_settings
from hue_s.modules.alerts.backend.storage.drafts import AlertDraft, CancelRequest, DrawnArea
from hue_s.modules.alerts.backend.storage.issue import (
    cancel_alert,
    drawn_area,
    issue_alert,
    replaceable_alert,
)
from hue_s.modules.alerts.backend.storage.list_cache import KeptList, list_cache_of, right_until
from hue_s.modules.alerts.backend.storage.queries import list_alerts
from hue_s.modules.alerts.backend.storage.store import StoredAlert
from hue_s.modules.alerts.backend.stream.events import last_event_id

router = APIRouter(prefix="/api/v1/alerts", tags=["alerts"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
AlertId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the alert in this backend.")]
OperatorDependency = Annotated[User, Depends(operator_required)]
SettingsDependency = Annotated[AlertsSettings, Depends(alerts_settings)]
OPERATOR_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "Not signed in"},
    403: {"model": ErrorResponse, "description": "Not an operator"},
    409: {"model": ErrorResponse, "description": "Not an alert issued here, or not current"},
}
ALERT_LIST = TypeAdapter(list[AlertOut])


@router.get("", response_model=list[AlertOut], responses=NOT_MODIFIED)
def read_alerts(
    request: Request,
    session: SessionDependency,
    active: Annotated[bool, Query(description="Only alerts a citizen should see now.")] = True,
    ward: Annotated[
        str | None, Query(pattern=r"^\d{5}$", description="Only alerts covering this ward.")
    ] = None,
    lat: Annotated[
        float | None, Query(ge=-90, le=90, description="With lon: over this point.")
    ] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
) -> Response:
    """List alerts, most severe first, then most urgent, then newest (ETag; 304 if unchanged)."""
    if (lat is None) != (lon is None):
        raise APIError(422, "lat_lon_together", "Give both lat and lon, or neither.")
    now = utc_now()
    cache, key = list_cache_of(request), (active, ward)
    event_id = last_event_id(session)
    body = cache.get(key, event_id, now) if lat is None else None
    if body is None:
        alerts = list_alerts(session, now=now, active=active, ward=ward, lat=lat, lon=lon)
        body = ALERT_LIST.dump_json([AlertOut.from_row(alert, now) for alert in alerts])
        if lat is None:
            cache.put(key, KeptList(event_id, right_until(alerts, now), body))
    return json_answer(request, body)


@router.get(
    "/sources",
    response_model=list[SourceStatus],
    responses={code: OPERATOR_ERRORS[code] for code in (401, 403)},
)
def read_sources(
    operator: OperatorDependency, session: SessionDependency, settings: SettingsDependency
) -> list[SourceStatus]:
    """How each configured CAP source is followed: last poll, answer, error, back-off, entries
    (operators and admins)."""
    return [
        SourceStatus.from_row(url, session.get(AlertSource, url)) for url in settings.cap_sources
    ]


@router.get("/{alert_id:int}", response_model=AlertOut)
def read_alert(session: SessionDependency, alert_id: AlertId) -> AlertOut:
    """Return one alert by id; 404 alert_not_found if unknown."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise APIError(404, "alert_not_found", f"No alert has the id {alert_id}.")
    return AlertOut.from_row(alert, utc_now(), full=True)


def _committed(request: Request, session: Session, stored: StoredAlert) -> AlertOut:
    """Commit, wake this process's streams, and return the stored alert's JSON."""
    session.commit()
    wake_streams(request)
    return AlertOut.from_row(stored.alert, utc_now())


def _sender_name(request: Request) -> tuple[str, str]:
    """Return the CAP senderName of the city's alerts and the city's name."""
    backend: BackendSettings = request.app.state.settings
    return f"HueIOC – {backend.city_name}", backend.city_name


@router.post("", response_model=AlertOut, status_code=201, responses=OPERATOR_ERRORS)
def create_alert(
    request: Request,
    session: SessionDependency,
    settings: SettingsDependency,
    operator: OperatorDependency,
    draft: AlertDraft,
) -> AlertOut:
    """Issue an alert for wards and/or a drawn area (CAP msgType Alert)."""
    sender_name, city_name = _sender_name(request)
    stored = issue_alert(
        session, draft, sender=settings.cap_sender, sender_name=sender_name,
        city_name=city_name, issued_by=str(operator.id), now=utc_now(),
    )  # fmt: skip
    return _committed(request, session, stored)


@router.post(
    "/{alert_id:int}/update", response_model=AlertOut, status_code=201, responses=OPERATOR_ERRORS
)
def update_alert(
    request: Request,
    session: SessionDependency,
    settings: SettingsDependency,
    operator: OperatorDependency,
    alert_id: AlertId,
    draft: AlertDraft,
) -> AlertOut:
    """Replace an alert issued here with a new version (CAP msgType Update); returns the new one."""
    target = replaceable_alert(session, alert_id)
    sender_name, city_name = _sender_name(request)
    stored = issue_alert(
        session, draft, sender=settings.cap_sender, sender_name=sender_name,
        city_name=city_name, issued_by=str(operator.id), now=utc_now(), replacing=target,
    )  # fmt: skip
    return _committed(request, session, stored)


@router.post(
    "/{alert_id:int}/cancel", response_model=AlertOut, status_code=201, responses=OPERATOR_ERRORS
)
def cancel(
    request: Request,
    session: SessionDependency,
    operator: OperatorDependency,
    alert_id: AlertId,
    body: CancelRequest,
) -> AlertOut:
    """Cancel an alert issued here (CAP msgType Cancel); returns the Cancel message."""
    target = replaceable_alert(session, alert_id)
    stored = cancel_alert(session, target, body.note, issued_by=str(operator.id), now=utc_now())
    return _committed(request, session, stored)


@router.post("/area-wards", response_model=AreaWards, responses=OPERATOR_ERRORS)
def read_area_wards(
    session: SessionDependency, operator: OperatorDependency, area: DrawnArea
) -> AreaWards:
    """Return the wards a drawn polygon covers, before issuing (422 if it crosses itself or
    lies outside the city)."""
    _ring, codes = drawn_area(session, area.polygon)
    return AreaWards(ward_codes=sorted(codes))
