"""The incidents client against a plain GeoReport v2 server that is not Hue-S, with its quirks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import NotFoundError, ServerError, UnprocessableError
from hue_s.app.api.open311 import Open311Endpoint
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.config import AppConfig, Open311Settings
from hue_s.modules.incidents.app.api import IncidentsResource, marker_of
from hue_s.modules.incidents.app.draft import DraftPhoto, GeoPoint, IncidentDraft
from hue_s.modules.incidents.app.models import ServiceRequest
from tests.app.open311_plain_server import API_KEY, FIRST_ID, JURISDICTION, PlainOpen311

from .backend import jpeg

POINT = GeoPoint(lat=16.4637, lon=107.5909)


@pytest.fixture
def server() -> Iterator[PlainOpen311]:
    """A plain server on loopback, stopped after the test."""
    started = PlainOpen311().start()
    yield started
    started.stop()


@pytest.fixture
async def clients() -> AsyncIterator[list[HueClient]]:
    """Clients the test opens, closed afterwards."""
    opened: list[HueClient] = []
    yield opened
    for client in opened:
        await client.aclose()


def resource(
    clients: list[HueClient], url: str, *, api_key: str | None = API_KEY
) -> IncidentsResource:
    """Return the incidents resource of a plain endpoint."""
    client = HueClient(url, retry=RetryPolicy(max_retries=0))
    clients.append(client)
    settings = Open311Settings(url=url, jurisdiction_id=JURISDICTION, api_key=api_key)
    return IncidentsResource(client, Open311Endpoint(settings))


def pothole(photos: int = 0, **changes: Any) -> IncidentDraft:
    """Return a report of the server's first service, at POINT."""
    shots = [
        DraftPhoto.from_jpeg(jpeg(seed=n), width=320, height=240, original_bytes=1, place=None)
        for n in range(photos)
    ]
    fields: dict[str, Any] = {
        "service_code": "001",
        "service_name": "Pothole",
        "description": "A deep hole in the road",
        "point": POINT,
        "photos": shots,
    }
    return IncidentDraft(**(fields | changes))


def gets(server: PlainOpen311) -> list[str]:
    """Return the GET lines the server saw."""
    return [line for line in server.seen if line.startswith("GET")]


