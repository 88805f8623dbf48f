"""Server-Sent Events (text/event-stream) read line by line: shared by the live streams.

Moved here from the alerts module, so that the incidents module's case stream reads events
the same way (modules use each other only through the app level).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class ServerSentEvent:
    """One event of a text/event-stream."""

    id: str | None = None
    event: str = "message"
    data: list[str] = field(default_factory=list)


def parse_events(lines: Iterable[str]) -> list[ServerSentEvent]:
    """Parse complete lines of an event stream (for tests and small buffers)."""
    parser = EventParser()
    events = [parser.feed(line) for line in lines]
    return [event for event in events if event is not None]


class EventParser:
    """Turns event-stream lines into events, one blank line ending each (comments dropped)."""

    def __init__(self) -> None:
        """Start with an empty event."""
        self._current = ServerSentEvent()

    def feed(self, line: str) -> ServerSentEvent | None:
        """Take one line; return the event it completes, if any."""
        if line == "":
            event, self._current = self._current, ServerSentEvent()
            has_content = event.data or event.id is not None
            return event if has_content else None
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._current.data.append(value)
        elif name == "event":
            self._current.event = value
        elif name == "id" and "\0" not in value:
            self._current.id = value
        return None
