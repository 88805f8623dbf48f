"""Staff publish an announcement for the whole city or one ward."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft
from pydantic import ValidationError

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.a11y import named_dropdown
from hue_s.app.views.errors import show_error
from hue_s.app.views.not_found import build_sign_in_required
from hue_s.modules.news.app.resource import NewsResource
from hue_s.modules.news.app.words import CATEGORY_NAMES, PUBLISHER_ROLES
from hue_s.modules.news.wire import CATEGORIES, MAX_BODY, MAX_TITLE, NewsDraft

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

PUBLISH_PATH = "/news/publish"


async def build_publish(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the form (a sign-in request for anyone but operators, admins and officers)."""
    _ = ctx._
    if ctx.session.role not in PUBLISHER_ROLES:
        manifest = next(m for m in ctx.registry.manifests if m.id == "news")
        return build_sign_in_required(ctx, manifest, PUBLISH_PATH)
    try:
        wards = await ctx.api.wards.list()
    except HueAPIError:
        wards = []
    title = ft.TextField(key="news-form-title", label=_("Title"), max_length=MAX_TITLE)
    body = ft.TextField(
        key="news-form-body", label=_("Announcement"), multiline=True, min_lines=4,
        max_length=MAX_BODY,
    )  # fmt: skip
    category = ft.Dropdown(
        key="news-form-category", label=_("Category"), value="announcement",
        options=[ft.DropdownOption(key=c, text=_(CATEGORY_NAMES[c])) for c in CATEGORIES],
    )  # fmt: skip
    ward = ft.Dropdown(
        key="news-form-ward", label=_("Who it is for"), value="",
        options=[ft.DropdownOption(key="", text=_("Whole city"))]
        + [ft.DropdownOption(key=w.code, text=w.full_name or w.name) for w in wards],
    )  # fmt: skip
    problem = ft.Text("", color=ft.Colors.ERROR, key="news-form-problem")
    officer = ctx.session.role == "officer"
    ward_choice: ft.Control = (
        ft.Text(_("For your ward's people"), key="news-form-own-ward")
        if officer
        else named_dropdown(ward, _("Whole city"))
    )

    async def send(event: ft.Event[ft.Button]) -> None:
        try:
            draft = NewsDraft(
                title=(title.value or "").strip(), body=(body.value or "").strip(),
                category=category.value or "announcement",  # type: ignore[arg-type]
                ward_code=None if officer else ward.value or None,
            )  # fmt: skip
        except ValidationError:
            problem.value = _("Write a title (3 characters or more) and the announcement.")
            problem.update()
            return
        try:
            item = await ctx.api.resource(NewsResource).publish(draft=draft)
        except HueAPIError as error:
            show_error(ctx, error)
            return
        await ctx.page.push_route(f"/news/{item.id}")

    return ft.Column(
        [
            ft.Text(_("Publish an announcement"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
            title,
            body,
            named_dropdown(category, _("Announcements")),
            ward_choice,
            problem,
            ft.FilledButton(_("Publish"), icon=ft.Icons.SEND, on_click=send, key="news-send"),
        ],
        spacing=12,
        key="news-publish-form",
    )
