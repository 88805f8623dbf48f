"""Where a case's photo bytes are kept: in its row, or in the object store ($HUE_S_PHOTO_STORE).

A photo is uploaded to the object store before its row is written, outside the database's
transaction and writer thread; when that transaction fails, or stores nothing new (a report
already filed under its client UUID), the uploaded objects are deleted again. A row whose
`object_key` is empty has its bytes in `data`: photos stored before the object store was
switched on keep being served from there.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass

import anyio
from starlette.concurrency import run_in_threadpool

from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import BlobStore
from hue_s.modules.incidents.backend.models import IncidentPhoto
from hue_s.modules.incidents.backend.photos.pipeline import CleanPhoto

logger = logging.getLogger(__name__)
KEY_PREFIX = "incident-photos/"


@dataclass(frozen=True)
class KeptPhoto:
    """A clean photo with its id, and its object key once uploaded (None: bytes in the row)."""

    id: str
    photo: CleanPhoto
    object_key: str | None = None


def object_key_for(photo_id: str) -> str:
    """Return the object store's key of a photo."""
    return KEY_PREFIX + photo_id


def keep_photos(store: BlobStore | None, photos: Sequence[CleanPhoto]) -> list[KeptPhoto]:
    """Give each photo its id and, with an object store, upload it (blocking; no transaction).

    A failed upload deletes the ones made before it and raises (503 object_store_unavailable).
    """
    kept: list[KeptPhoto] = []
    for photo in photos:
        photo_id = uuid.uuid4().hex
        if store is None or store.keeps_bytes_in_rows:
            kept.append(KeptPhoto(photo_id, photo))
            continue
        key = object_key_for(photo_id)
        with objects_deleted_on_failure(store, kept):
            store.put(key, photo.data, photo.content_type)
        kept.append(KeptPhoto(photo_id, photo, key))
    return kept


def forget_objects(store: BlobStore | None, kept: Sequence[KeptPhoto]) -> None:
    """Delete the uploaded objects of photos whose rows were not stored (blocking; logs why)."""
    for photo in kept:
        if store is None or photo.object_key is None:
            continue
        try:
            store.delete(photo.object_key)
        except Exception:
            logger.exception("Could not delete the unused object %s", photo.object_key)


@contextmanager
def objects_deleted_on_failure(
    store: BlobStore | None, kept: Sequence[KeptPhoto]
) -> Iterator[None]:
    """Delete the uploaded objects if the block fails (its transaction did not commit)."""
    try:
        yield
    except BaseException:
        forget_objects(store, kept)
        raise


@asynccontextmanager
async def objects_deleted_on_failure_async(
    store: BlobStore | None, kept: Sequence[KeptPhoto]
) -> AsyncIterator[None]:
    """Delete the uploaded objects in the thread pool if the block fails, even when cancelled."""
    try:
        yield
    except BaseException:
        if any(photo.object_key for photo in kept):
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(forget_objects, store, kept)
        raise


def photo_row(kept: KeptPhoto, incident_id: int, kind: str, user_id: int | None) -> IncidentPhoto:
    """Return the row of a case's photo: its bytes, or the key of its uploaded object."""
    photo = kept.photo
    return IncidentPhoto(
        id=kept.id,
        incident_id=incident_id,
        kind=kind,
        content_type=photo.content_type,
        data=photo.data if kept.object_key is None else None,
        object_key=kept.object_key,
        width=photo.width,
        height=photo.height,
        taken_at=photo.place_and_time.taken_at,
        gps_lat=photo.place_and_time.lat,
        gps_lon=photo.place_and_time.lon,
        uploaded_by=user_id,
    )


def stored_bytes(store: BlobStore | None, row: IncidentPhoto) -> bytes:
    """Return a photo's bytes from its row or the object store (blocking).

    503 object_store_unavailable when its object cannot be read, or no store is configured;
    404 photo_not_found when the store has no such object.
    """
    if row.object_key is None:
        assert row.data is not None  # the table's CHECK: bytes in one place or the other
        return row.data
    if store is None or store.keeps_bytes_in_rows:
        logger.error("Photo %s is in an object store, but HUE_S_PHOTO_STORE names none", row.id)
        raise APIError(
            503, "object_store_unavailable", "This photo is in storage this server cannot reach."
        )
    data = store.get(row.object_key)
    if data is None:
        logger.error("Photo %s: the object %s is missing", row.id, row.object_key)
        raise APIError(404, "photo_not_found", "No such photo.")
    return data
