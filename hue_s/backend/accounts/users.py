"""Users: first sign-in of a citizen, profile changes, staff accounts."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import ROLES, User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward

TAX_CODE = re.compile(r"(\d{10})(?:-?(\d{3}))?")


def normalise_tax_code(text: str) -> str:
    """Return a mã số thuế as 10 or 13 digits ('0101234567-001' gives '0101234567001').

    Raises 422 invalid_tax_code otherwise.
    """
    match = TAX_CODE.fullmatch(text.strip())
    if match is None:
        raise APIError(422, "invalid_tax_code", "A tax code has 10 or 13 digits.")
    return match.group(1) + (match.group(2) or "")


def check_ward_exists(db: Session, ward_code: str) -> None:
    """Raise 422 unknown_ward unless a ward or commune has this code."""
    if db.get(Ward, ward_code) is None:
        raise APIError(422, "unknown_ward", f"No ward or commune has the code {ward_code!r}.")


def find_or_create_citizen(db: Session, phone: str, now: datetime) -> User:
    """Return the user of a phone number, creating a citizen on first sign-in (no commit)."""
    user = db.scalars(select(User).where(User.phone == phone)).first()
    if user is None:
        user = User(phone=phone, role="citizen", created_at=now, updated_at=now)
        db.add(user)
        db.flush()
    return user


def clean_text(value: str | None) -> str | None:
    """Strip a free-text field; empty text means no value."""
    stripped = value.strip() if value is not None else None
    return stripped or None


def update_profile(db: Session, user: User, changes: dict[str, str | None], now: datetime) -> User:
    """Apply the given profile fields, checking what the user's role allows (commits).

    Fields: display_name, address, ward_code, tax_code. Raises 403 officer_ward_fixed when an
    officer changes their ward, 403 tax_code_for_business_only, 422 unknown_ward or
    invalid_tax_code.
    """
    if "ward_code" in changes and changes["ward_code"] != user.ward_code:
        ward_code = changes["ward_code"]
        if user.role == "officer":
            raise APIError(403, "officer_ward_fixed", "An officer's ward is set by an admin.")
        if ward_code is not None:
            check_ward_exists(db, ward_code)
        user.ward_code = ward_code
    if "tax_code" in changes:
        tax_code = changes["tax_code"]
        if user.role != "business":
            raise APIError(403, "tax_code_for_business_only", "Only businesses have a tax code.")
        user.tax_code = normalise_tax_code(tax_code) if tax_code is not None else None
    for name in ("display_name", "address"):
        if name in changes:
            setattr(user, name, clean_text(changes[name]))
    user.updated_at = now
    db.commit()
    return user


def save_staff(
    db: Session,
    *,
    phone: str,
    role: str,
    now: datetime,
    ward_code: str | None = None,
    display_name: str | None = None,
    tax_code: str | None = None,
) -> tuple[User, bool]:
    """Create or update the account of a phone with a role; return it and whether it is new.

    Raises 422 unknown_role, officer_needs_ward, unknown_ward or invalid_tax_code (commits).
    """
    if role not in ROLES:
        message = f"Unknown role {role!r}; use one of {', '.join(ROLES)}."
        raise APIError(422, "unknown_role", message)
    if role == "officer" and ward_code is None:
        raise APIError(422, "officer_needs_ward", "An officer must be bound to a ward (--ward).")
    if ward_code is not None:
        check_ward_exists(db, ward_code)
    user = db.scalars(select(User).where(User.phone == phone)).first()
    created = user is None
    if user is None:
        user = User(phone=phone, created_at=now)
        db.add(user)
    user.role = role
    user.updated_at = now
    if ward_code is not None:
        user.ward_code = ward_code
    if display_name is not None:
        user.display_name = clean_text(display_name)
    if tax_code is not None:
        user.tax_code = normalise_tax_code(tax_code)
    db.commit()
    return user, created
