"""Where the problem is: the device's GPS, a pin on the map, a photo's place, or words."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import flet as ft
import flet_map as fm

from hue_s.app.api.models.wards import Ward
from hue_s.app.context import AppContext
from hue_s.app.views.map_hold import held_map
from hue_s.kit.location import LocationProblem, current_fix
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft, PointSource
from hue_s.modules.incidents.app.views.choice import Choice, ChoiceButton
from hue_s.modules.incidents.app.views.map import STREET_ZOOM, Pin, marker, osm_map

logger = logging.getLogger(__name__)


async def device_position() -> tuple[GeoPoint | None, bool]:
    """Return where the device is (GPS, or the browser's location), or None, and whether the
    person refused to tell (kit.location, the one reader of the device's position)."""
    fix = await current_fix()
    if fix.lat is None or fix.lon is None:
        return None, fix.problem is LocationProblem.REFUSED
    return GeoPoint(lat=fix.lat, lon=fix.lon), False


def place_text(ctx: AppContext, draft: IncidentDraft) -> str:
    """Say, in the session's language, where the report is placed now."""
    _ = ctx._
    if draft.point is not None:
        how = {
            "gps": _("from your location"),
            "map": _("from the pin on the map"),
            "photo": _("from the photo"),
        }.get(draft.point_source or "map", "")
        return _("Place: {lat}, {lon} ({how})").format(
            lat=f"{draft.point.lat:.5f}", lon=f"{draft.point.lon:.5f}", how=how
        )
    if draft.ward_code and draft.address_string():
        return _("Place: {address}, {ward}").format(
            address=draft.address_string(), ward=draft.ward_name or draft.ward_code
        )
    return _("No place yet.")


class LocationPicker:
    """The place of a report; calls `on_change(**fields)` with the draft fields it changed."""

    def __init__(
        self,
        ctx: AppContext,
        draft: IncidentDraft,
        wards: list[Ward],
        on_change: Callable[..., IncidentDraft],
    ) -> None:
        """Build the controls from the draft."""
        self.ctx = ctx
        self.draft = draft
        self._on_change = on_change
        self._wards = {ward.code: ward for ward in wards}
        _ = ctx._
        self.place = ft.Text(key="incident-place", weight=ft.FontWeight.W_500)
        self.error_text = ft.Text(key="incident-place-error", color=ft.Colors.ERROR, visible=False)
        self.busy = ft.ProgressRing(width=20, height=20, visible=False)
        self.gps_button = ft.FilledTonalButton(
            key="incident-use-gps",
            content=_("Use my location"),
            icon=ft.Icons.MY_LOCATION,
            tooltip=_("Place the report where you are now"),
            on_click=self._use_gps,
        )
        self.photo_button = ft.TextButton(
            key="incident-use-photo-place",
            content=_("Use the place where the photo was taken"),
            icon=ft.Icons.PHOTO_CAMERA,
            on_click=self._use_photo_place,
        )
        self.map, self.pins = osm_map(
            key="incident-map",
            label=_("Map: tap where the problem is"),
            pins=self._pins(),
            centre=draft.point,
            on_tap=self._tapped,
            attribution=_("OpenStreetMap contributors"),
        )
        self.describe = ft.Switch(
            key="incident-describe-place",
            label=_("No map? Describe the place instead"),
            value=draft.point is None and bool(draft.ward_code),
            on_change=self._toggle_words,
        )
        self.ward = ChoiceButton(
            ctx,
            key="incident-ward",
            prompt=_("Ward or commune"),
            choices=[Choice(ward.code, ward.full_name or ward.name) for ward in wards],
            value=draft.ward_code or None,
            on_change=lambda _choice: self._words_changed(None),
            icon=ft.Icons.LOCATION_CITY,
        )
        self.street = ft.TextField(
            key="incident-street",
            label=_("Street and house number"),
            value=draft.street,
            max_length=200,
            on_change=self._words_changed,
        )
        self.landmark = ft.TextField(
            key="incident-landmark",
            label=_("Landmark nearby (a shop, a school, a bridge)"),
            value=draft.landmark,
            max_length=200,
            on_change=self._words_changed,
        )
        self.words = ft.Column([self.ward.control, self.street, self.landmark], spacing=8)
        self.map_box = ft.Container(
            content=held_map(  # a role, not a bare tap area
                self.map, ft.Semantics(button=True, content=self.map), _
            ),
            border_radius=8,
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
        )
        self.control = ft.Column(
            spacing=8,
            controls=[
                ft.Text(_("Where is it?"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                self.place,
                ft.Row([self.gps_button, self.busy], wrap=True),
                self.photo_button,
                self.error_text,
                self.map_box,
                self.describe,
                self.words,
            ],
        )
        self._render()

    def _pins(self) -> list[Pin]:
        """Return the report's pin, if it has a point."""
        if self.draft.point is None:
            return []
        return [Pin(self.draft.point, self.ctx._("The problem is here"))]

    def _render(self) -> None:
        """Update texts and visibility from the draft."""
        self.place.value = place_text(self.ctx, self.draft)
        self.photo_button.visible = (
            self.draft.photo_place() is not None and self.draft.point_source != "photo"
        )
        words = bool(self.describe.value)
        self.words.visible = words
        self.map_box.visible = not words
        self.pins.markers = [marker(pin) for pin in self._pins()]

    def refresh(self, draft: IncidentDraft) -> None:
        """Show a draft changed elsewhere (new photos may bring a place to suggest)."""
        self.draft = draft
        self._render()

    def _set_point(self, point: GeoPoint, source: PointSource) -> None:
        """Put the report at a point."""
        self.draft = self._on_change(point=point, point_source=source)
        self.describe.value = False
        self._show_error(None)
        self._render()

    def _show_error(self, message: str | None) -> None:
        """Show (or hide) the error line."""
        self.error_text.value = message or ""
        self.error_text.visible = bool(message)

    def _tapped(self, point: GeoPoint) -> None:
        """Put the pin where the map was tapped."""
        self._set_point(point, "map")
        self.control.update()

    async def _use_photo_place(self, event: ft.Event[ft.TextButton]) -> None:
        """Put the report where the photo's EXIF said it was taken."""
        place = self.draft.photo_place()
        if place is not None:
            self._set_point(place, "photo")
            self.control.update()
            await self._centre(place)

    async def _use_gps(self, event: ft.Event[ft.Button]) -> None:
        """Ask the device where it is (with a spinner), and put the report there."""
        _ = self.ctx._
        self.busy.visible, self.gps_button.disabled = True, True
        self._show_error(None)
        self.control.update()
        try:
            point, refused = await device_position()
        finally:
            self.busy.visible, self.gps_button.disabled = False, False
        if refused:
            self._show_error(
                _(
                    "Hue-S may not use your location. Allow it in the browser or phone "
                    "settings, or tap the map."
                )
            )
        elif point is None:
            self._show_error(
                _("Your location is not available. Allow location access, or tap the map.")
            )
        else:
            self._set_point(point, "gps")
        self.control.update()
        if point is not None:
            await self._centre(point)

    async def _centre(self, point: GeoPoint) -> None:
        """Move the map to a point (best effort: the map may not be on screen)."""
        try:
            await self.map.center_on(fm.MapLatitudeLongitude(point.lat, point.lon), STREET_ZOOM)
        except Exception as error:
            logger.debug("could not move the map: %s", error)

    def _toggle_words(self, event: ft.Event[ft.Switch]) -> None:
        """Switch between the map and describing the place in words."""
        if self.describe.value:
            self.draft = self._on_change(point=None, point_source=None)
        self._render()
        self.control.update()

    def _words_changed(self, event: ft.Event[Any] | None) -> None:
        """Keep the ward, street and landmark in the draft."""
        code = self.ward.value or ""
        ward = self._wards.get(code)
        self.draft = self._on_change(
            ward_code=code,
            ward_name=(ward.full_name or ward.name) if ward else "",
            street=self.street.value or "",
            landmark=self.landmark.value or "",
        )
        self.place.value = place_text(self.ctx, self.draft)
        self.place.update()
