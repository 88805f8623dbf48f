"""The one plugin manager: built-in modules and `hue_s.modules` entry points, on pluggy.

The kernel's plugins are always registered; a module's only when the HUE_S_MODULES allow-list
(or the list given) names it. An entry point's name is its module id.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

import pluggy

from hue_s import hookspecs
from hue_s.environment import module_allow_list

logger = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "hue_s.modules"
KERNEL_PLUGINS = {
    "core": "hue_s.backend.kernel_hooks",
    "accounts": "hue_s.backend.accounts.hooks",
}
"""Always on: wards, health, meta; accounts and sessions."""


@dataclass(frozen=True)
class BuiltIn:
    """A module shipped with Hue-S: its id, its app part (where its Manifest is) and its
    backend part (its hooks), each a dotted module path, or None when it has no such part."""

    id: str
    app: str | None
    backend: str | None


BUILT_IN = (
    BuiltIn("incidents", "hue_s.modules.incidents.app", "hue_s.modules.incidents.backend.hooks"),
    BuiltIn("alerts", "hue_s.modules.alerts.app", "hue_s.modules.alerts.backend.hooks"),
    BuiltIn("services", "hue_s.modules.services.app", "hue_s.modules.services.backend.hooks"),
    BuiltIn("payments", "hue_s.modules.payments.app", "hue_s.modules.payments.backend.hooks"),
    BuiltIn(
        "appointments", "hue_s.modules.appointments.app", "hue_s.modules.appointments.backend.hooks"
    ),
    BuiltIn("bills", "hue_s.modules.bills.app", "hue_s.modules.bills.backend.hooks"),
    BuiltIn("utilities", "hue_s.app.modules.utilities", None),
    BuiltIn("air", "hue_s.modules.air.app", "hue_s.modules.air.backend.hooks"),
    BuiltIn("news", "hue_s.modules.news.app", "hue_s.modules.news.backend.hooks"),
    BuiltIn("health", "hue_s.modules.health.app", "hue_s.modules.health.backend.hooks"),
    BuiltIn("education", "hue_s.modules.education.app", "hue_s.modules.education.backend.hooks"),
    BuiltIn("tourism", "hue_s.modules.tourism.app", "hue_s.modules.tourism.backend.hooks"),
    BuiltIn("officer", "hue_s.modules.incidents.app.staff", None),
    BuiltIn("dashboard", "hue_s.modules.dashboard.app", "hue_s.modules.dashboard.backend.hooks"),
)
"""The one list of built-in modules, in the order the meta route lists them; the app's
modules, the backend's plugins and the ids are all read from it."""
MODULE_PLUGINS = {module.id: module.backend for module in BUILT_IN if module.backend}
"""Built-in modules with a backend part, by module id (switched by HUE_S_MODULES)."""


def third_party_modules() -> Iterator[tuple[str, Any]]:
    """Load each `hue_s.modules` entry point; yield its name and object (skipping broken ones)."""
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            yield entry.name, entry.load()
        except Exception:
            logger.exception("skipping third-party module %s", entry.name)


def third_party_ids() -> list[str]:
    """Return the names of the installed `hue_s.modules` entry points (without loading them)."""
    return [entry.name for entry in entry_points(group=ENTRY_POINT_GROUP)]


def plugin_manager(enabled: Collection[str] | None = None) -> pluggy.PluginManager:
    """Return a manager with the kernel and the enabled modules (default: HUE_S_MODULES, else
    every installed module) registered under their ids."""
    allowed = module_allow_list() if enabled is None else frozenset(enabled)
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for name, path in KERNEL_PLUGINS.items():
        manager.register(importlib.import_module(path), name=name)
    for name, path in MODULE_PLUGINS.items():
        if allowed is None or name in allowed:
            manager.register(importlib.import_module(path), name=name)
    for name, plugin in third_party_modules():
        if (allowed is None or name in allowed) and manager.get_plugin(name) is None:
            manager.register(plugin, name=name)
    return manager


def is_enabled(manager: pluggy.PluginManager, module_id: str) -> bool:
    """Return whether a module is registered (installed and allowed)."""
    return manager.has_plugin(module_id)
