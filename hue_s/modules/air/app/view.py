"""The air screen: VN_AQI now with its band and advice, its time, and the next 48 hours."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.app.views.a11y import named_dropdown, relabel
from hue_s.app.views.errors import describe_error
from hue_s.modules.air.app.chart import hours_chart
from hue_s.modules.air.app.places import SavedPlaces
from hue_s.modules.air.app.resource import AirResource
from hue_s.modules.air.app.state import AirDevice, Shown, load
from hue_s.modules.air.app.view_place import PlaceActions, choices, no_position, resolve
from hue_s.modules.air.app.words import DARK_TEXT, EVERYONE, NAMES, POLLUTANTS, SENSITIVE
from hue_s.modules.air.vn_aqi import band_of

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

TITLE_STYLE = ft.TextThemeStyle.TITLE_MEDIUM


def _now_panel(ctx: AppContext, shown: Shown) -> ft.Control:
    """Return the big index with its band's colour and name, and when it was read."""
    _ = ctx._
    report = shown.report
    when = ctx.i18n.datetime(report.reading_at, "short")
    index = report.current.vn_aqi
    if index is None:
        return ft.Text(_("No air-quality reading for this hour."), key="air-none")
    band = band_of(index)
    # An old reading keeps its band in a frame only: filled with the band, it would look current.
    ink = ft.Colors.BLACK if band.key in DARK_TEXT else ft.Colors.WHITE
    ink = ft.Colors.ON_SURFACE_VARIANT if shown.old else ink
    lines: list[ft.Control] = [
        ft.Text(str(index), theme_style=ft.TextThemeStyle.DISPLAY_MEDIUM, color=ink),
        ft.Text(f"VN_AQI · {_(NAMES[band.key])}", theme_style=TITLE_STYLE, color=ink),
    ]
    if shown.old:
        lines.insert(0, ft.Text(_("Old reading"), theme_style=TITLE_STYLE, color=ink))
    if report.current.pollutant:
        main = _("Mostly {pollutant}").format(pollutant=_(POLLUTANTS[report.current.pollutant]))
        lines.append(ft.Text(main, color=ink))
    panel = ft.Container(
        ft.Column(lines, spacing=4),
        key="air-now-old" if shown.old else "air-now",
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST if shown.old else band.colour,
        border=ft.Border.all(6, band.colour) if shown.old else None,
        border_radius=12,
        padding=16,
    )
    if shown.old:
        note = _("Reading of {time}; it may be old, not the air now.").format(time=when)
    else:
        note = _("Reading of {time}").format(time=when)
    parts: list[ft.Control] = [panel, ft.Text(note, key="air-when")]
    if shown.offline:
        saved = ctx.i18n.datetime(report.fetched_at, "short")
        offline = _("Offline: showing what was saved at {time}.").format(time=saved)
        parts.append(ft.Text(offline, key="air-offline", color=ft.Colors.ERROR))
    if report.today is not None:
        today = _("Today so far: VN_AQI {index}, {band}").format(
            index=report.today, band=_(NAMES[band_of(report.today).key])
        )
        parts.append(ft.Text(today))
    return ft.Column(parts, spacing=8)


def _advice(ctx: AppContext, key: str) -> ft.Control:
    """Return the band's advice for everyone and for sensitive groups."""
    _ = ctx._
    return ft.Column(
        [
            ft.Text(_("What to do"), theme_style=TITLE_STYLE),
            ft.Text(_("Everyone: {advice}").format(advice=_(EVERYONE[key])), key="air-advice"),
            ft.Text(
                _("Children, older people, pregnant women, heart or lung disease: {advice}").format(
                    advice=_(SENSITIVE[key])
                ),
                key="air-advice-sensitive",
            ),
        ],
        spacing=6,
    )


async def build_air(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the air screen for the device's choice: central Huế, a ward, its position, a place."""
    _ = ctx._
    device = AirDevice(ctx.store, ctx.device_id)
    places = SavedPlaces(ctx.store, ctx.device_id)
    body = ft.Column(spacing=16, key="air-body")
    try:
        wards = {w.code: w.full_name or w.name for w in await ctx.api.wards.list()}
    except HueAPIError:
        wards = {}
    picker = ft.Dropdown(key="air-ward", label=_("Place or ward"))
    picker.options = choices(ctx, places, wards)
    picker.value = device.choice() if any(o.key == device.choice() for o in picker.options) else ""
    wrapper = named_dropdown(picker, _("Central Huế"))

    async def fill() -> None:
        choice = picker.value or ""
        where, name = await resolve(ctx, choice, places, wards)
        actions.show(choice, where)
        if where is None:
            body.controls = [no_position(ctx), actions.control]
            return
        try:
            shown = await load(ctx.api.resource(AirResource), device, where=where)
        except HueAPIError as error:
            body.controls = [ft.Text(_problem(ctx, error), key="air-error"), actions.control]
            return
        parts = [ft.Text(name, key="air-place", theme_style=TITLE_STYLE), _now_panel(ctx, shown)]
        if shown.report.current.band:
            parts.append(_advice(ctx, shown.report.current.band))
        if shown.report.hours:
            parts += [
                ft.Text(_("Next {count} hours").format(count=len(shown.report.hours)),
                        theme_style=TITLE_STYLE),
                hours_chart(ctx, shown.report.hours),
            ]  # fmt: skip
        parts.append(actions.control)
        parts.append(
            ft.Text(
                _("VN_AQI by Decision 1459/QĐ-TCMT, from Open-Meteo's air-quality forecast."),
                theme_style=ft.TextThemeStyle.BODY_SMALL,
            )
        )
        body.controls = parts

    async def show(choice: str) -> None:
        picker.options = choices(ctx, places, wards)
        picker.value = choice
        relabel(wrapper, _("Central Huế"))
        device.choose_ward(choice or None)
        await fill()
        picker.update()
        body.update()

    actions = PlaceActions(ctx, places, show)

    async def choose(event: ft.Event[ft.Dropdown]) -> None:
        await show(picker.value or "")

    picker.on_select = choose
    await fill()
    return ft.Column(
        [ft.Text(_("Air quality"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL), wrapper, body],
        spacing=16,
        key="air-screen",
    )


def _problem(ctx: AppContext, error: HueAPIError) -> str:
    """Say why there is no reading: outside the city in words, else the usual message."""
    if isinstance(error, APIStatusError) and error.code == "outside_service_area":
        return ctx._("This place is outside Huế: air quality is shown for the city only.")
    return describe_error(ctx, error)
