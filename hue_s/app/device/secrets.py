"""Where a session may keep its secrets: a phone's secure storage, a desktop keychain, or memory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.app.state.session import MemorySecretStore, SecretStore

if TYPE_CHECKING:
    from hue_s.app.config import AppConfig

logger = logging.getLogger(__name__)

KEYRING_SERVICE = "hue-s"
SECRET_TIMEOUT = 5.0
PHONE_PLATFORMS = frozenset({ft.PagePlatform.ANDROID, ft.PagePlatform.IOS})
# Keyring backends that keep secrets in plain files, in nothing, or that always fail.
REFUSED_KEYRING_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


class KeyringSecretStore:
    """Secrets in the desktop's keychain (Secret Service, macOS Keychain, Windows Credential)."""

    def __init__(self, backend: Any, *, service: str = KEYRING_SERVICE) -> None:
        """Use one keyring backend, under one service name."""
        self._backend = backend
        self._service = service

    async def get(self, key: str) -> str | None:
        """Return the secret under a key, or None."""
        value = await self._call(self._backend.get_password, self._service, key)
        return value if isinstance(value, str) else None

    async def set(self, key: str, value: str) -> None:
        """Keep a secret under a key."""
        await self._call(self._backend.set_password, self._service, key, value)

    async def delete(self, key: str) -> None:
        """Forget the secret under a key, if any."""
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            await self._call(self._backend.delete_password, self._service, key)

    async def _call(self, function: Any, *args: str) -> Any:
        """Run a blocking keyring call (it may talk D-Bus) in a thread, with a timeout."""
        return await asyncio.wait_for(asyncio.to_thread(function, *args), SECRET_TIMEOUT)


class SecureStorageSecretStore:
    """Secrets in the phone's Keychain (iOS), Keystore-backed storage (Android), or the
    browser's storage, encrypted by the browser (web)."""

    def __init__(self, storage: Any) -> None:
        """Use one `flet_secure_storage.SecureStorage` service of the page."""
        self._storage = storage

    async def get(self, key: str) -> str | None:
        """Return the secret under a key, or None."""
        value = await asyncio.wait_for(self._storage.get(key), SECRET_TIMEOUT)
        return value if isinstance(value, str) else None

    async def set(self, key: str, value: str) -> None:
        """Keep a secret under a key."""
        await asyncio.wait_for(self._storage.set(key, value), SECRET_TIMEOUT)

    async def delete(self, key: str) -> None:
        """Forget the secret under a key, if any."""
        await asyncio.wait_for(self._storage.remove(key), SECRET_TIMEOUT)


def is_refused_keyring(backend: Any) -> bool:
    """Say whether a keyring backend must not hold tokens (plain text, none, or failing).

    A chainer is refused when it chains nothing but refused backends.
    """
    module = type(backend).__module__
    if module.startswith(REFUSED_KEYRING_MODULES):
        return True
    if module == "keyring.backends.chainer":
        return all(is_refused_keyring(chained) for chained in getattr(backend, "backends", ()))
    return False


def usable_keyring(backend: Any) -> Any | None:
    """Return the backend to keep tokens in (from a chainer, its best one), or None."""
    if is_refused_keyring(backend):
        return None
    if type(backend).__module__ == "keyring.backends.chainer":
        return next(b for b in backend.backends if not is_refused_keyring(b))
    return backend


def desktop_keyring() -> Any | None:
    """Return the desktop's usable keyring backend, or None when it has none."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as error:  # keyring may fail to load its backends at all
        logger.warning("no keyring available: %s", type(error).__name__)
        return None
    usable = usable_keyring(backend)
    if usable is None:
        logger.warning("keyring backend %s refused; tokens stay in memory", type(backend).__name__)
    return usable


def secret_store_for(page: ft.Page, config: AppConfig) -> tuple[SecretStore, bool]:
    """Return the secret store of a new session, and whether it outlives the session.

    A kiosk keeps secrets in memory only: its visitors share it. A web session may keep them
    in the browser's own storage (flutter_secure_storage's web implementation, AES-GCM with a
    key of the browser's), never on the server, whose keyring is nobody's; it is used only
    when the person says the browser is theirs. Phones use their secure storage; desktops
    their keychain, unless it stores secrets in plain text or fails, then memory (and the UI
    says so).
    """
    if config.kiosk:
        return MemorySecretStore(), False
    if page.web or page.platform in PHONE_PLATFORMS:
        import flet_secure_storage

        return SecureStorageSecretStore(flet_secure_storage.SecureStorage()), True
    backend = desktop_keyring()
    if backend is None:
        return MemorySecretStore(), False
    return KeyringSecretStore(backend), True


def installation_secret_store(page: ft.Page) -> tuple[SecretStore, bool]:
    """Return where the installation's own secrets (a city server's api key) are kept.

    They are nobody's: on the web, the server's keychain, never a browser's storage; on a
    phone, its secure storage; elsewhere the desktop's keychain. Memory when there is none.
    """
    if not page.web and page.platform in PHONE_PLATFORMS:
        import flet_secure_storage

        return SecureStorageSecretStore(flet_secure_storage.SecureStorage()), True
    backend = desktop_keyring()
    if backend is None:
        return MemorySecretStore(), False
    return KeyringSecretStore(backend), True
