"""My dossiers and the staff inbox answer conditionally: the apps poll them to hear of moves."""

from __future__ import annotations

import httpx

from ..conftest import file_birth

MINE = "/api/v1/services/dossiers/mine"
INBOX = "/api/v1/services/inbox"


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


async def test_the_inbox_answers_304_until_a_dossier_of_the_ward_moves(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    first = await client.get(INBOX, headers=people["officer_x"])
    assert first.status_code == 200 and [d["code"] for d in first.json()] == [code]
    etag = first.headers["etag"]
    again = await client.get(INBOX, headers=people["officer_x"] | {"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    received = await client.post(
        f"/api/v1/services/dossiers/{code}/receive", headers=people["officer_x"], json={}
    )
    assert received.status_code == 200, received.text
    moved = await client.get(INBOX, headers=people["officer_x"] | {"If-None-Match": etag})
    assert moved.status_code == 200 and moved.json()[0]["status"] == "received"
