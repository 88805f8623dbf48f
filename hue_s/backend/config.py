"""Settings of the reference backend, from arguments and HUE_S_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from hue_s.environment import default_data_dir, module_allow_list
from hue_s.plugins import BUILT_IN, third_party_ids

DATABASE_FILE_NAME = "hue-s.db"
LISTEN_URL_ENV = "HUE_S_DATABASE_LISTEN_URL"
BUILT_IN_MODULES = tuple(module.id for module in BUILT_IN)
"""The built-in module ids (from the one list, `hue_s.plugins.BUILT_IN`)."""


def sqlite_url_for(path: Path) -> str:
    """Return the SQLAlchemy URL of a SQLite database file."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def trusted_proxies() -> tuple[str, ...]:
    """Return the addresses of $HUE_S_TRUSTED_PROXIES (comma-separated; none if unset)."""
    given = os.environ.get("HUE_S_TRUSTED_PROXIES", "")
    return tuple(part.strip() for part in given.split(",") if part.strip())


def public_app_url() -> str | None:
    """Return $HUE_S_PUBLIC_URL (the city's public web address of the app), or None if unset."""
    return os.environ.get("HUE_S_PUBLIC_URL", "").strip().rstrip("/") or None


def photo_store_setting() -> str:
    """Return $HUE_S_PHOTO_STORE: `s3://bucket/prefix`, or empty for the database (default)."""
    return os.environ.get("HUE_S_PHOTO_STORE", "").strip()


def enabled_modules() -> list[str]:
    """Return the built-in and installed module ids, filtered by $HUE_S_MODULES if set."""
    allowed = module_allow_list()
    installed = dict.fromkeys([*BUILT_IN_MODULES, *third_party_ids()])
    return [module for module in installed if allowed is None or module in allowed]


@dataclass(frozen=True, kw_only=True)
class BackendSettings:
    """What one backend instance serves: which database, which city, which modules."""

    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str = ""
    """SQLAlchemy URL; empty means $HUE_S_DATABASE_URL, else SQLite in `data_dir`."""
    listen_database_url: str = ""
    """Where PostgreSQL's LISTEN goes (it needs a session of its own, which a pooler in
    transaction mode cannot give); empty means $HUE_S_DATABASE_LISTEN_URL, else `database_url`."""
    city_name: str = "Thành phố Huế"
    city_name_en: str = "Huế City"
    city_code: str = "46"
    modules: list[str] = field(default_factory=enabled_modules)
    trusted_proxies: tuple[str, ...] = field(default_factory=trusted_proxies)
    """Proxies whose X-Forwarded-For/-Proto are believed (addresses or networks); none: the peer."""
    public_url: str | None = field(default_factory=public_app_url)
    """Where citizens open the app (told by /api/v1/meta, so that kiosks print usable QR codes)."""
    photo_store: str = field(default_factory=photo_store_setting)
    """Where new photos' bytes go: empty (the database) or `s3://bucket/prefix` (boto3)."""

    def __post_init__(self) -> None:
        """Resolve the database URLs when none were given."""
        if not self.database_url:
            url = os.environ.get("HUE_S_DATABASE_URL") or sqlite_url_for(
                self.data_dir / DATABASE_FILE_NAME
            )
            object.__setattr__(self, "database_url", url)
        if not self.listen_database_url:
            listen_url = os.environ.get(LISTEN_URL_ENV) or self.database_url
            object.__setattr__(self, "listen_database_url", listen_url)
