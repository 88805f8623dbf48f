"""A third-party module brings its own words: its tile reads in the session's language."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.config import AppConfig
from hue_s.app.i18n import I18n
from hue_s.app.modules import Manifest, Registry
from hue_s.app.views.home import tile

PACKAGE = Path(__file__).resolve().parents[2] / "examples" / "hue-s-heritage" / "hue_s_heritage"


def heritage() -> Manifest:
    """Load the example module from its source folder (nothing is installed)."""
    if "hue_s_heritage" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "hue_s_heritage", PACKAGE / "__init__.py", submodule_search_locations=[str(PACKAGE)]
        )
        assert spec is not None and spec.loader is not None
        package: ModuleType = importlib.util.module_from_spec(spec)
        sys.modules["hue_s_heritage"] = package
        spec.loader.exec_module(package)
    manifest = importlib.import_module("hue_s_heritage.app").manifest
    assert isinstance(manifest, Manifest)
    return manifest


def texts(control: ft.Control) -> list[str]:
    """Return the words a control and everything inside it show or read out (label lines)."""
    found: list[str] = []
    if isinstance(control, ft.Text):
        found += [control.value] if control.value else []
        found += (control.semantics_label or "").splitlines()
    for name in ("content", "controls"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += texts(child)
    return found


def fake_ctx(language: str, manifest: Manifest) -> Any:
    """A stand-in for AppContext with what a tile reads."""
    i18n = I18n(language)
    return SimpleNamespace(
        _=i18n.gettext,
        i18n=i18n,
        registry=Registry([manifest]),
        config=AppConfig(),
        settings=SimpleNamespace(text_scale=1.0),
        page=None,
    )


def test_the_heritage_tile_reads_in_vietnamese_from_the_modules_own_catalog() -> None:
    manifest = heritage()
    assert manifest.translations is not None and manifest.domain == "hue_s_heritage"
    vietnamese = I18n("vi")
    assert manifest.translate(vietnamese, manifest.title) == "Di tích Huế"
    shown = texts(tile(fake_ctx("vi", manifest), manifest))
    assert "Di tích Huế" in shown and "Heritage sights" not in shown, shown
    assert "Di tích cung đình, chùa chiền và chợ của Huế." in shown


def test_in_english_the_module_keeps_its_words() -> None:
    manifest = heritage()
    assert manifest.translate(I18n("en"), manifest.title) == "Heritage sights"


def test_words_a_module_lacks_come_from_the_apps_catalog() -> None:
    manifest = heritage()
    assert manifest.translate(I18n("vi"), "Settings") == "Cài đặt"
