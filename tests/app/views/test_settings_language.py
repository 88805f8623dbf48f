"""Choosing a visitor's language in settings: home speaks it at once, the page loads the font
its characters need, and the choice is still there when the app starts again."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest
from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext
from hue_s.app.modules import discover
from hue_s.app.state.store import Store
from hue_s.app.theme import CJK_FONTS, PICKER_FONTS, apply_device_settings
from hue_s.app.views.home import build_home
from hue_s.app.views.settings.home import build_settings
from hue_s.modules.tourism.app.language import language_chosen, language_picker

MODULES = ("hue_s.modules.incidents.app", "hue_s.modules.alerts.app")
HOME_WORDS = {
    "vi": ("Xin chào! Huế có thể giúp gì cho bạn hôm nay?", "Thời tiết và thiên tai"),
    "zh": ("您好！顺化今天能为您做些什么？", "天气与灾害"),
    "ko": ("안녕하세요! 오늘 후에가 무엇을 도와드릴까요?", "날씨와 재난"),
    "ja": ("こんにちは！今日はフエが何をお手伝いしましょうか？", "天気と災害"),
    "fr": ("Bonjour ! Que peut faire Huế pour vous aujourd’hui ?", "Météo et catastrophes"),
}


def walk(control: Any) -> Iterator[Any]:
    """Yield a control and every control inside it."""
    yield control
    for name in ("controls", "content"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.BaseControl):
                yield from walk(child)


def texts(control: Any) -> list[str]:
    """Return every text shown inside `control`."""
    return [c.value for c in walk(control) if isinstance(c, ft.Text) and c.value]


def config_for(store: Store) -> AppConfig:
    """A phone's configuration: Vietnamese by default."""
    return AppConfig(kiosk=False, data_dir=store.path.parent)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """The device's state, kept between the two starts of a test."""
    with Store(tmp_path / "state.sqlite3") as opened:
        yield opened


async def start(store: Store, api: HueClient) -> AppContext:
    """Start a session of the same phone, as the app does after a reload or restart."""
    registry = discover(builtins=MODULES)
    return session_context(store, api, config=config_for(store), registry=registry, device_id="p1")


async def choose_language(ctx: AppContext, language: str) -> None:
    """Tap a language on the settings screen."""
    group = next(c for c in walk(build_settings(ctx)) if c.key == "settings-language")
    await group.on_change(SimpleNamespace(control=SimpleNamespace(value=language)))


@pytest.mark.parametrize("language", ["zh", "ko", "ja", "fr"])
async def test_choosing_a_language_in_settings_changes_home(store: Store, language: str) -> None:
    async with HueClient("http://hue-s.invalid") as api:
        ctx = await start(store, api)
        greeting, weather_tile = HOME_WORDS["vi"]
        assert {greeting, weather_tile} <= set(texts(await build_home(ctx)))

        await choose_language(ctx, language)
        greeting, weather_tile = HOME_WORDS[language]
        shown = texts(await build_home(ctx))
        assert {greeting, weather_tile} <= set(shown), shown
        assert HOME_WORDS["vi"][0] not in shown
        assert ctx.api.language == language
        fonts = ctx.page.fonts or {}
        if language in CJK_FONTS:
            assert CJK_FONTS[language][0] in fonts
        assert ctx.page.locale_configuration.current_locale.language_code == language

        again = await start(store, api)  # a reload or a restart of the same device
        assert again.settings.language == language
        assert {greeting, weather_tile} <= set(texts(await build_home(again)))


async def test_the_tourism_picker_follows_the_apps_language(store: Store) -> None:
    async with HueClient("http://hue-s.invalid") as api:
        ctx = await start(store, api)
        assert not language_chosen(ctx)  # a first open in the default language: it asks

        await choose_language(ctx, "ja")
        assert language_chosen(ctx)  # chosen in the app's settings: it does not ask again
        buttons = [c for c in walk(language_picker(ctx)) if isinstance(c, ft.OutlinedButton)]
        chosen = [c for c in walk(language_picker(ctx)) if isinstance(c, ft.FilledButton)]
        assert [c.key for c in chosen] == ["tourism-language-ja"]
        assert len(buttons) == 5


async def test_a_vietnamese_home_loads_no_font_and_the_language_lists_load_theirs(
    store: Store,
) -> None:
    """Each font the client loads redraws the screen's text: the first home loads none (issue
    #19); the screens that name the languages in their own script load the picker's fonts."""
    async with HueClient("http://hue-s.invalid") as api:
        ctx = await start(store, api)
        apply_device_settings(ctx.page, ctx.settings)
        await build_home(ctx)
        assert not ctx.page.fonts
        build_settings(ctx)
        assert set(PICKER_FONTS) <= set(ctx.page.fonts)

        ctx.page.fonts = None
        language_picker(ctx)
        assert set(PICKER_FONTS) <= set(ctx.page.fonts)
