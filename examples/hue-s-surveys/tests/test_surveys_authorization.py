"""Who may call what: every route the distribution serves, called by every kind of actor.

The routes come from the app's /openapi.json; each must have a line in EXPECTED giving the
status each actor gets, in the order of ACTORS. Each call gets a fresh survey (ward X's, open)
and a fresh idea (ward X's, by another resident), so no call sees another call's changes.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from surveys_world import WARD

ACTORS = ("anonymous", "an", "officer_x", "officer_y", "operator", "leader")
PREFIXES = ("/api/v1/surveys", "/api/v1/ideas")
EXPECTED = {
    "GET /api/v1/surveys": "200 200 200 200 200 200",
    "POST /api/v1/surveys": "401 403 201 403 201 403",
    "GET /api/v1/surveys/{survey_id}": "200 200 200 200 200 200",
    "POST /api/v1/surveys/{survey_id}/close": "401 403 200 403 200 403",
    "POST /api/v1/surveys/{survey_id}/answers": "401 201 201 201 201 201",
    "GET /api/v1/surveys/{survey_id}/results": "409 409 409 409 409 409",
    "GET /api/v1/ideas": "200 200 200 200 200 200",
    "POST /api/v1/ideas": "401 201 201 201 201 201",
    "GET /api/v1/ideas/{idea_id}": "200 200 200 200 200 200",
    "POST /api/v1/ideas/{idea_id}/support": "401 201 201 201 201 201",
    "POST /api/v1/ideas/{idea_id}/answer": "401 403 200 403 200 403",
    "POST /api/v1/ideas/{idea_id}/hide": "401 403 200 403 200 403",
}
"""Officer X manages ward X (the objects' ward), officer Y another ward; leaders read only."""
QUESTIONS = [{"name": "q1", "kind": "single", "label": "Có không?", "options": ["Có", "Không"]}]
BODIES: dict[str, dict[str, Any]] = {
    "POST /api/v1/surveys": {"title": "Khảo sát", "questions": QUESTIONS, "ward_code": WARD},
    "POST /api/v1/surveys/{survey_id}/answers": {"answers": {"q1": ["Có"]}},
    "POST /api/v1/ideas": {"title": "Ý tưởng hay", "body": "Một ý tưởng cho phường.",
                           "ward_code": WARD},
    "POST /api/v1/ideas/{idea_id}/answer": {"text": "Cảm ơn bạn."},
    "POST /api/v1/ideas/{idea_id}/hide": {"text": "Trùng lặp."},
}  # fmt: skip


async def routes_of(client: httpx.AsyncClient) -> list[str]:
    """Return 'METHOD /path' for every route of the distribution in the OpenAPI document."""
    paths = (await client.get("/openapi.json")).json()["paths"]
    return sorted(
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        if path.startswith(PREFIXES)
        for method in operations
    )


async def test_every_route_of_the_distribution_has_a_line(client: httpx.AsyncClient) -> None:
    assert await routes_of(client) == sorted(EXPECTED)


@pytest.mark.parametrize("route", sorted(EXPECTED))
async def test_each_actor_gets_the_expected_status(
    route: str, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    method, template = route.split(" ", 1)
    got = []
    for actor in ACTORS:
        made = await client.post("/api/v1/surveys", headers=people["officer_x"],
                                 json={"title": "Khảo sát", "questions": QUESTIONS})  # fmt: skip
        idea = await client.post("/api/v1/ideas", headers=people["binh"],
                                 json=BODIES["POST /api/v1/ideas"])  # fmt: skip
        path = template.format(survey_id=made.json()["id"], idea_id=idea.json()["id"])
        headers = people.get(actor, {})
        answer = await client.request(method, path, headers=headers, json=BODIES.get(route))
        got.append(str(answer.status_code))
    assert " ".join(got) == EXPECTED[route], f"{route}: {dict(zip(ACTORS, got, strict=True))}"
