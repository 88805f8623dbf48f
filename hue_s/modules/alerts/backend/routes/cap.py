"""GET /alerts/cap.atom and /alerts/{id}.cap: the city's alerts as CAP 1.2 for other systems."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from sqlalchemy.orm import Session

from hue_s.backend.config import BackendSettings
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.modules.alerts.backend.cap.atom import IndexEntry, atom_index
from hue_s.modules.alerts.backend.cap.write import cap_xml
from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.models import MAX_ID, Alert
from hue_s.modules.alerts.backend.rules import most_severe_info
from hue_s.modules.alerts.backend.storage.queries import list_alerts
from hue_s.modules.alerts.backend.storage.rows import cap_of

router = APIRouter(prefix="/alerts", tags=["alerts"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
AlertId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the alert in this backend.")]
CAP_MEDIA_TYPE = "application/cap+xml"
ATOM_MEDIA_TYPE = "application/atom+xml"
XML_CONTENT = {"content": {CAP_MEDIA_TYPE: {}}, "description": "A CAP 1.2 document"}


def _index_entry(request: Request, alert: Alert) -> IndexEntry:
    """Return the index entry of one alert, with an absolute link to its CAP document."""
    top = most_severe_info(alert)
    return IndexEntry(
        cap_url=str(request.url_for("read_cap_alert", alert_id=alert.id)),
        title=(top.headline or top.event) if top else alert.identifier,
        updated=alert.sent,
        author=(top.sender_name if top and top.sender_name else alert.sender),
        summary=top.description if top else alert.note,
        categories=list(top.categories) if top else [],
    )


@router.get(
    "/cap.atom",
    response_class=Response,
    responses={200: {"content": {ATOM_MEDIA_TYPE: {}}, "description": "Atom index"}},
)
def read_cap_index(request: Request, session: SessionDependency) -> Response:
    """Atom index of the active alerts, most severe first, each linking to its CAP."""
    backend: BackendSettings = request.app.state.settings
    now = utc_now()
    alerts = list_alerts(session, now=now, active=True)
    document = atom_index(
        feed_url=str(request.url_for("read_cap_index")),
        title=f"Cảnh báo – {backend.city_name}",
        author=f"HueIOC – {backend.city_name}",
        entries=[_index_entry(request, alert) for alert in alerts],
        now=now,
    )
    return Response(document, media_type=ATOM_MEDIA_TYPE)


@router.get("/{alert_id:int}.cap", response_class=Response, responses={200: XML_CONTENT})
def read_cap_alert(session: SessionDependency, alert_id: AlertId) -> Response:
    """One alert as a CAP 1.2 document (ingested CAP 1.1 alerts are served as 1.2)."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise APIError(404, "alert_not_found", f"No alert has the id {alert_id}.")
    return Response(cap_xml(cap_of(alert)), media_type=CAP_MEDIA_TYPE)
