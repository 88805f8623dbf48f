"""A full disk is a clear 507 storage_full, not a 500 with a traceback."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text

from ..conftest import People, photo_bytes, point_in, report


def fill_the_disk(app: FastAPI) -> None:
    """Let SQLite grow no more: every new connection may use only the pages it has now."""
    engine = app.state.engine
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's max_page_count makes a real 'database or disk is full'")
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()

    def at_most_these_pages(dbapi_connection: Any, _record: Any) -> None:
        """Cap the database file at its present size."""
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", at_most_these_pages)
    engine.dispose()


async def test_a_full_disk_answers_507_storage_full(
    app: FastAPI, client: httpx.AsyncClient, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    fill_the_disk(app)
    big = photo_bytes(size=(1600, 1200))
    answer = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), photos=[big] * 3
    )
    assert answer.status_code == 507, answer.text
    assert answer.json()["error"]["code"] == "storage_full"
    assert answer.headers["retry-after"]
    assert not [record for record in caplog.records if record.exc_info], "no traceback logged"
    assert any(
        "Storage full" in record.getMessage()
        for record in caplog.records
        if record.levelno == logging.ERROR
    )
