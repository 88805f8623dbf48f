"""One school: its levels, grades, ward and address; call, directions, website, map."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.kit.places_view import place_page
from hue_s.modules.education.app.resource import EducationResource
from hue_s.modules.education.app.words import LEVEL_NAMES, PINS

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


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
    shown: list[ft.Control] = [ft.Text(" · ".join(facts), key="education-levels-of")]
    if where:
        shown.append(ft.Text(", ".join(where)))
    return place_page(ctx, school, "education", "school", PINS, shown)
