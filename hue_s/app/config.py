"""Settings of one app process, read from the command line and the environment."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hue_s.environment import default_data_dir, module_allow_list

SUPPORTED_LANGUAGES = ("vi", "en")


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
