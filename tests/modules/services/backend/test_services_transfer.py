"""A dossier the ward cannot decide goes to the city tier: with a reason, on the timeline with
who and when; city staff then see it first in their inbox and decide it, the ward no longer."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from hue_s.testing.backend import sign_in

from ..conftest import file_birth

DOSSIERS = "/api/v1/services/dossiers"


async def test_a_transferred_dossier_is_the_city_tiers_to_decide(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    officer = people["officer_x"]
    city = sign_in(app, "+84905000049", "operator", None)
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    early = await client.post(f"{DOSSIERS}/{code}/transfer", headers=officer, json={"note": "x"})
    assert early.status_code == 409  # only a received dossier is transferred
    assert (await client.post(f"{DOSSIERS}/{code}/receive", headers=officer)).status_code == 200
    bare = await client.post(f"{DOSSIERS}/{code}/transfer", headers=officer, json={})
    assert bare.status_code == 422 and bare.json()["error"]["code"] == "note_required"
    reason = "Khai sinh có yếu tố nước ngoài: thuộc thẩm quyền cấp tỉnh"
    sent = await client.post(f"{DOSSIERS}/{code}/transfer", headers=officer, json={"note": reason})
    assert sent.status_code == 200, sent.text
    assert sent.json()["city_tier"] is True and sent.json()["status"] == "received"
    step = sent.json()["timeline"][-1]
    assert (step["action"], step["note"], step["by"]) == ("transfer", reason, "officer")
    assert step["at"].startswith("2026-12-04T05:00")
    again = await client.post(f"{DOSSIERS}/{code}/transfer", headers=city, json={"note": "x"})
    assert again.status_code == 409
    refused = await client.post(f"{DOSSIERS}/{code}/approve", headers=officer, json={})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "at_city_tier"
    assert (await client.get(f"{DOSSIERS}/{code}", headers=officer)).status_code == 200
    ward_inbox = await client.get("/api/v1/services/inbox", headers=officer)
    assert [item["code"] for item in ward_inbox.json()] == []
    other = (await file_birth(client, people["citizen_b"])).json()["code"]
    city_inbox = (await client.get("/api/v1/services/inbox", headers=city)).json()
    assert [item["code"] for item in city_inbox] == [code, other]
    approved = await client.post(f"{DOSSIERS}/{code}/approve", headers=city, json={})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["timeline"][-1]["by"] == "operator"
    assert (await client.get(f"{DOSSIERS}/{code}/result", headers=people["citizen_a"])).is_success
