"""My dossiers answer conditionally: the app polls the list to hear when a dossier moves."""

from __future__ import annotations

import httpx

from ..conftest import file_birth

MINE = "/api/v1/services/dossiers/mine"


async def test_my_dossiers_answer_304_until_one_moves(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    first = await client.get(MINE, headers=people["citizen_a"])
    assert first.status_code == 200 and first.json()[0]["code"] == code
    etag = first.headers["etag"]
    again = await client.get(MINE, headers=people["citizen_a"] | {"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    received = await client.post(
        f"/api/v1/services/dossiers/{code}/receive", headers=people["officer_x"], json={}
    )
    assert received.status_code == 200, received.text
    moved = await client.get(MINE, headers=people["citizen_a"] | {"If-None-Match": etag})
    assert moved.status_code == 200 and moved.json()[0]["status"] == "received"
    other = await client.get(MINE, headers=people["citizen_b"] | {"If-None-Match": etag})
    assert other.status_code == 200 and other.json() == []
