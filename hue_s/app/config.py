"""Settings of one app process, read from the command line and the environment."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hue_s.environment import default_data_dir, module_allow_list

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("vi", "en", "zh", "ko", "ja", "fr")
KIOSK_IDLE_ENV = "HUE_S_KIOSK_IDLE_SECONDS"
DEFAULT_KIOSK_IDLE_SECONDS = 120.0
MIN_KIOSK_IDLE_SECONDS = 5.0
OPEN311_URL_ENV = "HUE_S_OPEN311_URL"
OPEN311_JURISDICTION_ENV = "HUE_S_OPEN311_JURISDICTION"
OPEN311_API_KEY_ENV = "HUE_S_OPEN311_API_KEY"


def kiosk_idle_seconds() -> float:
    """Return `HUE_S_KIOSK_IDLE_SECONDS` (at least 5 s); unset or not a number: 120 s."""
    raw = os.environ.get(KIOSK_IDLE_ENV, "").strip()
    try:
        return max(MIN_KIOSK_IDLE_SECONDS, float(raw)) if raw else DEFAULT_KIOSK_IDLE_SECONDS
    except ValueError:
        logger.warning("%s=%r is not a number of seconds; using 120", KIOSK_IDLE_ENV, raw)
        return DEFAULT_KIOSK_IDLE_SECONDS


@dataclass(frozen=True)
class Open311Settings:
    """Where a plain GeoReport v2 server is: its endpoint (or discovery document), and keys."""

    url: str
    jurisdiction_id: str | None = None
    api_key: str | None = None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        url: str | None = None,
        jurisdiction_id: str | None = None,
        api_key: str | None = None,
    ) -> Open311Settings | None:
        """Read HUE_S_OPEN311_URL, _JURISDICTION and _API_KEY where no value is given.

        None when there is no URL at all: reports go to the Hue-S backend.
        """
        env = os.environ if environ is None else environ
        url = url or env.get(OPEN311_URL_ENV, "").strip()
        if not url:
            return None
        return cls(
            url=url,
            jurisdiction_id=jurisdiction_id
            or env.get(OPEN311_JURISDICTION_ENV, "").strip()
            or None,
            api_key=api_key or env.get(OPEN311_API_KEY_ENV, "").strip() or None,
        )

    @property
    def is_discovery(self) -> bool:
        """Say whether the URL names a discovery document rather than the endpoint itself."""
        path = self.url.split("?", 1)[0].rstrip("/")
        return path.endswith(("/discovery.json", "/discovery.xml"))


@dataclass(frozen=True)
class AppConfig:
    """How this app process runs: where its backend is, where it keeps data, how it shows."""

    backend_url: str | None = None
    data_dir: Path = field(default_factory=default_data_dir)
    web: bool = False
    kiosk: bool = False
    host: str = "127.0.0.1"
    port: int = 8550
    default_language: str = "vi"
    modules: frozenset[str] | None = field(default_factory=module_allow_list)
    kiosk_idle_seconds: float = field(default_factory=kiosk_idle_seconds)
    """Seconds without a touch or key after which a kiosk forgets its visitor."""
    open311: Open311Settings | None = field(default_factory=Open311Settings.from_env)
    """A city's own GeoReport v2 server to file reports to, instead of the Hue-S backend."""
