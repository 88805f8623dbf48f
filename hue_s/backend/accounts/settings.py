"""Settings of accounts: token lifetimes, rate limits and the server secret (HUE_S_* variables)."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from fastapi import Request

from hue_s.backend.kernel.clock import utc_now as utc_now

SECRET_KEY_ENV = "HUE_S_SECRET_KEY"
SECRET_KEY_FILE = "secret.key"
MIN_SECRET_KEY_LENGTH = 32
RATE_LIMIT_ENV_PREFIX = "HUE_S_RATE_LIMIT_"


@dataclass(frozen=True)
class RateLimit:
    """At most `count` requests per `seconds` in one bucket."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """Read 'COUNT/SECONDS', e.g. '3/600'; raise ValueError otherwise."""
        count, _, seconds = text.partition("/")
        limit = cls(int(count), int(seconds))
        if limit.count < 1 or limit.seconds < 1:
            raise ValueError(f"a rate limit needs a positive count and period, not {text!r}")
        return limit


@dataclass(frozen=True, kw_only=True)
class AccountsSettings:
    """How sign-in behaves; each rate limit can be set as HUE_S_RATE_LIMIT_<NAME>=COUNT/SECONDS."""

    secret_key: bytes = field(repr=False)
    """Key of the HMACs of one-time codes and rate-limit buckets."""
    otp_seconds: int = 300
    otp_max_attempts: int = 5
    """The last allowed wrong code closes the challenge."""
    access_token_seconds: int = 900
    refresh_token_seconds: int = 30 * 24 * 3600
    otp_per_phone: RateLimit = RateLimit(3, 600)
    otp_per_address: RateLimit = RateLimit(20, 3600)
    token_per_phone: RateLimit = RateLimit(10, 600)
    token_per_address: RateLimit = RateLimit(10, 600)
    clock: Callable[[], datetime] = utc_now

    @property
    def longest_rate_limit_seconds(self) -> int:
        """Return the longest rate-limit period: older hits count for nothing."""
        limits = (self.otp_per_phone, self.otp_per_address, self.token_per_phone)
        return max(limit.seconds for limit in (*limits, self.token_per_address))

    @classmethod
    def from_environment(cls, data_dir: Path) -> AccountsSettings:
        """Read the secret and any HUE_S_RATE_LIMIT_* overrides (e.g. ..._OTP_PER_PHONE=3/600)."""
        default = cls(secret_key=load_secret_key(data_dir))
        return replace(
            default,
            otp_per_phone=limit_from_environment("otp_per_phone", default.otp_per_phone),
            otp_per_address=limit_from_environment("otp_per_address", default.otp_per_address),
            token_per_phone=limit_from_environment("token_per_phone", default.token_per_phone),
            token_per_address=limit_from_environment(
                "token_per_address", default.token_per_address
            ),
        )


def limit_from_environment(name: str, default: RateLimit) -> RateLimit:
    """Return $HUE_S_RATE_LIMIT_<NAME> (COUNT/SECONDS) if set, else the default."""
    configured = os.environ.get(RATE_LIMIT_ENV_PREFIX + name.upper())
    return RateLimit.parse(configured) if configured else default


def load_secret_key(data_dir: Path) -> bytes:
    """Return $HUE_S_SECRET_KEY, else the key in data_dir/secret.key, created on first use.

    Every worker and machine of one backend must share the key: several machines on one
    PostgreSQL database need the same $HUE_S_SECRET_KEY.
    """
    configured = os.environ.get(SECRET_KEY_ENV)
    if configured is not None:
        if len(configured) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(f"${SECRET_KEY_ENV} must have at least {MIN_SECRET_KEY_LENGTH} chars")
        return configured.encode()
    path = data_dir / SECRET_KEY_FILE
    if not path.exists():
        create_key_file(path)
    return path.read_bytes().strip()


def create_key_file(path: Path) -> None:
    """Write a new random key readable by its owner only, unless another process just did."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
        with contextlib.suppress(FileExistsError):  # another process created it first
            os.link(temporary, path)  # atomic, unlike checking then writing
    finally:
        os.unlink(temporary)


def accounts_settings(request: Request) -> AccountsSettings:
    """FastAPI dependency: app.state.accounts_settings, read from the environment on first use."""
    state = request.app.state
    settings: AccountsSettings | None = getattr(state, "accounts_settings", None)
    if settings is None:
        settings = AccountsSettings.from_environment(state.settings.data_dir)
        state.accounts_settings = settings
    return settings
