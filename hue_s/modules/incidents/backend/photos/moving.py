"""Move the photos kept in the database to the object store, a batch at a time.

Idempotent: a photo is uploaded first, then its row gets the object key and loses its bytes,
in one transaction per batch; a run stopped midway uploads the rest of its batch again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Engine, Table, bindparam, func, select, update

from hue_s.backend.kernel.blob_store import BlobStore, ColumnBlobStore
from hue_s.modules.incidents.backend.models import IncidentPhoto
from hue_s.modules.incidents.backend.photos.storage import object_key_for

PHOTOS = cast(Table, IncidentPhoto.__table__)
IN_ROWS = PHOTOS.c.object_key.is_(None)
NEXT_BATCH = (
    select(PHOTOS.c.id, PHOTOS.c.content_type)
    .where(IN_ROWS, PHOTOS.c.id > bindparam("after"))
    .order_by(PHOTOS.c.id)
    .limit(bindparam("size"))
)
MOVED = (
    update(PHOTOS)
    .where(PHOTOS.c.id == bindparam("photo_id"), IN_ROWS)
    .values(object_key=bindparam("key"), data=None)
)


@dataclass
class Moved:
    """How many photos and bytes went to the object store, and how many were left."""

    photos: int = 0
    bytes: int = 0
    left: int = 0


def photos_in_rows(engine: Engine) -> int:
    """Return how many photos keep their bytes in the database."""
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).where(IN_ROWS)) or 0)


def move_photos(
    engine: Engine,
    store: BlobStore,
    batch_size: int = 100,
    told: Callable[[Moved], None] = lambda _moved: None,
) -> Moved:
    """Upload every photo kept in the database to `store` and empty its row (blocking).

    `told` hears the totals after each batch.
    """
    rows = ColumnBlobStore(engine, PHOTOS.c.data)
    moved = Moved(left=photos_in_rows(engine))
    after = ""
    while True:
        with engine.connect() as connection:
            batch = connection.execute(NEXT_BATCH, {"after": after, "size": batch_size}).all()
        if not batch:
            return moved
        changes = []
        for photo_id, content_type in batch:
            data = rows.get(photo_id)
            if data is None:
                continue  # moved meanwhile (another run)
            key = object_key_for(photo_id)
            store.put(key, data, content_type)
            changes.append({"photo_id": photo_id, "key": key, "size": len(data)})
        with engine.begin() as connection:
            for change in changes:
                if connection.execute(MOVED, change).rowcount:
                    moved.photos += 1
                    moved.bytes += change["size"]
                    moved.left -= 1
        after = batch[-1].id
        told(moved)
