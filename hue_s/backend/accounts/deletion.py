"""Deleting an account with its data; each module cleans up its own (hue_s_account_deleted)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import AuthSession, AuthToken, User
from hue_s.backend.kernel.api_errors import APIError


def delete_account(db: Session, user: User, hooks: Any) -> None:
    """Delete a user, their sessions and tokens, and what the modules clean up (commits).

    `hooks` is the plugin manager's hook relay: every module's `hue_s_account_deleted` runs
    first, in the same transaction. Raises 409 account_in_use if some module still has rows
    referring to the user.
    """
    hooks.hue_s_account_deleted(session=db, user=user)
    sessions = select(AuthSession.id).where(AuthSession.user_id == user.id)
    db.execute(delete(AuthToken).where(AuthToken.session_id.in_(sessions)))
    db.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
    db.delete(user)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        message = "Other data still refers to this account; it was not deleted."
        raise APIError(409, "account_in_use", message) from None
