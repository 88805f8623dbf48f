"""Photos in S3-compatible object storage (moto over HTTP): uploaded, served, never orphaned."""

# ruff: noqa: F811  (the fixture overridden here takes the one it overrides)
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session

from hue_s.backend.config import BackendSettings
from hue_s.backend.kernel.models import IdempotencyRecord
from hue_s.modules.incidents.backend.models import Incident, IncidentPhoto
from tests.backend.moto_s3 import object_keys

from ..conftest import People, photo_bytes, point_in, report

PREFIX = "city/hue"


@pytest.fixture
def settings(settings: BackendSettings, s3_bucket: str) -> BackendSettings:
    """The backend settings, with new photos going to a moto bucket under a prefix."""
    return replace(settings, photo_store=f"s3://{s3_bucket}/{PREFIX}")


def photo_rows(db: Callable[[], Session]) -> list[tuple[str, str | None, bool]]:
    """Return each stored photo's id, object key and whether its row holds bytes."""
    with db() as session:
        query = select(IncidentPhoto.id, IncidentPhoto.object_key, IncidentPhoto.data.is_not(None))
        return [(row[0], row[1], bool(row[2])) for row in session.execute(query)]


async def photo_paths(
    client: httpx.AsyncClient, case_id: int, headers: dict[str, str]
) -> list[str]:
    """Return the paths of a case's photos, from the citizen's view of it."""
    detail = await client.get(f"/api/v1/incidents/{case_id}", headers=headers)
    assert detail.status_code == 200, detail.text
    return [
        "/api/v1/incidents/photos/" + photo["url"].rstrip("/").rsplit("/", 1)[-1]
        for photo in detail.json()["photos"]
    ]


@pytest.fixture
def failing_photo_rows(app: FastAPI) -> Iterator[None]:
    """Make the database refuse every photo row, inside the report's transaction."""

    def refuse(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """Fail an INSERT of a photo row."""
        if statement.lstrip().upper().startswith("INSERT INTO INCIDENT_PHOTOS"):
            raise RuntimeError("the database refuses this photo row")

    event.listen(app.state.engine, "before_cursor_execute", refuse)
    yield
    event.remove(app.state.engine, "before_cursor_execute", refuse)


async def test_a_reports_photos_go_to_the_bucket_and_come_back_through_the_routes(
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    s3_client: Any,
    s3_bucket: str,
) -> None:
    headers = People.auth(people.citizen)
    sent = [photo_bytes(), photo_bytes("PNG", size=(40, 30))]
    filed = await report(client, headers, point=point_in(people.ward), photos=sent)
    assert filed.status_code == 200, filed.text
    rows = photo_rows(db)
    assert [(key, holds) for _, key, holds in rows] == [
        (f"incident-photos/{photo_id}", False) for photo_id, _, _ in rows
    ]
    assert object_keys(s3_client, s3_bucket) == sorted(f"{PREFIX}/{key}" for _, key, _ in rows)
    case_id = int(filed.json()[0]["service_request_id"])
    for path in await photo_paths(client, case_id, headers):
        served = await client.get(path, headers=headers)
        assert served.status_code == 200
        key = f"{PREFIX}/incident-photos/{path.rsplit('/', 1)[-1]}"
        stored = s3_client.get_object(Bucket=s3_bucket, Key=key)
        assert served.content == stored["Body"].read()
        assert served.headers["content-type"] == stored["ContentType"]


async def test_photos_kept_in_the_database_before_the_switch_are_still_served(
    app: FastAPI, client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    headers = People.auth(people.citizen)
    store, app.state.object_store = app.state.object_store, None  # the database, as before
    older = await report(client, headers, point=point_in(people.ward), photos=[photo_bytes()])
    app.state.object_store = store
    newer = await report(client, headers, point=point_in(people.ward), photos=[photo_bytes()])
    assert sorted((key is None, holds) for _, key, holds in photo_rows(db)) == [
        (False, False),
        (True, True),
    ]
    for filed in (older, newer):
        case_id = int(filed.json()[0]["service_request_id"])
        (path,) = await photo_paths(client, case_id, headers)
        served = await client.get(path, headers=People.auth(people.officer))  # the officer's view
        assert served.status_code == 200
        assert served.content.startswith(b"\xff\xd8")


async def test_a_failed_transaction_leaves_no_object_behind(
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    s3_client: Any,
    s3_bucket: str,
    failing_photo_rows: None,
) -> None:
    headers = People.auth(people.citizen)
    failed = await report(client, headers, point=point_in(people.ward), photos=[photo_bytes()] * 2)
    assert failed.status_code == 500
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0
    assert object_keys(s3_client, s3_bucket) == []


async def test_a_refused_resolve_leaves_no_object_behind(
    client: httpx.AsyncClient, people: People, s3_client: Any, s3_bucket: str
) -> None:
    filed = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    case_id = int(filed.json()[0]["service_request_id"])
    officer = People.auth(people.officer)
    await client.post(f"/api/v1/cases/{case_id}/accept", json={}, headers=officer)
    path = f"/api/v1/cases/{case_id}/resolve"
    files = {"photo": ("after.jpg", photo_bytes())}
    resolved = await client.post(path, files=files, headers=officer)
    assert resolved.status_code == 200, resolved.text
    (kept,) = object_keys(s3_client, s3_bucket)
    again = await client.post(path, files=files, headers=officer)  # resolved already: refused
    assert again.status_code == 409, again.text
    assert object_keys(s3_client, s3_bucket) == [kept]
    (after,) = await photo_paths(client, case_id, People.auth(people.citizen))
    assert (await client.get(after)).content == s3_client.get_object(Bucket=s3_bucket, Key=kept)[
        "Body"
    ].read()


async def test_a_report_filed_again_under_its_client_uuid_keeps_only_its_first_photos(
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    s3_client: Any,
    s3_bucket: str,
) -> None:
    headers = People.auth(people.citizen) | {"Idempotency-Key": str(uuid.uuid4())}
    point = point_in(people.ward)
    first = await report(client, headers, point=point, photos=[photo_bytes()])
    stored = object_keys(s3_client, s3_bucket)
    with db() as session:
        session.execute(delete(IdempotencyRecord))  # the key's record expired; the UUID stays
        session.commit()
    second = await report(client, headers, point=point, photos=[photo_bytes()])
    assert second.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert len(stored) == 1
    assert object_keys(s3_client, s3_bucket) == stored


async def test_a_visitors_report_filed_at_the_ward_office_keeps_its_photo_in_the_bucket(
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    s3_client: Any,
    s3_bucket: str,
) -> None:
    lat, lon = point_in(people.ward)
    form = {"service_code": "road_pothole", "lat": str(lat), "long": str(lon)}
    filed = await client.post(
        "/api/v1/incidents/assisted",
        data=form,
        files=[("media", ("p.jpg", photo_bytes()))],
        headers=People.auth(people.officer),
    )
    assert filed.status_code == 201, filed.text
    ((_, key, holds),) = photo_rows(db)
    assert not holds
    assert object_keys(s3_client, s3_bucket) == [f"{PREFIX}/{key}"]
