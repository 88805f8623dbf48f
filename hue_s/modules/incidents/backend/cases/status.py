"""Case statuses, the moves between them, and their Open311 open/closed mapping."""

from __future__ import annotations

from dataclasses import dataclass

CLOSED_STATUSES = frozenset({"resolved", "rejected"})
OPEN_STATUSES = ("received", "assigned", "in_progress", "transferred")
WORKING_STATUSES = frozenset({"received", "transferred", "assigned", "in_progress"})


@dataclass(frozen=True)
class Move:
    """A lifecycle action: from which statuses it may start, and the status it leads to."""

    action: str
    allowed_from: frozenset[str]
    to_status: str


MOVES = {
    "accept": Move("accepted", frozenset({"received", "transferred"}), "assigned"),
    "start": Move("started", frozenset({"assigned"}), "in_progress"),
    "transfer": Move("transferred", WORKING_STATUSES, "transferred"),
    "place": Move("placed", WORKING_STATUSES, "transferred"),  # out of the city tier
    "reject": Move("rejected", WORKING_STATUSES, "rejected"),
    "resolve": Move("resolved", frozenset({"assigned", "in_progress"}), "resolved"),
    "reopen": Move("reopened", frozenset({"resolved"}), "received"),
}


def is_closed(status: str) -> bool:
    """Tell whether a case status counts as done (resolved or rejected)."""
    return status in CLOSED_STATUSES


def open311_status(status: str) -> str:
    """Map a case status to the Open311 status: "open" or "closed"."""
    return "closed" if is_closed(status) else "open"


def statuses_for_open311(open311_values: set[str]) -> set[str]:
    """Return the case statuses that the Open311 status values ("open", "closed") cover."""
    covered: set[str] = set()
    if "open" in open311_values:
        covered |= set(OPEN_STATUSES)
    if "closed" in open311_values:
        covered |= CLOSED_STATUSES
    return covered
