"""One health place: open now (never guessed), its hours as tagged, call, directions, 115."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.kit.places_view import place_page
from hue_s.modules.health.app.parts import PINS, emergency_banner
from hue_s.modules.health.app.resource import HealthResource
from hue_s.modules.health.app.words import KIND_NAMES, OFFER_NAMES, open_words

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


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
    shown: list[ft.Control] = [
        ft.Text(" · ".join(facts)),
        ft.Text(state, weight=ft.FontWeight.BOLD, color=colour, key="health-open-state"),
        ft.Text(hours, key="health-hours"),
    ]
    if offers:
        shown.append(ft.Text(_("Offers: {offers}").format(offers=", ".join(offers))))
    return place_page(ctx, place, "health", "place", PINS, shown, [emergency_banner(ctx)])
