"""Who may manage what: operators and admins everything, a ward's officers their ward only."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import Request

from hue_s.backend.accounts.deps import require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError

STAFF_ROLES = ("operator", "admin", "officer")
STAFF = require_roles(*STAFF_ROLES)
"""The dependency of staff-only routes: signed in first (401), then a staff role (403)."""


def is_staff_of(user: User | None, ward_code: str | None) -> bool:
    """Say whether a user manages a ward's things (None: the whole city's)."""
    if user is None or user.role not in STAFF_ROLES:
        return False
    return user.role != "officer" or (ward_code is not None and ward_code == user.ward_code)


def require_staff_of(user: User, ward_code: str | None) -> None:
    """Refuse (403) staff who do not manage this ward's things."""
    if not is_staff_of(user, ward_code):
        raise APIError(403, "other_ward", "Officers manage their own ward's things only.")


def now_of(request: Request) -> datetime:
    """Return the app's clock (tests set `app.state.clock`), else the time now."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)
