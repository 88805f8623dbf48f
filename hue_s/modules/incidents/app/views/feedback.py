"""The reporter's word on a resolved report: 1-5 stars and a comment, or reopening it."""

from __future__ import annotations

import asyncio
import uuid

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.dialogs import close_dialog, close_now, dismissal
from hue_s.app.views.errors import show_error
from hue_s.modules.incidents.app.models import CaseDetail, RatingBody, ReasonBody
from hue_s.modules.incidents.app.session import IncidentsSession

STARS = 5
MIN_REASON = 3


async def redraw(ctx: AppContext, message: str) -> None:
    """Show a short message and redraw the report."""
    ctx.page.show_dialog(ft.SnackBar(ft.Text(message)))
    if ctx.refresh is not None:
        await ctx.refresh()


class RatingForm:
    """Stars and a comment for a resolved report, sent once."""

    def __init__(self, ctx: AppContext, session: IncidentsSession, case: CaseDetail) -> None:
        """Build the stars, the comment field and the send button."""
        self.ctx, self.session, self.case = ctx, session, case
        self.stars = 0
        self._key = str(uuid.uuid4())
        _ = ctx._
        self.star_buttons = [
            ft.IconButton(
                key=f"rate-star-{number}",
                icon=ft.Icons.STAR_BORDER,
                icon_color=ft.Colors.AMBER_800,
                tooltip=_("{count} of 5 stars").format(count=number),
                on_click=lambda _event, n=number: self._choose(n),
            )
            for number in range(1, STARS + 1)
        ]
        self.comment = ft.TextField(
            key="rate-comment",
            label=_("A word about how it was handled (optional)"),
            max_length=2000,
        )
        self.error_text = ft.Text(color=ft.Colors.ERROR, visible=False, key="rate-error")
        self.control = ft.Column(
            key="incident-rating",
            spacing=8,
            controls=[
                ft.Text(_("How was it handled?"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                ft.Row(list[ft.Control](self.star_buttons), spacing=0, wrap=True),
                self.comment,
                self.error_text,
                ft.FilledButton(
                    key="rate-send",
                    content=_("Send rating"),
                    icon=ft.Icons.SEND,
                    on_click=self._send,
                ),
            ],
        )

    def _choose(self, stars: int) -> None:
        """Light up the chosen number of stars."""
        self.stars = stars
        for number, button in enumerate(self.star_buttons, start=1):
            button.icon = ft.Icons.STAR if number <= stars else ft.Icons.STAR_BORDER
        self.error_text.visible = False
        self.control.update()

    async def _send(self, event: ft.Event[ft.Button]) -> None:
        """Send the rating (the key makes a repeated tap harmless)."""
        _ = self.ctx._
        if not 1 <= self.stars <= STARS:
            self.error_text.value, self.error_text.visible = _("Choose 1 to 5 stars."), True
            self.control.update()
            return
        comment = (self.comment.value or "").strip() or None
        try:
            await self.session.api.rate(
                incident_id=self.case.id,
                rating=RatingBody(stars=self.stars, comment=comment),
                idempotency_key=self._key,
            )
        except HueAPIError as error:
            show_error(self.ctx, error)
            return
        await redraw(self.ctx, _("Thank you for your rating."))


def reopen_button(ctx: AppContext, session: IncidentsSession, case: CaseDetail) -> ft.Control:
    """Return the button that reopens a resolved report, asking why first."""
    _ = ctx._
    reason = ft.TextField(
        key="reopen-reason", label=_("What is still wrong?"), multiline=True, max_length=2000
    )
    problem = ft.Text(color=ft.Colors.ERROR, visible=False)
    key = str(uuid.uuid4())
    dialog: ft.AlertDialog
    dismissed: asyncio.Event

    async def send(event: ft.Event[ft.Button]) -> None:
        """Check the reason, close the dialog and reopen the report."""
        text = (reason.value or "").strip()
        if len(text) < MIN_REASON:
            problem.value, problem.visible = _("Say in a few words what is still wrong."), True
            problem.update()
            return
        await close_dialog(dialog, dismissed)
        try:
            await session.api.reopen(
                incident_id=case.id, reason=ReasonBody(reason=text), idempotency_key=key
            )
        except HueAPIError as error:
            show_error(ctx, error)
            return
        await redraw(ctx, _("The report is open again; the ward will look at it."))

    dialog = ft.AlertDialog(
        title=ft.Text(_("Reopen this report?")),
        semantics_label=_("Reopen this report?"),
        content=ft.Column([reason, problem], tight=True, width=420),
        actions=[
            ft.TextButton(content=_("Cancel"), on_click=lambda _event: close_now(dialog)),
            ft.FilledButton(key="reopen-send", content=_("Reopen"), on_click=send),
        ],
    )
    dismissed = dismissal(dialog)
    return ft.OutlinedButton(
        key="incident-reopen",
        content=_("Not fixed? Reopen it"),
        icon=ft.Icons.REPLAY,
        tooltip=_("Reports can be reopened for 7 days after they are resolved"),
        on_click=lambda _event: ctx.page.show_dialog(dialog),
    )


def feedback_section(
    ctx: AppContext, session: IncidentsSession, case: CaseDetail, *, can_reopen: bool
) -> list[ft.Control]:
    """Return the rating form or the rating given, and the reopen button when allowed."""
    _ = ctx._
    controls: list[ft.Control] = []
    if case.rating is not None:
        text = _("Your rating: {count} of 5 stars").format(count=case.rating)
        icons: list[ft.Control] = [
            ft.Icon(
                ft.Icons.STAR if number <= case.rating else ft.Icons.STAR_BORDER,
                color=ft.Colors.AMBER_800,
                size=20,
            )
            for number in range(1, STARS + 1)
        ]
        controls.append(ft.Row([*icons, ft.Text(text, key="incident-rated")], spacing=2, wrap=True))
        if case.rating_comment:
            controls.append(ft.Text(case.rating_comment, italic=True))
    elif case.status == "resolved":
        controls.append(RatingForm(ctx, session, case).control)
    if can_reopen:
        controls.append(reopen_button(ctx, session, case))
    return controls
