"""Deleting an account with its data; other domains register their own clean-up."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import AuthSession, AuthToken, User
from hue_s.backend.api_errors import APIError

AccountDeletedCallback = Callable[[Session, User], None]
_callbacks: list[AccountDeletedCallback] = []


def on_account_deleted(callback: AccountDeletedCallback) -> AccountDeletedCallback:
    """Register clean-up to run, in the deleting transaction, before a user row goes.

    The callback gets the database session and the user; it deletes or anonymises the rows
    of its domain that refer to the user, without committing. Usable as a decorator.
    """
    if callback not in _callbacks:
        _callbacks.append(callback)
    return callback


def delete_account(db: Session, user: User) -> None:
    """Delete a user, their sessions and tokens, and what registered domains clean up (commits).

    Raises 409 account_in_use if some domain still has rows referring to the user.
    """
    for callback in list(_callbacks):
        callback(db, user)
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
