"""On the operators' screen: each CAP feed the backend follows, how it answered, what it gave."""

from __future__ import annotations

import builtins
import contextlib
from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft
from pydantic import Field

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.base import ResponseModel
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.kit.screens import still_shown
from hue_s.modules.alerts.app.widgets import heading, local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

SOURCES_PATH = f"{API_V1}/alerts/sources"
MAX_ERRORS_SHOWN = 3
FAILING_COLOUR = "#C62828"
OK_COLOUR = "#2E7D32"


class EntriesReport(ResponseModel):
    """What became of a feed's entries when it was last read."""

    entries: int = Field(default=0, description="Alerts found.")
    stored: int = Field(default=0, description="New alerts stored.")
    unchanged: int = Field(default=0, description="Alerts stored before.")
    refused: int = Field(default=0, description="Entries refused.")
    outside_city: int = Field(default=0, description="Stored, covering no ward of the city.")
    errors: list[str] = Field(default_factory=list, description="Why, for the first ones.")


class SourceStatus(ResponseModel):
    """How the backend follows one CAP source."""

    url: str = Field(description="The feed or CAP document polled.")
    state: str = Field(default="waiting", description="'waiting', 'ok' or 'failing'.")
    last_polled_at: datetime | None = Field(default=None, description="When it was last asked.")
    last_status: int | None = Field(default=None, description="HTTP status of its answer.")
    last_error: str | None = Field(default=None, description="Why the last poll failed.")
    failures: int = Field(default=0, description="Polls failed in a row.")
    next_poll_at: datetime | None = Field(default=None, description="When it is asked next.")
    report: EntriesReport | None = Field(default=None, description="Its entries, last read.")


class FeedSourcesResource(Resource):
    """The backend's CAP sources and their health (operators and admins)."""

    async def list(self) -> builtins.list[SourceStatus]:
        """Return the status of every configured source."""
        return await self._client.request("GET", SOURCES_PATH, model=builtins.list[SourceStatus])


def source_lines(ctx: AppContext, source: SourceStatus) -> builtins.list[ft.Control]:
    """Return what is shown of one source: its address, its health, its entries."""
    _ = ctx._
    failing = source.state == "failing"
    icon = ft.Icons.ERROR if failing else ft.Icons.CHECK_CIRCLE
    if source.state == "waiting":
        icon = ft.Icons.HOURGLASS_EMPTY
    lines: builtins.list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(icon, size=18, color=FAILING_COLOUR if failing else OK_COLOUR),
                ft.Text(source.url, selectable=True, weight=ft.FontWeight.BOLD, expand=True),
            ],
            spacing=6,
        )
    ]
    if source.last_polled_at is None:
        lines.append(ft.Text(_("Not asked yet."), theme_style=ft.TextThemeStyle.BODY_SMALL))
        return lines
    asked = local_time(ctx, source.last_polled_at)
    answer = str(source.last_status) if source.last_status else _("no answer")
    lines.append(ft.Text(_("Asked at {time}, answer: {status}").format(time=asked, status=answer),
                         theme_style=ft.TextThemeStyle.BODY_SMALL))  # fmt: skip
    if failing:
        retry = local_time(ctx, source.next_poll_at) if source.next_poll_at else "?"
        text = _("Failed {n} times in a row: {error}. Asked less often; next try at {time}.")
        lines.append(ft.Text(
            text.format(n=source.failures, error=source.last_error or "", time=retry),
            theme_style=ft.TextThemeStyle.BODY_SMALL, color=FAILING_COLOUR,
        ))  # fmt: skip
    if source.report is not None:
        report = source.report
        counts = _("Last read: {entries} alerts, {stored} new, {unchanged} known, "
                   "{refused} refused, {outside} outside the city")  # fmt: skip
        lines.append(ft.Text(
            counts.format(entries=report.entries, stored=report.stored,
                          unchanged=report.unchanged, refused=report.refused,
                          outside=report.outside_city),
            theme_style=ft.TextThemeStyle.BODY_SMALL,
            color=FAILING_COLOUR if report.refused else None,
        ))  # fmt: skip
        lines.extend(
            ft.Text(error, theme_style=ft.TextThemeStyle.LABEL_SMALL, italic=True, selectable=True)
            for error in report.errors[:MAX_ERRORS_SHOWN]
        )
    return lines


def sources_lines(
    ctx: AppContext, sources: builtins.list[SourceStatus]
) -> builtins.list[ft.Control]:
    """Return the lines of every source, or say that none is followed."""
    if not sources:
        return [ft.Text(ctx._("No warning feed is followed (HUE_S_CAP_SOURCES is empty)."),
                        theme_style=ft.TextThemeStyle.BODY_SMALL)]  # fmt: skip
    return [
        ft.Container(ft.Column(source_lines(ctx, source), spacing=2), padding=4)
        for source in sources
    ]


class FeedStatus:
    """The operators' panel of the CAP feeds, asked when shown and on request."""

    def __init__(self, ctx: AppContext) -> None:
        """Build the panel; it fills itself once shown."""
        self.ctx = ctx
        self.api = ctx.api.resource(FeedSourcesResource)
        self.lines = ft.Column(
            [ft.Text(ctx._("Asking the feeds' status…"), theme_style=ft.TextThemeStyle.BODY_SMALL)],
            spacing=6,
        )
        again = ft.TextButton(
            key="feed-status-refresh", content=ctx._("Ask again"), icon=ft.Icons.REFRESH,
            on_click=lambda e: ctx.page.run_task(self.refresh),
        )  # fmt: skip
        self.control = ft.Column(
            [ft.Row([heading(ctx._("Warning feeds")), again], wrap=True), self.lines],
            key="feed-status", spacing=4,
        )  # fmt: skip

    async def refresh(self) -> None:
        """Ask the backend and redraw."""
        try:
            sources = await self.api.list()
        except HueAPIError as error:
            self.lines.controls = [
                ft.Text(self.ctx._("Could not ask the feeds' status: {error}").format(
                    error=error), theme_style=ft.TextThemeStyle.BODY_SMALL, color=FAILING_COLOUR)
            ]  # fmt: skip
        else:
            self.lines.controls = sources_lines(self.ctx, sources)
        if still_shown(self.ctx, self.lines):
            with contextlib.suppress(RuntimeError):
                self.lines.update()


def feed_status_panel(ctx: AppContext) -> ft.Control:
    """Return the feeds panel of the operators' screen, filled once it is shown."""
    panel = FeedStatus(ctx)
    ctx.page.run_task(panel.refresh)
    return panel.control
