"""The catalogue screens: search and browse (life events, fields), and a procedure's page."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError, NotFoundError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.kit.screens import readable
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.widgets import (
    CHANNEL_NAMES,
    days_text,
    heading,
    opener,
)
from hue_s.modules.services.wire import Procedure, ProcedureSummary, Topic


def procedure_tile(ctx: AppContext, item: ProcedureSummary) -> ft.Control:
    """Return one procedure in a list: name, field, time, fee, online or not."""
    _ = ctx._
    facts = [item.field_name, days_text(ctx, item.processing_time), item.fee_text]
    if item.online:
        facts.append(_("Online"))
    return ft.Card(
        content=ft.ListTile(
            key=f"procedure-{item.code}",
            title=ft.Text(item.name, weight=ft.FontWeight.W_500),
            subtitle=ft.Text(" · ".join(facts)),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
            on_click=opener(ctx, f"/services/procedures/{item.code}"),
        )
    )


def topic_chips(ctx: AppContext, topics: list[Topic], kind: str) -> ft.Control:
    """Return the life events or fields as buttons that list their procedures."""
    return ft.Row(
        wrap=True,
        spacing=8,
        run_spacing=8,
        controls=[
            ft.OutlinedButton(
                key=f"topic-{kind}-{topic.code}",
                content=f"{topic.name} ({topic.count})",
                on_click=opener(ctx, f"/services/{kind}/{topic.code}"),
            )
            for topic in topics
        ],
    )


async def build_home(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the catalogue's home: a search box, life events, fields, one's dossiers."""
    _ = ctx._
    api = ctx.api.resource(ServicesResource)
    results = ft.Column(spacing=4, key="services-results")
    browse = ft.Column(spacing=16)
    try:
        topics = await api.topics()
    except HueAPIError as error:
        return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])
    browse.controls = [
        heading(_("By life event")),
        topic_chips(ctx, topics.life_events, "event"),
        heading(_("By field")),
        topic_chips(ctx, topics.fields, "field"),
    ]

    async def search() -> None:
        """List the procedures matching the typed words (accents optional)."""
        words = (field.value or "").strip()
        browse.visible = not words
        if not words:
            results.controls = []
        else:
            try:
                found = await api.search(q=words)
            except HueAPIError as error:
                results.controls = [ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)]
            else:
                results.controls = [procedure_tile(ctx, item) for item in found] or [
                    ft.Text(_("No procedure matches these words."))
                ]
        results.update()
        browse.update()

    field = ft.TextField(
        key="services-search",
        label=_("Find a procedure"),
        hint_text=_("For example: khai sinh, tạm trú, hộ kinh doanh"),
        prefix_icon=ft.Icons.SEARCH,
        max_length=100,
        on_change=search,
        on_submit=search,
    )
    links = ft.Row(
        wrap=True,
        spacing=8,
        controls=[
            ft.FilledTonalButton(
                key="services-mine",
                content=_("My dossiers"),
                icon=ft.Icons.FOLDER_SHARED,
                on_click=opener(ctx, "/services/dossiers"),
            ),
            ft.FilledTonalButton(
                key="services-follow",
                content=_("Follow a dossier by its code"),
                icon=ft.Icons.QR_CODE,
                on_click=opener(ctx, "/services/track"),
            ),
        ],
    )
    if ctx.session.role in ("officer", "operator", "admin"):
        links.controls.append(
            ft.FilledButton(
                key="services-inbox",
                content=_("Dossiers to handle"),
                icon=ft.Icons.INBOX,
                on_click=opener(ctx, "/services/inbox"),
            )
        )
    return readable([field, links, results, browse], key="services-home")


async def build_topic(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the procedures of one life event or field."""
    _ = ctx._
    api = ctx.api.resource(ServicesResource)
    kind, code = params.get("kind", ""), params.get("code", "")
    try:
        topics = await api.topics()
        if kind == "event":
            found = await api.search(life_event=code)
            names = {topic.code: topic.name for topic in topics.life_events}
        else:
            found = await api.search(field=code)
            names = {topic.code: topic.name for topic in topics.fields}
    except HueAPIError as error:
        return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])
    title = ft.Text(names.get(code, code), theme_style=ft.TextThemeStyle.HEADLINE_SMALL)
    tiles = [procedure_tile(ctx, item) for item in found]
    return readable([title, *tiles], key="services-topic")


def fee_lines(ctx: AppContext, page: Procedure) -> list[ft.Control]:
    """Return each channel: time and fees."""
    lines: list[ft.Control] = []
    fee = ctx._("Fee")
    for channel in page.channels:
        fees = "; ".join(
            fee.description
            if fee.amount is None or fee.amount == 0
            else f"{ctx.i18n.vnd(fee.amount)} ({fee.description})"
            for fee in channel.fees
        )
        lines.append(
            ft.ListTile(
                title=ft.Text(ctx._(CHANNEL_NAMES[channel.kind]), weight=ft.FontWeight.W_500),
                subtitle=ft.Text(f"{channel.time_note}\n{fee}: {fees}"),
                leading=ft.Icon(ft.Icons.SCHEDULE),
            )
        )
    return lines


def bullet_list(items: list[str]) -> ft.Control:
    """Return texts as a bulleted column."""
    return ft.Column([ft.Text(f"• {item}") for item in items], spacing=4)


async def build_procedure(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return a procedure's page: what to bring, how much, how long, where, and a file button."""
    _ = ctx._
    try:
        page = await ctx.api.resource(ServicesResource).procedure(code=params.get("code", ""))
    except NotFoundError:
        return readable([ft.Text(_("This procedure is not in the catalogue."))])
    except HueAPIError as error:
        return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])
    documents = [
        ft.ListTile(
            leading=ft.Icon(ft.Icons.DESCRIPTION),
            title=ft.Text(doc.name),
            subtitle=ft.Text(
                " · ".join(
                    part
                    for part in (
                        doc.copies,
                        _("required") if doc.required else _("if it applies"),
                        _("Template: {name}").format(name=doc.template) if doc.template else "",
                    )
                    if part
                )
            ),
        )
        for doc in page.documents
    ]
    action: ft.Control = ft.Text(
        _("This procedure is done at the ward office, not online."), key="procedure-offline"
    )
    if page.online:
        action = ft.FilledButton(
            key="procedure-file",
            content=_("File online"),
            icon=ft.Icons.SEND,
            on_click=opener(ctx, f"/services/file/{page.code}"),
        )
        if ctx.session.role == "officer":  # at the ward office, for a visitor
            action = ft.Row(
                wrap=True,
                controls=[
                    action,
                    ft.OutlinedButton(
                        key="procedure-file-assisted",
                        content=_("File for a visitor"),
                        icon=ft.Icons.SUPPORT_AGENT,
                        on_click=opener(ctx, f"/services/assisted/{page.code}"),
                    ),
                ],
            )
    return readable(
        [
            ft.Text(page.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="procedure-name"),
            ft.Text(f"{page.code} · {page.field_name}", theme_style=ft.TextThemeStyle.BODY_SMALL),
            ft.Text(_("Where: {authority}").format(authority=page.authority)),
            action,
            heading(_("How long and how much")),
            *fee_lines(ctx, page),
            heading(_("What to bring")),
            *documents,
            heading(_("Steps")),
            bullet_list(page.steps),
            heading(_("Conditions")),
            bullet_list(page.conditions),
            heading(_("Result")),
            ft.Text(page.result),
            heading(_("Legal basis")),
            bullet_list(page.legal_basis),
        ],
        key="procedure-page",
    )
