"""Tests of HueClient over a mock transport: headers, errors, validation, resources."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import (
    NotFoundError,
    ResponseValidationError,
)
from hue_s.app.api.models.wards import Ward
from hue_s.app.api.resources.base import Resource

from .samples import WARD_PHU_XUAN, error_body
from .scripted import ClientFactory, ScriptedHandler, ok


async def test_sends_language_request_id_and_accept(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(ok())
    client = make_client(recorder)
    await client.request("GET", "/healthz")
    client.language = "en"
    await client.request("GET", "/healthz")
    first, second = recorder.requests
    assert first.headers["Accept-Language"] == "vi"
    assert second.headers["Accept-Language"] == "en"
    assert first.headers["Accept"] == "application/json"
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    assert "Idempotency-Key" not in first.headers


async def test_sends_idempotency_key_and_json_body(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.Response(201, json={"service_request_id": "abc"}))
    client = make_client(recorder)
    answer = await client.request(
        "post", "/api/v1/requests", json={"description": "Ổ gà"}, idempotency_key="key-1"
    )
    assert answer == {"service_request_id": "abc"}
    (request,) = recorder.requests
    assert request.method == "POST"
    assert request.headers["Idempotency-Key"] == "key-1"
    assert json.loads(request.content) == {"description": "Ổ gà"}


async def test_default_headers_and_auth_are_sent(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(ok())
    client = make_client(
        recorder, headers={"User-Agent": "hue-s-test"}, auth=httpx.BasicAuth("cb", "pw")
    )
    await client.request("GET", "/healthz")
    (request,) = recorder.requests
    assert request.headers["User-Agent"] == "hue-s-test"
    assert request.headers["Authorization"].startswith("Basic ")


async def test_base_url_path_prefix_is_kept() -> None:
    recorder = ScriptedHandler(ok())
    async with HueClient("http://hue.test/ioc", transport=httpx.MockTransport(recorder)) as client:
        await client.request("GET", "/api/v1/meta", params={"x": 1})
    assert str(recorder.requests[0].url) == "http://hue.test/ioc/api/v1/meta?x=1"


async def test_closed_client_refuses_requests() -> None:
    client = HueClient("http://hue.test", transport=httpx.MockTransport(ScriptedHandler(ok())))
    async with client:
        pass
    with pytest.raises(RuntimeError):
        await client.request("GET", "/healthz")


async def test_validates_into_a_model(make_client: ClientFactory) -> None:
    client = make_client(ScriptedHandler(ok(WARD_PHU_XUAN)))
    ward = await client.request("GET", "/api/v1/wards/19753", model=Ward)
    assert isinstance(ward, Ward)
    assert ward.centroid is not None and ward.centroid.lat == pytest.approx(16.4698)


async def test_validates_into_a_list_type(make_client: ClientFactory) -> None:
    client = make_client(ScriptedHandler(ok([WARD_PHU_XUAN, WARD_PHU_XUAN])))
    wards = await client.request("GET", "/api/v1/wards", model=list[Ward])
    assert [ward.code for ward in wards] == ["19753", "19753"]


async def test_extra_fields_are_tolerated(make_client: ClientFactory) -> None:
    body = {**WARD_PHU_XUAN, "population": 100_000, "kind": "special_zone"}
    ward = await make_client(ScriptedHandler(ok(body))).request("GET", "/w", model=Ward)
    assert ward.model_extra == {"population": 100_000}
    assert ward.kind == "special_zone"


async def test_mismatching_json_raises_response_validation_error(
    make_client: ClientFactory,
) -> None:
    body = {"name": "Phường Phú Xuân", "kind": "ward", "area_km2": "large"}
    with pytest.raises(ResponseValidationError) as caught:
        await make_client(ScriptedHandler(ok(body))).request(
            "GET", "/api/v1/wards/19753", model=Ward
        )
    assert caught.value.body == body
    assert "/api/v1/wards/19753" in caught.value.message
    assert "Ward" in caught.value.message


async def test_non_json_success_with_model_raises_response_validation_error(
    make_client: ClientFactory,
) -> None:
    recorder = ScriptedHandler(httpx.Response(200, text="<html>captive portal</html>"))
    with pytest.raises(ResponseValidationError) as caught:
        await make_client(recorder).request("GET", "/api/v1/meta", model=Ward)
    assert caught.value.body == "<html>captive portal</html>"


async def test_no_content_returns_none(make_client: ClientFactory) -> None:
    assert await make_client(ScriptedHandler(httpx.Response(204))).request("DELETE", "/x") is None


async def test_status_error_carries_request_id(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.Response(404, json=error_body("not_found", "No such ward")))
    with pytest.raises(NotFoundError) as caught:
        await make_client(recorder).request("GET", "/api/v1/wards/1")
    assert caught.value.request_id == recorder.requests[0].headers["X-Request-ID"]
    assert caught.value.message == "No such ward"


class EchoResource(Resource):
    """A resource a module could attach."""

    async def echo(self) -> object:
        """Call the backend through the bound client."""
        return await self._client.request("GET", "/echo")


async def test_resources_are_built_once_per_client(make_client: ClientFactory) -> None:
    client, other = make_client(ScriptedHandler(ok())), make_client(ScriptedHandler(ok()))
    resource = client.resource(EchoResource)
    assert client.resource(EchoResource) is resource
    assert other.resource(EchoResource) is not resource
    assert client.meta is client.meta
    assert client.wards is client.wards
    assert await resource.echo() == {"status": "ok"}


async def test_get_bytes_returns_the_raw_body_with_the_client_headers(
    make_client: ClientFactory,
) -> None:
    jpeg = b"\xff\xd8\xff\xe0not json at all\xff\xd9"
    recorder = ScriptedHandler(
        httpx.Response(200, content=jpeg, headers={"Content-Type": "image/jpeg"})
    )
    client = make_client(recorder, auth=httpx.BasicAuth("cb", "pw"))
    assert await client.get_bytes("/photos/abc", accept="image/*") == jpeg
    (request,) = recorder.requests
    assert request.headers["Accept"] == "image/*"
    assert request.headers["Accept-Language"] == "vi"
    assert request.headers["Authorization"].startswith("Basic ")
    assert re.fullmatch(r"[0-9a-f]{32}", request.headers["X-Request-ID"])


async def test_get_bytes_raises_the_error_tree(make_client: ClientFactory) -> None:
    recorder = ScriptedHandler(httpx.Response(404, json=error_body("photo_not_found", "No photo")))
    with pytest.raises(NotFoundError) as caught:
        await make_client(recorder).get_bytes("/photos/missing")
    assert caught.value.code == "photo_not_found"
