"""The incidents panel of the dashboard's live map: open cases counted per grid cell and per
ward by grouped SELECTs (no case is loaded in Python)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from hue_s.modules.dashboard.wire import MAP_CELL_DEGREES, CaseMapPanel, MapCluster, PanelQuery
from hue_s.modules.incidents.backend.cases.status import OPEN_STATUSES
from hue_s.modules.incidents.backend.dashboard.sums import CASES


class CaseMapProvider:
    """The live map's cases: open ones per cell of the grid, with how many are overdue."""

    id = "case_map"

    def read(self, session: Session, query: PanelQuery) -> CaseMapPanel:
        """Return the open cases of the query's scope as of its `now` (the period is not used)."""
        where: list[Any] = [CASES.c.status.in_(OPEN_STATUSES)]
        if query.ward_code is not None:
            where.append(CASES.c.ward_code == query.ward_code)
        late = or_(CASES.c.deadline_at.is_(None), CASES.c.deadline_at < query.now)
        overdue = func.sum(case((late, 1), else_=0))
        row_cell = func.round(CASES.c.lat / MAP_CELL_DEGREES)
        col_cell = func.round(CASES.c.lon / MAP_CELL_DEGREES)
        cells = (
            select(func.avg(CASES.c.lat), func.avg(CASES.c.lon), func.count(), overdue)
            .where(*where, CASES.c.lat.is_not(None), CASES.c.lon.is_not(None))
            .group_by(row_cell, col_cell)
        )
        panel = CaseMapPanel(
            clusters=[
                MapCluster(
                    lat=round(lat, 5), lon=round(lon, 5), cases=count, overdue=int(late_count)
                )
                for lat, lon, count, late_count in session.execute(cells)
            ]
        )
        panel.clusters.sort(key=lambda cell: (cell.lat, cell.lon))
        wards = (
            select(CASES.c.ward_code, func.count(), overdue)
            .where(*where, CASES.c.ward_code.is_not(None))
            .group_by(CASES.c.ward_code)
        )
        for code, count, late_count in session.execute(wards):
            panel.open_by_ward[code] = count
            panel.overdue_by_ward[code] = int(late_count)
        return panel
