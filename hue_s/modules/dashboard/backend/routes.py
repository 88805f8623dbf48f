"""The dashboard API: /api/v1/dashboard/city (city-wide staff) and /wards/{code} (their ward too),
each also as CSV (…/export.csv) for a spreadsheet.

Who may look: leaders, operators and admins see the city and every ward; an officer sees only
the ward they serve; citizens and businesses get 403. All four routes take one dependency,
`asked`, which settles whose figures may be read (`scope`) before anything else is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.conditional import NOT_MODIFIED, json_answer
from hue_s.backend.kernel.db import get_session
from hue_s.backend.kernel.models import Ward
from hue_s.backend.plugin_deps import PluginsDependency
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.hue_time import HUE_TIME
from hue_s.modules.dashboard.backend.export import dashboard_csv
from hue_s.modules.dashboard.backend.live_map import build_live_map
from hue_s.modules.dashboard.backend.service import (
    Panel,
    Period,
    build_dashboard,
    collect_panels,
)
from hue_s.modules.dashboard.wire import Bucket, Dashboard, LiveMap, MapFigure

CITY_WIDE_ROLES = ("operator", "leader", "admin")
"""Staff who see the whole city on the dashboard."""
DEFAULT_DAYS = 30
MAX_DAYS = 731
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)

router = APIRouter(prefix="/api/v1/dashboard", tags=["dashboard"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
Staff = Annotated[User, Depends(require_roles("officer", *CITY_WIDE_ROLES))]
WardCode = Annotated[str, Path(description="The ward's or commune's code.")]
"""The ward routes' path parameter, declared for their documentation: `scope` reads it."""
FirstDay = Annotated[
    date | None, Query(alias="from", description="First day (Huế time); default 29 days ago.")
]
LastDay = Annotated[
    date | None, Query(alias="to", description="Last day, included; default today.")
]
StepQuery = Annotated[Bucket, Query(description="Trend step: day, week or month.")]
FigureQuery = Annotated[MapFigure, Query(description="The figure the wards are shaded by.")]
Language = Annotated[Literal["vi", "en"], Query(description="Language of the category names.")]


def period_of(first: date | None, last: date | None, now: datetime) -> Period:
    """Return the period asked, by default the last 30 days (422 invalid_period)."""
    last = last or now.astimezone(HUE_TIME).date()
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if not (EARLIEST <= first <= last <= LATEST) or (last - first).days >= MAX_DAYS:
        raise APIError(
            422, "invalid_period", f"Give from <= to, within {MAX_DAYS} days, 2000 to 2100."
        )
    return Period(first, last)


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "UTF-8 CSV with a BOM."}
}


