"""Settings of the alerts domain, from HUE_S_* environment variables (tests build them directly)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from fastapi import FastAPI, Request

DEFAULT_FORECAST_URL = "https://api.open-meteo.com"
DEFAULT_FLOOD_URL = "https://flood-api.open-meteo.com"


def _list_from_env(name: str) -> list[str]:
    """Return a comma- or whitespace-separated environment variable as a list."""
    return [item for item in os.environ.get(name, "").replace(",", " ").split() if item]


def _float_from_env(name: str, default: float) -> float:
    """Return a number from the environment, or the default when unset or unreadable."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True, kw_only=True)
class AlertsSettings:
    """Where alerts come from and go to, and where weather is fetched."""

    cap_sources: list[str] = field(default_factory=lambda: _list_from_env("HUE_S_CAP_SOURCES"))
    """CAP feeds (Atom/RSS) or single CAP URLs polled for alerts."""
    cap_poll_seconds: float = field(
        default_factory=lambda: _float_from_env("HUE_S_CAP_POLL_SECONDS", 120.0)
    )
    cap_sender: str = field(
        default_factory=lambda: os.environ.get("HUE_S_CAP_SENDER", "hueioc@hue.gov.vn")
    )
    """CAP <sender> of the alerts operators issue here."""
    forecast_url: str = field(
        default_factory=lambda: os.environ.get("HUE_S_OPEN_METEO_URL", DEFAULT_FORECAST_URL)
    )
    """Base URL of an Open-Meteo-compatible forecast API (…/v1/forecast is appended)."""
    flood_url: str = field(
        default_factory=lambda: os.environ.get("HUE_S_OPEN_METEO_FLOOD_URL", DEFAULT_FLOOD_URL)
    )
    """Base URL of an Open-Meteo-compatible flood API (…/v1/flood is appended)."""
    weather_fresh_seconds: float = field(
        default_factory=lambda: _float_from_env("HUE_S_WEATHER_FRESH_SECONDS", 900.0)
    )
    """A cached forecast younger than this is served without asking upstream."""
    upstream_timeout_seconds: float = 10.0
    stream_poll_seconds: float = 1.0
    """How often each process looks for alert events written by other processes (SQLite)."""


def alerts_settings_of(app: FastAPI) -> AlertsSettings:
    """Return the app's alerts settings, read from the environment on first use."""
    settings: AlertsSettings | None = getattr(app.state, "alerts_settings", None)
    if settings is None:
        settings = AlertsSettings()
        app.state.alerts_settings = settings
    return settings


def alerts_settings(request: Request) -> AlertsSettings:
    """FastAPI dependency: the alerts settings of the app serving the request."""
    return alerts_settings_of(request.app)
