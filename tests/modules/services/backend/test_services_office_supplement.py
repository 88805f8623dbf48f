"""A supplement for a dossier filed at the office for a visitor (issue #14): nobody owns it, so
the ward's officer adds the papers the visitor brings back, with the citizen's checks, status
move and new due day; never for an owned dossier, another ward's, or one at the city tier."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from hue_s.modules.services.backend.models import DossierRow
from hue_s.testing.backend import MovableClock

from ..conftest import BOTH_DATABASES, PDF, file_birth
from .test_services_assisted import file_for_visitor

DOSSIERS = "/api/v1/services/dossiers"
AGAIN = [("document:giay-chung-sinh", ("lai.pdf", PDF, "application/pdf"))]


async def asked_for_more(
    client: httpx.AsyncClient, officer: dict[str, str], filed: httpx.Response
) -> str:
    """Receive a dossier and ask for more; return its code."""
    assert filed.status_code == 201, filed.text
    code = filed.json()["code"]
    for action in ("receive", "request-supplement"):
        done = await client.post(
            f"{DOSSIERS}/{code}/{action}", headers=officer, json={"note": "Bản rõ nét hơn"}
        )
        assert done.status_code == 200, done.text
    return code


@BOTH_DATABASES
async def test_the_wards_officer_adds_the_visitors_papers_at_the_office(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]], clock: MovableClock
) -> None:
    officer = people["officer_x"]
    code = await asked_for_more(client, officer, await file_for_visitor(client, officer))
    clock.now += timedelta(days=3)  # Monday
    sent = await client.post(
        f"{DOSSIERS}/{code}/supplement-at-office",
        headers=officer,
        data={"note": "Người dân mang bản gốc"},
        files=AGAIN,
    )
    assert sent.status_code == 200, sent.text
    dossier = sent.json()
    assert dossier["status"] == "received" and dossier["due_on"] == "2026-12-08"
    assert len(dossier["documents"]) == 2
    last = dossier["timeline"][-1]
    assert last["action"] == "supplement" and last["by"]
    assert last["note"].startswith("Cán bộ phường bổ sung giấy tờ tại trụ sở thay người dân.")
    assert last["note"].endswith("Người dân mang bản gốc")
    again = await client.post(
        f"{DOSSIERS}/{code}/supplement-at-office", headers=officer, files=AGAIN
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "wrong_status"


async def test_the_same_checks_as_the_citizens_supplement(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    officer = people["officer_x"]
    code = await asked_for_more(client, officer, await file_for_visitor(client, officer))
    unknown = [("document:no-such-paper", ("x.pdf", PDF, "application/pdf"))]
    wrong = await client.post(
        f"{DOSSIERS}/{code}/supplement-at-office", headers=officer, files=unknown
    )
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "unknown_document"
    not_pdf = [("document:giay-chung-sinh", ("x.pdf", b"hello", "application/pdf"))]
    bad = await client.post(
        f"{DOSSIERS}/{code}/supplement-at-office", headers=officer, files=not_pdf
    )
    assert bad.status_code in (415, 422), bad.text
    kept = await client.get(f"{DOSSIERS}/{code}", headers=officer)
    assert kept.json()["status"] == "supplement_requested"


async def test_others_are_refused(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    officer = people["officer_x"]
    code = await asked_for_more(client, officer, await file_for_visitor(client, officer))
    path = f"{DOSSIERS}/{code}/supplement-at-office"
    elsewhere = await client.post(path, headers=people["officer_y"], files=AGAIN)
    assert elsewhere.status_code == 404
    for citizen in ("citizen_a", "citizen_b"):
        refused = await client.post(path, headers=people[citizen], files=AGAIN)
        assert refused.status_code == 403, citizen
        theirs = await client.post(f"{DOSSIERS}/{code}/supplement", headers=people[citizen])
        assert theirs.status_code == 404, citizen  # nobody's: no citizen sends it
    assert (await client.post(path, files=AGAIN)).status_code == 401
    owned = await asked_for_more(client, officer, await file_birth(client, people["citizen_a"]))
    for_owner = await client.post(
        f"{DOSSIERS}/{owned}/supplement-at-office", headers=officer, files=AGAIN
    )
    assert for_owner.status_code == 403 and for_owner.json()["error"]["code"] == "has_owner"
    with app.state.session_factory() as session:
        session.execute(update(DossierRow).where(DossierRow.code == code).values(city_tier=True))
        session.commit()
    at_city = await client.post(path, headers=officer, files=AGAIN)
    assert at_city.status_code == 409 and at_city.json()["error"]["code"] == "at_city_tier"