def csv_response(dashboard: Dashboard, language: str) -> Response:
    """Return a dashboard's figures as a CSV attachment."""
    scope = dashboard.ward_code or "city"
    name = f"hue-s-dashboard-{scope}-{dashboard.first_day}-{dashboard.last_day}.csv"
    return Response(
        dashboard_csv(dashboard, language),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def scope(request: Request, user: Staff, session: SessionDependency) -> str | None:
    """FastAPI dependency: whose figures are asked, the path's ward or None for the city, once
    the caller may see them: the city for leaders, operators and admins; a ward for them and
    its own officer (another ward 403, an unknown one 404); anyone else 403."""
    ward_code: str | None = request.path_params.get("ward_code")
    city_wide = user.role in CITY_WIDE_ROLES
    if ward_code is None and not city_wide:
        raise APIError(403, "forbidden", "Your role does not allow this.")
    if ward_code is not None and not city_wide and user.ward_code != ward_code:
        raise APIError(403, "not_your_ward", "You see the dashboard of your own ward only.")
    if ward_code is not None and session.get(Ward, ward_code) is None:
        raise APIError(404, "ward_not_found", f"No ward or commune has the code {ward_code!r}.")
    return ward_code


@dataclass(frozen=True)
class Asked:
    """One dashboard request, its caller allowed: whose figures, the period, the clock, the
    language of the names, and where they are read."""

    ward_code: str | None
    period: Period
    now: datetime
    language: str
    session: Session
    panels: dict[str, Panel]

    def dashboard(self, step: Bucket) -> Dashboard:
        """Return the figures asked, the trend by `step`."""
        return build_dashboard(
            self.session,
            self.panels,
            ward_code=self.ward_code,
            period=self.period,
            now=self.now,
            bucket=step,
            language=self.language,
        )


async def asked(
    request: Request,
    ward_code: Annotated[str | None, Depends(scope)],
    session: SessionDependency,
    plugins: PluginsDependency,
    first: FirstDay = None,
    last: LastDay = None,
    lang: Language = "vi",
) -> Asked:
    """FastAPI dependency of the four routes: the scope first (FastAPI settles it before it reads
    this function's own parameters), then the period (422 invalid_period)."""
    now = now_of(request)
    period = period_of(first, last, now)
    return Asked(ward_code, period, now, lang, session, collect_panels(plugins))


AskedDependency = Annotated[Asked, Depends(asked)]


@router.get("/city", response_model=Dashboard)
def city_dashboard(ask: AskedDependency, step: StepQuery = Bucket.DAY) -> Dashboard:
    """The city's figures for a period, with the previous period's, trend and ward ranking."""
    return ask.dashboard(step)


@router.get("/wards/{ward_code}", response_model=Dashboard)
def ward_dashboard(
    ward_code: WardCode, ask: AskedDependency, step: StepQuery = Bucket.DAY
) -> Dashboard:
    """One ward's figures for a period (an officer: their own ward only, else 403)."""
    return ask.dashboard(step)


@router.get("/city/export.csv", response_class=Response, responses=CSV_RESPONSE)
def city_csv(ask: AskedDependency) -> Response:
    """The city's figures, the previous period's and every ward's, as CSV."""
    return csv_response(ask.dashboard(Bucket.MONTH), ask.language)


@router.get("/wards/{ward_code}/export.csv", response_class=Response, responses=CSV_RESPONSE)
def ward_csv(ward_code: WardCode, ask: AskedDependency) -> Response:
    """One ward's figures and the previous period's as CSV (an officer: their own ward only)."""
    return csv_response(ask.dashboard(Bucket.MONTH), ask.language)


MAP_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": LiveMap, "description": "The live map (with its ETag)."},
    **NOT_MODIFIED,
}


def live_map_answer(
    request: Request,
    ward_code: str | None,
    session: Session,
    plugins: PluginsDependency,
    figure: MapFigure,
) -> Response:
    """Return the live map of a ward (None: the city) as a conditional JSON answer."""
    found = build_live_map(
        session, collect_panels(plugins), ward_code=ward_code, now=now_of(request), figure=figure
    )
    return json_answer(request, found.model_dump_json().encode())


@router.get("/map", response_class=Response, responses=MAP_RESPONSES)
def city_map(
    request: Request,
    ward_code: Annotated[str | None, Depends(scope)],
    session: SessionDependency,
    plugins: PluginsDependency,
    figure: FigureQuery = MapFigure.OPEN,
) -> Response:
    """The city's live map: open cases per cell (overdue counted), active alerts' areas, and
    every ward shaded by a figure. Polled by the dashboard: ask with If-None-Match."""
    return live_map_answer(request, ward_code, session, plugins, figure)


@router.get("/wards/{ward_code}/map", response_class=Response, responses=MAP_RESPONSES)
def ward_map(
    request: Request,
    ward_code: WardCode,
    allowed: Annotated[str | None, Depends(scope)],
    session: SessionDependency,
    plugins: PluginsDependency,
    figure: FigureQuery = MapFigure.OPEN,
) -> Response:
    """One ward's live map (an officer: their own ward only, else 403)."""
    return live_map_answer(request, allowed, session, plugins, figure)
