"""The allow-list switches bills off: no tile, no route, no table; the rest still works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from hue_s.app.modules import discover
from hue_s.backend.config import BUILT_IN_MODULES, BackendSettings
from hue_s.environment import module_allow_list
from hue_s.testing.backend import (
    MovableClock,
    asgi_client,
    backend_for_test,
    isolate_environment,
    sign_in,
)
from tests.modules.bills.conftest import NOON

OTHERS = [module for module in BUILT_IN_MODULES if module != "bills"]


@pytest.fixture(autouse=True)
def allow_all_but_bills(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """HUE_S_MODULES names every built-in module but bills."""
    isolate_environment(monkeypatch, tmp_path / "data")
    monkeypatch.setenv("HUE_S_MODULES", ",".join(OTHERS))


def test_the_app_has_no_bills_tile_nor_route_and_keeps_the_others() -> None:
    registry = discover(module_allow_list())
    assert "bills" not in registry.ids() and registry.find("/bills") is None
    assert {"payments", "air", "news"} <= set(registry.ids())
    assert registry.find("/air") is not None
    assert "bills" in discover(None).ids() and discover(None).find("/bills/3") is not None


async def test_the_backend_serves_no_bills_and_the_rest_still_works(tmp_path: Path) -> None:
    modules = BackendSettings().modules
    assert "bills" not in modules and "payments" in modules
    with backend_for_test(tmp_path, modules=modules, clock=MovableClock(NOON)) as app:
        assert "bills_customers" not in inspect(app.state.engine).get_table_names()
        headers = sign_in(app, "+84905000049")
        async with asgi_client(app) as client:
            off = await client.get("/api/v1/bills/customers", headers=headers)
            assert off.status_code == 404
            assert (await client.get("/api/v1/payments/mine", headers=headers)).status_code == 200
            assert (await client.get("/api/v1/news")).status_code == 200
            meta = (await client.get("/api/v1/meta")).json()
            assert "bills" not in meta["modules"] and "payments" in meta["modules"]
