"""The incidents migration creates exactly the tables the models describe."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi import FastAPI

from hue_s.backend.kernel.models import Base, IdempotencyRecord
from hue_s.modules.incidents.backend import models

INCIDENT_TABLES = {IdempotencyRecord.__tablename__} | {
    model.__tablename__
    for model in (
        models.IncidentService,
        models.Incident,
        models.IncidentEvent,
        models.IncidentPhoto,
        models.IncidentFollower,
        models.HotlineCall,
        models.CaseDay,
        models.CaseMonth,
        models.CityClosingDay,
        models.CaseClosingDay,
    )
}


def table_of(difference: Any) -> str | None:
    """Return the table a compare_metadata difference is about."""
    item = difference[0] if isinstance(difference, list) else difference
    for part in item[1:]:
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None:
            return str(table.name)
        if isinstance(part, str) or name:
            return str(part if isinstance(part, str) else name)
    return None


def test_migrated_schema_matches_the_models(app: FastAPI) -> None:
    with app.state.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        tables = set(connection.dialect.get_table_names(connection))
    assert tables >= INCIDENT_TABLES
    assert [diff for diff in differences if table_of(diff) in INCIDENT_TABLES] == []
