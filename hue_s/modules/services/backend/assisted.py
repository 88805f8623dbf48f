"""Dossiers a ward officer files at the ward office for a visitor (issue #14, the kiosk).

An officer files only at their own ward (403 not_your_ward otherwise). The dossier has no owner:
it joins nobody's "my dossiers" (the kiosk is shared, the visitor may have no account); the
visitor follows it by the code on their slip, and the ward's staff handle it from their inbox.
The visitor's name and phone stay on the dossier for the ward to call back, never in /track.
When the ward asks for more, nobody can send it from an account: the visitor brings the papers
to the office and the ward's officer adds them there (supplement_at_office, 403 has_owner for a
dossier that has an owner: its owner sends them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.services.backend.catalogue import Catalogue
from hue_s.modules.services.backend.dossiers import Filing, handled_dossier, store_dossier
from hue_s.modules.services.backend.models import DossierRow

ASSISTED_NOTE = "Nộp tại trụ sở phường: cán bộ phường nộp thay cho người dân."
"""The note of the first timeline entry (notes are kept in Vietnamese, as officers write them)."""
OFFICE_SUPPLEMENT_NOTE = "Cán bộ phường bổ sung giấy tờ tại trụ sở thay người dân."
"""The note of a supplement an officer adds at the office (the officer's own note follows)."""
MAX_NAME = 100
ASSISTED_ACTION = "file_at_office"
"""The first step of a dossier filed at the ward office (a citizen's own is "submit")."""


@dataclass(frozen=True)
class Visitor:
    """Who the dossier is filed for: a name, and a phone in E.164 if given."""

    name: str
    phone: str | None = None


def visitor_of(form: FormData) -> Visitor:
    """Read visitor_name (required) and visitor_phone (422 visitor_name_required,
    invalid_phone; 400 field_too_long)."""
    name, phone = form.get("visitor_name"), form.get("visitor_phone")
    name = " ".join(name.split()) if isinstance(name, str) else ""
    phone = phone.strip() if isinstance(phone, str) else ""
    if not name:
        raise APIError(422, "visitor_name_required", "Give the visitor's name.")
    if len(name) > MAX_NAME:
        raise APIError(
            400, "field_too_long", f"visitor_name may have at most {MAX_NAME} characters."
        )
    try:
        e164 = normalise_phone(phone) if phone else None
    except InvalidPhone as reason:
        raise APIError(422, "invalid_phone", f"Invalid phone number: {reason}.") from None
    return Visitor(name=name, phone=e164)


def check_own_ward(officer: User, ward_code: str) -> None:
    """Refuse an officer filing at another ward's office (403 not_your_ward)."""
    if officer.role != "officer" or officer.ward_code != ward_code:
        raise APIError(
            403, "not_your_ward", "Officers file for visitors at their own ward's office only."
        )


def replayed_for(session: Session, officer: User, key: str | None) -> DossierRow | None:
    """Return the dossier this officer filed for a visitor under this Idempotency-Key."""
    if key is None:
        return None
    found = select(DossierRow).where(DossierRow.assisted_by == officer.id)
    return session.scalars(found.where(DossierRow.idempotency_key == key)).first()


def file_for_visitor(
    session: Session,
    catalogue: Catalogue,
    officer: User,
    filing: Filing,
    visitor: Visitor,
    now: datetime,
) -> tuple[DossierRow, bool]:
    """Store a dossier an officer filed for a visitor, and its first timeline entry saying so
    (commits); the same Idempotency-Key gives back the same dossier. Says whether it is new."""
    check_own_ward(officer, filing.ward_code)
    row, new = store_dossier(
        session,
        catalogue,
        filing,
        now,
        whose={
            "user_id": None,
            "assisted_by": officer.id,
            "visitor_name": visitor.name,
            "visitor_phone": visitor.phone,
        },
        first_step={"action": ASSISTED_ACTION, "note": ASSISTED_NOTE, "actor_id": officer.id},
        earlier=lambda s: replayed_for(s, officer, filing.idempotency_key),
    )
    if new:
        session.commit()
    return row, new


def ownerless_dossier(session: Session, officer: User, code: str) -> DossierRow:
    """Return a dossier of the officer's ward that has no owner, for adding a supplement at
    the office (404 another ward's, 409 at_city_tier, 403 has_owner: its owner adds it)."""
    row = handled_dossier(session, officer, code)
    if row.user_id is not None:
        raise APIError(
            403, "has_owner", "This dossier has an owner: they send the documents themselves."
        )
    return row


def office_note(note: str | None) -> str:
    """Return the timeline note of a supplement added at the office, the officer's note after."""
    said = (note or "").strip()
    return f"{OFFICE_SUPPLEMENT_NOTE} {said}" if said else OFFICE_SUPPLEMENT_NOTE
