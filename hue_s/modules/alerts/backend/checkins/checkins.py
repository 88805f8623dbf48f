"""Check-ins during an alert: one per account or anonymous device, updated in place; counts.

A check-in is verified when it comes from a signed-in account or from a device key this server
issued (POST /api/v1/alerts/devices, limited per network address). Any other key is still
heard, since installs of older app versions made their own, but it counts apart as unverified
and only a few new ones per address and hour are taken, so a flood of made-up keys cannot move
the counts operators act on.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import keyed_hash
from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.rate_limits import count_hit
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.geo import ward_for_point
from hue_s.backend.kernel.models import Ward
from hue_s.modules.alerts.backend.checkins.checkin_schemas import CheckinIn, WardCount
from hue_s.modules.alerts.backend.models import Alert, AlertCheckin

DEVICE_HEADER = "X-Device-Key"
DEVICE_KEY_PATTERN = r"^[A-Za-z0-9_-]{32,128}$"
NONCE_BYTES, MAC_BYTES = 16, 18
"""An issued key: 22 characters of random nonce, then 24 of its HMAC (46 in all)."""
DEVICE_KEYS_PER_ADDRESS = RateLimit(300, 600)
"""Keys issued per network address (an IPv6 /64): each install asks once, ever. A carrier's
NAT address can front thousands of phones, and in a flood many install or open the app at
once: 300 per 10 minutes (1,800 an hour) keeps them all served, while one address minting keys
to inflate the verified counts adds at most that, and the operator sees where."""
UNVERIFIED_PER_ADDRESS = RateLimit(30, 3600)
"""New check-ins with a key this server did not issue, per network address and hour (older
app versions; anything above waits, as their outbox retries a 429)."""


@dataclass(frozen=True)
class Person:
    """Who checks in: a signed-in account, else an anonymous device (by its key's hash)."""

    user: User | None
    device_hash: str | None
    device_issued: bool = False
    """Whether the device key is one this server issued."""

    @property
    def verified(self) -> bool:
        """Tell whether the check-in counts as verified (an account, or an issued key)."""
        return self.user is not None or self.device_issued


def issue_device_key(secret_key: bytes) -> str:
    """Return a new device key: a random nonce and its HMAC, checkable without storing it."""
    nonce = encoded(secrets.token_bytes(NONCE_BYTES))
    return nonce + device_key_mac(secret_key, nonce)


def device_key_mac(secret_key: bytes, nonce: str) -> str:
    """Return the HMAC part of an issued device key."""
    digest = hmac.new(secret_key, f"alert-device-key\x1f{nonce}".encode(), hashlib.sha256)
    return encoded(digest.digest()[:MAC_BYTES])


def encoded(raw: bytes) -> str:
    """Return bytes as unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def is_issued_key(secret_key: bytes, key: str) -> bool:
    """Tell whether this server issued a device key (constant-time compare)."""
    nonce_length = len(encoded(bytes(NONCE_BYTES)))
    if len(key) != nonce_length + len(encoded(bytes(MAC_BYTES))):
        return False
    nonce, mac = key[:nonce_length], key[nonce_length:]
    return hmac.compare_digest(mac.encode(), device_key_mac(secret_key, nonce).encode())


def address_bucket(address: str) -> str:
    """Return the rate-limit bucket of a network address: itself, or its /64 for IPv6 (one
    subscriber holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def person_of(user: User | None, device_key: str | None, secret_key: bytes) -> Person:
    """Return who calls (400 device_key_required for an anonymous call without a key)."""
    if user is None and not device_key:
        raise APIError(
            400, "device_key_required", f"Sign in, or send this device's {DEVICE_HEADER} header."
        )
    if not device_key:
        return Person(user, None)
    device_hash = keyed_hash(secret_key, "alert-checkin-device", device_key)
    return Person(user, device_hash, is_issued_key(secret_key, device_key))


def limit_unverified(
    session: Session, settings: AccountsSettings, person: Person, alert_id: int, address: str
) -> None:
    """Count a first unverified check-in to an alert against its address (429 when over)."""
    if person.verified or find_checkin(session, alert_id, person) is not None:
        return
    bucket = f"alert-checkin/unverified/{address_bucket(address)}"
    count_hit(session, settings, bucket, UNVERIFIED_PER_ADDRESS)


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
        row.verified = row.user_id is not None or person.device_issued
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
    """Return per ward how many are safe and how many need help, verified and not (most in
    verified need first)."""
    query = (
        select(
            AlertCheckin.ward_code, Ward.full_name, AlertCheckin.status, AlertCheckin.verified,
            func.count(),
        )
        .outerjoin(Ward, Ward.code == AlertCheckin.ward_code)
        .where(AlertCheckin.alert_id == alert_id)
        .group_by(
            AlertCheckin.ward_code, Ward.full_name, AlertCheckin.status, AlertCheckin.verified
        )
    )  # fmt: skip
    if only_ward is not None:
        query = query.where(AlertCheckin.ward_code == only_ward)
    counts: dict[str | None, WardCount] = {}
    for code, name, status, verified, count in session.execute(query):
        row = counts.setdefault(code, WardCount(ward_code=code, ward_name=name))
        field = ("help" if status == "help" else "safe") + ("" if verified else "_unverified")
        setattr(row, field, getattr(row, field) + count)
    return sorted(counts.values(), key=need_first)


def need_first(ward: WardCount) -> tuple[int, int, int, int, str]:
    """Sort key of ward counts: verified need for help first, then unverified, then safe."""
    return (-ward.help, -ward.help_unverified, -ward.safe, -ward.safe_unverified,
            ward.ward_name or "~")  # fmt: skip


def forget_checkins(session: Session, user: User) -> None:
    """Delete the check-ins of an account being deleted."""
    session.execute(delete(AlertCheckin).where(AlertCheckin.user_id == user.id))
