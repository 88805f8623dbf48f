"""Public reports near a place: a list by distance and a map with a pin for each."""

from __future__ import annotations

import logging
import math

import flet as ft
import flet_map as fm

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.draft import HUE_CENTRE, GeoPoint
from hue_s.modules.incidents.app.form.location import device_position
from hue_s.modules.incidents.app.labels import status_chip
from hue_s.modules.incidents.app.models import ServiceRequest
from hue_s.modules.incidents.app.session import incidents_session
from hue_s.modules.incidents.app.views.layout import readable
from hue_s.modules.incidents.app.views.map import CITY_ZOOM, STREET_ZOOM, Pin, marker, osm_map

logger = logging.getLogger(__name__)

SHOWN = 30
FETCHED = 100
EARTH_RADIUS_M = 6_371_008.8


def distance_m(a: GeoPoint, b: GeoPoint) -> float:
    """Return the great-circle distance between two points in metres."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    d_phi, d_lambda = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def located(requests: list[ServiceRequest], centre: GeoPoint) -> list[tuple[float, ServiceRequest]]:
    """Return the reports that have a point, nearest first, with their distance."""
    found = [
        (distance_m(centre, GeoPoint(lat=r.lat, lon=r.long)), r)
        for r in requests
        if r.lat is not None and r.long is not None
    ]
    return sorted(found, key=lambda pair: pair[0])


async def centre_map(map_control: fm.Map, point: GeoPoint) -> None:
    """Move a map to a point (best effort: the map may have left the screen)."""
    try:
        await map_control.center_on(fm.MapLatitudeLongitude(point.lat, point.lon), STREET_ZOOM - 1)
    except Exception as error:
        logger.debug("could not move the map: %s", error)


def distance_text(ctx: AppContext, metres: float) -> str:
    """Return a distance as people say it."""
    if metres < 1000:
        return ctx._("{distance} m").format(distance=round(metres))
    return ctx._("{distance} km").format(distance=ctx.i18n.number(round(metres / 1000, 1)))


async def build_nearby(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the open public reports around the city centre, or around the device."""
    _ = ctx._
    session = incidents_session(ctx)
    try:
        pager = session.api.requests(status="open", page_size=FETCHED)
        requests = [request async for request in pager.pages()][:1]
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="nearby-error")
    reports = requests[0].items if requests else []
    rows = ft.Column(spacing=8, key="nearby-list")
    centre_text = ft.Text(_("Around the city centre"), key="nearby-centre")

    def open_report(number: str) -> None:
        """Open a report's public page."""
        ctx.page.run_task(ctx.page.push_route, f"/incidents/{number}")

    map_control, pins = osm_map(
        key="nearby-map",
        label=_("Map of open reports"),
        zoom=CITY_ZOOM,
        height=320,
        attribution=_("OpenStreetMap contributors"),
    )

    def report_pin(request: ServiceRequest) -> Pin:
        """Return the pin of a report, opening it when tapped."""
        number = request.service_request_id
        return Pin(
            GeoPoint(lat=request.lat or 0.0, lon=request.long or 0.0),
            request.service_name or request.service_code,
            on_click=lambda: open_report(number),
        )

    def show(centre: GeoPoint) -> None:
        """List and pin the reports nearest to `centre`."""
        nearest = located(reports, centre)[:SHOWN]
        pins.markers = [marker(report_pin(r)) for _metres, r in nearest]
        rows.controls = [
            ft.Card(
                key=f"nearby-report-{r.service_request_id}",
                content=ft.ListTile(
                    title=ft.Text(r.service_name or r.service_code),
                    subtitle=ft.Text(
                        f"{distance_text(ctx, metres)} · {r.description or ''}",
                        max_lines=2,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    trailing=status_chip(
                        ctx._,
                        (r.extended_attributes.detailed_status if r.extended_attributes else None)
                        or r.status,
                    ),
                    on_click=lambda _event, n=r.service_request_id: open_report(n),
                ),
            )
            for metres, r in nearest
        ] or [ft.Text(_("No open report around here."), key="nearby-empty")]

    async def near_me(event: ft.Event[ft.Button]) -> None:
        """Show the reports around the device."""
        point, refused = await device_position()
        if refused:
            centre_text.value = _("Hue-S may not use your location; showing the city centre.")
        elif point is None:
            centre_text.value = _("Your location is not available; showing the city centre.")
        else:
            centre_text.value = _("Around you")
            show(point)
        ctx.page.update()
        if point is not None:
            await centre_map(map_control, point)

    show(GeoPoint(lat=HUE_CENTRE[0], lon=HUE_CENTRE[1]))
    body = ft.Column(
        spacing=12,
        controls=[
            ft.Row(
                wrap=True,
                controls=[
                    centre_text,
                    ft.FilledTonalButton(
                        key="nearby-near-me",
                        content=_("Near me"),
                        icon=ft.Icons.MY_LOCATION,
                        on_click=near_me,
                    ),
                ],
            ),
            ft.Container(
                content=map_control, border_radius=8, clip_behavior=ft.ClipBehavior.HARD_EDGE
            ),
            rows,
        ],
    )
    return readable(body)
