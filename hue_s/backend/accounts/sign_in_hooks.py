"""What other domains do when someone proves their phone (a hook; nothing registers today).

Reports filed for a visitor at a ward office are not handed to whoever signs in with the phone
the officer typed: the visitor claims them with the slip's code (incidents/assisted.py).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User

SignedInCallback = Callable[[Session, User], None]
_callbacks: list[SignedInCallback] = []


def on_signed_in(callback: SignedInCallback) -> SignedInCallback:
    """Register work to run, in the sign-in transaction, once a user proved their phone.

    The callback gets the database session and the user; it must not commit. Usable as a
    decorator.
    """
    if callback not in _callbacks:
        _callbacks.append(callback)
    return callback


def run_signed_in(db: Session, user: User) -> None:
    """Run every registered callback for a user who just signed in (no commit)."""
    for callback in list(_callbacks):
        callback(db, user)
