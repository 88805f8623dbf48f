"""One school: its levels, grades, ward and address; call, directions, website, map."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.device.dial import dial
from hue_s.app.views.errors import describe_error
from hue_s.modules.education.app.parts import attribution, places_map
from hue_s.modules.education.app.resource import EducationResource
from hue_s.modules.education.app.words import LEVEL_NAMES
from hue_s.modules.education.wire import directions_url

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def link_button(label: str, icon: ft.IconData, url: str, key: str) -> ft.OutlinedButton:
    """Return a button that opens a web link."""

    async def launch(event: ft.Event[ft.OutlinedButton]) -> None:
        await ft.UrlLauncher().launch_url(url)

    return ft.OutlinedButton(label, icon=icon, on_click=launch, key=key)


async def build_school(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build one school's screen."""
    _ = ctx._
    try:
        school = await ctx.api.resource(EducationResource).get(school_id=params["id"])
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="education-error")
    facts = [", ".join(_(LEVEL_NAMES[level]) for level in school.levels)]
    if school.grades:
        facts.append(_("Grades {grades}").format(grades=school.grades))
    where = [part for part in (school.address, school.ward_name) if part]
    buttons: list[ft.Control] = []
    if school.phone:
        phone = school.phone

        async def call(event: ft.Event[ft.Button]) -> None:
            await dial(phone)

        buttons.append(
            ft.FilledButton(_("Call {phone}").format(phone=phone), icon=ft.Icons.PHONE,
                            on_click=call, key="education-call")
        )  # fmt: skip
    buttons.append(
        link_button(_("Directions"), ft.Icons.DIRECTIONS,
                    directions_url(school.lat, school.lon), "education-directions")
    )  # fmt: skip
    if school.website:
        buttons.append(
            link_button(_("Website"), ft.Icons.LANGUAGE, school.website, "education-web")
        )
    buttons.append(
        link_button(_("On OpenStreetMap"), ft.Icons.MAP, school.osm_url, "education-osm")
    )
    parts: list[ft.Control] = [
        ft.Text(school.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="education-name"),
        ft.Text(" · ".join(facts), key="education-levels-of"),
    ]
    if where:
        parts.append(ft.Text(", ".join(where)))
    if school.operator:
        parts.append(ft.Text(_("Run by: {operator}").format(operator=school.operator)))
    parts += [
        ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
        places_map(ctx, [school], lambda _school_id: None, "education-school-map"),
        attribution(ctx),
    ]
    return ft.Column(parts, spacing=12, key="education-detail")
