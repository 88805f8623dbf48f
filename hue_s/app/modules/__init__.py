"""The module contract and the registry that finds built-in and third-party modules."""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import flet as ft
import repath

from hue_s.plugins import BUILT_IN, third_party_modules

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.app.i18n import I18n

logger = logging.getLogger(__name__)

BUILTIN_MODULES = tuple(module.app for module in BUILT_IN if module.app)
"""Where the built-in modules' Manifests are (from the one list, `hue_s.plugins.BUILT_IN`)."""
EVERYONE: frozenset[str] = frozenset()

ViewBuilder = Callable[["AppContext", dict[str, str]], Awaitable[ft.Control]]
Hook = Callable[["AppContext"], Awaitable[None]]


async def _nothing(ctx: AppContext) -> None:
    return None


class BadgeCount:
    """A number a module shows on its tile and navigation entry (e.g. warnings in force)."""

    def __init__(self) -> None:
        """Start at 0 (no badge), with nobody watching."""
        self.value = 0
        self._watchers: dict[str, Callable[[int], None]] = {}

    def watch(self, key: str, watcher: Callable[[int], None]) -> None:
        """Call `watcher(value)` on each change; a new watcher under the same key replaces the
        old one (screens are rebuilt often: each keeps one)."""
        self._watchers[key] = watcher

    def set(self, value: int) -> None:
        """Change the number; watchers whose controls left the page are dropped."""
        if value == self.value:
            return
        self.value = value
        for key, watcher in list(self._watchers.items()):
            try:
                watcher(value)
            except RuntimeError:  # its control is no longer on a page
                self._watchers.pop(key, None)


@dataclass(frozen=True)
class ModuleRoute:
    """A route a module owns: a path template (`/incidents/:id`) and the view it builds."""

    template: str
    build: ViewBuilder

    def match(self, path: str) -> dict[str, str] | None:
        """Return the path parameters when `path` matches this route, else None."""
        found = re.match(repath.pattern(self.template), path)
        return found.groupdict() if found else None


@dataclass(frozen=True)
class SearchEntry:
    """Something inside a module that home's search finds: a category, a screen, a place."""

    title: str
    """What it is called, in the session's language."""
    route: str
    """Where it opens."""
    detail: str = ""
    """A line under the title (which module, what it does), in the session's language."""
    words: str = ""
    """More words that find it (keywords, other names), in any language."""


Search = Callable[["AppContext"], Awaitable[list[SearchEntry]]]


@dataclass(frozen=True)
class Manifest:
    """What a module tells the app about itself; titles are gettext markers (`N_`)."""

    id: str
    title: str
    description: str
    icon: ft.IconData
    group: str
    routes: tuple[ModuleRoute, ...]
    roles: frozenset[str] = EVERYONE
    order: int = 100
    nav: bool = False
    short_title: str | None = None
    """A shorter title (gettext marker) for the phone's bottom bar, where space is tight."""
    setup: Hook = _nothing
    teardown: Hook = _nothing
    badge: Callable[[AppContext], BadgeCount | None] | None = None
    """The session's count shown on the module's tile and navigation entry (None: no badge)."""
    translations: Path | None = None
    """A module's own gettext catalogs, `<dir>/<language>/LC_MESSAGES/<domain>.po` (a
    third-party module brings its words; None: the app's catalog has them)."""
    domain: str = "messages"
    """The file name (without .po) of the module's catalogs under `translations`."""
    search: Search | None = None
    """What home's search may find inside the module for a session (None: only its tile)."""

    def translate(self, i18n: I18n, message: str) -> str:
        """Translate one of the module's messages (its title...) into a session's language."""
        return i18n.gettext_from(self.translations, self.domain, message)

    @property
    def home_route(self) -> str:
        """Return the route the module's home tile opens."""
        return self.routes[0].template

    def allows(self, role: str) -> bool:
        """Say whether a user with `role` may open this module (empty roles: everyone)."""
        return not self.roles or role in self.roles


@dataclass
class Registry:
    """The modules enabled in this process, in home-grid order."""

    manifests: list[Manifest] = field(default_factory=list)

    def find(self, path: str) -> tuple[Manifest, ModuleRoute, dict[str, str]] | None:
        """Return the module, route and parameters that serve `path`, if any."""
        for manifest in self.manifests:
            for route in manifest.routes:
                params = route.match(path)
                if params is not None:
                    return manifest, route, params
        return None

    def ids(self) -> list[str]:
        """Return the ids of the enabled modules."""
        return [manifest.id for manifest in self.manifests]


def _manifest_from(obj: Any, source: str) -> Manifest:
    manifest = getattr(obj, "manifest", obj)
    if not isinstance(manifest, Manifest):
        raise TypeError(f"{source} does not provide a hue_s Manifest")
    return manifest


def discover(
    allow: frozenset[str] | None = None, builtins: Iterable[str] = BUILTIN_MODULES
) -> Registry:
    """Load built-in modules and the `hue_s.modules` entry points, keeping those allowed."""
    found: dict[str, Manifest] = {}
    for module_path in builtins:
        manifest = _manifest_from(importlib.import_module(module_path), module_path)
        found[manifest.id] = manifest
    for name, loaded in third_party_modules():  # the backend's plugin manager loads the same
        try:
            manifest = _manifest_from(loaded, f"entry point {name}")
        except TypeError:
            logger.exception("skipping third-party module %s", name)
            continue
        if manifest.id in found:
            logger.warning("module id %s is taken; skipping entry point %s", manifest.id, name)
            continue
        found[manifest.id] = manifest
    enabled = [m for m in found.values() if allow is None or m.id in allow]
    return Registry(sorted(enabled, key=lambda m: (m.order, m.id)))
