"""Dossiers: filing once per key, checks before storing, who sees what, the ward's actions."""

from __future__ import annotations

from datetime import timedelta

import httpx

from hue_s.testing.backend import MovableClock

from ..conftest import BIRTH_ANSWERS, PDF, WARD, file_birth

DOSSIERS = "/api/v1/services/dossiers"


async def test_filing_gives_a_code_and_the_due_day(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    filed = await file_birth(client, people["citizen_a"])
    assert filed.status_code == 201, filed.text
    dossier = filed.json()
    assert dossier["code"].startswith(f"{WARD}-261204-")
    assert dossier["status"] == "submitted"
    assert dossier["due_on"] == "2026-12-07"  # filed on a Friday: one working day is Monday
    assert dossier["filed_at_office"] is False  # its owner sends any supplement
    assert dossier["documents"][0]["evidence_code"] == "giay-chung-sinh"
    mine = await client.get(f"{DOSSIERS}/mine", headers=people["citizen_a"])
    assert [item["code"] for item in mine.json()] == [dossier["code"]]


async def test_the_same_key_gives_the_same_dossier(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    first = await file_birth(client, people["citizen_a"], key="3f1c2a9e-key")
    again = await file_birth(client, people["citizen_a"], key="3f1c2a9e-key")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["code"] == first.json()["code"]
    other = await file_birth(client, people["citizen_b"], key="3f1c2a9e-key")
    assert other.status_code == 201 and other.json()["code"] != first.json()["code"]


async def test_the_server_refuses_what_the_form_refuses(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    bad = BIRTH_ANSWERS | {"child_sex": "unknown", "child_birth_date": "20/11/2026"}
    refused = await file_birth(client, people["citizen_a"], answers=bad)
    assert refused.status_code == 422
    assert (
        "child_birth_date: not_a_date" in refused.text
        and "child_sex: not_an_option" in refused.text
    )
    no_document = await file_birth(client, people["citizen_a"], files=[])
    assert no_document.json()["error"]["code"] == "document_missing"


async def test_documents_are_checked_before_they_are_kept(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    fake = [("document:giay-chung-sinh", ("x.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"))]
    assert (await file_birth(client, people["citizen_a"], files=fake)).status_code == 415
    exe = [("document:giay-chung-sinh", ("x.exe", PDF, "application/octet-stream"))]
    assert (await file_birth(client, people["citizen_a"], files=exe)).status_code == 415
    big = [("document:giay-chung-sinh", ("x.pdf", PDF + b"0" * 6_000_000, "application/pdf"))]
    assert (await file_birth(client, people["citizen_a"], files=big)).status_code == 413
    mine = await client.get(f"{DOSSIERS}/mine", headers=people["citizen_a"])
    assert mine.json() == []


async def test_anonymous_filing_is_refused_before_the_body_is_read(
    client: httpx.AsyncClient,
) -> None:
    assert (await file_birth(client, {})).status_code == 401


async def test_who_sees_a_dossier(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    statuses = {
        name: (await client.get(f"{DOSSIERS}/{code}", headers=headers)).status_code
        for name, headers in people.items()
    }
    assert statuses == {"citizen_a": 200, "citizen_b": 404, "officer_x": 200, "officer_y": 404}
    tracked = await client.get(f"/api/v1/services/track/{code}")
    assert tracked.status_code == 200
    text = tracked.text
    assert "Nguyễn Minh An" not in text and "answers" not in text and "documents" not in text
    assert tracked.json()["procedure_name"] == "Đăng ký khai sinh"
    inbox_y = await client.get("/api/v1/services/inbox", headers=people["officer_y"])
    assert inbox_y.json() == []
    inbox_x = await client.get("/api/v1/services/inbox", headers=people["officer_x"])
    assert [item["code"] for item in inbox_x.json()] == [code]
    refused = await client.post(f"{DOSSIERS}/{code}/receive", headers=people["officer_y"])
    assert refused.status_code == 404


async def test_receive_supplement_approve(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]], clock: MovableClock
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    officer, citizen = people["officer_x"], people["citizen_a"]
    received = await client.post(f"{DOSSIERS}/{code}/receive", headers=officer)
    assert received.json()["receipt_number"] == f"{WARD}-00001/2026"
    early = await client.post(f"{DOSSIERS}/{code}/supplement", headers=citizen, files=[])
    assert early.status_code == 409
    no_note = await client.post(f"{DOSSIERS}/{code}/request-supplement", headers=officer, json={})
    assert no_note.status_code == 422
    asked = await client.post(
        f"{DOSSIERS}/{code}/request-supplement",
        headers=officer,
        json={"note": "Bổ sung giấy chứng sinh bản rõ nét"},
    )
    assert asked.json()["status"] == "supplement_requested" and asked.json()["due_on"] is None
    clock.now += timedelta(days=3)  # Monday
    sent = await client.post(
        f"{DOSSIERS}/{code}/supplement",
        headers=citizen,
        data={"note": "Đã chụp lại"},
        files=[("document:giay-chung-sinh", ("lai.pdf", PDF, "application/pdf"))],
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["status"] == "received" and sent.json()["due_on"] == "2026-12-08"
    assert len(sent.json()["documents"]) == 2
    approved = await client.post(f"{DOSSIERS}/{code}/approve", headers=officer, json={})
    assert approved.json()["status"] == "approved"
    again = await client.post(f"{DOSSIERS}/{code}/reject", headers=officer, json={"note": "x"})
    assert again.status_code == 409
    timeline = (await client.get(f"/api/v1/services/track/{code}")).json()["timeline"]
    assert [step["action"] for step in timeline] == [
        "submit", "receive", "request_supplement", "supplement", "approve"
    ]  # fmt: skip
    assert all(step.get("note") is None for step in timeline)
    mine = (await client.get(f"{DOSSIERS}/{code}", headers=citizen)).json()
    assert mine["timeline"][2]["note"] == "Bổ sung giấy chứng sinh bản rõ nét"


async def test_a_citizen_cannot_act_as_staff(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    answer = await client.post(f"{DOSSIERS}/{code}/approve", headers=people["citizen_a"])
    assert answer.status_code == 403
    assert (
        await client.get("/api/v1/services/inbox", headers=people["citizen_a"])
    ).status_code == 403


async def test_deleting_an_account_deletes_its_dossiers(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    other = (await file_birth(client, people["citizen_b"])).json()["code"]
    assert (await client.delete("/api/v1/me", headers=people["citizen_a"])).status_code == 204
    assert (await client.get(f"/api/v1/services/track/{code}")).status_code == 404
    assert (await client.get(f"/api/v1/services/track/{other}")).status_code == 200
