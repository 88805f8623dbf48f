"""/alerts/places: the places this device follows and the least severe warning it wants."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError, NotFoundError
from hue_s.app.views.errors import describe_error
from hue_s.kit.location import LocationProblem, current_fix
from hue_s.modules.alerts.app.places import Place, PlaceKind
from hue_s.modules.alerts.app.session import AlertsSession, alerts_session
from hue_s.modules.alerts.app.severity import THRESHOLD_NAMES
from hue_s.modules.alerts.app.views.ward_picker import WardPicker
from hue_s.modules.alerts.app.widgets import heading

if TYPE_CHECKING:
    from hue_s.app.api.models.wards import Ward
    from hue_s.app.context import AppContext


Removed = Callable[[Place], None]


def place_row(
    ctx: AppContext, session: AlertsSession, place: Place, removed: Removed
) -> ft.Control:
    """Return one followed place with a button to stop following it."""
    _ = ctx._
    icon = ft.Icons.MY_LOCATION if place.kind == "current_location" else ft.Icons.PLACE

    def remove(event: ft.Event[ft.IconButton]) -> None:
        session.change_subscriptions(session.subscriptions.without(place.key))
        removed(place)

    return ft.Row(
        [
            ft.Icon(icon),
            ft.Text(place.name, expand=True),
            ft.IconButton(
                key=f"remove-place-{place.key}",
                icon=ft.Icons.DELETE_OUTLINE,
                tooltip=_("Stop following {place}").format(place=place.name),
                on_click=remove,
            ),
        ],
        key=f"place-{place.key}",
    )


def fill_places(
    ctx: AppContext, session: AlertsSession, column: ft.Column, removed: Removed
) -> None:
    """Fill `column` with the followed places (or say that the whole city is followed)."""
    _ = ctx._
    places = session.subscriptions.places
    if not places:
        column.controls = [
            ft.Text(
                _("No place chosen: you get the warnings of the whole city."),
                key="places-whole-city",
            )
        ]
        return
    column.controls = [place_row(ctx, session, place, removed) for place in places]


async def build_places(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the subscriptions screen."""
    _ = ctx._
    session = alerts_session(ctx)
    places = ft.Column(spacing=4, key="places-list")
    message = ft.Text("", key="places-message")
    progress = ft.ProgressRing(width=20, height=20, visible=False)
    try:
        wards: list[Ward] = await session.wards()
    except HueAPIError as error:
        wards = []
        message.value = describe_error(ctx, error)

    def redraw() -> None:
        for part in (places, progress, message, picker.chips, place_name):
            part.update()

    def follow(place: Place) -> None:
        session.change_subscriptions(session.subscriptions.with_place(place))
        fill_places(ctx, session, places, removed)

    def removed(place: Place) -> None:
        fill_places(ctx, session, places, removed)
        picker.set_selected({p.ward_code for p in session.subscriptions.places
                             if p.kind == "ward" and p.ward_code})  # fmt: skip
        message.value = _("You no longer follow {place}.").format(place=place.name)
        redraw()

    def ward_toggled(code: str, chosen: bool) -> None:
        ward = next(w for w in wards if w.code == code)
        name = ward.full_name or ward.name
        if chosen:
            follow(Place(kind="ward", name=name, ward_code=code))
            message.value = _("You now follow {place}.").format(place=name)
        else:
            session.change_subscriptions(session.subscriptions.without(f"ward:{code}"))
            fill_places(ctx, session, places, removed)
            message.value = _("You no longer follow {place}.").format(place=name)
        redraw()

    followed = {p.ward_code for p in session.subscriptions.places if p.kind == "ward"}
    picker = WardPicker(ctx, wards, {c for c in followed if c}, ward_toggled, key="places-wards")
    fill_places(ctx, session, places, removed)

    place_name = ft.TextField(
        key="places-name", label=_("Name of this place, e.g. Home"), max_length=60, dense=True
    )

    async def add_here(event: ft.Event[ft.Button]) -> None:
        await locate_and_follow(saved_as=None)

    async def save_here(event: ft.Event[ft.Button]) -> None:
        name = (place_name.value or "").strip()
        if not name:
            message.value = _("Give the place a name first, e.g. Home.")
            redraw()
            return
        await locate_and_follow(saved_as=name)

    async def locate_and_follow(saved_as: str | None) -> None:
        """Follow where the device is: as 'my current location', or saved under a name."""
        progress.visible, message.value = True, _("Finding your location…")
        progress.update()
        message.update()
        fix = await current_fix()
        progress.visible = False
        if fix.lat is None or fix.lon is None:
            refused = fix.problem == LocationProblem.REFUSED
            message.value = (
                _("Location was refused. Allow it in your browser or device settings.")
                if refused
                else _("Your location cannot be found right now.")
            )
        else:
            ward_code, name, outside = None, _("My current location"), False
            try:
                ward = await ctx.api.wards.locate(lat=fix.lat, lon=fix.lon)
                ward_code = ward.code
                name = _("My current location ({ward})").format(ward=ward.full_name or ward.name)
            except NotFoundError:
                outside = True
            except HueAPIError:
                pass
            if saved_as is not None:
                name = saved_as
                place_name.value = ""
            kind: PlaceKind = "current_location" if saved_as is None else "point"
            follow(Place(kind=kind, name=name, ward_code=ward_code, lat=fix.lat, lon=fix.lon))
            message.value = (
                _("You are outside Huế; warnings for this point still reach you.")
                if outside
                else _("You now follow {place}.").format(place=name)
            )
        redraw()

    def set_threshold(event: ft.Event[ft.RadioGroup]) -> None:
        value = event.control.value or "Minor"
        session.change_subscriptions(session.subscriptions.model_copy(update={"threshold": value}))

    threshold = ft.RadioGroup(
        key="alerts-threshold",
        value=session.subscriptions.threshold,
        on_change=set_threshold,
        content=ft.Column(
            [
                ft.Radio(value=value, label=_(label), key=f"threshold-{value}")
                for value, label in THRESHOLD_NAMES.items()
            ],
            spacing=0,
        ),
    )
    root = ft.Column(
        key="alerts-places",
        spacing=12,
        controls=[
            heading(_("Places I follow")),
            places,
            ft.FilledTonalButton(
                key="places-add-here",
                content=_("Follow my current location"),
                icon=ft.Icons.MY_LOCATION,
                tooltip=_("Use this device's location"),
                on_click=add_here,
            ),
            ft.Row(
                [
                    place_name,
                    ft.FilledTonalButton(
                        key="places-save-here",
                        content=_("Save where I am now"),
                        icon=ft.Icons.ADD_LOCATION_ALT,
                        tooltip=_("Follow this place even when you are elsewhere"),
                        on_click=save_here,
                    ),
                ],
                wrap=True,
            ),
            ft.Row([progress, message], wrap=True),
            heading(_("Which warnings reach me")),
            threshold,
            heading(_("Follow wards and communes")),
            picker.control,
            ft.Text(
                _("Your choices stay on this device."),
                theme_style=ft.TextThemeStyle.BODY_SMALL,
                italic=True,
            ),
        ],
    )
    return root
