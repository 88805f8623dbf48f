"""The health screen: 115 first, then places by kind, open now, near me, on a map and a list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.kit.places_list import PlaceFinder
from hue_s.kit.places_view import place_line
from hue_s.modules.health.app.parts import PINS, emergency_banner
from hue_s.modules.health.app.resource import HealthResource
from hue_s.modules.health.app.words import KIND_NAMES, KIND_PLURALS, open_words
from hue_s.modules.health.wire import KINDS, HealthPlace

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def health_line(ctx: AppContext, place: HealthPlace) -> str:
    """Return the line under a place's name: kind, open or not, distance, ward."""
    return place_line(
        ctx, place, [ctx._(KIND_NAMES[place.kind]), ctx._(open_words(place.open_now))]
    )


async def build_health(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the health screen."""
    _ = ctx._
    api = ctx.api.resource(HealthResource)
    chosen: dict[str, Any] = {"kind": None, "open": False}

    async def find(query: str | None, near: tuple[float, float] | None) -> list[HealthPlace]:
        return await api.list(kind=chosen["kind"], query=query, open_now=chosen["open"], near=near)

    finder = PlaceFinder(
        ctx, "health", "place", find, lambda place: health_line(ctx, place),
        _("No place matches these choices."), PINS,
    )  # fmt: skip
    kinds = finder.chips(
        "health-kinds",
        [(None, _("All")), *((kind, _(KIND_PLURALS[kind])) for kind in KINDS)],
        lambda kind: chosen.update(kind=kind),
    )

    async def open_toggled(event: ft.Event[ft.Chip]) -> None:
        chosen["open"] = not chosen["open"]
        open_chip.selected = chosen["open"]
        await finder.refill()

    open_chip = ft.Chip(
        label=_("Open now"), key="health-open-now", selected=False, on_select=open_toggled
    )
    await finder.fill()
    return finder.screen(_("Health"), [kinds], top=[emergency_banner(ctx)], beside_near=[open_chip])
