"""The education app's resource against the real backend: schools, and the news module's
education items (enrolment calendars) through its public API and wire models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.modules.education.app.resource import EducationResource
from hue_s.testing.backend import BASE_URL, asgi_client, sign_in


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """The backend with the education and news modules."""
    monkeypatch.delenv("HUE_S_MODULES", raising=False)
    monkeypatch.delenv("HUE_S_NEWS_FEEDS", raising=False)
    settings = BackendSettings(
        data_dir=tmp_path,
        database_url=sqlite_url_for(tmp_path / "e.db"),
        modules=["education", "news"],
    )
    application = create_app(settings)
    application.state.accounts_settings = AccountsSettings(
        secret_key=b"education-tests-secret-key-0123456789"
    )
    yield application
    application.state.engine.dispose()


async def test_announcements_are_the_news_education_items(app: FastAPI) -> None:
    operator = sign_in(app, "+84905000091", role="operator")
    async with asgi_client(app) as http:
        for title, category in (
            ("Tuyển sinh lớp 1 năm học 2027-2028", "education"),
            ("Phân luồng Lê Lợi", "traffic"),
        ):
            sent = await http.post(
                "/api/v1/news",
                headers=operator,
                json={"title": title, "body": "...", "category": category},
            )
            assert sent.status_code == 201, sent.text
    api = EducationResource(HueClient(BASE_URL, transport=httpx.ASGITransport(app=app)))
    found = await api.announcements()
    assert [item.title for item in found] == ["Tuyển sinh lớp 1 năm học 2027-2028"]
    assert found[0].category == "education"


async def test_schools_by_level_ward_and_near(app: FastAPI) -> None:
    api = EducationResource(HueClient(BASE_URL, transport=httpx.ASGITransport(app=app)))
    primary = await api.list(level="primary", ward="19753")
    assert {school.name for school in primary} >= {"Trường Tiểu học Thuận Hoà"}
    assert all("primary" in school.levels for school in primary)
    near = await api.list(near=(16.4669, 107.5731), query="tieu hoc")
    assert near[0].name == "Trường Tiểu học Thuận Hoà" and near[0].distance_m is not None
    one = await api.get(school_id=near[0].id)
    assert one.grades == "1-5"
