"""Where the app files incident reports: a city's own GeoReport v2 server, set by its staff.

The command line or the environment (`--open311`, HUE_S_OPEN311_*) gives the first value. A
connection saved by staff on the settings screen replaces it, is kept across restarts (its
URL and jurisdiction in the local store, its api key in the installation's secret store) and
applies at once: every session's incidents module follows it without a restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hue_s.app.config import Open311Settings
from hue_s.app.state.session import MemorySecretStore, SecretStore
from hue_s.app.state.store import Store

logger = logging.getLogger(__name__)

INSTALLATION_ROW = "installation"
"""The store rows of the installation itself, not of one device (no device id looks like it)."""
SETTING_KEY = "open311"
API_KEY_SECRET = "hue_s.open311_api_key"

Listener = Callable[[], Any]


class Open311Connection:
    """The GeoReport server reports go to (None: the Hue-S backend); one per app process."""

    def __init__(self, store: Store, configured: Open311Settings | None) -> None:
        """Start from the configured server, or from one staff saved before."""
        self._store = store
        self.configured = configured
        self._saved = self._read()
        self._api_key: str | None = None
        self.secrets: SecretStore = MemorySecretStore()
        self.key_kept = False
        """Whether a saved api key outlives the process (a keychain, not memory)."""
        self._loaded = False
        self._load_lock = asyncio.Lock()
        self._listeners: list[Listener] = []

    @property
    def settings(self) -> Open311Settings | None:
        """Return the server to file to now; None for the Hue-S backend."""
        if self._saved is None:
            return self.configured
        return replace(self._saved, api_key=self._api_key)

    @property
    def saved(self) -> bool:
        """Say whether staff chose the server here (rather than the command line or nobody)."""
        return self._saved is not None

    async def load(self, secrets: SecretStore, persistent: bool) -> None:
        """Read a saved api key from the installation's secret store, once per process."""
        async with self._load_lock:  # sessions starting together wait for the first one
            if self._loaded:
                return
            self._loaded = True
            self.secrets, self.key_kept = secrets, persistent
            if self._saved is None or not persistent:
                return
            try:
                self._api_key = await secrets.get(API_KEY_SECRET)
            except Exception as error:  # a locked or failing keychain: type the key again
                logger.warning("cannot read the Open311 api key: %s", type(error).__name__)

    async def save(self, settings: Open311Settings) -> None:
        """Keep a server chosen by staff and switch every session to it."""
        value = {"url": settings.url, "jurisdiction_id": settings.jurisdiction_id}
        self._store.device_settings.put(INSTALLATION_ROW, SETTING_KEY, value)
        self._saved = replace(settings, api_key=None)
        self._api_key = settings.api_key
        await self._keep_key(settings.api_key)
        self._changed()

    async def forget(self) -> None:
        """Drop what staff saved: back to the configured server (or the Hue-S backend)."""
        self._store.device_settings.delete(INSTALLATION_ROW, SETTING_KEY)
        self._saved, self._api_key = None, None
        await self._keep_key(None)
        self._changed()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after each change; return what stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _changed(self) -> None:
        """Tell every listener (each session's incidents module)."""
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:
                logger.exception("a session could not follow the new Open311 connection")

    def _read(self) -> Open311Settings | None:
        """Return the server staff saved (without its api key), if any."""
        stored = self._store.device_settings.get(INSTALLATION_ROW, SETTING_KEY)
        value = stored.value if stored is not None else None
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            return None
        jurisdiction = value.get("jurisdiction_id")
        return Open311Settings(
            url=value["url"],
            jurisdiction_id=jurisdiction if isinstance(jurisdiction, str) else None,
        )

    async def _keep_key(self, api_key: str | None) -> None:
        """Write (or delete) the api key in the secret store; memory alone when that fails."""
        if not self.key_kept:
            return
        try:
            if api_key:
                await self.secrets.set(API_KEY_SECRET, api_key)
            else:
                await self.secrets.delete(API_KEY_SECRET)
        except Exception as error:
            logger.warning("cannot keep the Open311 api key: %s", type(error).__name__)
            self.key_kept = False
