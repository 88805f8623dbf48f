"""An idea supported by two people (one twice, refused by the unique key); staff answer it or
hide it with a reason its author alone still sees; no one's name or phone is ever sent."""

from __future__ import annotations

import httpx
from surveys_world import OTHER_WARD, WARD

IDEA = {"title": "Thêm ghế đá ở bờ sông", "body": "Người già cần chỗ nghỉ chân.", "ward_code": WARD}


async def propose(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    """An idea for the ward; return its id."""
    made = await client.post("/api/v1/ideas", json=IDEA, headers=headers)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


async def test_two_support_one_twice_refused(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    idea = await propose(client, people["an"])
    for name in ("binh", "chi"):
        voted = await client.post(f"/api/v1/ideas/{idea}/support", headers=people[name])
        assert voted.status_code == 201 and voted.json()["supported"] is True
    again = await client.post(f"/api/v1/ideas/{idea}/support", headers=people["binh"])
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_supported"
    shown = (await client.get(f"/api/v1/ideas/{idea}")).json()
    assert shown["supporters"] == 2 and shown["supported"] is False  # anonymous caller
    anonymous = await client.post(f"/api/v1/ideas/{idea}/support")
    assert anonymous.status_code == 401


async def test_no_personal_data_is_sent(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    await propose(client, people["an"])
    listed = (await client.get("/api/v1/ideas")).text
    assert "0905100001" not in listed and "author" not in listed
    assert "Phường Phú Xuân" in listed


async def test_hidden_with_a_reason_the_author_sees_and_the_public_does_not(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    idea = await propose(client, people["an"])
    foreign = await client.post(f"/api/v1/ideas/{idea}/hide", json={"text": "Trùng lặp"},
                                headers=people["officer_y"])  # fmt: skip
    assert foreign.status_code == 403
    hidden = await client.post(f"/api/v1/ideas/{idea}/hide", json={"text": "Có lời xúc phạm"},
                               headers=people["officer_x"])  # fmt: skip
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert (await client.get(f"/api/v1/ideas/{idea}")).status_code == 404
    assert (await client.get("/api/v1/ideas")).json() == []
    others = await client.get("/api/v1/ideas", headers=people["binh"])
    assert others.json() == []
    own = (await client.get("/api/v1/ideas", headers=people["an"])).json()
    assert own[0]["hidden_reason"] == "Có lời xúc phạm" and own[0]["mine"] is True
    refused = await client.post(f"/api/v1/ideas/{idea}/support", headers=people["an"])
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "idea_hidden"


async def test_staff_answer_is_public(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    idea = await propose(client, people["an"])
    answered = await client.post(f"/api/v1/ideas/{idea}/answer",
                                 json={"text": "Phường sẽ đặt 5 ghế trong tháng này."},
                                 headers=people["officer_x"])  # fmt: skip
    assert answered.status_code == 200
    shown = (await client.get(f"/api/v1/ideas/{idea}")).json()
    assert shown["answer"] == "Phường sẽ đặt 5 ghế trong tháng này."
    assert (await client.get("/api/v1/ideas", params={"ward": OTHER_WARD})).json() == []


async def test_a_deleted_account_leaves_its_idea_tied_to_nobody_and_its_support_goes(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    idea = await propose(client, people["an"])
    other = await propose(client, people["binh"])
    await client.post(f"/api/v1/ideas/{other}/support", headers=people["an"])
    gone = await client.delete("/api/v1/me", headers=people["an"])
    assert gone.status_code == 204, gone.text
    assert (await client.get(f"/api/v1/ideas/{idea}")).json()["title"] == IDEA["title"]
    assert (await client.get(f"/api/v1/ideas/{other}")).json()["supporters"] == 0
