"""Who is signed in for one app session, and where that session keeps its secrets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

GUEST_ROLE = "guest"


@dataclass
class UserSession:
    """The user of one Flet session; a guest until someone signs in."""

    role: str = GUEST_ROLE
    user_id: str | None = None
    display_name: str | None = None

    @property
    def is_guest(self) -> bool:
        """Return True when nobody is signed in."""
        return self.role == GUEST_ROLE


class SecretStore(Protocol):
    """Where a session keeps secrets such as tokens (keychain, secure storage, memory)."""

    async def get(self, key: str) -> str | None:
        """Return the secret under a key, or None."""
        ...

    async def set(self, key: str, value: str) -> None:
        """Keep a secret under a key."""
        ...

    async def delete(self, key: str) -> None:
        """Forget the secret under a key, if any."""
        ...


class MemorySecretStore:
    """Secrets kept only in this object's memory: for web sessions, kiosks and tests."""

    def __init__(self) -> None:
        """Start empty."""
        self._secrets: dict[str, str] = {}

    async def get(self, key: str) -> str | None:
        """Return the secret under a key, or None."""
        return self._secrets.get(key)

    async def set(self, key: str, value: str) -> None:
        """Keep a secret under a key."""
        self._secrets[key] = value

    async def delete(self, key: str) -> None:
        """Forget the secret under a key, if any."""
        self._secrets.pop(key, None)
