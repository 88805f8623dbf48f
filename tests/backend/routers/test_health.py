"""Tests of GET /healthz."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import create_engine

from hue_s.backend.config import sqlite_url_for


async def test_healthz_is_ok_when_the_database_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_healthz_is_503_when_the_database_cannot_be_opened(
    app: FastAPI, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    unopenable = create_engine(sqlite_url_for(tmp_path / "missing-dir" / "hue-s.db"))
    app.state.session_factory.configure(bind=unopenable)
    try:
        response = await client.get("/healthz")
    finally:
        unopenable.dispose()
    assert response.status_code == 503
    assert response.json() == {
        "error": {"code": "database_unavailable", "message": "The database does not answer."}
    }
