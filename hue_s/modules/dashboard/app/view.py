"""The dashboard screen: a period (and, for city-wide staff, a ward) picker over the panels."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.a11y import relabel
from hue_s.app.views.errors import describe_error
from hue_s.hue_time import HUE_TIME
from hue_s.kit.screens import still_shown
from hue_s.modules.dashboard.app.dossiers import dossier_panel
from hue_s.modules.dashboard.app.live_map import LiveMapPanel
from hue_s.modules.dashboard.app.panels import figure_cards, slice_list, trend_bars, ward_table
from hue_s.modules.dashboard.app.resource import DashboardResource
from hue_s.modules.dashboard.wire import Bucket, Dashboard, TrendPoint

PERIODS = {
    "7": N_("Last 7 days"),
    "30": N_("Last 30 days"),
    "90": N_("Last 90 days"),
    "365": N_("Last 12 months"),
}
STEPS = {Bucket.DAY: N_("By day"), Bucket.WEEK: N_("By week"), Bucket.MONTH: N_("By month")}
DEFAULT_STEP = {"7": Bucket.DAY, "30": Bucket.DAY, "90": Bucket.WEEK, "365": Bucket.MONTH}
CITY = "city"
REFRESH_SECONDS = 60.0
"""How often a shown dashboard fetches its figures again (cases move all day)."""
MAP_SECONDS = 1.0
"""How often a shown dashboard asks for its live map (a 304 when nothing changed); a changed
map fetches the figures at once, so a resolved case shows within this plus two requests: a 2 s
poll showed it 1.1 to 3.4 s after the commit in Chromium, past the 2 s asked."""
CITY_WIDE_ROLES = frozenset({"operator", "leader", "admin"})
WATCH = "dashboard-watch"
"""The session's module state key of the shown dashboard's watch (its task)."""


@dataclass
class Choices:
    """What the person chose on the dashboard, kept for the session (a resize rebuilds it)."""

    period: str = "30"
    step: str = Bucket.DAY.value
    ward: str = CITY


def session_choices(ctx: AppContext) -> Choices:
    """Return the session's dashboard choices, created on first use."""
    found = ctx.module_state.get("dashboard")
    if not isinstance(found, Choices):
        found = Choices()
        ctx.module_state["dashboard"] = found
    return found


def hue_today() -> date:
    """Return today's date in Huế (the screen's clock; tests may give another)."""
    return datetime.now(UTC).astimezone(HUE_TIME).date()


async def save_file(name: str, data: bytes) -> None:
    """Hand a file to the person (a download in a browser, a save dialog on a desktop)."""
    await ft.FilePicker().save_file(file_name=name, src_bytes=data)


def picker(
    key: str, label: str, options: dict[str, str], value: str
) -> tuple[ft.Dropdown, ft.Semantics]:
    """Return a drop-down and the node that names it for screen readers."""
    dropdown = ft.Dropdown(
        key=key,
        label=label,
        value=value,
        width=240,
        options=[ft.DropdownOption(key=option, text=text) for option, text in options.items()],
    )
    return dropdown, ft.Semantics(label=f"{label}: {options[value]}", content=dropdown)


