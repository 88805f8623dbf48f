"""Reading the event stream: events, ids, comments; alert events; the test switch."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from hue_s.app.api.sse import ServerSentEvent, parse_events
from hue_s.modules.alerts.app.stream.sse import AlertEvent, StreamBroken, alert_event
from hue_s.modules.alerts.app.stream.stream_switch import SwitchableStream

from ..doubles import FakeStream, make_alert, settle


def test_events_are_split_on_blank_lines_and_comments_are_dropped() -> None:
    lines = [
        ": connected", "retry: 3000", "", "id: 4", "event: issued", 'data: {"a":', "data: 1}",
        "", ": ping", "", "data:no space", "",
    ]  # fmt: skip
    events = parse_events(lines)
    assert events == [
        ServerSentEvent(id="4", event="issued", data=['{"a":', "1}"]),
        ServerSentEvent(id=None, event="message", data=["no space"]),
    ]


def test_an_alert_event_carries_the_alert() -> None:
    alert = make_alert(12)
    data = json.dumps(alert.model_dump(mode="json"))
    parsed = alert_event(ServerSentEvent(id="31", event="issued", data=[data]))
    assert parsed == AlertEvent(31, "issued", alert)


@pytest.mark.parametrize(
    "event",
    [
        ServerSentEvent(id=None, event="issued", data=["{}"]),
        ServerSentEvent(id="x", event="issued", data=["{}"]),
        ServerSentEvent(id="3", event="issued", data=["not json"]),
        ServerSentEvent(id="3", event="issued", data=['{"id": 1}']),
    ],
)
def test_unreadable_events_are_skipped(event: ServerSentEvent) -> None:
    assert alert_event(event) is None


async def test_the_switch_refuses_and_breaks_the_stream(tmp_path: Path) -> None:
    switch = tmp_path / "cut"
    inner = FakeStream()
    stream = SwitchableStream(inner, switch)
    received: list[int] = []

    async def read() -> None:
        async with stream.connect(last_event_id=None) as events:
            async for event in events:
                received.append(event.id)

    @asynccontextmanager
    async def reading() -> AsyncIterator[None]:
        import asyncio

        task = asyncio.create_task(read())
        try:
            yield
        finally:
            await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), 5)
            assert isinstance(task.exception(), StreamBroken)

    async with reading():
        inner.push(1, "issued", make_alert(1))
        await settle()
        assert received == [1]
        switch.touch()
    with pytest.raises(StreamBroken):
        async with stream.connect(last_event_id=1):
            pass
    switch.unlink()
    async with stream.connect(last_event_id=1):
        assert inner.connects == [None, 1]
