"""One health place: open now (never guessed), its hours as tagged, call, directions, 115."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.device.dial import dial
from hue_s.app.views.errors import describe_error
from hue_s.modules.health.app.parts import attribution, emergency_banner, places_map
from hue_s.modules.health.app.resource import HealthResource
from hue_s.modules.health.app.words import KIND_NAMES, OFFER_NAMES, open_words
from hue_s.modules.health.wire import directions_url

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def link_button(label: str, icon: ft.IconData, url: str, key: str) -> ft.OutlinedButton:
    """Return a button that opens a link (a web page, a tel: number)."""

    async def launch(event: ft.Event[ft.OutlinedButton]) -> None:
        await ft.UrlLauncher().launch_url(url)

    return ft.OutlinedButton(label, icon=icon, on_click=launch, key=key)


async def build_health_place(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build one place's screen."""
    _ = ctx._
    try:
        place = await ctx.api.resource(HealthResource).get(place_id=params["id"])
    except HueAPIError as error:
        return ft.Column([emergency_banner(ctx), ft.Text(describe_error(ctx, error))])
    state = _(open_words(place.open_now))
    colour = (
        None
        if place.open_now is None
        else (ft.Colors.GREEN_800 if place.open_now else ft.Colors.ERROR)
    )
    hours = (
        _("Opening hours (as tagged on OpenStreetMap): {hours}").format(hours=place.opening_hours)
        if place.opening_hours
        else _("No opening hours are known for this place.")
    )
    facts = [_(KIND_NAMES[place.kind])]
    if place.address:
        facts.append(place.address)
    if place.ward_name:
        facts.append(place.ward_name)
    offers = [_(OFFER_NAMES.get(offer, offer)) for offer in place.offers]
    if place.emergency and "emergency" not in place.offers:
        offers.insert(0, _(OFFER_NAMES["emergency"]))
    buttons: list[ft.Control] = []
    if place.phone:
        phone = place.phone

        async def call(event: ft.Event[ft.Button]) -> None:
            await dial(phone)

        buttons.append(
            ft.FilledButton(_("Call {phone}").format(phone=phone), icon=ft.Icons.PHONE,
                            on_click=call, key="health-call")
        )  # fmt: skip
    buttons.append(
        link_button(_("Directions"), ft.Icons.DIRECTIONS,
                    directions_url(place.lat, place.lon), "health-directions")
    )  # fmt: skip
    if place.website:
        buttons.append(link_button(_("Website"), ft.Icons.LANGUAGE, place.website, "health-web"))
    buttons.append(
        link_button(_("On OpenStreetMap"), ft.Icons.MAP, place.osm_url, "health-osm")
    )  # fmt: skip
    parts: list[ft.Control] = [
        ft.Text(place.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="health-name"),
        ft.Text(" · ".join(facts)),
        ft.Text(state, weight=ft.FontWeight.BOLD, color=colour, key="health-open-state"),
        ft.Text(hours, key="health-hours"),
    ]
    if offers:
        parts.append(ft.Text(_("Offers: {offers}").format(offers=", ".join(offers))))
    if place.operator:
        parts.append(ft.Text(_("Run by: {operator}").format(operator=place.operator)))
    parts += [
        ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
        emergency_banner(ctx),
        places_map(ctx, [place], lambda _place_id: None, "health-place-map"),
        attribution(ctx),
    ]
    return ft.Column(parts, spacing=12, key="health-detail")
