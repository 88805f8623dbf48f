"""A request for help during an alert becomes an urgent `disaster_help` case of the ward."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.accounts.rate_limits import count_hit
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.alerts.checkin_schemas import CheckinIn
from hue_s.backend.alerts.checkins import Person
from hue_s.backend.alerts.models import Alert, AlertCheckin
from hue_s.backend.alerts.rules import most_severe_info
from hue_s.backend.api_errors import APIError
from hue_s.backend.incidents.lifecycle import Actor
from hue_s.backend.incidents.reporting import file_incident
from hue_s.backend.incidents.submission import Submission
from hue_s.backend.models import Ward

SERVICE_CODE = "disaster_help"
CASE_SOURCE = "alert_help"
ANONYMOUS_PER_PHONE = RateLimit(3, 3600)
"""Requests for help without an account, per phone number: a real person rarely needs more."""
ANONYMOUS_PER_ADDRESS = RateLimit(20, 3600)
"""Per network address: a shelter's wifi may carry several people's requests."""


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


def limit_anonymous(session: Session, settings: AccountsSettings, phone: str, address: str) -> None:
    """Count an anonymous request for help against its phone and address (429 when over)."""
    count_hit(session, settings, f"alert-help/address/{address}", ANONYMOUS_PER_ADDRESS)
    count_hit(session, settings, f"alert-help/phone/{phone}", ANONYMOUS_PER_PHONE)


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
    """Return the check-in's urgent case, filing it the first time (commits the session)."""
    if checkin.case_id is not None:
        return checkin.case_id
    if checkin.ward_code is None:
        raise APIError(
            422, "location_required", "Give where you are (a point in the city, or your ward)."
        )
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
    user = person.user
    actor = (
        Actor(id=user.id, role=user.role, ward_code=user.ward_code)
        if user is not None
        else Actor(id=None, role="citizen")
    )
    filed = file_incident(
        session, submission, actor, now, client_uuid, source=CASE_SOURCE, photos=[]
    )
    checkin.case_id = filed.id
    session.commit()
    return filed.id
