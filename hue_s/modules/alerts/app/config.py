"""Settings of the alerts module from the environment: the polling interval, a test switch."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from hue_s.modules.alerts.app.stream.delivery import DEFAULT_POLL_SECONDS

logger = logging.getLogger(__name__)

POLL_SECONDS_ENV = "HUE_S_ALERTS_POLL_SECONDS"
STREAM_CUT_FILE_ENV = "HUE_S_E2E_ALERT_STREAM_CUT_FILE"
MIN_POLL_SECONDS = 1.0


def poll_seconds_from_env() -> float:
    """Return `HUE_S_ALERTS_POLL_SECONDS` (at least 1 s); unset or unreadable: 60 s."""
    raw = os.environ.get(POLL_SECONDS_ENV, "").strip()
    if not raw:
        return DEFAULT_POLL_SECONDS
    try:
        return max(MIN_POLL_SECONDS, float(raw))
    except ValueError:
        logger.warning("%s=%r is not a number of seconds; using 60", POLL_SECONDS_ENV, raw)
        return DEFAULT_POLL_SECONDS


def stream_cut_file_from_env() -> Path | None:
    """Return the browser tests' stream switch file, when they set one."""
    raw = os.environ.get(STREAM_CUT_FILE_ENV, "").strip()
    return Path(raw) if raw else None


@dataclass(frozen=True)
class AlertsConfig:
    """How this process delivers alerts."""

    poll_seconds: float = field(default_factory=poll_seconds_from_env)
    """Seconds between polls while the live stream is down (60 s; tests set less)."""
    stream_cut_file: Path | None = field(default_factory=stream_cut_file_from_env)
    """Browser tests only: while this file exists, the live stream is cut."""
