"""Settings of one app process, read from the command line and the environment."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from hue_s.environment import default_data_dir, module_allow_list

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("vi", "en")
KIOSK_IDLE_ENV = "HUE_S_KIOSK_IDLE_SECONDS"
DEFAULT_KIOSK_IDLE_SECONDS = 120.0
MIN_KIOSK_IDLE_SECONDS = 5.0


def kiosk_idle_seconds() -> float:
    """Return `HUE_S_KIOSK_IDLE_SECONDS` (at least 5 s); unset or not a number: 120 s."""
    raw = os.environ.get(KIOSK_IDLE_ENV, "").strip()
    try:
        return max(MIN_KIOSK_IDLE_SECONDS, float(raw)) if raw else DEFAULT_KIOSK_IDLE_SECONDS
    except ValueError:
        logger.warning("%s=%r is not a number of seconds; using 120", KIOSK_IDLE_ENV, raw)
        return DEFAULT_KIOSK_IDLE_SECONDS


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
