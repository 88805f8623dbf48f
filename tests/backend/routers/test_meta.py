"""Tests of GET /api/v1/meta and the OpenAPI document."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

import hue_s
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings


async def test_meta_describes_city_version_and_modules(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/meta")
    assert response.status_code == 200
    assert response.json() == {
        "city": {"code": "46", "name": "Thành phố Huế", "name_en": "Huế City"},
        "version": hue_s.__version__,
        "modules": [
            "incidents",
            "alerts",
            "services",
            "payments",
            "appointments",
            "bills",
            "utilities",
            "air",
            "news",
            "health",
            "education",
            "tourism",
            "officer",
            "dashboard",
        ],  # fmt: skip
        "public_url": None,
    }


async def test_meta_says_where_citizens_open_the_app(
    monkeypatch: pytest.MonkeyPatch, settings: BackendSettings
) -> None:
    monkeypatch.setenv("HUE_S_PUBLIC_URL", "https://hue-s.hue.gov.vn/")
    app = create_app(
        BackendSettings(data_dir=settings.data_dir, database_url=settings.database_url)
    )
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/api/v1/meta")
    finally:
        app.state.engine.dispose()
    assert response.json()["public_url"] == "https://hue-s.hue.gov.vn"


async def test_meta_lists_only_allowed_modules(
    monkeypatch: pytest.MonkeyPatch, settings: BackendSettings
) -> None:
    monkeypatch.setenv("HUE_S_MODULES", "alerts,incidents")
    app = create_app(
        BackendSettings(data_dir=settings.data_dir, database_url=settings.database_url)
    )
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/api/v1/meta")
    finally:
        app.state.engine.dispose()
    assert response.json()["modules"] == ["incidents", "alerts"]


async def test_openapi_documents_the_error_shape(app: FastAPI, client: httpx.AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    locate = document["paths"]["/api/v1/wards/locate"]["get"]
    assert locate["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorResponse"
    }
    assert locate["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorResponse"
    }
    assert document["info"]["version"] == hue_s.__version__
