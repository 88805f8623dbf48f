"""The blob store: the database's column or an S3 bucket (moto over HTTP), chosen by setting."""

from __future__ import annotations

import builtins
import socket
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, LargeBinary, MetaData, String, Table, create_engine

from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.kernel import blob_store
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import (
    BlobStoreError,
    ColumnBlobStore,
    S3BlobStore,
    open_blob_store,
)
from hue_s.backend.startup import BackendStartError

from .moto_s3 import object_keys


def without_boto3(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import boto3` fail, as on a machine installed without the s3 extra."""
    real_import = builtins.__import__

    def refusing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        """Refuse boto3 and botocore; import anything else."""
        if name.split(".")[0] in ("boto3", "botocore"):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refusing_import)


@pytest.mark.parametrize("setting", ["", "database", " Database "])
def test_the_database_is_the_default(setting: str) -> None:
    assert open_blob_store(setting) is None


@pytest.mark.parametrize("setting", ["bucket", "s3://", "file:///tmp/photos", "s3:/bucket"])
def test_a_setting_that_names_no_bucket_says_what_is_expected(setting: str) -> None:
    with pytest.raises(BlobStoreError, match="expected s3://bucket/prefix"):
        open_blob_store(setting)


def test_settings_read_the_photo_store_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert BackendSettings().photo_store == ""
    monkeypatch.setenv("HUE_S_PHOTO_STORE", " s3://photos/hue ")
    assert BackendSettings().photo_store == "s3://photos/hue"


def test_without_boto3_the_backend_refuses_to_start_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    without_boto3(monkeypatch)
    settings = BackendSettings(
        data_dir=tmp_path,
        database_url=sqlite_url_for(tmp_path / "hue-s.db"),
        photo_store="s3://photos",
    )
    with pytest.raises(BackendStartError, match=r'pip install "hue-s\[s3\]"'):
        create_app(settings)
    assert open_blob_store("database") is None  # the default needs no boto3


def test_a_bucket_round_trip_under_its_prefix(s3_client: Any, s3_bucket: str) -> None:
    store = open_blob_store(f"s3://{s3_bucket}/city/photos/")
    assert isinstance(store, S3BlobStore)
    store.put("a/1", b"\xff\xd8bytes", "image/jpeg")
    assert object_keys(s3_client, s3_bucket) == ["city/photos/a/1"]
    head = s3_client.head_object(Bucket=s3_bucket, Key="city/photos/a/1")
    assert head["ContentType"] == "image/jpeg"
    assert store.get("a/1") == b"\xff\xd8bytes"
    assert store.get("a/2") is None
    store.delete("a/1")
    store.delete("a/1")  # twice: nothing there is fine
    assert object_keys(s3_client, s3_bucket) == []


def test_a_missing_bucket_is_a_start_up_error(s3_environment: str) -> None:
    with pytest.raises(BlobStoreError, match="Cannot use the bucket 'no-such-bucket'"):
        open_blob_store("s3://no-such-bucket")


def test_an_unreachable_store_answers_503(
    s3_environment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{closed_port}")
    monkeypatch.setattr(blob_store, "ATTEMPTS", 1)
    store = open_blob_store("s3://photos", check=False)
    assert store is not None
    for attempt in (lambda: store.put("k", b"x", "image/png"), lambda: store.get("k")):
        with pytest.raises(APIError) as refused:
            attempt()
        assert (refused.value.status_code, refused.value.code) == (503, "object_store_unavailable")


def test_the_column_store_keeps_bytes_in_their_rows() -> None:
    engine = create_engine("sqlite://")
    table = Table(
        "things",
        MetaData(),
        Column("id", String, primary_key=True),
        Column("data", LargeBinary, nullable=True),
    )
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(table.insert(), [{"id": "a", "data": b"one"}, {"id": "b", "data": None}])
    store = ColumnBlobStore(engine, table.c.data)
    assert store.keeps_bytes_in_rows
    assert (store.get("a"), store.get("b"), store.get("c")) == (b"one", None, None)
    store.put("b", b"two", "image/png")
    store.delete("a")
    assert (store.get("a"), store.get("b")) == (None, b"two")
