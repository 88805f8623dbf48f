"""The dashboard's contract with other modules (the Panel a module gives through the
`hue_s_dashboard_panels` hook) and the assembly of a dashboard from the panels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

import pluggy
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Ward
from hue_s.hue_time import HUE_TIME
from hue_s.modules.dashboard.wire import (
    MIN_RANKED_RECEIVED,
    Bucket,
    CaseFigures,
    CasesPanel,
    Dashboard,
    PanelQuery,
    WardFigures,
)


class Panel(Protocol):
    """What a module shows on the dashboard: an id and its figures for a query."""

    id: str

    def read(self, session: Session, query: PanelQuery) -> Any:
        """Return the panel's wire model for the scope and period of the query."""


@dataclass(frozen=True)
class Period:
    """Whole days in Huế time, first and last included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        """Return how many days the period has."""
        return (self.last - self.first).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """Return [start, end) as aware datetimes (Huế midnight)."""
        start = datetime.combine(self.first, time(), HUE_TIME)
        return start, start + timedelta(days=self.days)

    def previous(self) -> Period:
        """Return the period of the same length just before this one."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))


def collect_panels(manager: pluggy.PluginManager) -> dict[str, Panel]:
    """Return the enabled modules' panels by id."""
    found: dict[str, Panel] = {}
    for panels in manager.hook.hue_s_dashboard_panels():
        for panel in panels:
            found[panel.id] = panel
    return found


def rank_wards(rows: list[WardFigures]) -> list[WardFigures]:
    """Rank wards with enough cases by overdue count, then lowest on-time %; others after."""

    def badness(row: WardFigures) -> tuple[int, float, str]:
        on_time = row.figures.on_time_pct
        return (-row.figures.overdue, 101.0 if on_time is None else on_time, row.ward_code)

    ranked = sorted(
        (row for row in rows if row.figures.received >= MIN_RANKED_RECEIVED), key=badness
    )
    for place, row in enumerate(ranked, start=1):
        row.rank = place
    others = sorted(
        (row for row in rows if row.figures.received < MIN_RANKED_RECEIVED), key=badness
    )
    return [*ranked, *others]


def with_every_ward(session: Session, rows: list[WardFigures]) -> list[WardFigures]:
    """Name the wards of the rows, and add the wards without figures (zeros)."""
    names = {code: name for code, name in session.execute(select(Ward.code, Ward.name))}
    given = {row.ward_code: row for row in rows}
    return [
        WardFigures(
            ward_code=code,
            ward_name=name,
            figures=given[code].figures if code in given else CaseFigures(),
        )
        for code, name in names.items()
    ]


def build_dashboard(
    session: Session,
    panels: dict[str, Panel],
    *,
    ward_code: str | None,
    period: Period,
    now: datetime,
    bucket: Bucket,
    language: str,
) -> Dashboard:
    """Return the dashboard of a ward (or the city) for a period, as of `now`."""
    start, end = period.bounds()
    query = PanelQuery(
        ward_code=ward_code, start=start, end=end, now=now, bucket=bucket, language=language
    )
    ward = session.get(Ward, ward_code) if ward_code else None
    dashboard = Dashboard(
        ward_code=ward_code,
        ward_name=ward.name if ward else None,
        first_day=period.first,
        last_day=period.last,
        previous_first_day=period.previous().first,
        as_of=now,
        bucket=bucket,
    )
    dossiers = panels.get("services_punctuality")
    if dossiers is not None:
        dashboard.services = dossiers.read(session, query)
    cases = panels.get("cases")
    if cases is None:
        return dashboard
    panel: CasesPanel = cases.read(session, query)
    before_start, before_end = period.previous().bounds()
    before = query.model_copy(update={"start": before_start, "end": before_end, "detail": False})
    panel.previous = cases.read(session, before).figures
    if ward_code is None:
        panel.wards = rank_wards(with_every_ward(session, panel.wards))
    dashboard.cases = panel
    return dashboard
