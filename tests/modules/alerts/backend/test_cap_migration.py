"""alerts_0003: the CAP columns are added (and dropped) without losing a stored alert."""

from __future__ import annotations

import asyncio

import httpx
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Base
from hue_s.backend.migrate import migration_config
from hue_s.backend.startup import prepare_database
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor
from hue_s.modules.alerts.backend.models import AlertArea, AlertInfo

from .cap_builders import hue_alert

TABLES = ("alert_infos", "alert_areas", "alert_sources")


def test_stored_alerts_survive_alerts_0003_both_ways(database_url: str) -> None:
    engine = prepare_database(database_url)

    def counts() -> tuple[int, int]:
        with Session(engine) as session:
            return (
                session.scalar(select(func.count()).select_from(AlertInfo.__table__)) or 0,
                session.scalar(select(func.count()).select_from(AlertArea.__table__)) or 0,
            )

    async def ingest() -> None:
        async with httpx.AsyncClient() as client:
            await Ingestor(lambda: Session(engine), client).ingest_document(hue_alert("M-1"), None)

    try:
        asyncio.run(ingest())
        assert counts() == (1, 1)
        with engine.begin() as connection:
            command.downgrade(migration_config(connection), "alerts_0002")
        assert counts() == (1, 1)  # SQLite tables are not rebuilt: nothing cascades away
        with engine.begin() as connection:
            command.upgrade(migration_config(connection), "heads")
        assert counts() == (1, 1)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [diff for diff in differences if any(name in repr(diff) for name in TABLES)] == []
    finally:
        engine.dispose()
