"""`hue-s backend move-incident-photos`: the database's photos go to the bucket, batch by batch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.config import BackendSettings
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import S3BlobStore, open_blob_store
from hue_s.modules.incidents.backend.models import IncidentPhoto
from tests.backend.moto_s3 import object_keys
from tests.backend.test_blob_store import without_boto3

from ..conftest import People, photo_bytes, point_in, report
from ..test_commands import run


async def served_photos(client: httpx.AsyncClient, db: Callable[[], Session]) -> dict[str, bytes]:
    """Return every photo's bytes as the photo route serves them, by photo id."""
    with db() as session:
        ids = list(session.scalars(select(IncidentPhoto.id)))
    served = {
        photo_id: await client.get(f"/api/v1/incidents/photos/{photo_id}") for photo_id in ids
    }
    assert {answer.status_code for answer in served.values()} == {200}
    return {photo_id: answer.content for photo_id, answer in served.items()}


async def test_photos_move_to_the_bucket_in_batches_and_a_second_run_moves_none(
    app: FastAPI,
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    settings: BackendSettings,
    s3_client: Any,
    s3_bucket: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    headers = People.auth(people.citizen)
    for count in (1, 2, 2):
        photos = [photo_bytes(size=(60 + index, 40)) for index in range(count)]
        filed = await report(client, headers, point=point_in(people.ward), photos=photos)
        assert filed.status_code == 200, filed.text
    before = await served_photos(client, db)
    monkeypatch.setenv("HUE_S_PHOTO_STORE", f"s3://{s3_bucket}/moved")
    database = ("--database", settings.database_url)
    original_put = S3BlobStore.put
    uploads: list[str] = []

    def put_then_fail(store: S3BlobStore, key: str, data: bytes, content_type: str) -> None:
        """Upload, until the third photo: the store goes away then."""
        if len(uploads) == 2:
            raise APIError(503, "object_store_unavailable", "The store went away.")
        uploads.append(key)
        original_put(store, key, data, content_type)

    monkeypatch.setattr(S3BlobStore, "put", put_then_fail)
    assert run("move-incident-photos", "--batch-size", "2", *database) == 1
    assert "The store went away." in capsys.readouterr().err
    with db() as session:
        assert (
            len(
                session.scalars(
                    select(IncidentPhoto.object_key).where(IncidentPhoto.object_key.is_not(None))
                ).all()
            )
            == 2
        )
    monkeypatch.setattr(S3BlobStore, "put", original_put)

    assert run("move-incident-photos", "--batch-size", "2", *database) == 0
    out = capsys.readouterr().out
    assert "moved 2 photos" in out and "3 photos moved to" in out, out
    with db() as session:
        rows = session.execute(
            select(IncidentPhoto.id, IncidentPhoto.object_key, IncidentPhoto.data)
        ).all()
    assert all(row.data is None and row.object_key == f"incident-photos/{row.id}" for row in rows)
    assert object_keys(s3_client, s3_bucket) == sorted(
        f"moved/incident-photos/{row.id}" for row in rows
    )

    assert run("move-incident-photos", *database) == 0
    assert "0 photos moved" in capsys.readouterr().out
    app.state.object_store = open_blob_store(f"s3://{s3_bucket}/moved")
    assert await served_photos(client, db) == before


def test_moving_without_a_bucket_or_without_boto3_says_what_to_do(
    settings: BackendSettings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = ("--database", settings.database_url)
    assert run("move-incident-photos", *database) == 1
    assert "set HUE_S_PHOTO_STORE=s3://bucket/prefix" in capsys.readouterr().err
    monkeypatch.setenv("HUE_S_PHOTO_STORE", "s3://photos")
    without_boto3(monkeypatch)
    assert run("move-incident-photos", *database) == 1
    assert 'pip install "hue-s[s3]"' in capsys.readouterr().err
