"""Fixtures: app sessions of one device against the news backend, with news of two wards."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import flet as ft
import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.session import UserSession
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.modules.news.backend.feeds import parse_feed
from hue_s.modules.news.backend.store import merge_feed
from tests.modules.news.backend.conftest import NOW, app, bearer_for  # noqa: F401
from tests.modules.news.backend.test_feeds import rss

KIM_LONG, PHU_XUAN = "19774", "19753"


def entry(guid: str, title: str) -> str:
    """Return one RSS item."""
    return f"<title>{title}</title><guid>{guid}</guid><category>Thông báo</category>"


class Page:
    """Stands in for ft.Page."""

    web = True
    route = "/news"


@pytest.fixture
def news(app: FastAPI) -> None:  # noqa: F811
    """One item for the whole city, one for Kim Long, one for Phú Xuân."""
    with app.state.session_factory() as session:
        merge_feed(
            session, "https://city/rss", parse_feed(rss(entry("c", "Tin thành phố")), now=NOW)
        )
        for code, guid, title in ((KIM_LONG, "k", "Tin Kim Long"), (PHU_XUAN, "p", "Tin Phú Xuân")):
            merge_feed(
                session, f"https://{guid}/rss", parse_feed(rss(entry(guid, title)), now=NOW), code
            )
        session.commit()


@pytest.fixture
async def new_ctx(
    app: FastAPI,  # noqa: F811
    news: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Callable[..., AppContext]]:
    """Open app sessions of one device: `new_ctx()` a guest, `new_ctx(ward=...)` a citizen."""
    monkeypatch.setattr(ft.Control, "update", lambda self: None)  # not on a page here
    transport = httpx.ASGITransport(app=app)
    clients: list[HueClient] = []
    store = Store(tmp_path / "state.sqlite3")
    phones = iter(range(100))

    def session(**account: Any) -> AppContext:
        headers = None
        if account:
            phone = f"+8490500{next(phones):04d}"
            headers = bearer_for(app, "citizen", phone, ward=account.get("ward"))
        api = HueClient("http://hue-s.test", transport=transport, headers=headers)
        clients.append(api)
        services = AppServices(AppConfig(kiosk=False, data_dir=tmp_path), Registry(), store, "x")
        context = AppContext(
            page=Page(), services=services, device_id="phone-1",
            settings=load_settings(store, "phone-1", language="vi"), i18n=I18n("vi"),
            api=api, credentials=Credentials(),
        )  # fmt: skip
        context.session = UserSession(role="citizen", user_id="a") if account else UserSession()
        return context

    yield session
    for api in clients:
        await api.aclose()
    store.close()
