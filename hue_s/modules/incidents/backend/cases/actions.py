"""What officers do to a case: accept, start, transfer, note, reject, resolve."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.blob_store import BlobStore
from hue_s.backend.kernel.models import Ward
from hue_s.modules.incidents.backend.auth import actor_of, check_may_work_on
from hue_s.modules.incidents.backend.cases.lifecycle import apply_move, record_event
from hue_s.modules.incidents.backend.cases.resolution import check_after_photo
from hue_s.modules.incidents.backend.models import Incident
from hue_s.modules.incidents.backend.photos.exif import PlaceAndTime
from hue_s.modules.incidents.backend.photos.pipeline import clean_photo
from hue_s.modules.incidents.backend.photos.storage import (
    keep_photos,
    objects_deleted_on_failure,
    photo_row,
)


def case_for_staff(session: Session, incident_id: int, user: User) -> Incident:
    """Return a case the staff member covers (404 case_not_found otherwise)."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise APIError(404, "case_not_found", f"No case {incident_id}.")
    check_may_work_on(user, incident)
    return incident


def accept(
    session: Session, incident: Incident, user: User, now: datetime, note: str | None
) -> None:
    """Take the case on: it becomes assigned to this officer."""
    apply_move(session, incident, "accept", actor_of(user), now, note)
    incident.assigned_officer_id = user.id


def start(
    session: Session, incident: Incident, user: User, now: datetime, note: str | None
) -> None:
    """Mark the work on the case as started."""
    apply_move(session, incident, "start", actor_of(user), now, note)


def transfer(
    session: Session, incident: Incident, user: User, now: datetime, ward_code: str, reason: str
) -> None:
    """Hand the case to another ward or commune (422 unknown or same ward)."""
    if session.get(Ward, ward_code) is None:
        raise APIError(422, "ward_not_found", f"No ward or commune has the code {ward_code!r}.")
    if ward_code == incident.ward_code:
        raise APIError(422, "same_ward", "The case is already in this ward.")
    move = "place" if incident.ward_code is None else "transfer"
    incident.ward_code = ward_code
    incident.assigned_officer_id = None
    apply_move(session, incident, move, actor_of(user), now, reason)


def add_note(
    session: Session, incident: Incident, user: User, now: datetime, note: str, public: bool
) -> None:
    """Write a note in the timeline without changing the status."""
    record_event(session, incident, actor_of(user), "noted", now, note, public=public)


def reject(session: Session, incident: Incident, user: User, now: datetime, reason: str) -> None:
    """Close the case without action, with the reason shown to the citizen."""
    apply_move(session, incident, "reject", actor_of(user), now, reason)


def resolve(
    session: Session,
    incident: Incident,
    user: User,
    now: datetime,
    after_photo: bytes | None,
    note: str | None,
    sent: PlaceAndTime | None = None,
    store: BlobStore | None = None,
) -> None:
    """Close the case as fixed, with an "after" photo (422 after_photo_required or misplaced).

    `sent` is the photo's place and time sent beside it; the timeline then says whether the
    photo could be checked against the report's (proof_checked) or not (proof_not_checked).
    The photo goes to `store` first, when given, once checked; then one commit.
    """
    if not after_photo:
        raise APIError(422, "after_photo_required", "Resolving needs an after photo.")
    photo = clean_photo(after_photo, sent)
    proof = check_after_photo(session, incident, photo)
    kept = keep_photos(store, [photo])
    with objects_deleted_on_failure(store, kept):
        apply_move(session, incident, "resolve", actor_of(user), now, note)
        record_event(session, incident, actor_of(user), proof.action, now, proof.note)
        session.add(photo_row(kept[0], incident.id, "after", user.id))
        session.commit()
