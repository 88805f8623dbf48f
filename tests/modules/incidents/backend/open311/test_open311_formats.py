"""Every GeoReport response, in JSON and in XML, matches the Open311 schemas and each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from ..conftest import People, photo_bytes, point_in, report
from .open311_schema import load, swagger_definition, validate, xml_as_json

REQUEST_SCHEMA = load("requests.json")


async def both_formats(
    client: httpx.AsyncClient, path: str, schema: dict[str, Any], *, listed: bool, **params: Any
) -> Any:
    """GET path in .json and .xml; check both against the schema and each other."""
    as_json = await client.get(f"{path}.json", params=params)
    as_xml = await client.get(f"{path}.xml", params=params)
    assert (as_json.status_code, as_xml.status_code) == (200, 200), as_json.text
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_xml.headers["content-type"].startswith("text/xml")
    validate(as_json.json(), schema)
    from_xml = xml_as_json(as_xml.content, schema, listed=listed)
    validate(from_xml, schema)
    assert from_xml == as_json.json()
    return as_json.json()


async def test_services_and_definitions_match_the_schemas(
    client: httpx.AsyncClient, people: People
) -> None:
    services = await both_formats(
        client, "/open311/v2/services", load("services.json"), listed=True
    )
    assert len(services) >= 12
    for service in services[:3]:
        definition = await both_formats(
            client,
            f"/open311/v2/services/{service['service_code']}",
            load("service-definition.json"),
            listed=False,
        )
        codes = [attribute["code"] for attribute in definition["attributes"]]
        assert {"urgency", "ward_code"} <= set(codes)


async def test_requests_match_the_schema_with_and_without_extensions(
    client: httpx.AsyncClient, people: People
) -> None:
    point = point_in(people.ward)
    photo = photo_bytes(gps=point, taken="2026:11:20 09:30:00")
    created = await report(client, People.auth(people.citizen), point=point, photos=[photo])
    assert created.status_code == 200, created.text
    await report(
        client,
        {},
        fields={
            "api_key": people.api_key,
            "address_string": "12 Lê Lợi",
            "attribute[ward_code]": people.ward.code,
        },
    )
    listed = await both_formats(client, "/open311/v2/requests", REQUEST_SCHEMA, listed=True)
    assert len(listed) == 2
    extended = await both_formats(
        client, "/open311/v2/requests", REQUEST_SCHEMA, listed=True, extensions="true"
    )
    with_photo = next(record for record in extended if record["lat"] is not None)
    extra = with_photo["extended_attributes"]
    assert extra["ward"]["code"] == people.ward.code
    assert extra["media_urls"] == [with_photo["media_url"]]
    assert [entry["action"] for entry in extra["timeline"]] == ["received"]
    request_id = created.json()[0]["service_request_id"]
    one = await both_formats(
        client, f"/open311/v2/requests/{request_id}", REQUEST_SCHEMA, listed=True
    )
    assert [record["service_request_id"] for record in one] == [request_id]


async def test_post_and_token_answers_match_the_swagger_definitions(
    client: httpx.AsyncClient, people: People
) -> None:
    point = point_in(people.ward)
    for response_format in ("json", "xml"):
        created = await report(
            client, People.auth(people.citizen), point=point, response_format=response_format
        )
        assert created.status_code == 200, created.text
        schema = {"type": "array", "items": swagger_definition("RequestResponse")}
        answer = (
            created.json()
            if response_format == "json"
            else xml_as_json(created.content, schema, listed=True)
        )
        validate(answer, schema)
        token = answer[0]["token"]
        token_schema = {"type": "array", "items": swagger_definition("TokenResponse")}
        resolved = await both_formats(
            client, f"/open311/v2/tokens/{token}", token_schema, listed=True
        )
        assert resolved == [{"service_request_id": answer[0]["service_request_id"], "token": token}]


async def test_discovery_lists_both_formats(client: httpx.AsyncClient) -> None:
    as_json = (await client.get("/open311/v2/discovery.json")).json()
    endpoint = as_json["endpoints"][0]
    assert endpoint["url"] == "http://hue-s.test/open311/v2"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    as_xml = await client.get("/open311/v2/discovery.xml")
    assert b"<endpoint><specification>" in as_xml.content


@pytest.mark.parametrize("response_format", ["json", "xml"])
async def test_errors_are_the_georeport_error_list(
    client: httpx.AsyncClient, response_format: str
) -> None:
    cases = [
        ("/open311/v2/services/no_such_service", 404, "service_not_found"),
        ("/open311/v2/requests/999999", 404, "request_not_found"),
        ("/open311/v2/no_such_resource", 404, "not_found"),
        ("/open311/v2/requests", 400, "validation_error"),
    ]
    for path, status, code in cases:
        query = "?page=0" if code == "validation_error" else ""
        response = await client.get(f"{path}.{response_format}{query}")
        assert response.status_code == status, path
        errors = (
            response.json()
            if response_format == "json"
            else [
                {child.tag: child.text for child in error}
                for error in __import__("xml.etree.ElementTree").etree.ElementTree.fromstring(
                    response.content
                )
            ]
        )
        assert len(errors) == 1
        assert str(errors[0]["code"]) == str(status)
        assert errors[0]["error_code"] == code
        assert errors[0]["description"]


async def test_names_follow_the_language(client: httpx.AsyncClient) -> None:
    english = (
        await client.get("/open311/v2/services.json", headers={"Accept-Language": "en-GB,vi;q=0.5"})
    ).json()
    vietnamese = (await client.get("/open311/v2/services.json")).json()
    by_locale = (await client.get("/open311/v2/services.json", params={"locale": "en"})).json()
    assert english[0]["service_name"] == by_locale[0]["service_name"] == "Pothole or damaged road"
    assert vietnamese[0]["service_name"] == "Ổ gà, hư hỏng mặt đường"


def test_the_checks_catch_what_a_real_foreign_server_gets_wrong() -> None:
    data = Path(__file__).parent / "data"
    captured = json.loads((data / "issue-reporting-requests-extensions.json").read_text())
    with pytest.raises(AssertionError, match="'' is not valid"):
        validate(captured, REQUEST_SCHEMA)  # it sends media_url "" where a URI or null belongs
    for record in captured:
        record["media_url"] = record["media_url"] or None
    validate(captured, REQUEST_SCHEMA)
    with pytest.raises(AssertionError):
        validate([dict(captured[0], status="pending")], REQUEST_SCHEMA)
