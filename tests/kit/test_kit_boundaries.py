"""The kit's rules: it imports no module; its shared pieces (wire models, OSM words) import no
UI and no server; its app side and its backend side never meet; revisions never use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_boundaries import (
    APP_PARTS,
    MODULE_PACKAGES,
    PACKAGE,
    imported_names,
    inside,
    module_name,
)

KIT = PACKAGE / "kit"
APP_SIDE = (
    "hue_s.kit.places_view",
    "hue_s.kit.places_list",
    "hue_s.kit.screens",
    "hue_s.kit.public_link",
    "hue_s.kit.map_layers",
    "hue_s.kit.location",
)
"""The kit's Flet files: only the app imports them."""
BACKEND_SIDE = ("hue_s.kit.places_backend",)
"""The kit's server files: only the backend imports them."""
UI = ("flet", "flet_map", "flet_geolocator", "hue_s.app", *APP_SIDE)
SERVER = ("fastapi", "starlette", "sqlalchemy", "alembic", "hue_s.backend", *BACKEND_SIDE)
MODULES = ("hue_s.modules", "hue_s.app.modules", *MODULE_PACKAGES)


def reaching(path: Path, packages: tuple[str, ...], source: str | None = None) -> list[str]:
    """Return what a file (or `source` as if it were that file) imports from `packages`."""
    return sorted(
        {name for name in imported_names(path, source) for p in packages if inside(name, p)}
    )


def forbidden(path: Path, source: str | None = None) -> list[str]:
    """Return what a kit file imports that its side may not."""
    name = module_name(path)
    barred = MODULES
    if name not in APP_SIDE:
        barred += UI
    if name not in BACKEND_SIDE:
        barred += SERVER
    return reaching(path, barred, source)


KIT_FILES = sorted(KIT.rglob("*.py"))
BACKEND_PARTS = sorted(
    path
    for folder in (PACKAGE / "backend", *(PACKAGE / "modules").glob("*/backend"))
    for path in folder.rglob("*.py")
)
REVISIONS = sorted((PACKAGE / "modules").glob("*/migrations/*.py"))


@pytest.mark.parametrize("path", KIT_FILES, ids=module_name)
def test_the_kit_imports_no_module_and_keeps_to_its_side(path: Path) -> None:
    assert forbidden(path) == [], "the kit serves modules; shared pieces import no UI or server"


def test_the_kit_check_catches_what_is_barred() -> None:
    shared, view, server = KIT / "places.py", KIT / "places_view.py", KIT / "places_backend.py"
    assert forbidden(shared, "import flet as ft\nfrom fastapi import Query\n") == [
        "fastapi", "fastapi.Query", "flet"
    ]  # fmt: skip
    assert forbidden(view, "from hue_s.modules.health.wire import HealthPlace\n") == [
        "hue_s.modules.health.wire", "hue_s.modules.health.wire.HealthPlace"
    ]  # fmt: skip
    assert forbidden(view, "from .places_backend import tag\n") == [
        "hue_s.kit.places_backend", "hue_s.kit.places_backend.tag"
    ]  # fmt: skip
    assert forbidden(server, "from hue_s.app.i18n import N_\n") == [
        "hue_s.app.i18n", "hue_s.app.i18n.N_"
    ]  # fmt: skip
    assert forbidden(view, "import flet as ft\nfrom hue_s.kit.osm import OSM_TILES\n") == []


@pytest.mark.parametrize("path", APP_PARTS, ids=module_name)
def test_the_app_never_imports_the_kits_backend_side(path: Path) -> None:
    assert reaching(path, BACKEND_SIDE) == []


@pytest.mark.parametrize("path", BACKEND_PARTS, ids=module_name)
def test_the_backend_never_imports_the_kits_app_side(path: Path) -> None:
    assert reaching(path, APP_SIDE) == []


@pytest.mark.parametrize("path", REVISIONS, ids=lambda path: path.stem)
def test_a_modules_revisions_import_nothing_from_hue_s(path: Path) -> None:
    """A released revision must make the same tables forever: sharing the kit's live code
    (or a module's) would change it under installs that have not run it yet."""
    live = sorted(name for name in imported_names(path) if inside(name, "hue_s"))
    assert live == [], "freeze the data inside the revision (or a data file next to it)"
