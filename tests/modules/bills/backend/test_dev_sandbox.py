"""Unconfigured, the backend starts the local sandbox on first use and stops it with itself."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from hue_s.testing.backend import asgi_client
from tests.modules.bills.conftest import GOOD


async def test_the_backend_starts_the_sandbox_on_first_use_and_stops_it(
    app: FastAPI, people: Any
) -> None:
    assert getattr(app.state, "bills_sandbox", None) is None
    async with asgi_client(app, lifespan=True) as client:
        listed = await client.get("/api/v1/bills/customers", headers=people["a"])
        assert listed.json() == [] and getattr(app.state, "bills_sandbox", None) is None
        body = {"kind": "electricity", "code": GOOD, "nickname": "Nhà bà nội"}
        added = await client.post("/api/v1/bills/customers", json=body, headers=people["a"])
        assert added.status_code == 201, added.text
        process = app.state.bills_sandbox
        assert process.poll() is None
    assert process.wait(30) is not None, "stopped with the backend"
    assert app.state.bills_sandbox is None and app.state.bills_client is None