async def test_services_with_string_booleans_and_no_definitions_asked(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    api = resource(clients, server.url)
    services = await api.services()
    assert [(s.service_code, s.metadata) for s in services] == [("001", False), ("002", False)]
    caps = await api.capabilities()
    assert (caps.paging, caps.extensions, caps.xml) == (True, False, False)


async def test_discovery_document_leads_to_the_production_endpoint(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    api = resource(clients, server.discovery_url)
    assert len(await api.services()) == 2
    assert (await api.capabilities()).root == server.url


async def test_post_with_photo_numeric_id_then_get_one_and_list(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    api = resource(clients, server.url)
    created = await api.create(draft=pothole(photos=1), idempotency_key="5f1c0a4e-aaaa-bbbb")
    assert created.service_request_id == str(FIRST_ID)  # the server sent the number 638349
    assert created.service_notice == "Thanks, we will look."
    assert not created.photos_dropped
    assert server.media and server.requests[0]["media_url"].endswith(f"{FIRST_ID}.jpg")
    assert marker_of("5f1c0a4e-aaaa-bbbb") in server.requests[0]["description"]

    one = await api.request(request_id=created.service_request_id)
    assert one.service_request_id == str(FIRST_ID) and one.lat == pytest.approx(POINT.lat)
    assert one.description == "A deep hole in the road"  # shown without the device's mark
    assert one.device_mark == marker_of("5f1c0a4e-aaaa-bbbb")
    photo = await api.photo(url=one.media_url or "")
    assert photo == server.media[f"{FIRST_ID}.jpg"]
    # strict: nothing it does not know was sent, so nothing was refused
    assert not [line for line in server.seen if "extensions" in line and "requests/" in line]


async def test_a_server_refusing_media_files_gets_the_report_without_its_photo(
    clients: list[HueClient],
) -> None:
    server = PlainOpen311(accept_media=False).start()
    try:
        api = resource(clients, server.url)
        created = await api.create(draft=pothole(photos=1), idempotency_key="k-1")
        assert created.photos_dropped and len(server.requests) == 1
        assert not server.media
        again = await api.create(draft=pothole(photos=1), idempotency_key="k-2")
        assert not again.photos_dropped  # it knows now: the photo is not offered again
        assert server.posts == 3
    finally:
        server.stop()


async def test_listing_pages_until_the_404_past_the_last_page(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    api = resource(clients, server.url)
    for n in range(5):
        await api.create(draft=pothole(description=f"Hole number {n}"), idempotency_key=f"k{n}")
    listed = [r async for r in api.requests(status="open", page_size=2)]
    assert len(listed) == 5 and len({r.service_request_id for r in listed}) == 5
    pages = [line for line in gets(server) if "page=" in line and "page_size=2" in line]
    assert len(pages) == 4  # page 4 answered 404 "Invalid page.": the end, not an error
    listed_all = [r async for r in api.requests(page_size=5)]
    assert len(listed_all) == 5
    assert any("page=2&page_size=5" in line for line in gets(server))


async def test_an_address_alone_reads_as_no_point_and_unknown_ids_are_errors(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    api = resource(clients, server.url)
    draft = pothole(point=None, ward_code="19753", ward_name="Phú Xuân", street="12 Lê Lợi")
    created = await api.create(draft=draft, idempotency_key="addr")
    one = await api.request(request_id=created.service_request_id or "")
    assert one.address == "12 Lê Lợi, Phú Xuân"
    assert (one.lat, one.long) == (None, None)  # the server said 0, 0
    with pytest.raises(NotFoundError):  # it answers 500; its listing has no such report
        await api.request(request_id="1")
    server.list_fails = True
    with pytest.raises(ServerError):  # and when the listing fails too, it is the server's fault
        await api.request(request_id="1")


async def test_a_missing_api_key_is_a_validation_error(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    api = resource(clients, server.url, api_key=None)
    with pytest.raises(UnprocessableError):
        await api.create(draft=pothole(), idempotency_key="no-key")
    assert server.requests == []


async def test_xml_only_server(clients: list[HueClient]) -> None:
    server = PlainOpen311(json=False).start()
    try:
        api = resource(clients, server.url)
        assert [s.service_code for s in await api.services()] == ["001", "002"]
        created = await api.create(draft=pothole(), idempotency_key="xml")
        assert created.service_request_id == str(FIRST_ID)
        listed = [r async for r in api.requests()]
        assert [r.service_request_id for r in listed] == [str(FIRST_ID)]
        assert (await api.capabilities()).xml
    finally:
        server.stop()


def test_ids_of_any_json_type_are_strings() -> None:
    request = ServiceRequest.model_validate(
        {"service_request_id": 638349, "status": "open", "service_code": 7, "lat": 0, "long": 0}
    )
    assert (request.service_request_id, request.service_code) == ("638349", "7")
    assert request.lat is None and request.long is None


def test_settings_from_the_command_line_and_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hue_s import cli

    seen: list[AppConfig] = []
    monkeypatch.setattr("hue_s.app.run.run_app", seen.append)
    monkeypatch.setenv("HUE_S_OPEN311_API_KEY", "from-env")
    url = "http://city.example/api/georeport/v2/"
    assert cli.main(["app", "--open311", url, "--jurisdiction", "hue.example"]) == 0
    assert seen[0].open311 == Open311Settings(url, "hue.example", "from-env")
    monkeypatch.setenv("HUE_S_OPEN311_URL", url)
    assert AppConfig().open311 == Open311Settings(url, None, "from-env")


async def test_strict_server_would_refuse_the_hue_s_extras() -> None:
    """The server is really strict: what a Hue-S client used to send is refused."""
    server = PlainOpen311().start()
    try:
        answer = httpx.get(server.url + "requests.json", params={"extensions": "true"})
        assert answer.status_code == 400 and "extensions" in answer.text
    finally:
        server.stop()


async def test_a_session_pointed_at_a_plain_server_asks_no_definitions_and_needs_no_sign_in(
    server: PlainOpen311, tmp_path: Path
) -> None:
    from hue_s.app.state.store import Store
    from hue_s.modules.incidents.app.session import IncidentsSession
    from tests.app.session_doubles import session_context

    config = AppConfig(kiosk=False, open311=Open311Settings(server.url, JURISDICTION, API_KEY))
    async with HueClient("http://hue-s.invalid") as hue_s_backend:  # never reached
        with Store(tmp_path / "state.sqlite3") as store:
            ctx = session_context(store, hue_s_backend, config=config, device_id="phone-1")
            session = IncidentsSession(ctx)
            ctx.outbox_sender.register(session.handler)
            try:
                assert session.plain and ctx.session.is_guest
                definition = await session.definition("001")
                assert definition.attributes == []
                assert not [line for line in server.seen if "/services/" in line]
                session.file(pothole())
                result = await ctx.outbox_sender.flush()
                assert len(result.sent) == 1 and len(server.requests) == 1  # as a guest
                assert [q.item.server_ref for q in session.queue.filed()] == [str(FIRST_ID)]
            finally:
                await session.stop()


async def test_what_a_server_supports_is_probed_once_per_endpoint(
    server: PlainOpen311, clients: list[HueClient]
) -> None:
    first, second = resource(clients, server.url), resource(clients, server.url)
    await first.services()
    probes = len(gets(server))
    await second.services()  # another session, same endpoint: no probe again
    assert len(gets(server)) == probes + 1
    assert await second.capabilities() is await first.capabilities()
