"""Sign-in sessions and their opaque tokens: issue, check, rotate and revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import new_token, token_hash
from hue_s.backend.accounts.models import AuthSession, AuthToken, User
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.kernel.api_errors import APIError

USER_AGENT_LENGTH = 255
LAST_USED_PRECISION = timedelta(seconds=60)


@dataclass(frozen=True)
class IssuedTokens:
    """A fresh access and refresh token of a session; the only time they exist in plaintext."""

    access_token: str
    refresh_token: str
    session: AuthSession


def issue_tokens(
    db: Session, settings: AccountsSettings, auth_session: AuthSession, now: datetime
) -> IssuedTokens:
    """Add a new access and refresh token to a session and move its expiry on (no commit)."""
    access, refresh = new_token(), new_token()
    refresh_expires_at = now + timedelta(seconds=settings.refresh_token_seconds)
    db.add_all(
        [
            AuthToken(
                session_id=auth_session.id,
                kind="access",
                token_hash=token_hash(access),
                created_at=now,
                expires_at=now + timedelta(seconds=settings.access_token_seconds),
            ),
            AuthToken(
                session_id=auth_session.id,
                kind="refresh",
                token_hash=token_hash(refresh),
                created_at=now,
                expires_at=refresh_expires_at,
            ),
        ]
    )
    auth_session.expires_at = refresh_expires_at
    auth_session.last_used_at = now
    return IssuedTokens(access_token=access, refresh_token=refresh, session=auth_session)


def start_session(
    db: Session, settings: AccountsSettings, user: User, user_agent: str | None
) -> IssuedTokens:
    """Open a session for a user who just proved their phone, with its first tokens (commits)."""
    now = settings.clock()
    auth_session = AuthSession(
        user_id=user.id,
        created_at=now,
        last_used_at=now,
        expires_at=now,
        user_agent=user_agent[:USER_AGENT_LENGTH] if user_agent else None,
    )
    db.add(auth_session)
    db.flush()
    issued = issue_tokens(db, settings, auth_session, now)
    db.commit()
    return issued


def revoke_session(db: Session, auth_session: AuthSession, now: datetime) -> None:
    """End a session and every token of its family at once (no commit)."""
    if auth_session.revoked_at is None:
        auth_session.revoked_at = now
    db.execute(
        delete(AuthToken).where(AuthToken.session_id == auth_session.id, AuthToken.kind == "access")
    )


def rotate_refresh_token(
    db: Session, settings: AccountsSettings, refresh_token: str
) -> IssuedTokens:
    """Exchange a refresh token for a new pair (commits).

    Raises 401 invalid_refresh_token for an unknown, expired or revoked one, and 401
    refresh_token_reused, revoking the whole session, for one that was already exchanged.
    """
    now = settings.clock()
    invalid = APIError(401, "invalid_refresh_token", "The refresh token is not valid; sign in.")
    token = db.scalars(
        select(AuthToken).where(
            AuthToken.token_hash == token_hash(refresh_token), AuthToken.kind == "refresh"
        )
    ).first()
    auth_session = db.get(AuthSession, token.session_id) if token is not None else None
    if token is None or auth_session is None:
        raise invalid
    reused = APIError(401, "refresh_token_reused", "The refresh token was used before; sign in.")
    if token.rotated_at is not None:
        revoke_session(db, auth_session, now)
        db.commit()
        raise reused
    if auth_session.revoked_at is not None or token.expires_at <= now:
        raise invalid
    claimed = db.execute(
        update(AuthToken)
        .where(AuthToken.id == token.id, AuthToken.rotated_at.is_(None))
        .values(rotated_at=now)
        .returning(AuthToken.id)
    ).scalar_one_or_none()
    if claimed is None:  # a concurrent request exchanged the same token first
        db.rollback()
        revoke_session(db, auth_session, now)
        db.commit()
        raise reused
    db.execute(
        delete(AuthToken).where(
            AuthToken.session_id == auth_session.id,
            or_(AuthToken.kind == "access", AuthToken.expires_at <= now),
        )
    )
    issued = issue_tokens(db, settings, auth_session, now)
    db.commit()
    return issued


def session_for_access_token(
    db: Session, settings: AccountsSettings, access_token: str
) -> AuthSession | None:
    """Return the live session of a valid access token, noting its use; None otherwise."""
    now = settings.clock()
    row = db.execute(
        select(AuthSession, AuthToken.expires_at)
        .join(AuthToken, AuthToken.session_id == AuthSession.id)
        .where(AuthToken.token_hash == token_hash(access_token), AuthToken.kind == "access")
    ).first()
    if row is None:
        return None
    auth_session, expires_at = row
    if auth_session.revoked_at is not None or expires_at <= now:
        return None
    if now - auth_session.last_used_at >= LAST_USED_PRECISION:
        auth_session.last_used_at = now
        db.commit()
    return auth_session
