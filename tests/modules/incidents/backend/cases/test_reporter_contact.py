"""The ward's staff reach a signed-in reporter: their account's name and phone reach the case."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User

from ..conftest import People, point_in, report


def name_citizen(db: Callable[[], Session], user_id: int, name: str | None) -> None:
    """Give a citizen's account a display name, as "My account" does."""
    with db() as session:
        session.execute(update(User).where(User.id == user_id).values(display_name=name))
        session.commit()


async def staff_view_of(
    client: httpx.AsyncClient, people: People, fields: dict[str, str] | None = None
) -> dict[str, object]:
    """File a report as the citizen, as the app does (no contact fields); return the staff view."""
    created = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), fields=fields
    )
    case_id = created.json()[0]["service_request_id"]
    answer = await client.get(f"/api/v1/cases/{case_id}", headers=People.auth(people.officer))
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def test_the_officer_gets_the_signed_in_reporters_name_and_phone(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    name_citizen(db, people.citizen, "Trần Thị Lan")
    case = await staff_view_of(client, people)
    assert case["reporter"] == {"name": "Trần Thị Lan", "phone": "+84905000001", "email": None}


async def test_hide_my_name_keeps_the_phone_for_a_call_back(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    name_citizen(db, people.citizen, "Trần Thị Lan")
    case = await staff_view_of(client, people, {"attribute[hide_name]": "yes"})
    assert case["reporter"] == {"name": None, "phone": "+84905000001", "email": None}


async def test_contact_given_with_the_report_wins_over_the_account(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    name_citizen(db, people.citizen, "Trần Thị Lan")
    fields = {"first_name": "Lan", "last_name": "Trần", "phone": "0234 3822 123"}
    case = await staff_view_of(client, people, fields)
    assert case["reporter"] == {"name": "Lan Trần", "phone": "0234 3822 123", "email": None}


async def test_an_account_without_a_name_still_gives_its_phone(
    client: httpx.AsyncClient, people: People
) -> None:
    case = await staff_view_of(client, people)
    assert case["reporter"] == {"name": None, "phone": "+84905000001", "email": None}
