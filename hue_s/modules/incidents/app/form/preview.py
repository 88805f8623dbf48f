"""The preview before sending: the report as the ward will get it, and similar reports nearby."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.dialogs import close_dialog, close_now, dismissal
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.form.location import place_text
from hue_s.modules.incidents.app.form.photos import megabytes
from hue_s.modules.incidents.app.form.questions import question_label
from hue_s.modules.incidents.app.models import NearbyIncident
from hue_s.modules.incidents.app.questions import answer_text, is_empty
from hue_s.modules.incidents.app.session import IncidentsSession

Done = Callable[[str], Awaitable[None]]


def labelled(label: str, value: str, key: str | None = None) -> ft.Control:
    """Return a "label: value" pair of the summary."""
    return ft.Column(
        spacing=2,
        controls=[
            ft.Text(
                label, theme_style=ft.TextThemeStyle.BODY_SMALL, color=ft.Colors.ON_SURFACE_VARIANT
            ),
            ft.Text(value, key=key),
        ],
    )


def contact_promise(ctx: AppContext, draft: IncidentDraft) -> str:
    """Say exactly what of the citizen the ward's staff will see (the backend's reporter_of)."""
    _ = ctx._
    if draft.hide_name:
        return _(
            "The ward's staff will see your phone number, to call you back, but not your name."
        )
    if ctx.session.is_guest:
        return _(
            "The ward's staff will see the phone number you sign in with and the name in your "
            "account, to call you back."
        )
    if ctx.session.display_name:
        return _(
            "The ward's staff will see your name, {name}, and your phone number, to call you back."
        ).format(name=ctx.session.display_name)
    return _(
        "The ward's staff will see your phone number, to call you back. Your account has no "
        "name, so they see none."
    )


class PreviewDialog:
    """Shows the report before it is queued; offers "me too" on an open report close by."""

    def __init__(
        self,
        ctx: AppContext,
        session: IncidentsSession,
        draft: IncidentDraft,
        *,
        replacing: str | None,
        on_done: Done,
    ) -> None:
        """Prepare the dialog; `on_done(message)` runs after sending or joining."""
        self.ctx = ctx
        self.session = session
        self.draft = draft
        self.replacing = replacing
        self.on_done = on_done
        _ = ctx._
        self.similar = ft.Column(
            key="preview-similar",
            spacing=8,
            controls=[
                ft.Row(
                    [
                        ft.ProgressRing(width=18, height=18),
                        ft.Text(_("Looking for similar reports nearby…")),
                    ]
                )
            ],
        )
        self.send_button = ft.FilledButton(
            key="incident-send",
            content=_("Save changes") if replacing else _("Send report"),
            icon=ft.Icons.SEND,
            on_click=self._send,
        )
        self.dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Check your report")),
            semantics_label=_("Check your report"),
            content=ft.Column(self._summary(), spacing=12, tight=True, width=480),
            scrollable=True,
            actions=[
                ft.TextButton(key="preview-back", content=_("Back to edit"), on_click=self._close),
                self.send_button,
            ],
        )
        self.dismissed = dismissal(self.dialog)

    def _summary(self) -> list[ft.Control]:
        """Return what the ward will get."""
        _ = self.ctx._
        draft = self.draft
        photos = _("{count} photos, {size} MB to send").format(
            count=len(draft.photos), size=megabytes(draft.upload_bytes())
        )
        privacy = (
            _("The city's report system gets the report without your name or phone number.")
            if self.session.plain
            else contact_promise(self.ctx, draft)
        )
        controls: list[ft.Control] = [
            labelled(_("Kind of problem"), draft.service_name or draft.service_code),
            labelled(_("Description"), draft.description.strip(), key="preview-description"),
        ]
        for question in draft.questions:
            answer = draft.answers.get(question.code)
            if question.variable and answer is not None and not is_empty(answer):
                controls.append(
                    labelled(
                        question_label(question),
                        answer_text(question, answer),
                        key=f"preview-answer-{question.code}",
                    )
                )
        controls += [
            labelled(_("Where"), place_text(self.ctx, draft)),
            labelled(_("Photos"), photos if draft.photos else _("No photo")),
        ]
        if draft.photos:
            controls.append(
                ft.Row(
                    wrap=True,
                    controls=[
                        ft.Image(src=p.data, width=56, height=56, fit=ft.BoxFit.COVER)
                        for p in draft.photos
                    ],
                )
            )
        sends_places = not self.session.plain  # a plain server gets the spec's fields only
        if sends_places and any(photo.place or photo.taken_at for photo in draft.photos):
            controls.append(
                ft.Text(
                    _(
                        "Where and when the photos were taken is sent with them, so that the "
                        "ward's photo of the fix can be checked against them."
                    ),
                    theme_style=ft.TextThemeStyle.BODY_SMALL,
                )
            )
        controls.append(ft.Text(privacy, italic=True, key="preview-contact"))
        if self.ctx.session.is_guest and not self.session.plain:
            controls.append(
                ft.Text(
                    _("You are not signed in: the report waits on this device until you sign in."),
                    color=ft.Colors.TERTIARY,
                )
            )
        controls += [ft.Divider(), self.similar]
        return controls

    async def open(self) -> None:
        """Show the dialog, then look for similar open reports close by."""
        self.ctx.page.show_dialog(self.dialog)
        await self._load_similar()

    async def _load_similar(self) -> None:
        """Fill the "similar reports" part (a report without a point has none to compare)."""
        _ = self.ctx._
        point = self.draft.point
        if point is None or not self.draft.service_code or self.session.plain:
            self.similar.controls = []
        else:
            try:
                found = await self.session.api.nearby(
                    lat=point.lat, lon=point.lon, service_code=self.draft.service_code
                )
            except HueAPIError as error:
                self.similar.controls = [
                    ft.Text(
                        _("Could not look for similar reports: {reason}").format(
                            reason=describe_error(self.ctx, error)
                        ),
                        theme_style=ft.TextThemeStyle.BODY_SMALL,
                    )
                ]
            else:
                self.similar.controls = self._similar_controls(found)
        if self.dialog.open:
            self.dialog.update()

    def _similar_controls(self, found: list[NearbyIncident]) -> list[ft.Control]:
        """Return the similar reports, each with its "me too" button."""
        _ = self.ctx._
        if not found:
            return [ft.Text(_("No similar open report within 50 m."), key="preview-no-similar")]
        controls: list[ft.Control] = [
            ft.Text(
                _("Already reported nearby? Join it instead of sending the same report again."),
                theme_style=ft.TextThemeStyle.TITLE_SMALL,
            )
        ]
        for nearby in found:
            away = _("{distance} m away, {count} following").format(
                distance=round(nearby.distance_m), count=nearby.followers
            )
            controls.append(
                ft.Card(
                    content=ft.Container(
                        padding=12,
                        content=ft.Column(
                            spacing=6,
                            controls=[
                                ft.Text(nearby.description or _("(no description)")),
                                ft.Text(away, theme_style=ft.TextThemeStyle.BODY_SMALL),
                                ft.OutlinedButton(
                                    key=f"nearby-me-too-{nearby.id}",
                                    content=_("Me too"),
                                    icon=ft.Icons.GROUP_ADD,
                                    tooltip=_("Join this report instead of sending a new one"),
                                    on_click=lambda _event, n=nearby.id: self.ctx.page.run_task(
                                        self._me_too, n
                                    ),
                                ),
                            ],
                        ),
                    )
                )
            )
        return controls

    async def _me_too(self, incident_id: int) -> None:
        """Follow the existing report and drop this one."""
        self.session.me_too(incident_id)
        if self.replacing:
            self.session.queue.delete(self.replacing)
        else:
            self.session.discard_draft()
        await close_dialog(self.dialog, self.dismissed)
        await self.on_done(self.ctx._("You now follow that report; you will hear when it moves."))

    async def _send(self, event: ft.Event[ft.Button]) -> None:
        """Queue the report (it is sent in the background) and leave the form."""
        _ = self.ctx._
        item_id = self.session.file(self.draft, replacing=self.replacing)
        await close_dialog(self.dialog, self.dismissed)
        if item_id is None:
            await self.on_done(_("This report is being sent right now, so it cannot be changed."))
        elif self.ctx.session.is_guest and not self.session.plain:
            await self.on_done(_("Saved on this device. Sign in so that it can be sent."))
        else:
            await self.on_done(_("Saved. It is being sent; you can follow it here."))

    async def _close(self, event: ft.Event[ft.TextButton]) -> None:
        """Go back to the form."""
        close_now(self.dialog)
