"""The hotline's daily roll-up equals a direct count of the calls, on SQLite and PostgreSQL:
after calls are logged, moved to another ward or day, deleted, and turned into cases; and the
dashboard and the hotline's daily counts read it."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.geo import ward_shapes
from hue_s.hue_time import HUE_TIME as HUE
from hue_s.modules.dashboard.wire import PanelQuery
from hue_s.modules.incidents.backend import hotline
from hue_s.modules.incidents.backend.dashboard.panel import CasesPanelProvider
from hue_s.modules.incidents.backend.dashboard.rollup_models import CallDay
from hue_s.modules.incidents.backend.models import HotlineCall
from hue_s.modules.incidents.backend.schemas import CallToCase

from .cases import NOW, WARD_A, WARD_B

WARDS = (WARD_A, WARD_B, None)
START = datetime(2026, 3, 1, tzinfo=HUE)


def counted(session: Session) -> Counter[tuple[str, str | None, str, str]]:
    """Return the calls counted one by one in Python: (day, ward, direction, calls|to_cases)."""
    found: Counter[tuple[str, str | None, str, str]] = Counter()
    for call in session.scalars(select(HotlineCall)):
        day = call.at.astimezone(HUE).date().isoformat()
        found[(day, call.ward_code, call.direction, "calls")] += 1
        found[(day, call.ward_code, call.direction, "to_cases")] += call.incident_id is not None
    return +found


def rolled_up(session: Session) -> Counter[tuple[str, str | None, str, str]]:
    """Return the roll-up's rows in the same shape."""
    found: Counter[tuple[str, str | None, str, str]] = Counter()
    for row in session.scalars(select(CallDay)):
        found[(row.day, row.ward_code, row.direction, "calls")] += row.calls
        found[(row.day, row.ward_code, row.direction, "to_cases")] += row.to_cases
    return +found


def officer(session: Session, ward: str) -> User:
    """Return a new officer of a ward."""
    user = User(phone=f"+8490500{ward}", role="officer", ward_code=ward, created_at=NOW,
                updated_at=NOW)  # fmt: skip
    session.add(user)
    session.commit()
    return user


def test_the_call_rollup_equals_a_direct_count(db: Callable[[], Session]) -> None:
    rng = random.Random(5)
    with db() as session:
        staff = officer(session, WARD_A)
        inside = next(s for s in ward_shapes(session) if s.code == WARD_A).boundary
        lat, lon = inside.representative_point().y, inside.representative_point().x
        for step in range(120):
            calls = list(session.scalars(select(HotlineCall)))
            action = rng.random() if calls else 0.0
            if action < 0.5:
                at = START + timedelta(hours=rng.randint(0, 24 * 12), minutes=rng.randint(0, 59))
                session.add(HotlineCall(direction=rng.choice(("incoming", "outgoing")),
                                        number="0905000000", summary="gọi", at=at,
                                        ward_code=rng.choice(WARDS)))  # fmt: skip
            elif action < 0.7:
                moved = rng.choice(calls)
                moved.ward_code = rng.choice(WARDS)
                moved.at += timedelta(hours=rng.randint(-30, 30))
            elif action < 0.8:
                session.delete(rng.choice(calls))
            else:
                mine = [c for c in calls if c.ward_code == WARD_A and c.incident_id is None]
                if mine:
                    details = CallToCase(service_code="road_pothole", lat=lat, lon=lon)
                    hotline.call_to_case(session, rng.choice(mine).id, details, staff, NOW)
            if rng.random() < 0.5 or step % 20 == 0:
                session.commit()
                assert rolled_up(session) == counted(session), step
        session.commit()
        found = counted(session)
        assert found == rolled_up(session)
        turned = sum(n for key, n in found.items() if key[3] == "to_cases")
        assert turned > 0 and len({key[1] for key in found}) == 3


def test_the_dashboard_and_the_daily_counts_read_the_rollup(
    app: FastAPI, db: Callable[[], Session]
) -> None:
    with db() as session:
        for hours, ward, case in ((2, WARD_A, None), (30, WARD_A, None), (31, WARD_B, None)):
            session.add(HotlineCall(direction="incoming", number="0905000000", summary="gọi",
                                    at=START + timedelta(hours=hours), ward_code=ward,
                                    incident_id=case))  # fmt: skip
        session.commit()
        query = PanelQuery(ward_code=None, start=START, end=START + timedelta(days=3), now=NOW)
        figures = CasesPanelProvider().read(session, query).figures
        assert (figures.calls_received, figures.calls_to_cases) == (3, 0)
        assert CasesPanelProvider(rollups=False).read(session, query).figures == figures
        # The whole days come from the roll-up: a row changed behind its back shows.
        session.execute(update(CallDay).values(calls=CallDay.calls + 100))
        assert CasesPanelProvider().read(session, query).figures.calls_received == 3 + 300
        leader = User(phone="+84905000099", role="leader", created_at=NOW, updated_at=NOW)
        days = hotline.daily_counts(session, date(2026, 3, 1), date(2026, 3, 3), leader)
        assert [day.incoming for day in days] == [101, 202, 0]
        session.rollback()
        days = hotline.daily_counts(session, date(2026, 3, 1), date(2026, 3, 3), leader)
        assert [day.incoming for day in days] == [1, 2, 0]
