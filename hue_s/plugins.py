"""The one plugin manager: built-in modules and `hue_s.modules` entry points, on pluggy.

The kernel's plugins are always registered; a module's only when the HUE_S_MODULES allow-list
(or the list given) names it. An entry point's name is its module id.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Collection, Iterator
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
MODULE_PLUGINS = {
    "incidents": "hue_s.backend.incidents.hooks",
    "alerts": "hue_s.backend.alerts.hooks",
    "services": "hue_s.modules.services.backend.hooks",
    "payments": "hue_s.modules.payments.backend.hooks",
    "air": "hue_s.modules.air.backend.hooks",
    "news": "hue_s.modules.news.backend.hooks",
    "dashboard": "hue_s.modules.dashboard.backend.hooks",
    "health": "hue_s.modules.health.backend.hooks",
    "education": "hue_s.modules.education.backend.hooks",
    "tourism": "hue_s.modules.tourism.backend.hooks",
    "appointments": "hue_s.modules.appointments.backend.hooks",
    "bills": "hue_s.modules.bills.backend.hooks",
}
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
