"""The receipt's QR code opens the dossier's public tracking page, at the address citizens reach
the app (this device's setting, else the backend's public_url): read with a real decoder."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
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
from hue_s.kit.public_link import PUBLIC_URL_ENV, public_base_url
from hue_s.modules.services.app.views.dossiers import receipt
from hue_s.modules.services.wire import TimelineEntry, TrackedDossier


@pytest.fixture
async def ctx(app: FastAPI, tmp_path: Path) -> AsyncIterator[AppContext]:
    """A guest's app session served on a kiosk's loopback address, talking to the backend."""
    transport = httpx.ASGITransport(app=app)
    async with HueClient("http://hue-s.test", transport=transport) as api:
        with Store(tmp_path / "state.sqlite3") as store:
            config = AppConfig(kiosk=False, data_dir=tmp_path)
            services = AppServices(config, Registry(), store, "http://hue-s.test")
            settings = load_settings(store, "kiosk-1", language="vi")
            page: Any = SimpleNamespace(url="http://127.0.0.1:8550")
            yield AppContext(
                page=page, services=services, device_id="kiosk-1", settings=settings,
                i18n=I18n("vi"), api=api, credentials=Credentials(),
            )  # fmt: skip


def descendants(control: Any) -> Iterator[Any]:
    """Yield a control and every control inside it."""
    yield control
    for name in ("controls", "content"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                yield from descendants(child)


def keyed(control: ft.Control, key: str) -> list[Any]:
    """Return the controls keyed `key` inside `control`."""
    return [c for c in descendants(control) if c.key == key]


def decoded_qr(png: bytes) -> str:
    """Read a QR code with a real decoder."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1
    return str(found[0].text)


def dossier(code: str) -> TrackedDossier:
    """Return a dossier just filed."""
    filed = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
    return TrackedDossier(
        code=code, procedure_code="1.001193.000.00.00.H57", procedure_name="Đăng ký khai sinh",
        ward_name="Phường Phú Xuân", status="submitted", submitted_at=filed, due_on=None,
        timeline=[TimelineEntry(at=filed, action="submit", status="submitted")],
    )  # fmt: skip


async def receipt_now(ctx: AppContext, code: str) -> ft.Control:
    """Return the receipt as the dossier's page draws it now."""
    return receipt(ctx, dossier(code), await public_base_url(ctx))


async def test_the_receipt_qr_opens_the_public_tracking_page(
    ctx: AppContext, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = "19753-261204-K7Q2ZA"
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)
    shown = await receipt_now(ctx, code)
    assert keyed(shown, "services-qr") == []  # a phone could not open the kiosk's loopback
    assert keyed(shown, "services-no-qr")[0].value == (
        "Theo dõi hồ sơ này bằng mã của nó trên ứng dụng Hue-S."
    )

    public = dataclasses.replace(app.state.settings, public_url="https://hue-s.hue.gov.vn")
    monkeypatch.setattr(app.state, "settings", public)  # the city's backend says where
    shown = await receipt_now(ctx, code)
    url = f"https://hue-s.hue.gov.vn/services/track/{code}"
    assert decoded_qr(keyed(shown, "services-qr")[0].src) == url
    assert keyed(shown, "services-qr-url")[0].value == url

    monkeypatch.setenv(PUBLIC_URL_ENV, "https://dichvucong.example.vn/app/")  # this device's
    shown = await receipt_now(ctx, code)
    assert decoded_qr(keyed(shown, "services-qr")[0].src) == (
        f"https://dichvucong.example.vn/app/services/track/{code}"
    )
