"""Check-ins during an alert: one per account or anonymous device, updated in place; counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import keyed_hash
from hue_s.backend.accounts.deletion import on_account_deleted
from hue_s.backend.accounts.models import User
from hue_s.backend.alerts.checkin_schemas import CheckinIn, WardCount
from hue_s.backend.alerts.models import Alert, AlertCheckin
from hue_s.backend.api_errors import APIError
from hue_s.backend.geo import ward_for_point
from hue_s.backend.models import Ward

DEVICE_HEADER = "X-Device-Key"
DEVICE_KEY_PATTERN = r"^[A-Za-z0-9_-]{32,128}$"


@dataclass(frozen=True)
class Person:
    """Who checks in: a signed-in account, else an anonymous device (by its key's hash)."""

    user: User | None
    device_hash: str | None


def person_of(user: User | None, device_key: str | None, secret_key: bytes) -> Person:
    """Return who calls (400 device_key_required for an anonymous call without a key)."""
    device_hash = keyed_hash(secret_key, "alert-checkin-device", device_key) if device_key else None
    if user is None and device_hash is None:
        raise APIError(
            400, "device_key_required", f"Sign in, or send this device's {DEVICE_HEADER} header."
        )
    return Person(user, device_hash)


def checkable_alert(session: Session, alert_id: int) -> Alert:
    """Return an alert people can check in to (404 unknown; 409 for a Cancel message)."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise APIError(404, "alert_not_found", f"No alert has the id {alert_id}.")
    if alert.msg_type not in ("Alert", "Update"):
        raise APIError(409, "not_an_alert", "This message cancels a warning; check in to that one.")
    return alert


def find_checkin(session: Session, alert_id: int, person: Person) -> AlertCheckin | None:
    """Return the person's check-in; a device's anonymous one becomes the account's once signed
    in (so one person is counted once)."""
    query = select(AlertCheckin).where(AlertCheckin.alert_id == alert_id)
    if person.user is not None:
        row = session.scalars(query.where(AlertCheckin.user_id == person.user.id)).first()
        if row is not None or person.device_hash is None:
            return row
        query = query.where(AlertCheckin.user_id.is_(None))
    row = session.scalars(query.where(AlertCheckin.device_hash == person.device_hash)).first()
    if row is not None and person.user is not None:
        row.user_id = person.user.id
    return row


def ward_of_checkin(session: Session, body: CheckinIn) -> tuple[str | None, bool]:
    """Return the ward of the check-in's point (else of its ward_code) and whether the point
    lies in the city (422 unknown_ward for a code that names no ward)."""
    if body.lat is not None and body.lon is not None:
        ward = ward_for_point(session, body.lat, body.lon)
        if ward is not None:
            return ward.code, True
    if body.ward_code is not None:
        if session.get(Ward, body.ward_code) is None:
            raise APIError(
                422, "unknown_ward", f"No ward or commune has the code {body.ward_code}."
            )
        return body.ward_code, False
    return None, False


def save_checkin(
    session: Session, alert: Alert, person: Person, body: CheckinIn, ward_code: str | None,
    now: datetime,
) -> tuple[AlertCheckin, bool]:  # fmt: skip
    """Insert or update the person's check-in (flushed, not committed); return it and whether
    it is new. A check-in without a place keeps the ward of the previous one."""
    for _attempt in range(2):
        row = find_checkin(session, alert.id, person)
        created = row is None
        if row is None:
            user_id = person.user.id if person.user is not None else None
            row = AlertCheckin(alert_id=alert.id, user_id=user_id, created_at=now)
            row.device_hash = person.device_hash
            session.add(row)
        row.status = body.status
        row.ward_code = ward_code or row.ward_code
        row.updated_at = now
        try:
            session.flush()
        except IntegrityError:  # the same person's other request inserted it first
            session.rollback()
            continue
        return row, created
    raise APIError(409, "checkin_conflict", "The check-in changed meanwhile; send it again.")


def own_checkin(session: Session, alert_id: int, checkin_id: int, person: Person) -> AlertCheckin:
    """Return a check-in of the caller (404 checkin_not_found for anyone else's)."""
    row = session.get(AlertCheckin, checkin_id)
    if row is None or row.alert_id != alert_id or not belongs_to(row, person):
        raise APIError(404, "checkin_not_found", "No such check-in of yours.")
    return row


def belongs_to(row: AlertCheckin, person: Person) -> bool:
    """Tell whether a check-in is the person's: their account's, or their device's anonymous one."""
    if person.user is not None and row.user_id == person.user.id:
        return True
    return (
        row.user_id is None
        and person.device_hash is not None
        and (row.device_hash == person.device_hash)
    )


def ward_counts(session: Session, alert_id: int, only_ward: str | None) -> list[WardCount]:
    """Return per ward how many are safe and how many need help (most in need first)."""
    query = (
        select(AlertCheckin.ward_code, Ward.full_name, AlertCheckin.status, func.count())
        .outerjoin(Ward, Ward.code == AlertCheckin.ward_code)
        .where(AlertCheckin.alert_id == alert_id)
        .group_by(AlertCheckin.ward_code, Ward.full_name, AlertCheckin.status)
    )
    if only_ward is not None:
        query = query.where(AlertCheckin.ward_code == only_ward)
    counts: dict[str | None, WardCount] = {}
    for code, name, status, count in session.execute(query):
        row = counts.setdefault(code, WardCount(ward_code=code, ward_name=name, safe=0, help=0))
        if status == "help":
            row.help += count
        else:
            row.safe += count
    return sorted(counts.values(), key=lambda w: (-w.help, -w.safe, w.ward_name or "~"))


@on_account_deleted
def forget_checkins(session: Session, user: User) -> None:
    """Delete the check-ins of an account being deleted."""
    session.execute(delete(AlertCheckin).where(AlertCheckin.user_id == user.id))
