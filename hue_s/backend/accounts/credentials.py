"""Make secrets (codes, tokens, API keys) and the only forms of them that are ever stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

OTP_DIGITS = 6
TOKEN_BYTES = 32


def new_otp_code() -> str:
    """Return a random 6-digit one-time code, e.g. '042917'."""
    return f"{secrets.randbelow(10**OTP_DIGITS):0{OTP_DIGITS}d}"


def new_token() -> str:
    """Return an opaque random token (43 URL-safe characters, 256 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Return the hex SHA-256 of a high-entropy token, the form in which it is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def keyed_hash(secret_key: bytes, *parts: str) -> str:
    """Return the hex HMAC-SHA256 of some text parts under the server secret."""
    message = "\x1f".join(parts).encode()
    return hmac.new(secret_key, message, hashlib.sha256).hexdigest()


def same_hash(left: str, right: str) -> bool:
    """Compare two hex digests in constant time."""
    return hmac.compare_digest(left.encode(), right.encode())
