"""A survey answered by three people (one twice, refused by the database's unique key),
closed by its staff, and its results counted right; anonymous surveys count devices."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from surveys_world import NOW, WARD

QUESTIONS = [
    {"name": "bus", "kind": "single", "label": "Bạn có đi xe buýt không?",
     "options": ["Có", "Không"]},
    {"name": "when", "kind": "multiple", "label": "Bạn đi lúc nào?",
     "options": ["Sáng", "Trưa", "Tối"], "required": False},
    {"name": "stars", "kind": "scale", "label": "Bạn chấm dịch vụ mấy điểm?"},
    {"name": "wish", "kind": "text", "label": "Bạn mong gì?", "required": False},
]  # fmt: skip


async def publish(client: httpx.AsyncClient, headers: dict[str, str], **extra: object) -> int:
    """Publish the bus survey; return its id."""
    body = {"title": "Xe buýt ở Huế", "questions": QUESTIONS, **extra}
    answer = await client.post("/api/v1/surveys", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


async def test_three_answer_one_twice_refused_then_closed_results_are_right(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    survey = await publish(client, people["operator"])
    given = {
        "an": {"bus": ["Có"], "when": ["Sáng", "Tối"], "stars": ["4"], "wish": ["Thêm tuyến"]},
        "binh": {"bus": ["Có"], "when": ["Sáng"], "stars": ["5"]},
        "chi": {"bus": ["Không"], "stars": ["2"]},
    }
    for name, answers in given.items():
        sent = await client.post(f"/api/v1/surveys/{survey}/answers",
                                 json={"answers": answers}, headers=people[name])  # fmt: skip
        assert sent.status_code == 201, sent.text
        assert sent.json()["answered"] is True
    again = await client.post(f"/api/v1/surveys/{survey}/answers",
                              json={"answers": {"bus": ["Không"], "stars": ["1"]}},
                              headers=people["an"])  # fmt: skip
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_answered"
    early = await client.get(f"/api/v1/surveys/{survey}/results")
    assert early.status_code == 409 and early.json()["error"]["code"] == "survey_open"

    closed = await client.post(f"/api/v1/surveys/{survey}/close", headers=people["operator"])
    assert closed.json()["status"] == "closed" and closed.json()["respondents"] == 3
    late = await client.post(f"/api/v1/surveys/{survey}/answers",
                             json={"answers": {"bus": ["Có"], "stars": ["3"]}},
                             headers=people["leader"])  # fmt: skip
    assert late.status_code == 409 and late.json()["error"]["code"] == "survey_closed"

    results = (await client.get(f"/api/v1/surveys/{survey}/results")).json()
    counts = {
        q["name"]: {c["option"]: c["count"] for c in q["counts"]} for q in results["questions"]
    }
    assert counts["bus"] == {"Có": 2, "Không": 1}  # An's second answer did not count
    assert counts["when"] == {"Sáng": 2, "Trưa": 0, "Tối": 1}
    assert counts["stars"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    assert results["questions"][3]["texts"] == ["Thêm tuyến"]
    assert results["survey"]["closed_at"].startswith(NOW.date().isoformat())


async def test_the_unique_key_refuses_a_second_answer_even_past_the_code(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    from hue_s_surveys.backend.models import ResponseRow
    from sqlalchemy.exc import IntegrityError

    survey = await publish(client, people["operator"])
    row = {"survey_id": survey, "user_id": 1, "answers": {}, "answered_at": NOW}
    with app.state.session_factory() as session:
        session.add(ResponseRow(**row))
        session.commit()
        session.add(ResponseRow(**row))
        try:
            session.commit()
        except IntegrityError:
            refused = True
        else:
            refused = False
    assert refused


async def test_answers_are_checked_by_the_shared_rules(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    survey = await publish(client, people["operator"])
    bad = {"bus": ["Có", "Không"], "stars": ["6"]}
    sent = await client.post(f"/api/v1/surveys/{survey}/answers",
                             json={"answers": bad}, headers=people["an"])  # fmt: skip
    assert sent.status_code == 422 and sent.json()["error"]["code"] == "invalid_answers"
    assert "bus: too_many" in sent.json()["error"]["message"]
    assert "stars: not_an_option" in sent.json()["error"]["message"]


async def test_an_anonymous_survey_takes_one_answer_per_device(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    survey = await publish(client, people["operator"], anonymous=True)
    answers = {"answers": {"bus": ["Có"], "stars": ["3"]}}
    url = f"/api/v1/surveys/{survey}/answers"
    without = await client.post(url, json=answers)
    assert without.status_code == 422 and without.json()["error"]["code"] == "device_needed"
    first = await client.post(url, json=answers, headers={"X-Device-Id": "device-one-123"})
    assert first.status_code == 201 and first.json()["answered"] is True
    again = await client.post(url, json=answers, headers={"X-Device-Id": "device-one-123"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_answered"
    other = await client.post(url, json=answers, headers={"X-Device-Id": "device-two-456"})
    assert other.status_code == 201
    shown = await client.get(f"/api/v1/surveys/{survey}", headers={"X-Device-Id": "device-two-456"})
    assert shown.json()["answered"] is True and shown.json()["respondents"] == 2


async def test_officers_publish_and_close_for_their_own_ward_only(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    survey = await publish(client, people["officer_x"])
    shown = (await client.get(f"/api/v1/surveys/{survey}")).json()
    assert shown["ward_code"] == WARD  # an officer's survey is for their ward
    other = await client.post(f"/api/v1/surveys/{survey}/close", headers=people["officer_y"])
    assert other.status_code == 403 and other.json()["error"]["code"] == "other_ward"
    city = await publish(client, people["operator"])
    refused = await client.post(f"/api/v1/surveys/{city}/close", headers=people["officer_x"])
    assert refused.status_code == 403
    mine = await client.post(f"/api/v1/surveys/{survey}/close", headers=people["officer_x"])
    assert mine.status_code == 200


async def test_ids_past_the_database_integer_are_422_not_500(client: httpx.AsyncClient) -> None:
    """An id too large for the database's INTEGER crashed the lookup (500) before."""
    for path in ("/api/v1/surveys/68587709032960786432", "/api/v1/ideas/68587709032960786432"):
        assert (await client.get(path)).status_code == 422, path
