"""Routing: the point picks the ward; without one the named ward; outside Huế is a 400."""

from __future__ import annotations

from xml.etree import ElementTree

import httpx

from ..conftest import OUTSIDE_HUE, People, point_in, report


async def ward_of(client: httpx.AsyncClient, request_id: str) -> str:
    """Return the ward code of a request (from ?extensions=true)."""
    record = (
        await client.get(f"/open311/v2/requests/{request_id}.json", params={"extensions": "true"})
    ).json()[0]
    code: str = record["extended_attributes"]["ward"]["code"]
    return code


async def test_the_point_picks_the_ward(client: httpx.AsyncClient, people: People) -> None:
    for ward in (people.ward, people.other_ward):
        created = await report(client, People.auth(people.citizen), point=point_in(ward))
        assert await ward_of(client, created.json()[0]["service_request_id"]) == ward.code


async def test_the_point_wins_over_a_named_ward(client: httpx.AsyncClient, people: People) -> None:
    created = await report(
        client,
        People.auth(people.citizen),
        point=point_in(people.ward),
        fields={"attribute[ward_code]": people.other_ward.code},
    )
    assert await ward_of(client, created.json()[0]["service_request_id"]) == people.ward.code


async def test_without_a_point_the_citizen_names_the_ward(
    client: httpx.AsyncClient, people: People
) -> None:
    fields = {"address_string": "Chợ Đông Ba", "attribute[ward_code]": people.other_ward.code}
    created = await report(client, People.auth(people.citizen), fields=fields)
    assert created.status_code == 200, created.text
    assert await ward_of(client, created.json()[0]["service_request_id"]) == people.other_ward.code
    unknown = await report(
        client,
        People.auth(people.citizen),
        fields={"address_string": "x", "attribute[ward_code]": "99999"},
    )
    assert (unknown.status_code, unknown.json()[0]["error_code"]) == (400, "ward_not_found")
    nowhere = await report(client, People.auth(people.citizen))
    assert (nowhere.status_code, nowhere.json()[0]["error_code"]) == (400, "location_required")


async def test_a_point_outside_hue_is_a_clear_400_in_both_formats(
    client: httpx.AsyncClient, people: People
) -> None:
    as_json = await report(client, People.auth(people.citizen), point=OUTSIDE_HUE)
    assert as_json.status_code == 400
    assert as_json.json() == [
        {
            "code": 400,
            "description": "The point (10.7769, 106.7009) is not in Huế; pick a place in it.",
            "error_code": "outside_city",
        }
    ]
    as_xml = await report(
        client, People.auth(people.citizen), point=OUTSIDE_HUE, response_format="xml"
    )
    error = ElementTree.fromstring(as_xml.content).find("error")
    assert as_xml.status_code == 400 and error is not None
    assert (error.findtext("code"), error.findtext("error_code")) == ("400", "outside_city")
