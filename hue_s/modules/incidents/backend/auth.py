"""Who calls (a signed-in user, an API client, or nobody) and what they may see and do."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import (
    FORM_TYPES,
    api_client,
    current_user,
    optional_user,
    require_roles,
)
from hue_s.backend.accounts.models import STAFF_ROLES, User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.db import get_session
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.models import Incident

CITY_WIDE_ROLES = ("operator", "leader", "admin")
"""Staff who see every ward; officers see only their own."""
CASE_WORKER_ROLES = ("officer", "operator", "admin")
"""Staff who may change cases (leaders only look)."""

OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(current_user)]
StaffUser = Annotated[User, Depends(require_roles(*STAFF_ROLES))]
CaseWorker = Annotated[User, Depends(require_roles(*CASE_WORKER_ROLES))]
SessionDependency = Annotated[Session, Depends(get_session)]


def actor_of(user: User) -> Actor:
    """Return the actor a signed-in user is."""
    return Actor(id=user.id, role=user.role, ward_code=user.ward_code)


async def given_api_key(request: Request) -> str | None:
    """Return the api_key of the query or of a form body, if any."""
    key = request.query_params.get("api_key")
    if key is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get("api_key")
        key = value if isinstance(value, str) else None
    return key or None


async def open311_caller(
    request: Request, session: SessionDependency, user: OptionalUser
) -> Actor | None:
    """The signed-in user, else the API client of the api_key (403 if invalid), else None."""
    if user is not None:
        return actor_of(user)
    key = await given_api_key(request)
    if key is None:
        return None
    client = await api_client(request, session, key)
    return Actor(id=None, role="api_client", client_id=client.id)


def serves_ward(actor: Actor, ward_code: str | None) -> bool:
    """Tell whether staff cover a ward: city-wide roles all and the city tier (None)."""
    if actor.role in CITY_WIDE_ROLES:
        return True
    return actor.role == "officer" and ward_code is not None and actor.ward_code == ward_code


def may_see_private(actor: Actor | None, incident: Incident) -> bool:
    """Tell whether the caller may see a private report and its private details."""
    if actor is None:
        return False
    if actor.id is not None and actor.id == incident.reporter_id:
        return True
    if actor.client_id is not None and actor.client_id == incident.api_client_id:
        return True
    return actor.role in STAFF_ROLES and serves_ward(actor, incident.ward_code)


def check_may_work_on(user: User, incident: Incident) -> None:
    """Hide a case from staff outside its ward: 404, as if it did not exist."""
    if not serves_ward(actor_of(user), incident.ward_code):
        raise APIError(404, "case_not_found", f"No case {incident.id}.")


def check_files_in_own_ward(session: Session, user: User, ward_code: str | None) -> None:
    """Refuse a case staff would file outside the wards they serve: 403 (400 without a ward).

    The caller has filed it in the open transaction, which this rolls back.
    """
    if not serves_ward(actor_of(user), ward_code):
        session.rollback()
        if ward_code is None:  # it would go to the city tier
            raise APIError(400, "ward_required", "Give a point or name the ward of the place.")
        raise APIError(
            403,
            "place_not_in_your_ward",
            "This place is in another ward: that ward files it (or the citizen, in the app).",
        )
