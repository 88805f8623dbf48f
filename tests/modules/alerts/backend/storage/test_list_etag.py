"""The alerts list answers an ETag, and 304 to its If-None-Match until an alert changes."""

from __future__ import annotations

import httpx

from ..conftest import draft

ALERTS = "/api/v1/alerts"


async def test_the_alerts_list_answers_304_until_an_alert_is_issued(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    first = await api.get(ALERTS)
    etag = first.headers["etag"]
    again = await api.get(ALERTS, headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert (await api.post(ALERTS, json=draft(), headers=operator)).status_code == 201
    changed = await api.get(ALERTS, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert [alert["headline"] for alert in changed.json()] == [draft()["headline"]]
