"""The shell: turns the current route into views, with navigation that adapts to the screen."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.kiosk_session import watch_touches
from hue_s.app.modules import Manifest
from hue_s.app.views.account.home import build_account
from hue_s.app.views.account.sign_in import ACCOUNT_PATH, SIGN_IN_PATH, build_sign_in, sign_in_route
from hue_s.app.views.fit import ICONS_ONLY_SCALE, app_bar_title, nav_label_behavior
from hue_s.app.views.home import build_home, module_icon
from hue_s.app.views.not_found import build_not_found, build_sign_in_required
from hue_s.app.views.route_echo import RouteEcho
from hue_s.app.views.settings.home import build_settings
from hue_s.app.views.settings.open311 import OPEN311_PATH, build_open311_settings

PHONE_MAX_WIDTH = 640


@dataclass(frozen=True)
class Destination:
    """One entry of the bottom bar or navigation rail."""

    route: str
    title: str
    icon: ft.IconData
    short_title: str
    module: Manifest | None = None
    """The module it opens, whose badge count it shows."""


def destinations(ctx: AppContext) -> list[Destination]:
    """Return the navigation entries: home, the modules that ask for one, settings."""
    entries = [Destination("/", N_("Home"), ft.Icons.HOME, N_("Home"))]
    entries += [
        Destination(m.home_route, m.title, m.icon, m.short_title or m.title, m)
        for m in ctx.registry.manifests
        if m.nav
    ]
    entries.append(Destination("/settings", N_("Settings"), ft.Icons.SETTINGS, N_("Settings")))
    return entries


def selected_index(entries: list[Destination], route: str) -> int:
    """Return the index of the entry that owns `route` (the longest matching prefix)."""
    best, best_len = 0, 0
    for index, entry in enumerate(entries):
        prefix = entry.route.rstrip("/")
        if (route == entry.route or route.startswith(prefix + "/")) and len(prefix) >= best_len:
            best, best_len = index, len(prefix)
    return best


class Shell:
    """Routes, views and adaptive navigation of one session."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.page = ctx.page
        self._phone: bool | None = None
        self._scroll_body: ft.Column | None = None
        self._renders = 0
        """How many renders have started: a slower, older one must not replace a newer one's."""
        self._shown_route = ""
        """The route of the last render started."""
        self._echo = RouteEcho()

    async def start(self) -> None:
        """Hook into the page's navigation events and show the current route."""
        self.page.on_route_change = self._on_route_change
        self.page.on_view_pop = self._on_view_pop
        self.page.on_resize = self._on_resize
        self.ctx.refresh = self.render
        self.ctx.scroll_to_top = self.scroll_to_top
        await self.render()

    async def scroll_to_top(self) -> None:
        """Scroll the screen on top back to its start (e.g. when a form becomes its result)."""
        if self._scroll_body is not None:
            await self._scroll_body.scroll_to(offset=0)

    @property
    def is_phone(self) -> bool:
        """Say whether the window is phone-sized (bottom bar) rather than wide (rail).

        A kiosk's address opened on a phone is phone-sized too: its rail would leave the text
        a hundred pixels.
        """
        width = self.page.width or 1024
        return width < PHONE_MAX_WIDTH

    async def render(self) -> None:
        """Rebuild the view stack for the current route: home below, the route on top.

        Renders overlap (a route change, the outbox's and the live channel's redraws); each
        reads the state when it starts, so only the last one started may show what it built.
        """
        self._renders += 1
        ticket = self._renders
        route = self.page.route or "/"
        self._shown_route = route
        path = route.split("?", 1)[0]
        self._phone = self.is_phone
        views = [await self._view("/", await build_home(self.ctx), self.ctx._("Hue-S"))]
        if path not in ("", "/"):
            title, body = await self._route_body(route, path)
            views.append(await self._view(path, body, title))
        if ticket != self._renders:  # a newer render started meanwhile: its state is newer
            return
        self._scroll_body = views[-1].data
        self.page.views.clear()
        self.page.views.extend(views)
        self.page.update()
        self._echo.sent()

    async def _route_body(self, route: str, path: str) -> tuple[str, ft.Control]:
        _ = self.ctx._
        if path == "/settings":
            return _("Settings"), build_settings(self.ctx)
        if path == OPEN311_PATH:
            return _("City report system"), build_open311_settings(self.ctx)
        if path == SIGN_IN_PATH:
            return _("Sign in"), build_sign_in(self.ctx, route)
        if path == ACCOUNT_PATH:
            return _("My account"), await build_account(self.ctx)
        found = self.ctx.registry.find(path)
        if found is None:
            return _("Page not found"), build_not_found(self.ctx, path)
        manifest, module_route, params = found
        if not manifest.allows(self.ctx.session.role):
            title = manifest.translate(self.ctx.i18n, manifest.title)
            return title, build_sign_in_required(self.ctx, manifest, route)
        return manifest.translate(self.ctx.i18n, manifest.title), await module_route.build(
            self.ctx, params
        )

    def _account_action(self, path: str) -> list[ft.Control]:
        """Return the app bar's way to sign in (guests) or to the account (signed in)."""
        _ = self.ctx._
        if path == SIGN_IN_PATH:
            return []
        if self.ctx.session.is_guest:
            target = sign_in_route(self.page.route or "/")
            if self._phone and self.ctx.settings.text_scale >= ICONS_ONLY_SCALE:
                return [
                    ft.IconButton(
                        key="app-bar-sign-in",
                        icon=ft.Icons.LOGIN,
                        tooltip=_("Sign in"),
                        on_click=lambda _event: self._go(target),
                    )
                ]
            return [
                ft.TextButton(
                    key="app-bar-sign-in",
                    content=_("Sign in"),
                    icon=ft.Icons.LOGIN,
                    on_click=lambda _event: self._go(target),
                )
            ]
        return [
            ft.IconButton(
                key="app-bar-account",
                icon=ft.Icons.ACCOUNT_CIRCLE,
                tooltip=_("My account"),
                on_click=lambda _event: self._go(ACCOUNT_PATH),
            )
        ]

    async def _view(self, route: str, body: ft.Control, title: str) -> ft.View:
        entries = destinations(self.ctx)
        index = selected_index(entries, route)
        content = ft.Container(content=body, padding=16)
        scroll_body = ft.Column(
            [content],
            expand=True,
            scroll=ft.ScrollMode.AUTO,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        scale = self.ctx.settings.text_scale
        bar_title, bar_height = app_bar_title(title, phone=bool(self._phone), text_scale=scale)
        view = ft.View(
            route=route,
            data=scroll_body,  # what scroll_to_top scrolls when this view is on top
            padding=0,
            spacing=0,
            appbar=ft.AppBar(
                title=bar_title,
                toolbar_height=bar_height,
                bgcolor=ft.Colors.PRIMARY_CONTAINER,
                automatically_imply_leading=route != "/",
                actions=self._account_action(route),
            ),
        )
        level = "home" if route == "/" else "top"  # each view of the stack keeps its badges
        banner = self.ctx.banner.strip()
        if self._phone:
            view.controls = [banner, watch_touches(self.ctx, scroll_body)]
            view.navigation_bar = self._navigation_bar(entries, index, level)
        else:
            rail = self._navigation_rail(entries, index, level)
            row = ft.Row(
                [rail, ft.VerticalDivider(width=1), scroll_body],
                expand=True,
                vertical_alignment=ft.CrossAxisAlignment.STRETCH,
            )
            view.controls = [banner, watch_touches(self.ctx, row)]
        return view

    def _label(self, entry: Destination, text: str) -> str:
        """Return an entry's words in the session's language (a module's from its catalog)."""
        if entry.module is None:
            return self.ctx._(text)
        return entry.module.translate(self.ctx.i18n, text)

    def _icon(self, entry: Destination, key: str) -> ft.IconData | ft.Control:
        """Return an entry's icon, with its module's badge count if it has one."""
        if entry.module is None or entry.module.badge is None:
            return entry.icon
        return module_icon(self.ctx, entry.module, key)

    def _navigation_bar(
        self, entries: list[Destination], index: int, level: str
    ) -> ft.NavigationBar:
        _ = self.ctx._
        return ft.NavigationBar(
            key="nav-bar",
            selected_index=index,
            label_behavior=nav_label_behavior(self.ctx.settings.text_scale),
            destinations=[
                ft.NavigationBarDestination(
                    icon=self._icon(e, f"nav-{level}"), label=self._label(e, e.short_title)
                )
                for e in entries
            ],
            on_change=lambda event: self._go(entries[int(event.control.selected_index or 0)].route),
        )

    def _navigation_rail(
        self, entries: list[Destination], index: int, level: str
    ) -> ft.NavigationRail:
        _ = self.ctx._
        return ft.NavigationRail(
            key="nav-rail",
            selected_index=index,
            extended=self.ctx.config.kiosk,
            label_type=None if self.ctx.config.kiosk else ft.NavigationRailLabelType.ALL,
            destinations=[
                ft.NavigationRailDestination(
                    icon=self._icon(e, f"nav-{level}"), label=self._label(e, e.title)
                )
                for e in entries
            ],
            on_change=lambda event: self._go(entries[int(event.control.selected_index or 0)].route),
        )

    def _go(self, route: str) -> None:
        self.page.run_task(self.page.push_route, route)

    async def _on_route_change(self, event: ft.RouteChangeEvent) -> None:
        if self.ctx.kiosk is not None:
            self.ctx.kiosk.touch()
        restore = self._echo.echo_of(self._shown_route, event.route or "/")
        if restore is not None:
            await self.page.push_route(restore)
            return
        await self.render()

    async def _on_view_pop(self, event: ft.ViewPopEvent) -> None:
        if len(self.page.views) > 1:
            self.page.views.pop()
        self._echo.forget()
        await self.page.push_route(self.page.views[-1].route or "/")

    async def _on_resize(self, event: ft.PageResizeEvent) -> None:
        if self._phone is not None and self.is_phone != self._phone:
            await self.render()
