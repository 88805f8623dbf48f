"""Requests for help: the Open311 form, the outbox, retries, each sent once."""

from __future__ import annotations

from typing import Any

import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.modules.alerts.api import AlertsResource
from hue_s.app.modules.alerts.help_requests import HelpSender, help_request_for, open311_form
from hue_s.app.state.store import Store

from .doubles import PHU_XUAN, make_alert


def request_for(lat: float | None = 16.47, lon: float | None = 107.58) -> Any:
    return help_request_for(make_alert(3), lat=lat, lon=lon, ward_code=PHU_XUAN,
                            place_name="Phường Phú Xuân", details=" Nước vào nhà ")  # fmt: skip


def test_the_form_is_an_urgent_located_report() -> None:
    form = open311_form(request_for().payload(), "disaster_help")
    assert form["service_code"] == "disaster_help"
    assert form["attribute[urgency]"] == "high"
    assert (form["lat"], form["long"]) == ("16.47", "107.58")
    assert form["attribute[ward_code]"] == PHU_XUAN
    assert form["description"].startswith("[CẦN CỨU TRỢ / NEED HELP] Lũ trên sông Hương")
    assert form["description"].endswith("Nước vào nhà")


def test_without_a_position_the_ward_is_the_address() -> None:
    form = open311_form(request_for(None, None).payload(), "disaster_help")
    assert "lat" not in form and form["address_string"] == "Phường Phú Xuân"


class Backend:
    """An Open311 endpoint that is down until told otherwise, recording what it gets."""

    def __init__(self) -> None:
        self.down = True
        self.posts: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/services.json"):
            return httpx.Response(200, json=[{"service_code": "drainage_flooding"}])
        if self.down:
            raise httpx.ConnectError("no network")
        self.posts.append(request)
        return httpx.Response(200, json=[{"service_request_id": "41", "token": "t"}])


async def test_queued_requests_wait_for_the_network_and_go_once(store: Store) -> None:
    backend = Backend()
    client = HueClient("http://hue.test", transport=httpx.MockTransport(backend),
                       retry=RetryPolicy(max_retries=0))  # fmt: skip
    sender = HelpSender(store.outbox, "phone", client.resource(AlertsResource))
    item = sender.queue(request_for())
    assert await sender.send_due() == []
    assert [i.state for i in sender.pending()] == ["failed"]
    with store.transaction() as connection:
        connection.execute("UPDATE outbox SET next_attempt_at = created_at")
    backend.down = False
    assert await sender.send_due() == ["41"]
    assert await sender.send_due() == []
    assert sender.pending() == []
    [post] = backend.posts
    assert post.headers["Idempotency-Key"] == item.id
    assert b"service_code=drainage_flooding" in post.content  # disaster_help is not offered
    await client.aclose()
