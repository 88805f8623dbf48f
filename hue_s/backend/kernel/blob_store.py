"""Where large bytes (photos) are kept: in their own rows (the default) or in S3-compatible
object storage, chosen by $HUE_S_PHOTO_STORE (`s3://bucket/prefix`).

The S3 store takes its endpoint, keys and region where boto3 itself reads them
($AWS_ENDPOINT_URL, $AWS_ACCESS_KEY_ID, $AWS_SECRET_ACCESS_KEY, $AWS_DEFAULT_REGION, or
~/.aws), so it works with AWS S3, MinIO, Ceph or Garage alike. boto3 is an optional
dependency (`pip install "hue-s[s3]"`), imported only when such a store is asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy import Column, Engine, select, update
from starlette.requests import Request

from hue_s.backend.kernel.api_errors import APIError

logger = logging.getLogger(__name__)
ATTEMPTS = 3
"""Tries of each S3 request (botocore's standard retry mode: backoff with jitter)."""
IN_DATABASE = ("", "database")
"""The settings that keep bytes in the database, in their rows (the default)."""
MISSING_BOTO3 = (
    'HUE_S_PHOTO_STORE names an S3 bucket but boto3 is not installed: pip install "hue-s[s3]"'
)


class BlobStoreError(RuntimeError):
    """The store cannot be used as configured; the message is one line for whoever starts it."""


class BlobStore(Protocol):
    """Bytes kept under a key: put, read back (None when absent), delete (absent is fine)."""

    keeps_bytes_in_rows: bool
    """True: the bytes live in a column of their own row, written in that row's transaction."""

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Keep bytes under a key, replacing what it held."""

    def get(self, key: str) -> bytes | None:
        """Return the bytes kept under a key, or None."""

    def delete(self, key: str) -> None:
        """Forget a key's bytes (nothing happens when there are none)."""


class ColumnBlobStore:
    """The database: bytes in a column of the rows they belong to, keyed by the row's key.

    A new row carries its bytes in its own INSERT (one transaction, as before object storage);
    put, get and delete reach the bytes of rows already stored, in a transaction each.
    """

    keeps_bytes_in_rows = True

    def __init__(self, engine: Engine, column: Column[Any]) -> None:
        """Keep bytes in `column`, whose table has a one-column primary key."""
        table = column.table
        (self.key,) = table.primary_key.columns
        self.engine, self.column, self.table = engine, column, table

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Write bytes into an existing row's column (the row keeps its own content type)."""
        with self.engine.begin() as connection:
            connection.execute(
                update(self.table).where(self.key == key).values({self.column.name: data})
            )

    def get(self, key: str) -> bytes | None:
        """Return a row's bytes, or None."""
        with self.engine.connect() as connection:
            found = connection.execute(select(self.column).where(self.key == key)).scalar()
        return None if found is None else bytes(found)

    def delete(self, key: str) -> None:
        """Empty a row's column (the row stays)."""
        with self.engine.begin() as connection:
            connection.execute(
                update(self.table).where(self.key == key).values({self.column.name: None})
            )


def store_unavailable(error: Exception) -> APIError:
    """Return the 503 answered while the object store cannot be reached, logging why."""
    logger.error("Object store unavailable: %s", error)
    return APIError(
        503,
        "object_store_unavailable",
        "Photos cannot be stored or read right now; try again in a minute.",
        {"Retry-After": "60"},
    )


class S3BlobStore:
    """An S3-compatible bucket; keys are kept under a prefix of it."""

    keeps_bytes_in_rows = False

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        """Keep objects in `bucket` under `prefix` through a boto3 S3 client."""
        self.client, self.bucket = client, bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def object_key(self, key: str) -> str:
        """Return the bucket's key of a store key (its prefix added)."""
        return self.prefix + key

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Upload bytes (503 object_store_unavailable when the store fails)."""
        with errors_answered():
            self.client.put_object(
                Bucket=self.bucket, Key=self.object_key(key), Body=data, ContentType=content_type
            )

    def get(self, key: str) -> bytes | None:
        """Download an object's bytes, or None when there is no such object."""
        with errors_answered():
            try:
                answer = self.client.get_object(Bucket=self.bucket, Key=self.object_key(key))
            except self.client.exceptions.NoSuchKey:
                return None
            return bytes(answer["Body"].read())

    def delete(self, key: str) -> None:
        """Delete an object (S3 answers the same whether it was there or not)."""
        with errors_answered():
            self.client.delete_object(Bucket=self.bucket, Key=self.object_key(key))

    def check(self) -> None:
        """Make sure the bucket answers (BlobStoreError with the reason otherwise)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as error:  # botocore's errors, imported only with boto3
            raise BlobStoreError(f"Cannot use the bucket {self.bucket!r}: {error}") from None


@contextmanager
def errors_answered() -> Iterator[None]:
    """Turn the S3 client's failures (botocore's, not imported here) into the 503 answer."""
    try:
        yield
    except Exception as error:
        if type(error).__module__.startswith(("botocore", "boto3")):
            raise store_unavailable(error) from error
        raise


def s3_client() -> Any:
    """Return a boto3 S3 client configured from the environment (BlobStoreError without boto3)."""
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        raise BlobStoreError(MISSING_BOTO3) from None
    config = Config(
        connect_timeout=5,
        read_timeout=30,
        retries={"mode": "standard", "max_attempts": ATTEMPTS},
        max_pool_connections=64,  # the thread pool's workers may all read photos at once
    )
    return boto3.client("s3", config=config)


def open_blob_store(setting: str, *, check: bool = True) -> S3BlobStore | None:
    """Return the object store a setting names, or None for the database (its rows).

    `s3://bucket/prefix` gives an S3 store, whose bucket is checked unless `check` is False;
    anything else is a BlobStoreError saying what is expected.
    """
    if setting.strip().lower() in IN_DATABASE:
        return None
    parts = urlsplit(setting.strip())
    if parts.scheme != "s3" or not parts.netloc:
        raise BlobStoreError(
            f"HUE_S_PHOTO_STORE={setting!r}: expected s3://bucket/prefix, or database"
        )
    store = S3BlobStore(s3_client(), parts.netloc, parts.path)
    if check:
        store.check()
    return store


def object_store_of(request: Request) -> S3BlobStore | None:
    """Return the app's object store for new photos, or None when they go to the database."""
    store: S3BlobStore | None = getattr(request.app.state, "object_store", None)
    return store
