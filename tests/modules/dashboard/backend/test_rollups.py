"""The daily roll-ups answer exactly as the cases do: random case histories written through the
incidents lifecycle (filed, accepted, started, transferred, placed, noted, rejected, resolved,
reopened, rated; a case's category and ward corrected with no timeline entry, an entry added
alone; some steps committed, so cases come back expired), then the panel read from the roll-ups
equals the panel read from the cases for random periods (whole days and parts of days), wards
and clocks. Removing any roll-up update makes them differ."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from alembic import command
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Ward
from hue_s.backend.migrate import migration_config
from hue_s.hue_time import HUE_TIME as HUE
from hue_s.modules.dashboard.wire import Bucket, PanelQuery
from hue_s.modules.incidents.backend.cases.lifecycle import Actor, apply_move, record_event
from hue_s.modules.incidents.backend.cases.status import MOVES as LIFECYCLE
from hue_s.modules.incidents.backend.dashboard.panel import CasesPanelProvider
from hue_s.modules.incidents.backend.dashboard.rollups import rebuild_days
from hue_s.modules.incidents.backend.models import CaseDay, CaseMonth, Incident, IncidentEvent

from .cases import WARD_A, WARD_B

START = datetime(2026, 3, 1, tzinfo=HUE)
WARDS = (WARD_A, WARD_B, "19774", None)
OFFICER, CITIZEN = Actor(id=None, role="officer"), Actor(id=None, role="citizen")
MOVES = ("accept", "start", "transfer", "reject", "resolve", "reopen", "rate", "note",
         "recategorise", "bare_entry")  # fmt: skip
"""The lifecycle's moves, and two writes that bypass it (the roll-ups follow any ORM write):
a case's category and ward changed with no timeline entry, and a staff entry added alone."""


def file_case(session: Session, rng: random.Random, now: datetime) -> Incident:
    """File a new case now in a random ward (or none), category and channel."""
    incident = Incident(
        token=secrets.token_hex(16),
        service_code=rng.choice(("road_pothole", "fallen_tree", "waste")),
        ward_code=rng.choice(WARDS),
        source=rng.choice(("open311", "hotline", "assisted")),
        requested_at=now,
        updated_at=now,
        deadline_at=now + timedelta(hours=rng.choice((12, 48, 120))),
    )
    session.add(incident)
    session.flush()
    if rng.random() < 0.8:  # else filed with no timeline entry, as a bulk import may
        record_event(session, incident, CITIZEN, "received", now)
    return incident


def act(session: Session, rng: random.Random, incident: Incident, now: datetime) -> None:
    """Do one random thing to a case, as staff or its reporter may (a move its status does not
    allow does nothing)."""
    move = rng.choice(MOVES)
    if move == "rate":
        if incident.status == "resolved" and incident.rating is None:
            incident.rating = rng.randint(1, 5)
            record_event(session, incident, CITIZEN, "rated", now, public=False)
    elif move == "note":
        record_event(session, incident, OFFICER, "noted", now, public=rng.random() < 0.5)
    elif move == "recategorise":
        incident.service_code = rng.choice(("road_pothole", "fallen_tree", "waste"))
        incident.ward_code = rng.choice(WARDS)
    elif move == "bare_entry":
        session.add(IncidentEvent(incident_id=incident.id, at=now, action="noted",
                                  actor_role="officer", status=incident.status))  # fmt: skip
    elif incident.status not in LIFECYCLE[move].allowed_from:
        return
    elif move == "transfer":
        move = "place" if incident.ward_code is None else "transfer"
        incident.ward_code = rng.choice([w for w in WARDS if w and w != incident.ward_code])
        apply_move(session, incident, move, OFFICER, now)
    elif move == "reopen":
        apply_move(session, incident, "reopen", CITIZEN, now)
        incident.deadline_at = now + timedelta(hours=rng.choice((12, 48)))
    else:
        apply_move(session, incident, move, OFFICER, now)


