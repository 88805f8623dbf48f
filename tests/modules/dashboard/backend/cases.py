"""Hand-made cases whose dashboard figures are worked out by hand in the tests.

Huế is UTC+7. The period is 1 to 10 March 2026 in Huế: [28 Feb 17:00 UTC, 10 Mar 17:00 UTC).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.models import HotlineCall, Incident, IncidentEvent

NOW = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)
"""12:00 in Huế on 10 March 2026."""
WARD_A, WARD_B = "19753", "19813"  # Phú Xuân, Thủy Xuân


def at(day: int, hour: int = 0, month: int = 3) -> datetime:
    """Return a UTC moment in 2026."""
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass
class Case:
    """One case: where it is now, its times, and its timeline as (when, action, role, public)."""

    name: str
    ward: str | None
    requested: datetime
    status: str
    deadline: datetime
    closed: datetime | None = None
    rating: int | None = None
    service: str = "road_pothole"
    source: str = "open311"
    events: list[tuple[datetime, str, str, bool]] = field(default_factory=list)


CASES = [
    Case("c1 resolved on time, 5 stars", WARD_A, at(1, 2), "resolved", at(3, 2), at(2, 2), 5,
         events=[(at(1, 4), "accepted", "officer", True), (at(2, 2), "resolved", "officer", True),
                 (at(2, 3), "rated", "citizen", False)]),
    Case("c2 resolved late, 2 stars; a private note is no response", WARD_A, at(2), "resolved",
         at(3), at(4), 2, service="fallen_tree",
         events=[(at(2, 1), "noted", "officer", False), (at(2, 6), "noted", "officer", True),
                 (at(4), "resolved", "officer", True)]),
    Case("c3 rejected on time", WARD_A, at(3), "rejected", at(5), at(3, 12),
         events=[(at(3, 12), "rejected", "officer", True)]),
    Case("c4 in progress, not yet due", WARD_A, at(8), "in_progress", at(12)),
    Case("c5 from the hotline, overdue", WARD_A, at(3, 6), "received", at(9),
         service="fallen_tree", source="hotline"),
    Case("c6 rated 4, then reopened, resolved on time against the restarted SLA", WARD_A,
         at(4), "resolved", at(7, 2), at(6, 2), 4,
         events=[(at(4, 1), "accepted", "officer", True), (at(5), "resolved", "officer", True),
                 (at(5, 1), "rated", "citizen", False), (at(5, 2), "reopened", "citizen", True),
                 (at(6, 2), "resolved", "officer", True)]),
    Case("c7 transferred from ward B to ward A, overdue", WARD_A, at(5), "transferred", at(8),
         events=[(at(5, 3), "transferred", "officer", True)]),
    Case("c8 filed at ward B's office, in progress", WARD_B, at(6), "in_progress", at(20),
         source="assisted", events=[(at(6, 10), "accepted", "officer", True)]),
    Case("c9 at the city tier (no ward), overdue", None, at(7), "received", at(9)),
    Case("c10 before the period (23:00 on 28 Feb in Huế)", WARD_A, at(28, 16, month=2),
         "resolved", at(2, 16), at(1, 16)),
    Case("c11 after the period (00:30 on 11 Mar in Huế)", WARD_A, at(10, 17) .replace(minute=30),
         "received", at(12)),
    Case("c12 resolved, reopened, resolved late, then rated 1", WARD_A, at(2), "resolved",
         at(4), at(5), 1,
         events=[(at(2, 12), "resolved", "officer", True), (at(3), "reopened", "citizen", True),
                 (at(5), "resolved", "officer", True), (at(5, 1), "rated", "citizen", False)]),
]  # fmt: skip
CALLS = [  # (when, direction, ward, turned into case c5?)
    (at(2), "incoming", WARD_A, True),
    (at(3), "incoming", WARD_A, False),
    (at(3, 1), "outgoing", WARD_A, False),
    (at(4), "incoming", WARD_B, False),
    (at(27, month=2), "incoming", WARD_A, False),
]


def store_cases(session: Session) -> dict[str, int]:
    """Write the cases, their timelines and the calls; return the case ids by short name."""
    ids: dict[str, int] = {}
    for case in CASES:
        incident = Incident(
            token=secrets.token_hex(16),
            service_code=case.service,
            status=case.status,
            ward_code=case.ward,
            source=case.source,
            requested_at=case.requested,
            updated_at=case.requested,
            deadline_at=case.deadline,
            closed_at=case.closed,
            rating=case.rating,
        )
        session.add(incident)
        session.flush()
        ids[case.name.split()[0]] = incident.id
        first_ward = WARD_B if case.name.startswith("c7") else case.ward
        timeline = [(case.requested, "received", "citizen", True), *case.events]
        for when, action, role, public in timeline:
            ward = first_ward if action == "received" else case.ward
            session.add(
                IncidentEvent(
                    incident_id=incident.id,
                    at=when,
                    action=action,
                    actor_role=role,
                    status=case.status,
                    public=public,
                    ward_code=ward,
                )  # fmt: skip
            )
    for when, direction, ward, to_case in CALLS:
        session.add(
            HotlineCall(
                direction=direction,
                number="0905000000",
                summary="gọi",
                at=when,
                ward_code=ward,
                incident_id=ids["c5"] if to_case else None,
            )  # fmt: skip
        )
    session.commit()
    return ids
