"""Server-side drafts: a signed-in person keeps a half-filled dossier per procedure, reads it
back on another device, never sees anyone else's, and loses it when it is filed or the account
is deleted (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import httpx

from hue_s.testing.backend import MovableClock

from ..conftest import BIRTH, BOTH_DATABASES, PDF, WARD

DRAFTS = "/api/v1/services/drafts"
RESIDENCE = "1.004194.000.00.00.H57"
HALF = {"ward": WARD, "typed": {"child_full_name": "Nguyễn Minh An"}, "groups": [{"a": ["b"]}]}


@BOTH_DATABASES
async def test_a_draft_is_kept_read_back_replaced_and_listed(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]], clock: MovableClock
) -> None:
    a = people["citizen_a"]
    assert (await client.get(f"{DRAFTS}/{BIRTH}", headers=a)).status_code == 404
    kept = await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": HALF}, headers=a)
    assert kept.status_code == 200, kept.text
    assert kept.json()["draft"] == HALF  # as sent, lists and all
    read = (await client.get(f"{DRAFTS}/{BIRTH}", headers=a)).json()
    assert read["draft"] == HALF and read["procedure_code"] == BIRTH
    clock.now += timedelta(minutes=5)
    changed = HALF | {"typed": {"child_full_name": "Nguyễn Minh Anh"}}
    again = await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": changed}, headers=a)
    assert again.json()["updated_at"] > read["updated_at"]
    clock.now += timedelta(minutes=1)
    await client.put(f"{DRAFTS}/{RESIDENCE}", json={"draft": {"ward": WARD}}, headers=a)
    listed = (await client.get(DRAFTS, headers=a)).json()
    assert [d["procedure_code"] for d in listed] == [RESIDENCE, BIRTH]
    assert listed[1]["draft"] == changed
    assert (await client.delete(f"{DRAFTS}/{RESIDENCE}", headers=a)).status_code == 204
    assert (await client.delete(f"{DRAFTS}/{RESIDENCE}", headers=a)).status_code == 204
    assert [d["procedure_code"] for d in (await client.get(DRAFTS, headers=a)).json()] == [BIRTH]


async def test_nobody_reaches_another_persons_draft(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    a, b = people["citizen_a"], people["citizen_b"]
    await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": HALF}, headers=a)
    assert (await client.get(f"{DRAFTS}/{BIRTH}", headers=b)).status_code == 404
    assert (await client.get(DRAFTS, headers=b)).json() == []
    assert (await client.delete(f"{DRAFTS}/{BIRTH}", headers=b)).status_code == 204
    assert (await client.get(f"{DRAFTS}/{BIRTH}", headers=a)).json()["draft"] == HALF
    assert (await client.get(DRAFTS)).status_code == 401
    assert (await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": HALF})).status_code == 401


async def test_unknown_procedures_and_large_drafts_are_refused(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    a = people["citizen_a"]
    unknown = await client.put(f"{DRAFTS}/no-such-code", json={"draft": HALF}, headers=a)
    assert unknown.status_code == 404
    large = {"typed": {"note": "x" * (64 * 1024)}}
    refused = await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": large}, headers=a)
    assert refused.status_code == 413
    shapeless = await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": [1]}, headers=a)
    assert shapeless.status_code == 422


@BOTH_DATABASES
async def test_filing_the_dossier_drops_its_draft_only(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    a, b = people["citizen_a"], people["citizen_b"]
    for who in (a, b):
        await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": HALF}, headers=who)
    for who in (a, b):
        await client.put(f"{DRAFTS}/{RESIDENCE}", json={"draft": {"ward": WARD}}, headers=who)
    residence = {"procedure_code": RESIDENCE, "ward_code": WARD}
    residence["answers"] = '{"address": "12 Lê Lợi", "from_date": "2026-12-01"}'
    filed = await client.post(
        "/api/v1/services/dossiers",
        data=residence,
        files=[("document:cho-o", ("nha.pdf", PDF, "application/pdf"))],
        headers=a | {"Idempotency-Key": "k-1"},
    )
    assert filed.status_code == 201, filed.text
    assert [d["procedure_code"] for d in (await client.get(DRAFTS, headers=a)).json()] == [BIRTH]
    assert (await client.get(f"{DRAFTS}/{RESIDENCE}", headers=b)).status_code == 200


async def test_deleting_an_account_deletes_its_drafts(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    a, b = people["citizen_a"], people["citizen_b"]
    for who in (a, b):
        await client.put(f"{DRAFTS}/{BIRTH}", json={"draft": HALF}, headers=who)
    assert (await client.delete("/api/v1/me", headers=a)).status_code == 204
    assert (await client.get(f"{DRAFTS}/{BIRTH}", headers=b)).status_code == 200
    app = client._transport.app  # type: ignore[attr-defined]
    from sqlalchemy import func, select

    from hue_s.modules.services.backend.models import DraftRow

    with app.state.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(DraftRow)) == 1
