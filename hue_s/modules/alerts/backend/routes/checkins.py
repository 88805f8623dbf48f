"""/api/v1/alerts/{id}/checkins: "I'm safe" / "I need help", and counts per ward for staff;
/api/v1/alerts/devices: a key for one install's anonymous check-ins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import optional_user, require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.rate_limits import count_hit
from hue_s.backend.accounts.routes.auth import client_address
from hue_s.backend.accounts.settings import AccountsSettings, accounts_settings
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.backend.plugin_deps import PluginsDependency
from hue_s.backend.schemas.errors import ERROR_RESPONSES, ErrorResponse
from hue_s.modules.alerts.backend.checkins.checkin_schemas import (
    CheckinIn,
    CheckinOut,
    CheckinSummary,
    DeviceKeyOut,
)
from hue_s.modules.alerts.backend.checkins.checkins import (
    DEVICE_HEADER,
    DEVICE_KEY_PATTERN,
    DEVICE_KEYS_PER_ADDRESS,
    Person,
    address_bucket,
    checkable_alert,
    find_checkin,
    issue_device_key,
    limit_unverified,
    own_checkin,
    person_of,
    save_checkin,
    ward_counts,
    ward_of_checkin,
)
from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.help_cases import (
    callback_phone,
    file_help_case,
    limit_anonymous,
)
from hue_s.modules.alerts.backend.models import MAX_ID
from hue_s.modules.incidents.backend.service import client_uuid_of, open_case_among
from hue_s.plugins import is_enabled

router = APIRouter(prefix="/api/v1/alerts", tags=["alert check-ins"], responses=ERROR_RESPONSES)
SessionDependency = Annotated[Session, Depends(get_session)]
AccountsDependency = Annotated[AccountsSettings, Depends(accounts_settings)]
AlertId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the alert.")]
StaffUser = Annotated[User, Depends(require_roles("officer", "operator", "leader", "admin"))]
CHECKIN_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such alert, or no such check-in of yours"},
    429: {
        "model": ErrorResponse,
        "description": "Too many requests for help, or unverified check-ins; see Retry-After",
    },
}


def caller(
    user: Annotated[User | None, Depends(optional_user)],
    settings: AccountsDependency,
    device_key: Annotated[
        str | None,
        Header(
            alias=DEVICE_HEADER,
            pattern=DEVICE_KEY_PATTERN,
            description="This install's key from POST /api/v1/alerts/devices (anonymous "
            "check-ins); any other key counts as unverified.",
        ),
    ] = None,
) -> Person:
    """FastAPI dependency: the signed-in person, else the anonymous device of the key."""
    return person_of(user, device_key, settings.secret_key)


Caller = Annotated[Person, Depends(caller)]


@router.post(
    "/{alert_id:int}/checkins",
    response_model=CheckinOut,
    status_code=201,
    responses={**CHECKIN_ERRORS, 200: {"model": CheckinOut, "description": "Updated"}},
)
def check_in(
    request: Request,
    response: Response,
    session: SessionDependency,
    settings: AccountsDependency,
    person: Caller,
    alert_id: AlertId,
    body: CheckinIn,
    plugins: PluginsDependency,
) -> CheckinOut:
    """Say "I'm safe" or "I need help" during an alert; a second check-in updates the first
    (200). Help files an urgent case of the person's ward, or adds to the open case it is part
    of; without an account it needs a mobile number to call back, and is limited to a few
    requests per number and network. A device key this server did not issue counts apart as
    unverified, a few new ones per network an hour. Where incident reporting is switched off,
    help is refused (422 help_unavailable) and nothing is kept: nobody would act on it."""
    now = utc_now()
    alert = checkable_alert(session, alert_id)
    if body.status == "help" and not is_enabled(plugins, "incidents"):
        message = "This server files no requests for help; call 114."
        raise APIError(422, "help_unavailable", message)
    ward_code, point_in_city = ward_of_checkin(session, body)
    address = client_address(request)
    limit_unverified(session, settings, person, alert_id, address)
    phone = None
    if body.status == "help":
        phone = callback_phone(body, person)
        earlier = find_checkin(session, alert_id, person)
        if person.user is None and phone:
            repeat = earlier is not None and open_case_among(session, [earlier.case_id]) is not None
            limit_anonymous(session, settings, phone, address, repeat_of=person if repeat else None)
    row, created = save_checkin(session, alert, person, body, ward_code, now)
    if body.status == "help":
        file_help_case(
            session, alert, row, body, person=person, phone=phone,
            point_in_city=point_in_city, now=now, client_uuid=client_uuid_of(request),
        )  # fmt: skip
    session.commit()
    if not created:
        response.status_code = 200
    return CheckinOut.from_row(row)


@router.get(
    "/{alert_id:int}/checkins/{checkin_id:int}", response_model=CheckinOut, responses=CHECKIN_ERRORS
)
def read_checkin(
    session: SessionDependency,
    person: Caller,
    alert_id: AlertId,
    checkin_id: Annotated[int, Path(ge=1, le=MAX_ID)],
) -> CheckinOut:
    """Return one's own check-in (404 for anyone else's)."""
    return CheckinOut.from_row(own_checkin(session, alert_id, checkin_id, person))


@router.get("/{alert_id:int}/checkins/summary", response_model=CheckinSummary)
def read_summary(session: SessionDependency, staff: StaffUser, alert_id: AlertId) -> CheckinSummary:
    """Count who is safe and who needs help per ward (officers: their own ward only)."""
    checkable_alert(session, alert_id)
    only_ward = staff.ward_code if staff.role == "officer" else None
    wards = ward_counts(session, alert_id, only_ward)
    return CheckinSummary(
        alert_id=alert_id,
        safe=sum(ward.safe for ward in wards),
        help=sum(ward.help for ward in wards),
        safe_unverified=sum(ward.safe_unverified for ward in wards),
        help_unverified=sum(ward.help_unverified for ward in wards),
        wards=wards,
        as_of=utc_now(),
    )


@router.post(
    "/devices",
    response_model=DeviceKeyOut,
    status_code=201,
    responses={429: {"model": ErrorResponse, "description": "Too many keys from this network"}},
)
def new_device_key(
    request: Request, response: Response, session: SessionDependency, settings: AccountsDependency
) -> DeviceKeyOut:
    """Issue a key for one app install's anonymous check-ins (ask once and keep it; a few
    hundred per network address every 10 minutes)."""
    bucket = f"alert-devices/{address_bucket(client_address(request))}"
    count_hit(session, settings, bucket, DEVICE_KEYS_PER_ADDRESS)
    response.headers["Cache-Control"] = "no-store"
    return DeviceKeyOut(device_key=issue_device_key(settings.secret_key))
