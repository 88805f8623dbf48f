"""Lists the app polls answer an ETag, and 304 to its If-None-Match, only for the same bytes."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from pydantic import TypeAdapter

from hue_s.backend.kernel.conditional import names_etag
from hue_s.modules.incidents.backend.schemas import CaseSummary

from .conftest import People, point_in, report

OPEN311_LIST = "/open311/v2/requests.json"
MINE = "/api/v1/incidents/mine"
INBOX = "/api/v1/cases"
SUMMARIES = TypeAdapter(list[CaseSummary])


async def polled(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], etag: str
) -> httpx.Response:
    """GET a list with the If-None-Match of an earlier answer."""
    return await client.get(path, headers={**headers, "If-None-Match": etag})


def test_if_none_match_names_an_etag_weakly_in_a_list() -> None:
    assert names_etag('"a", W/"b"', '"b"')
    assert names_etag('W/"a"', '"a"')
    assert names_etag("*", '"a"')
    assert not names_etag('"ab"', '"a"')


async def test_an_unchanged_open311_list_answers_304_and_a_new_report_a_new_etag(
    client: httpx.AsyncClient, people: People
) -> None:
    await report(client, People.auth(people.citizen), point=point_in(people.ward))
    first = await client.get(OPEN311_LIST)
    etag = first.headers["etag"]
    again = await polled(client, OPEN311_LIST, {}, etag)
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert again.headers["vary"] == "Authorization"
    xml = await polled(client, "/open311/v2/requests.xml", {}, etag)
    assert xml.status_code == 200  # another representation, another tag
    await report(client, People.auth(people.citizen), point=point_in(people.ward))
    changed = await polled(client, OPEN311_LIST, {}, etag)
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert len(changed.json()) == 2


async def test_my_reports_304_only_to_their_owner_and_never_before_sign_in(
    client: httpx.AsyncClient, people: People
) -> None:
    citizen = People.auth(people.citizen)
    await report(client, citizen, point=point_in(people.ward))
    mine = await client.get(MINE, headers=citizen)
    etag = mine.headers["etag"]
    assert [case.id for case in SUMMARIES.validate_json(mine.content)] == [mine.json()[0]["id"]]
    assert mine.headers["cache-control"] == "no-store"
    assert (await polled(client, MINE, citizen, etag)).status_code == 304
    other = await polled(client, MINE, People.auth(people.other_citizen), etag)
    assert (other.status_code, other.json()) == (200, [])
    assert (await polled(client, MINE, {}, etag)).status_code == 401


async def test_an_officer_inbox_304_until_a_case_changes_and_not_for_another_ward(
    client: httpx.AsyncClient, people: People
) -> None:
    created = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    case_id = int(created.json()[0]["service_request_id"])
    officer = People.auth(people.officer)
    inbox = await client.get(INBOX, headers=officer)
    etag = inbox.headers["etag"]
    listed = SUMMARIES.validate_json(inbox.content)
    assert [(case.id, case.status, case.overdue) for case in listed] == [
        (case_id, "received", False)
    ]
    assert (await polled(client, INBOX, officer, etag)).status_code == 304
    elsewhere = await polled(client, INBOX, People.auth(people.other_officer), etag)
    assert (elsewhere.status_code, elsewhere.json()) == (200, [])
    assert (await polled(client, INBOX, People.auth(people.citizen), etag)).status_code == 403
    await client.post(f"/api/v1/cases/{case_id}/accept", json={}, headers=officer)
    accepted = await polled(client, INBOX, officer, etag)
    assert accepted.status_code == 200
    assert accepted.json()[0]["status"] == "assigned"


def test_the_polled_lists_document_their_304(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    lists = ("/open311/v2/requests.{response_format}", MINE, INBOX, "/api/v1/alerts")
    assert all("304" in paths[path]["get"]["responses"] for path in lists)
