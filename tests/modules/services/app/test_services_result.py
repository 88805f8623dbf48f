"""The dossier page's "Tải kết quả (PDF)" button against the real backend: it appears once a
result is issued and hands over the PDF; someone following by code is only told it is ready."""

from __future__ import annotations

from collections.abc import AsyncIterator
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
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.views.result import result_download, result_notice

from ..conftest import file_birth

DOSSIERS = "/api/v1/services/dossiers"


@pytest.fixture
async def ctx(app: FastAPI, people: Any, tmp_path: Path) -> AsyncIterator[AppContext]:
    """Citizen A's app session, talking to the test backend in-process."""
    transport = httpx.ASGITransport(app=app)
    headers = people["citizen_a"]
    async with HueClient("http://hue-s.test", transport=transport, headers=headers) as api:
        with Store(tmp_path / "state.sqlite3") as store:
            config = AppConfig(kiosk=False, data_dir=tmp_path)
            services = AppServices(config, Registry(), store, "http://hue-s.test")
            settings = load_settings(store, "phone-1", language="vi")
            page: Any = object()
            yield AppContext(
                page=page, services=services, device_id="phone-1", settings=settings,
                i18n=I18n("vi"), api=api, credentials=Credentials(),
            )  # fmt: skip


async def test_the_result_button_appears_once_approved_and_hands_over_the_pdf(
    ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    resource = ctx.api.resource(ServicesResource)
    saved: list[tuple[str, bytes]] = []

    async def save(name: str, data: bytes) -> None:
        saved.append((name, data))

    assert result_download(ctx, await resource.dossier(code=code), save) == []
    assert result_notice(ctx, await resource.track(code=code)) == []
    officer = people["officer_x"]
    assert (await client.post(f"{DOSSIERS}/{code}/receive", headers=officer)).status_code == 200
    assert (await client.post(f"{DOSSIERS}/{code}/approve", headers=officer)).status_code == 200
    button, _problem = result_download(ctx, await resource.dossier(code=code), save)
    assert isinstance(button, ft.FilledButton) and button.content == "Tải kết quả (PDF)"
    assert button.on_click is not None
    await button.on_click(None)  # type: ignore[arg-type]
    assert saved[0][0] == f"ket-qua-{code}.pdf" and saved[0][1].startswith(b"%PDF-")
    (notice,) = result_notice(ctx, await resource.track(code=code))
    assert isinstance(notice, ft.Text) and "Đã có kết quả" in str(notice.value)
