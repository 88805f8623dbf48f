"""FastAPI dependencies on the plugin manager the app was built with (hue_s.plugins)."""

from __future__ import annotations

from typing import Annotated

import pluggy
from fastapi import Depends, Request


def app_plugins(request: Request) -> pluggy.PluginManager:
    """FastAPI dependency: the app's plugin manager (kernel and enabled modules)."""
    manager: pluggy.PluginManager = request.app.state.plugins
    return manager


PluginsDependency = Annotated[pluggy.PluginManager, Depends(app_plugins)]
