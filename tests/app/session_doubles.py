"""Doubles for session-level tests: a page that records navigation, and an AppContext on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store


@dataclass
class RecordingPage:
    """Stands in for ft.Page: records routes pushed and dialogs shown and popped."""

    web: bool = True
    route: str = "/"
    platform: Any = None
    routes: list[str] = field(default_factory=list)
    _dialogs: Any = field(default_factory=lambda: SimpleNamespace(controls=[]))
    theme: Any = None
    dark_theme: Any = None
    theme_mode: Any = None
    fonts: Any = None
    locale_configuration: Any = None

    async def push_route(self, route: str) -> None:
        """Record a navigation."""
        self.route = route
        self.routes.append(route)

    @property
    def dialogs(self) -> list[Any]:
        """The dialog stack, as Flet keeps it (closed ones stay until dismissed)."""
        return self._dialogs.controls

    def show_dialog(self, dialog: Any) -> None:
        """Open a dialog on the stack."""
        dialog.open = True
        self._dialogs.controls.append(dialog)

    def pop_dialog(self) -> Any:
        """Close the last dialog, if any."""
        return self.dialogs.pop() if self.dialogs else None


def session_context(
    store: Store,
    api: HueClient,
    *,
    credentials: Credentials | None = None,
    config: AppConfig | None = None,
    registry: Registry | None = None,
    device_id: str = "kiosk-visitor-1",
    scratch_dir: Path | None = None,
) -> AppContext:
    """Return an AppContext over a recording page, a real store and a real client."""
    config = config or AppConfig(kiosk=True, data_dir=store.path.parent)
    services = AppServices(config, registry or Registry(), store, str(api.base_url))
    settings = load_settings(store, device_id, language=config.default_language)
    page: Any = RecordingPage()
    return AppContext(
        page=page,
        services=services,
        device_id=device_id,
        settings=settings,
        i18n=I18n(settings.language),
        api=api,
        credentials=credentials or Credentials(),
        scratch_dir=scratch_dir,
    )
