"""Dossiers a ward officer files at the office for a visitor (issue #14, the kiosk): their own
ward only, nobody's "my dossiers", followed by code without the visitor's name or phone."""

from __future__ import annotations

import json
from typing import Any

import httpx
from fastapi import FastAPI

from ..conftest import BIRTH, BIRTH_ANSWERS, BOTH_DATABASES, OTHER_WARD, PDF, WARD

ASSISTED = "/api/v1/services/assisted-dossiers"
DOCUMENT = [("document:giay-chung-sinh", ("chung-sinh.pdf", PDF, "application/pdf"))]
VISITOR = {"visitor_name": "Lê Thị Bích", "visitor_phone": "0905 123 456"}


async def file_for_visitor(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    ward: str | None = WARD,
    visitor: dict[str, str] | None = None,
    key: str | None = None,
) -> httpx.Response:
    """File a birth registration for a visitor at a ward office."""
    data: dict[str, Any] = {"procedure_code": BIRTH, "answers": json.dumps(BIRTH_ANSWERS)}
    if ward is not None:
        data["ward_code"] = ward
    data |= VISITOR if visitor is None else visitor
    extra = {"Idempotency-Key": key} if key else {}
    return await client.post(ASSISTED, data=data, files=DOCUMENT, headers=headers | extra)


@BOTH_DATABASES
async def test_an_officer_files_for_a_visitor_of_their_ward(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    filed = await file_for_visitor(client, people["officer_x"])
    assert filed.status_code == 201, filed.text
    dossier = filed.json()
    assert dossier["code"].startswith(f"{WARD}-261204-")
    assert (dossier["visitor_name"], dossier["visitor_phone"]) == ("Lê Thị Bích", "+84905123456")
    assert dossier["filed_at_office"] is True  # no owner: the ward adds its supplement
    read = await client.get(
        f"/api/v1/services/dossiers/{dossier['code']}", headers=people["officer_x"]
    )
    assert read.json()["filed_at_office"] is True
    first = dossier["timeline"][0]
    assert first["action"] == "file_at_office"
    assert first["note"].startswith("Nộp tại trụ sở phường") and first["by"]
    inbox = await client.get("/api/v1/services/inbox", headers=people["officer_x"])
    assert dossier["code"] in [item["code"] for item in inbox.json()]
    for who in ("citizen_a", "citizen_b", "officer_x"):
        mine = await client.get("/api/v1/services/dossiers/mine", headers=people[who])
        assert mine.json() == [], who


async def test_another_ward_and_citizens_are_refused(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    elsewhere = await file_for_visitor(client, people["officer_x"], ward=OTHER_WARD)
    assert elsewhere.status_code == 403
    assert elsewhere.json()["error"]["code"] == "not_your_ward"
    for citizen in ("citizen_a", "citizen_b"):
        assert (await file_for_visitor(client, people[citizen])).status_code == 403
    assert (await file_for_visitor(client, {})).status_code == 401


async def test_the_ward_defaults_to_the_officers_and_a_name_is_needed(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    filed = await file_for_visitor(client, people["officer_y"], ward=None)
    assert filed.status_code == 201 and filed.json()["ward_code"] == OTHER_WARD
    nameless = await file_for_visitor(client, people["officer_x"], visitor={"visitor_name": " "})
    assert nameless.json()["error"]["code"] == "visitor_name_required"
    bad_phone = {"visitor_name": "Bích", "visitor_phone": "12"}
    wrong = await file_for_visitor(client, people["officer_x"], visitor=bad_phone)
    assert wrong.json()["error"]["code"] == "invalid_phone"
    no_phone = await file_for_visitor(client, people["officer_x"], visitor={"visitor_name": "An"})
    assert no_phone.status_code == 201 and no_phone.json()["visitor_phone"] is None


async def test_tracking_shows_no_visitor_and_others_cannot_read_it(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_for_visitor(client, people["officer_x"])).json()["code"]
    tracked = await client.get(f"/api/v1/services/track/{code}")
    assert tracked.status_code == 200
    for private in ("Bích", "905123456", "visitor", "Nộp tại trụ sở"):
        assert private not in tracked.text, private
    path = f"/api/v1/services/dossiers/{code}"
    for stranger in ("citizen_a", "officer_y"):
        assert (await client.get(path, headers=people[stranger])).status_code == 404
    assert (await client.get(path, headers=people["officer_x"])).status_code == 200
    supplement = await client.post(
        f"{path}/supplement", files=DOCUMENT, headers=people["citizen_a"]
    )
    assert supplement.status_code == 404


async def test_the_same_key_gives_the_same_dossier_and_the_ward_decides_it(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    first = await file_for_visitor(client, people["officer_x"], key="kiosk-7f3a")
    again = await file_for_visitor(client, people["officer_x"], key="kiosk-7f3a")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["code"] == first.json()["code"]
    path = f"/api/v1/services/dossiers/{first.json()['code']}"
    for action in ("receive", "approve"):
        done = await client.post(f"{path}/{action}", json={}, headers=people["officer_x"])
        assert done.status_code == 200, done.text
    result = await client.get(f"{path}/result", headers=people["officer_x"])
    assert result.content.startswith(b"%PDF-")