class DashboardScreen:
    """The pickers and the panels under them, reloaded when a choice changes."""

    def __init__(
        self,
        ctx: AppContext,
        wards: dict[str, str],
        ward_code: str | None,
        today: Callable[[], date] = hue_today,
        save: Callable[[str, bytes], Awaitable[None]] = save_file,
    ) -> None:
        """Build the pickers (the ward picker for city-wide staff only)."""
        _ = ctx._
        self.ctx, self.today, self.ward_code, self.save = ctx, today, ward_code, save
        self.wards = wards
        self.choices = session_choices(ctx)
        periods = {k: _(v) for k, v in PERIODS.items()}
        self.period, self.period_node = picker(
            "dashboard-period", _("Period"), periods, self.choices.period
        )
        steps = {k.value: _(v) for k, v in STEPS.items()}
        self.step, self.step_node = picker(
            "dashboard-step", _("Trend step"), steps, self.choices.step
        )
        places = {CITY: _("Whole city"), **wards} if ward_code is None else wards
        chosen = ward_code or (self.choices.ward if self.choices.ward in places else CITY)
        self.ward, self.ward_node = picker("dashboard-ward", _("Ward"), places, chosen)
        self.ward.disabled = ward_code is not None
        self.period.on_select = self._period_chosen
        self.step.on_select = self._changed
        self.ward.on_select = self._changed
        self.body = ft.Column(spacing=16, controls=[ft.ProgressRing()])
        self.export_error = ft.Text(key="dashboard-export-error", visible=False)
        self.live = LiveMapPanel(ctx, lambda: self.chosen()[0])
        self.control = ft.Column(
            key="dashboard",
            spacing=16,
            controls=[
                ft.Row(
                    wrap=True,
                    spacing=12,
                    controls=[
                        self.period_node,
                        self.step_node,
                        self.ward_node,
                        ft.TextButton(
                            key="dashboard-refresh",
                            content=_("Refresh"),
                            icon=ft.Icons.REFRESH,
                            on_click=self._refresh,
                        ),
                        ft.TextButton(
                            key="dashboard-export",
                            content=_("Export CSV"),
                            icon=ft.Icons.DOWNLOAD,
                            on_click=self._export,
                        ),
                    ],
                ),
                self.export_error,
                self.body,
            ],
        )

    def _relabel(self) -> None:
        """Name the pickers after their new choices."""
        for node in (self.period_node, self.step_node, self.ward_node):
            relabel(node, "")

    async def _period_chosen(self, event: ft.Event[ft.Dropdown]) -> None:
        """Take the period's usual step, then reload."""
        self.step.value = DEFAULT_STEP[self.period.value or "30"].value
        await self._changed(event)

    async def _refresh(self, event: ft.Event[ft.TextButton]) -> None:
        """Fetch the figures and the map again (cases move all day)."""
        await self.load()
        await self.live.refresh()
        self.control.update()

    def chosen(self) -> tuple[str | None, date, date]:
        """Return the ward chosen (None: the city) and the period's first and last days."""
        last = self.today()
        first = last - timedelta(days=int(self.period.value or "30") - 1)
        return (None if self.ward.value in (None, CITY) else self.ward.value), first, last

    async def _export(self, event: ft.Event[ft.TextButton]) -> None:
        """Download the chosen figures as CSV (or say what went wrong)."""
        await self.export()
        self.control.update()

    async def export(self) -> None:
        """Fetch the chosen figures as CSV and hand them to the person."""
        ward, first, last = self.chosen()
        try:
            data = await self.ctx.api.resource(DashboardResource).export(
                ward_code=ward, first=first, last=last, language=self.ctx.i18n.language
            )
        except HueAPIError as error:
            self.export_error.value = describe_error(self.ctx, error)
            self.export_error.visible = True
            return
        self.export_error.visible = False
        await self.save(f"hue-s-dashboard-{ward or CITY}-{first}-{last}.csv", data)

    def remember(self) -> None:
        """Keep the pickers' values as the session's choices."""
        self.choices.period = self.period.value or self.choices.period
        self.choices.step = self.step.value or self.choices.step
        self.choices.ward = self.ward.value or CITY

    async def _changed(self, event: ft.Event[ft.Dropdown]) -> None:
        """Remember the choices and reload."""
        self.remember()
        self._relabel()
        await self.load()
        await self.live.refresh()
        self.control.update()

    async def keep_fresh(
        self, every: float = MAP_SECONDS, alive: Callable[[], bool] | None = None
    ) -> None:
        """Ask for the map every `every` seconds while the screen is shown (`alive`), and the
        figures when the map changed or REFRESH_SECONDS went by; end once it is gone."""
        alive = alive or (lambda: still_shown(self.ctx, self.control))
        since_figures = 0.0
        while True:
            await asyncio.sleep(every)
            if not alive():
                return
            since_figures += every
            if await self.live.refresh() or since_figures >= REFRESH_SECONDS:
                since_figures = 0.0
                await self.load()
            with contextlib.suppress(RuntimeError):  # gone between the check and now
                self.control.update()

    async def load(self) -> None:
        """Fetch the dashboard for the choices and draw it (or say what went wrong)."""
        ward, first, last = self.chosen()
        try:
            dashboard = await self.ctx.api.resource(DashboardResource).read(
                ward_code=ward,
                first=first,
                last=last,
                step=Bucket(self.step.value or "day"),
                language=self.ctx.i18n.language,
            )
        except HueAPIError as error:
            self.body.controls = [ft.Text(describe_error(self.ctx, error), key="dashboard-error")]
            return
        self.body.controls = self.panels(dashboard)

    def panels(self, dashboard: Dashboard) -> list[ft.Control]:
        """Return the panels of a dashboard."""
        _ = self.ctx._
        i18n = self.ctx.i18n
        place = dashboard.ward_name or _("Whole city")
        heading = _("{place}, {first} to {last}").format(
            place=place, first=i18n.date(dashboard.first_day), last=i18n.date(dashboard.last_day)
        )
        dossiers = [] if dashboard.services is None else [
            dossier_panel(self.ctx, dashboard.services, self.wards)
        ]  # fmt: skip
        cases = dashboard.cases
        if cases is None:
            return [
                ft.Text(heading),
                ft.Text(_("Incident reporting is not enabled here.")),
                self.live.control,
                *dossiers,
            ]

        def label(point: TrendPoint) -> str:
            return i18n.date(point.start, "short")

        controls: list[ft.Control] = [
            ft.Text(heading, key="dashboard-heading", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            figure_cards(self.ctx, cases.figures, cases.previous),
            self.live.control,
            trend_bars(self.ctx, cases.trend, label),
            ft.ResponsiveRow(
                controls=[
                    ft.Container(
                        col={"xs": 12, "md": 6},
                        content=slice_list(
                            self.ctx,
                            "categories",
                            _("Categories, most overdue first"),
                            cases.categories[:8],
                        ),
                    ),
                    ft.Container(
                        col={"xs": 12, "md": 6},
                        content=slice_list(self.ctx, "channels", _("Channels"), cases.channels),
                    ),
                ]
            ),
        ]
        if dashboard.ward_code is None:
            controls.append(ward_table(self.ctx, cases.wards, dashboard.min_ranked))
        return [*controls, *dossiers]


def stop_watch(ctx: AppContext) -> None:
    """Stop the session's dashboard watch, if one runs (the screen rebuilt, the session over)."""
    task = ctx.module_state.pop(WATCH, None)
    if isinstance(task, asyncio.Future | Future):
        task.cancel()


async def teardown(ctx: AppContext) -> None:
    """End the session's dashboard work (its watch): a closed session polls nothing."""
    stop_watch(ctx)


async def build_dashboard(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the dashboard screen: the city for city-wide staff, their ward for officers."""
    try:
        me = await ctx.api.me.get()
        wards = {ward.code: ward.name for ward in await ctx.api.wards.list()}
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="dashboard-error")
    own = None if ctx.session.role in CITY_WIDE_ROLES else me.ward_code
    if own is not None:
        wards = {own: wards.get(own, own)}
    screen = DashboardScreen(ctx, wards, own)
    await screen.load()
    await screen.live.refresh()
    stop_watch(ctx)
    ctx.module_state[WATCH] = ctx.page.run_task(screen.keep_fresh)
    return screen.control
