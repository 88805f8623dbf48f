"""Public tracking codes ("42-7KQ9-MXA3") and the view of a case anyone holding one may see.

A code is the case id and eight characters derived from the case's secret token, in Crockford's
base32 (no I, L, O or U, so it reads aloud and types without mix-ups). Knowing an id is not
enough to follow a case: the 40 bits of the check cannot be guessed. Nothing is stored: the
code of every case, old or new, follows from its token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Ward
from hue_s.modules.incidents.backend.cases.sla import is_overdue
from hue_s.modules.incidents.backend.cases.status import open311_status
from hue_s.modules.incidents.backend.cases.views import service_names
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent
from hue_s.modules.incidents.backend.schemas import MAX_ROW_ID
from hue_s.modules.incidents.backend.tracking.schemas import PublicStep, TrackedCase

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_LENGTH = 8
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-.]")
MAX_CODE_LENGTH = 40
ASSISTED_SOURCE = "assisted"
CITY_TIER_NAMES = {
    "vi": "Cấp thành phố (chưa xác định phường, xã)",
    "en": "City level (ward not decided yet)",
}
"""Who holds a case that no ward holds yet: the city, which places it in a ward."""


def check_of(token: str) -> str:
    """Return the eight-character check of a case token."""
    digest = hashlib.sha256(f"hue-s tracking\n{token}".encode()).digest()
    number = int.from_bytes(digest[:5], "big")
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))


def tracking_code(incident: Incident) -> str:
    """Return the case's public tracking code, e.g. "42-7KQ9-MXA3"."""
    check = check_of(incident.token)
    return f"{incident.id}-{check[:4]}-{check[4:]}"


def parse_code(text: str) -> tuple[int, str] | None:
    """Return the (id, check) a typed code stands for, or None when it cannot be one.

    Case, spaces, dashes and dots do not matter; O reads as 0, I and L as 1.
    """
    if len(text) > MAX_CODE_LENGTH:
        return None
    compact = SEPARATORS.sub("", text).upper().translate(LOOK_ALIKES)
    number, check = compact[:-CHECK_LENGTH], compact[-CHECK_LENGTH:]
    if not number.isdigit() or not 0 < int(number) <= MAX_ROW_ID:
        return None
    if len(check) != CHECK_LENGTH or not all(char in ALPHABET for char in check):
        return None
    return int(number), check


def find_by_code(session: Session, text: str) -> Incident | None:
    """Return the case a tracking code stands for, or None (also for a wrong check)."""
    parsed = parse_code(text)
    if parsed is None:
        return None
    incident = session.get(Incident, parsed[0])
    if incident is None or not hmac.compare_digest(check_of(incident.token), parsed[1]):
        return None
    return incident


def public_steps(session: Session, incident: Incident) -> list[PublicStep]:
    """Return the public entries of the case's timeline, oldest first."""
    events = session.scalars(
        select(IncidentEvent)
        .where(IncidentEvent.incident_id == incident.id, IncidentEvent.public.is_(True))
        .order_by(IncidentEvent.at, IncidentEvent.id)
    )
    return [
        PublicStep(
            at=event.at,
            action=event.action,
            status=event.status,
            actor_role=event.actor_role,
            note=event.note,
        )
        for event in events
    ]


def ward_name(session: Session, code: str | None, language: str) -> str:
    """Return a ward's name in a language (the code if unknown; the city tier if None)."""
    if code is None:
        return CITY_TIER_NAMES[language]
    ward = session.get(Ward, code)
    if ward is None:
        return code
    return ward.name_en if language == "en" else ward.full_name


def tracked_case(session: Session, incident: Incident, language: str, now: datetime) -> TrackedCase:
    """Return what anyone with the code sees: no name, phone, e-mail, text or place."""
    return TrackedCase(
        tracking_code=tracking_code(incident),
        id=incident.id,
        service_code=incident.service_code,
        service_name=service_names(session, language).get(
            incident.service_code, incident.service_code
        ),
        status=incident.status,
        open311_status=open311_status(incident.status),
        ward_code=incident.ward_code,
        ward_name=ward_name(session, incident.ward_code, language),
        requested_at=incident.requested_at,
        updated_at=incident.updated_at,
        deadline_at=incident.deadline_at,
        overdue=is_overdue(incident, now),
        filed_at_ward_office=incident.source == ASSISTED_SOURCE,
        timeline=public_steps(session, incident),
    )
