"""Fixtures of the incident tests: people of each role, signed in with real access tokens."""

# ruff: noqa: F811  (the re-exported backend fixtures are the parameters of the ones below)
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import shapely
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.kernel.models import Ward
from tests.backend.conftest import (  # noqa: F401  (the backend tests' fixtures, re-exported)
    app,
    client,
    database_url,
    isolated_environment,
    moto_endpoint,
    postgres_admin_url,
    postgres_database_url,
    s3_bucket,
    s3_client,
    s3_environment,
    settings,
)

OUTSIDE_HUE = (10.7769, 106.7009)  # Hồ Chí Minh City
ACCESS_TOKENS: dict[int, str] = {}
"""The access token of each user of the current test, by user id."""


@dataclass
class People:
    """Users of each role, the wards they serve, and an API key of a third-party client."""

    citizen: int
    other_citizen: int
    officer: int
    other_officer: int
    operator: int
    ward: Ward
    other_ward: Ward
    api_key: str

    @staticmethod
    def auth(user_id: int) -> dict[str, str]:
        """Return the headers that sign a user in (with a real access token)."""
        return {"Authorization": f"Bearer {ACCESS_TOKENS[user_id]}"}


@pytest.fixture
def db(app: FastAPI) -> Callable[[], Session]:
    """Open a session on the app's database."""
    factory: Callable[[], Session] = app.state.session_factory
    return factory


@pytest.fixture
def people(app: FastAPI, db: Callable[[], Session]) -> People:
    """Create the users, sign each in for real, and give a third-party client an API key."""
    settings = AccountsSettings.from_environment(app.state.settings.data_dir)
    app.state.accounts_settings = settings
    now = datetime.now(UTC)
    with db() as session:
        wards = {ward.code: ward for ward in session.scalars(select(Ward))}
        ward, other_ward = wards["19753"], wards["19813"]  # Phú Xuân, Thủy Xuân
        roles = [
            ("+84905000001", "citizen", None),
            ("+84905000002", "citizen", None),
            ("+84905000003", "officer", ward.code),
            ("+84905000004", "officer", other_ward.code),
            ("+84905000005", "operator", None),
        ]
        users = [
            User(phone=phone, role=role, ward_code=code, created_at=now, updated_at=now)
            for phone, role, code in roles
        ]
        session.add_all(users)
        session.commit()
        ACCESS_TOKENS.clear()
        for user in users:
            ACCESS_TOKENS[user.id] = start_session(session, settings, user, "pytest").access_token
        _, api_key, _ = issue_api_key(session, "test-open311-app", now)
        session.expunge_all()
    return People(*(user.id for user in users), ward, other_ward, api_key)


def photo_bytes(
    image_format: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    gps: tuple[float, float] | None = None,
    taken: str | None = None,
) -> bytes:
    """Return a small photo, with EXIF GPS and capture time if given."""
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
        exif.get_ifd(0x8769)[36881] = "+07:00"
    if gps:
        lat, lon = gps
        exif.get_ifd(0x8825).update(
            {1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)}
        )
    output = io.BytesIO()
    Image.new("RGB", size, (120, 40, 160)).save(output, format=image_format, exif=exif)
    return output.getvalue()


def dms(value: float) -> tuple[float, float, float]:
    """Return degrees, minutes, seconds of an angle."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4))


async def report(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    *,
    point: tuple[float, float] | None = None,
    fields: dict[str, Any] | None = None,
    photos: list[bytes] | None = None,
    response_format: str = "json",
) -> httpx.Response:
    """POST a GeoReport request (road_pothole at point unless fields say otherwise)."""
    data: dict[str, Any] = {"service_code": "road_pothole", "description": "Ổ gà lớn"}
    if point is not None:
        data |= {"lat": str(point[0]), "long": str(point[1])}
    data |= fields or {}
    files = [("media", (f"p{index}.jpg", photo)) for index, photo in enumerate(photos or [])]
    return await client.post(
        f"/open311/v2/requests.{response_format}", data=data, files=files or None, headers=headers
    )


def point_in(ward: Ward) -> tuple[float, float]:
    """Return a (lat, lon) point surely inside a ward."""
    point = shapely.from_geojson(ward.boundary).representative_point()
    return (round(point.y, 6), round(point.x, 6))
