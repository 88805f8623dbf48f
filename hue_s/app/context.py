"""AppContext: everything one Flet session (one window, tab or kiosk visitor) works with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.auth import SessionAuth
from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.open311_connection import Open311Connection
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.outbox_sender import OutboxSender
from hue_s.app.state.session import UserSession
from hue_s.app.state.settings import DeviceSettings, save_settings
from hue_s.app.state.store import Store
from hue_s.app.views.page_banner import PageBanner

if TYPE_CHECKING:
    from hue_s.app.kiosk import KioskWatcher

DraftSender = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class AppServices:
    """What the whole process shares: configuration, the module registry, the local store."""

    config: AppConfig
    registry: Registry
    store: Store
    backend_url: str
    open311: Open311Connection = field(init=False)
    """Where incident reports go: a city's GeoReport server staff chose, or the Hue-S backend."""

    def __post_init__(self) -> None:
        """Start the Open311 connection from the configuration and what staff saved."""
        object.__setattr__(self, "open311", Open311Connection(self.store, self.config.open311))


@dataclass
class AppContext:
    """Per-session state; never kept in module globals, since one web process serves many."""

    page: ft.Page
    services: AppServices
    device_id: str
    settings: DeviceSettings
    i18n: I18n
    api: HueClient
    session: UserSession = field(default_factory=UserSession)
    refresh: Callable[[], Awaitable[None]] | None = None
    scroll_to_top: Callable[[], Awaitable[None]] | None = None
    """Scroll the screen on top back to its start (set by the shell)."""
    credentials: Credentials = field(default_factory=Credentials)
    """The tokens; memory only unless the device has a secure store and the user asked."""
    auth: SessionAuth | None = None
    """The bearer-token flow of `api`, which refreshes tokens and reports expiry."""
    scratch_dir: Path | None = None
    """This session's own temporary directory (photos before upload), deleted with it."""
    kiosk: KioskWatcher | None = None
    """The idle watch of a kiosk session; None elsewhere."""
    draft_senders: dict[str, DraftSender] = field(default_factory=dict)
    """Per draft key, what files and sends that draft now (the kiosk's "send now"; modules)."""
    outbox_sender: OutboxSender = field(init=False)
    """The one sender of this session's outbox; modules register a handler per kind."""
    module_state: dict[str, object] = field(default_factory=dict)
    """Per module id, the session state that module keeps (created in its `setup`)."""
    banner: PageBanner = field(default_factory=PageBanner)
    """The banner atop every screen (the alerts module's warnings)."""

    def __post_init__(self) -> None:
        """Make the session's outbox sender (started after the modules' setup)."""
        self.outbox_sender = OutboxSender(self.store.outbox, lambda: self.device_id)

    @property
    def config(self) -> AppConfig:
        """Return the process configuration."""
        return self.services.config

    @property
    def registry(self) -> Registry:
        """Return the enabled modules."""
        return self.services.registry

    @property
    def store(self) -> Store:
        """Return the local store."""
        return self.services.store

    def _(self, message: str) -> str:
        """Translate a message into this session's language."""
        return self.i18n.gettext(message)

    def save_settings(self) -> None:
        """Persist this device's settings."""
        save_settings(self.store, self.device_id, self.settings)
