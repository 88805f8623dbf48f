"""AppContext: everything one Flet session (one window, tab or kiosk visitor) works with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import flet as ft

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.session import UserSession
from hue_s.app.state.settings import DeviceSettings, save_settings
from hue_s.app.state.store import Store


@dataclass(frozen=True)
class AppServices:
    """What the whole process shares: configuration, the module registry, the local store."""

    config: AppConfig
    registry: Registry
    store: Store
    backend_url: str


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
