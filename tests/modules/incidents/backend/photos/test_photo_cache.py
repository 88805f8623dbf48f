"""A private report's photo never stays in a cache; a public report's photo may."""

from __future__ import annotations

import httpx

from ..conftest import People, photo_bytes, point_in, report


async def photo_path(client: httpx.AsyncClient, people: People, private: bool) -> str:
    """File a report with one photo; return the path of the photo."""
    headers = People.auth(people.citizen)
    fields = {"attribute[private]": "yes" if private else "no"}
    filed = await report(
        client, headers, point=point_in(people.ward), fields=fields, photos=[photo_bytes()]
    )
    assert filed.status_code == 200, filed.text
    case_id = filed.json()[0]["service_request_id"]
    detail = await client.get(f"/api/v1/incidents/{case_id}", headers=headers)
    url: str = detail.json()["photos"][0]["url"]
    return "/api/v1/incidents/photos/" + url.rstrip("/").rsplit("/", 1)[-1]


async def test_a_private_photo_is_never_stored_by_caches(
    client: httpx.AsyncClient, people: People
) -> None:
    path = await photo_path(client, people, private=True)
    for who in (people.citizen, people.officer):
        answer = await client.get(path, headers=People.auth(who))
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "no-store"
        assert "Authorization" in answer.headers["vary"]


async def test_a_public_photo_stays_cacheable_for_everyone(
    client: httpx.AsyncClient, people: People
) -> None:
    path = await photo_path(client, people, private=False)
    anonymous = await client.get(path)
    assert anonymous.status_code == 200
    assert anonymous.headers["cache-control"] == "public, max-age=86400"
    assert "Authorization" in anonymous.headers["vary"]
    signed_in = await client.get(path, headers=People.auth(people.citizen))
    assert signed_in.headers["cache-control"] == "no-store"
