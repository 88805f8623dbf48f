"""A request for help during an alert becomes an urgent `disaster_help` case of the ward.

Requests that are one rescue merge into one case, each later one a private note on it (with
its number, head count and words), so a flood of requests does not bury the ward's inbox:
- the same device or account asking again while its case is open;
- the same phone number asking from another device while a case of that number is open;
- without an account, a point within NEARBY_METRES of an open case's point in the same ward,
  filed in the last NEARBY_MINUTES: one team sent there finds both. Requests that give only a
  ward never merge by place (a ward is too big for one team), and a signed-in person's request
  (a number checked by a code) keeps its own case, which the person can follow.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.accounts.rate_limits import count_hit
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.modules.alerts.backend.checkins.checkin_schemas import CheckinIn
from hue_s.modules.alerts.backend.checkins.checkins import Person, address_bucket
from hue_s.modules.alerts.backend.models import Alert, AlertCheckin
from hue_s.modules.alerts.backend.rules import most_severe_info
from hue_s.modules.incidents.backend.service import (
    Actor,
    Near,
    Submission,
    file_case,
    note_case,
    open_case_among,
)

SERVICE_CODE = "disaster_help"
CASE_SOURCE = "alert_help"
ANONYMOUS_PER_PHONE = RateLimit(3, 3600)
"""Requests for help without an account, per phone number: a real person rarely needs more."""
ANONYMOUS_PER_ADDRESS = RateLimit(20, 3600)
"""Per network address: a shelter's wifi may carry several people's requests."""
ANONYMOUS_REPEATS_PER_DEVICE = RateLimit(10, 3600)
"""A device asking again while its case is open adds a note: a few an hour say what changed."""
NEARBY_METRES = 50.0
NEARBY_MINUTES = 30


def callback_phone(body: CheckinIn, person: Person) -> str | None:
    """Return the number the ward calls back: the one given, else the account's (422 if an
    anonymous request has none, or it is not a Vietnamese mobile number)."""
    if body.phone:
        try:
            return normalise_phone(body.phone)
        except InvalidPhone as reason:
            raise APIError(422, "invalid_phone", f"Invalid phone number: {reason}.") from None
    if person.user is not None:
        return person.user.phone
    raise APIError(
        422, "phone_required", "Without an account, give a mobile number the ward can call back."
    )


def limit_anonymous(
    session: Session, settings: AccountsSettings, phone: str, address: str, *,
    repeat_of: Person | None = None,
) -> None:  # fmt: skip
    """Count an anonymous request for help against its phone and address, or a repeat (of
    a device with an open case) against the device (429 when over)."""
    if repeat_of is not None and repeat_of.device_hash is not None:
        bucket = f"alert-help/device/{repeat_of.device_hash}"
        count_hit(session, settings, bucket, ANONYMOUS_REPEATS_PER_DEVICE)
        return
    count_hit(
        session, settings, f"alert-help/address/{address_bucket(address)}", ANONYMOUS_PER_ADDRESS
    )
    count_hit(session, settings, f"alert-help/phone/{phone}", ANONYMOUS_PER_PHONE)


def cases_of_alert(alert: Alert) -> Select[Any]:
    """Return the query of the alert's help cases' ids (through its check-ins)."""
    return select(AlertCheckin.case_id).where(
        AlertCheckin.alert_id == alert.id, AlertCheckin.case_id.is_not(None)
    )


def case_to_join(
    session: Session, alert: Alert, checkin: AlertCheckin, body: CheckinIn, *,
    person: Person, phone: str | None, point_in_city: bool, now: datetime,
) -> int | None:  # fmt: skip
    """Return the open case this request for help is part of (see the module's text)."""
    case = open_case_among(session, [checkin.case_id])
    if case is None and phone:
        case = open_case_among(session, cases_of_alert(alert), phone=phone)
    if case is not None or person.user is not None or not point_in_city:
        return case
    assert body.lat is not None and body.lon is not None  # a point in the city
    since = now - timedelta(minutes=NEARBY_MINUTES)
    near = Near(body.lat, body.lon, checkin.ward_code, NEARBY_METRES, since)
    return open_case_among(session, cases_of_alert(alert), near=near)


def request_note(body: CheckinIn, phone: str | None) -> str:
    """Return the private note a merged request adds to its case."""
    parts = ["Xin cứu trợ thêm"]
    if phone:
        parts.append(f"số gọi lại {phone}")
    if body.people_count is not None:
        parts.append(f"{body.people_count} người")
    if body.lat is not None and body.lon is not None:
        parts.append(f"vị trí {body.lat:.5f}, {body.lon:.5f}")
    text = ", ".join(parts)
    details = (body.details or "").strip()
    return f"[{text}]\n{details}"[:4000] if details else f"[{text}]"


def case_description(alert: Alert, details: str | None) -> str:
    """Return the case text: which alert it belongs to, then what the person wrote."""
    info = most_severe_info(alert)
    headline = (info.headline or info.event) if info is not None else alert.identifier
    text = f"[CẦN CỨU TRỢ – cảnh báo #{alert.id}: {headline}]"
    return f"{text}\n{details.strip()}"[:4000] if details and details.strip() else text[:4000]


def file_help_case(
    session: Session, alert: Alert, checkin: AlertCheckin, body: CheckinIn, *,
    person: Person, phone: str | None, point_in_city: bool, now: datetime,
    client_uuid: str | None = None,
) -> int:  # fmt: skip
    """Return the check-in's urgent case: filed the first time, else the open case it is part
    of, with a private note of this request (commits the session)."""
    if checkin.ward_code is None:
        raise APIError(
            422, "location_required", "Give where you are (a point in the city, or your ward)."
        )
    user = person.user
    actor = (
        Actor(id=user.id, role=user.role, ward_code=user.ward_code)
        if user is not None
        else Actor(id=None, role="citizen")
    )
    joined = case_to_join(
        session, alert, checkin, body, person=person, phone=phone, point_in_city=point_in_city,
        now=now,
    )  # fmt: skip
    if joined is not None:
        note_case(session, joined, actor, now, request_note(body, phone))
        checkin.case_id = joined
        session.commit()
        return joined
    answers: dict[str, str | list[str]] = {
        "urgency": "high", "ward_code": checkin.ward_code, "alert_id": str(alert.id),
        "private": "yes", "hide_name": "yes",
    }  # fmt: skip
    if body.people_count is not None:
        answers["people_count"] = str(body.people_count)
    texts = {"description": case_description(alert, body.details)}
    if phone:
        texts["phone"] = phone
    if not point_in_city:
        ward = session.get(Ward, checkin.ward_code)
        texts["address_string"] = ward.full_name if ward is not None else checkin.ward_code
    submission = Submission(
        service_code=SERVICE_CODE,
        lat=body.lat if point_in_city else None,
        lon=body.lon if point_in_city else None,
        texts=texts,
        answers=answers,
    )
    filed = file_case(session, submission, actor, now, client_uuid=client_uuid, source=CASE_SOURCE)
    checkin.case_id = filed
    session.commit()
    return filed
