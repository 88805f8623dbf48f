"""Home-grid logic: sections, search with and without diacritics, tile sizes, navigation."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.config import AppConfig
from hue_s.app.i18n import I18n
from hue_s.app.modules import discover
from hue_s.app.views.home import fold, grouped, matches, tile, tile_columns
from hue_s.app.views.shell import destinations, selected_index


def fake_ctx(language: str = "vi", allow: frozenset[str] | None = None) -> Any:
    """A stand-in for AppContext with what the home logic reads."""
    i18n = I18n(language)
    return SimpleNamespace(_=i18n.gettext, i18n=i18n, registry=discover(allow), config=AppConfig())


def tile_ids(ctx: Any, query: str) -> list[str]:
    return [m.id for _, members in grouped(ctx, query) for m in members]


def test_fold_drops_diacritics_and_case() -> None:
    assert fold("Thời tiết và THIÊN TAI") == "thoi tiet va thien tai"
    assert fold("Đường") == "duong"


def test_every_builtin_is_on_the_home_grid_in_sections() -> None:
    sections = grouped(fake_ctx(), "")
    assert [title for title, _ in sections] == [
        "Phản ánh và an toàn",
        "Dịch vụ và tiện ích",
        "Dành cho cán bộ",
    ]
    assert tile_ids(fake_ctx(), "") == [
        "incidents", "alerts", "services", "payments", "appointments", "bills", "utilities", "air",
        "news", "health", "education", "tourism", "officer", "dashboard",
    ]  # fmt: skip


def test_search_matches_without_diacritics_in_either_language() -> None:
    assert tile_ids(fake_ctx("vi"), "thien tai") == ["alerts"]
    assert tile_ids(fake_ctx("en"), "public") == ["services"]
    assert tile_ids(fake_ctx("vi"), "nothing like this") == []


def test_search_also_finds_descriptions() -> None:
    ctx = fake_ctx("vi")
    incidents = next(m for m in ctx.registry.manifests if m.id == "incidents")
    assert matches(ctx, incidents, "anh vi tri")


def test_allow_list_hides_tiles() -> None:
    assert tile_ids(fake_ctx(allow=frozenset({"alerts"})), "") == ["alerts"]


def test_navigation_has_home_nav_modules_and_settings() -> None:
    routes = [d.route for d in destinations(fake_ctx())]
    assert routes == ["/", "/incidents", "/alerts", "/settings"]


def test_selected_destination_follows_the_route() -> None:
    entries = destinations(fake_ctx())
    assert selected_index(entries, "/") == 0
    assert selected_index(entries, "/incidents/new") == 1
    assert selected_index(entries, "/settings") == 3
    assert selected_index(entries, "/services") == 0


def test_large_text_gets_one_tile_per_row_on_phones() -> None:
    assert tile_columns(kiosk=False, text_scale=1.0)["xs"] == 6
    assert tile_columns(kiosk=False, text_scale=2.0)["xs"] == 12
    assert tile_columns(kiosk=True, text_scale=1.0)["xs"] == 12


def test_search_results_show_the_description_the_first_home_only_reads() -> None:
    ctx = fake_ctx("vi")
    ctx.settings = SimpleNamespace(text_scale=1.0)
    incidents = next(m for m in ctx.registry.manifests if m.id == "incidents")
    description = incidents.translate(ctx.i18n, incidents.description)

    def drawn(control: Any) -> list[str]:
        return [t.value for t in control.content.controls if isinstance(t, ft.Text)]

    assert description not in drawn(tile(ctx, incidents))
    assert description in drawn(tile(ctx, incidents, described=True))