def random_query(rng: random.Random, now: datetime) -> PanelQuery:
    """Return a random period (whole days or not, across months or within one), ward and clock
    within the histories (about two months)."""
    first = START + timedelta(days=rng.randint(-3, 65))
    if rng.random() < 0.5:
        first += timedelta(hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
    end = first + timedelta(days=rng.randint(0, 70), hours=rng.choice((0, 0, 5, 17)))
    return PanelQuery(
        ward_code=rng.choice(WARDS),
        start=first,
        end=end + timedelta(hours=1) if end == first else end,
        now=now - timedelta(hours=rng.randint(0, 200)),
        bucket=rng.choice(list(Bucket)),
        detail=rng.random() < 0.7,  # without: the previous period's figures, per ward only
    )


def assert_same_answers(session: Session, rng: random.Random, now: datetime) -> None:
    """Compare the roll-up path with the raw path on random queries."""
    for _ in range(12):
        query = random_query(rng, now)
        from_rollups = CasesPanelProvider().read(session, query)
        from_cases = CasesPanelProvider(rollups=False).read(session, query)
        for panel in (from_rollups, from_cases):  # the dashboard ranks them after
            panel.wards.sort(key=lambda ward: ward.ward_code)
        assert from_rollups.model_dump() == from_cases.model_dump(), query


@pytest.mark.parametrize("seed", range(3))
def test_rollups_equal_the_cases(db: Callable[[], Session], seed: int) -> None:
    rng = random.Random(seed)
    now = START
    with db() as session:
        assert set(session.scalars(select(Ward.code))) >= {w for w in WARDS if w}
        cases: list[int] = []
        for step in range(1, 301):
            now += timedelta(minutes=rng.randint(1, 600), seconds=rng.randint(0, 59))
            if not cases or rng.random() < 0.35:
                cases.append(file_case(session, rng, now).id)
            else:
                incident = session.get(Incident, rng.choice(cases))
                assert incident is not None
                act(session, rng, incident, now)
            if rng.random() < 0.3:
                session.commit()
            if step % 100 == 0:
                session.commit()
                assert_same_answers(session, rng, now)
        assert session.scalar(select(func.count()).select_from(CaseDay)) > 0
        assert session.scalar(select(func.count()).select_from(CaseMonth)) > 1


def test_a_full_rebuild_gives_the_same_rows(db: Callable[[], Session]) -> None:
    rng = random.Random(7)
    now = START
    with db() as session:
        for _ in range(40):
            now += timedelta(hours=rng.randint(1, 9))
            act(session, rng, file_case(session, rng, now), now)
        session.commit()
        kept = session.execute(select(CaseDay.day, CaseDay.ward_code, CaseDay.received)).all()
        rebuild_days(session.connection())
        rebuilt = session.execute(select(CaseDay.day, CaseDay.ward_code, CaseDay.received)).all()
        assert sorted(kept, key=str) == sorted(rebuilt, key=str) and kept


def test_the_start_fills_the_rollups_of_cases_stored_before_them(
    app: FastAPI, db: Callable[[], Session]
) -> None:
    rng = random.Random(11)
    now = START
    with db() as session:
        for _ in range(40):
            now += timedelta(hours=rng.randint(1, 9))
            act(session, rng, file_case(session, rng, now), now)
        session.commit()
    with app.state.engine.begin() as connection:
        command.downgrade(migration_config(connection), "incidents_0003")
        command.upgrade(migration_config(connection), "heads")
        assert connection.scalar(select(func.count()).select_from(CaseDay)) == 0
        app.state.plugins.hook.hue_s_backend_database_ready(connection=connection)
    with db() as session:
        assert session.scalar(select(func.sum(CaseDay.received))) == 40
        assert_same_answers(session, rng, now)


@pytest.mark.parametrize(
    ("first", "last"),
    [(2, 31), (5, 28), (1, 10), (3, 45), (20, 50)],
    ids=["takes one day, adds one", "takes both ends", "days only", "two months", "adds ends"],
)
def test_months_less_the_days_outside_the_period(
    db: Callable[[], Session], first: int, last: int
) -> None:
    """A period read as whole months less the days outside it (rollup_sums) answers as the
    cases do, and a category whose only cases fall on a day taken away is not listed."""
    rng = random.Random(first * 100 + last)
    with db() as session:
        for day in range(0, 62):
            for _ in range(rng.randint(1, 3)):
                moment = START + timedelta(days=day, hours=rng.randint(0, 23))
                act(session, rng, file_case(session, rng, moment), moment)
        lonely = file_case(session, rng, START + timedelta(hours=3))  # 1 March only
        lonely.service_code = "street_lighting"
        session.commit()
        start, end = START + timedelta(days=first - 1), START + timedelta(days=last)
        query = PanelQuery(ward_code=None, start=start, end=end, now=end + timedelta(days=9))
        from_rollups = CasesPanelProvider().read(session, query)
        from_cases = CasesPanelProvider(rollups=False).read(session, query)
        for panel in (from_rollups, from_cases):
            panel.wards.sort(key=lambda ward: ward.ward_code)
        assert from_rollups.model_dump() == from_cases.model_dump()
        listed = {item.key for item in from_rollups.categories}
        assert ("street_lighting" in listed) == (first == 1)
