"""A GeoReport list reads its page in one query (three with extensions), however long it is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event

from hue_s.modules.incidents.backend.open311.queries import RECORD_COLUMNS
from hue_s.modules.incidents.backend.open311.records import RECORD_FIELDS

from ..conftest import People, photo_bytes, point_in, report

LIST = "/open311/v2/requests.json"


@contextmanager
def statements(app: FastAPI) -> Iterator[list[str]]:
    """Collect the SQL statements the app's engine runs meanwhile."""
    seen: list[str] = []

    def note(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        """Keep one statement."""
        seen.append(statement)

    event.listen(app.state.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(app.state.engine, "before_cursor_execute", note)


def test_a_record_row_is_unpacked_in_the_order_it_is_selected() -> None:
    assert tuple(column.key for column in RECORD_COLUMNS) == RECORD_FIELDS


async def test_a_page_is_one_query_and_each_record_the_one_read_by_id(
    app: FastAPI, client: httpx.AsyncClient, people: People
) -> None:
    citizen, point = People.auth(people.citizen), point_in(people.ward)
    photos = [photo_bytes(), photo_bytes(size=(48, 64))]
    await report(client, citizen, point=point, photos=photos)
    await report(client, {}, fields={"api_key": people.api_key, "address_string": "nơi nào đó"})
    for _ in range(3):
        await report(client, citizen, point=point)
    for extensions, queries in (("false", 1), ("true", 3)):
        with statements(app) as seen:
            listed = await client.get(LIST, params={"extensions": extensions})
        assert (listed.status_code, len(listed.json())) == (200, 5)
        assert len(seen) == queries, seen
        for record in listed.json():
            path = f"/open311/v2/requests/{record['service_request_id']}.json"
            one = await client.get(path, params={"extensions": extensions})
            assert one.json() == [record]
    extended = {record["address"]: record for record in listed.json()}
    assert extended["nơi nào đó"]["extended_attributes"]["ward"] is None  # the city tier
    with_photos = next(record for record in listed.json() if record["media_url"])
    media_urls = with_photos["extended_attributes"]["media_urls"]
    assert len(media_urls) == 2
    assert with_photos["media_url"] == media_urls[0]
