"""One-time sign-in codes: open a challenge for a phone, then check codes against it."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import keyed_hash, new_otp_code, same_hash
from hue_s.backend.accounts.models import OtpChallenge
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.sms import SmsGateway
from hue_s.backend.kernel.api_errors import APIError

logger = logging.getLogger(__name__)


def sms_text(code: str, minutes: int) -> str:
    """Return the SMS holding a code (unaccented Vietnamese, to fit one GSM-7 message)."""
    return (
        f"Hue-S: ma xac thuc cua ban la {code}, hieu luc {minutes} phut. "
        "Khong chia se ma nay cho bat ky ai."
    )


def phone_key(settings: AccountsSettings, phone: str) -> str:
    """Return the keyed hash that stands for a phone number in the challenges table."""
    return keyed_hash(settings.secret_key, "otp-phone", phone)


def code_hash(settings: AccountsSettings, phone: str, code: str) -> str:
    """Return the keyed hash of a code, bound to its phone number."""
    return keyed_hash(settings.secret_key, "otp-code", phone, code)


def send_code(
    session: Session, settings: AccountsSettings, gateway: SmsGateway, phone: str
) -> None:
    """Replace any open challenge of the phone by a new one and text its code (commits).

    Raises 503 sms_unavailable if the gateway fails; the challenge is then not kept.
    """
    now = settings.clock()
    key = phone_key(settings, phone)
    session.execute(
        delete(OtpChallenge).where(
            or_(OtpChallenge.phone_key == key, OtpChallenge.expires_at <= now)
        )
    )
    code = new_otp_code()
    session.add(
        OtpChallenge(
            phone_key=key,
            code_hash=code_hash(settings, phone, code),
            created_at=now,
            expires_at=now + timedelta(seconds=settings.otp_seconds),
            failed_attempts=0,
        )
    )
    session.flush()
    try:
        gateway.send(phone, sms_text(code, settings.otp_seconds // 60))
    except Exception as error:  # any provider failure: its message may hold the number
        session.rollback()
        logger.error("The SMS gateway failed (%s)", type(error).__name__)
        raise APIError(503, "sms_unavailable", "The code could not be sent; try later.") from None
    session.commit()


def use_code(session: Session, settings: AccountsSettings, phone: str, code: str) -> None:
    """Close the phone's open challenge if the code matches (the caller commits).

    Else count a wrong attempt (committed) and raise 400 invalid_code, or
    code_attempts_exhausted when that was the last allowed one, or code_expired when the
    phone has no open challenge.
    """
    now = settings.clock()
    challenge = session.scalars(
        select(OtpChallenge)
        .where(
            OtpChallenge.phone_key == phone_key(settings, phone),
            OtpChallenge.closed_at.is_(None),
            OtpChallenge.expires_at > now,
        )
        .order_by(OtpChallenge.id.desc())
        .limit(1)
    ).first()
    expired = APIError(400, "code_expired", "No valid code for this number; request a new one.")
    if challenge is None:
        raise expired
    if same_hash(challenge.code_hash, code_hash(settings, phone, code)):
        closed = session.execute(
            update(OtpChallenge)
            .where(OtpChallenge.id == challenge.id, OtpChallenge.closed_at.is_(None))
            .values(closed_at=now)
            .returning(OtpChallenge.id)
        ).scalar_one_or_none()
        if closed is None:  # another request used the code a moment ago
            raise expired
        return
    count_wrong_attempt(session, settings, challenge.id)


def count_wrong_attempt(session: Session, settings: AccountsSettings, challenge_id: int) -> None:
    """Count a wrong code, closing the challenge at the last allowed one; raise why (commits)."""
    now = settings.clock()
    attempts = session.execute(
        update(OtpChallenge)
        .where(OtpChallenge.id == challenge_id)
        .values(failed_attempts=OtpChallenge.failed_attempts + 1)
        .returning(OtpChallenge.failed_attempts)
    ).scalar_one()
    left = settings.otp_max_attempts - attempts
    if left <= 0:
        session.execute(
            update(OtpChallenge).where(OtpChallenge.id == challenge_id).values(closed_at=now)
        )
        session.commit()
        message = "Too many wrong codes; request a new code."
        raise APIError(400, "code_attempts_exhausted", message)
    session.commit()
    raise APIError(400, "invalid_code", f"The code is wrong; {left} attempts left.")
