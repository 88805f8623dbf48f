"""incidents_0006: photos keep their bytes through it, both ways; every row keeps them somewhere."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from alembic import command
from fastapi import FastAPI
from sqlalchemy import Connection, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.migrate import migration_config
from hue_s.modules.incidents.backend.models import IncidentPhoto

from ..conftest import People, photo_bytes, point_in, report


def photo_columns(connection: Connection) -> dict[str, bool]:
    """Return the photo table's columns and whether each may be NULL."""
    columns = inspect(connection).get_columns("incident_photos")
    return {column["name"]: bool(column["nullable"]) for column in columns}


async def test_the_migration_keeps_the_photos_and_goes_back_while_they_are_in_rows(
    app: FastAPI, client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    headers = People.auth(people.citizen)
    filed = await report(client, headers, point=point_in(people.ward), photos=[photo_bytes()])
    assert filed.status_code == 200, filed.text
    with db() as session:
        (photo_id, data) = session.execute(select(IncidentPhoto.id, IncidentPhoto.data)).one()
    with app.state.engine.begin() as connection:
        assert photo_columns(connection)["data"] is True
        command.downgrade(migration_config(connection), "incidents_0005")
        assert "object_key" not in photo_columns(connection)
        assert photo_columns(connection)["data"] is False
    with app.state.engine.begin() as connection:
        command.upgrade(migration_config(connection), "heads")
        stored = connection.execute(select(IncidentPhoto.data, IncidentPhoto.object_key)).one()
        assert tuple(stored) == (data, None)
    with app.state.engine.begin() as connection:
        moved = {"object_key": f"incident-photos/{photo_id}", "data": None}
        connection.execute(update(IncidentPhoto).values(moved))
        with pytest.raises(RuntimeError, match="1 photos are only in the object store"):
            command.downgrade(migration_config(connection), "incidents_0005")


async def test_a_photo_row_without_bytes_anywhere_is_refused(
    app: FastAPI, client: httpx.AsyncClient, people: People
) -> None:
    headers = People.auth(people.citizen)
    filed = await report(client, headers, point=point_in(people.ward), photos=[photo_bytes()])
    assert filed.status_code == 200, filed.text
    with (
        app.state.engine.connect() as connection,
        pytest.raises(IntegrityError, match="bytes_kept"),
    ):
        connection.execute(update(IncidentPhoto).values(data=None))
