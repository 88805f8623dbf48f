"""The report form: category, its questions, description, photos, place, privacy; saved as typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.wards import Ward
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.app.views.kept_where import draft_notice
from hue_s.modules.incidents.app.draft import MAX_DESCRIPTION, DraftPhoto, IncidentDraft
from hue_s.modules.incidents.app.form.location import LocationPicker
from hue_s.modules.incidents.app.form.photos import PhotoPicker
from hue_s.modules.incidents.app.form.preview import PreviewDialog
from hue_s.modules.incidents.app.form.questions import QuestionsPart
from hue_s.modules.incidents.app.form.who_sends import sender_notice
from hue_s.modules.incidents.app.models import Service
from hue_s.modules.incidents.app.session import IncidentsSession, incidents_session
from hue_s.modules.incidents.app.views.choice import Choice, ChoiceButton
from hue_s.modules.incidents.app.views.layout import readable
from hue_s.modules.incidents.app.wards import city_wards

HOME = "/incidents"

if TYPE_CHECKING:
    from hue_s.modules.incidents.app.views.assisted import VisitorSection


class ReportForm:
    """A report being written (`replacing` None) or a queued one being changed."""

    def __init__(
        self,
        ctx: AppContext,
        session: IncidentsSession,
        draft: IncidentDraft,
        services: list[Service],
        wards: list[Ward],
        *,
        replacing: str | None = None,
        assisted: VisitorSection | None = None,
    ) -> None:
        """Build the form around a draft (`assisted`: an officer files it for a visitor)."""
        self.ctx = ctx
        self.session = session
        self.draft = draft
        self.replacing = replacing
        self.assisted = assisted
        _ = ctx._
        self.category = ChoiceButton(
            ctx,
            key="incident-category",
            prompt=_("Kind of problem"),
            choices=[Choice(s.service_code, s.service_name, s.description) for s in services],
            value=draft.service_code or None,
            on_change=self._category_chosen,
            icon=ft.Icons.CATEGORY,
        )
        self.description = ft.TextField(
            key="incident-description",
            label=_("What is wrong?"),
            hint_text=_("For example: a deep pothole in the middle of the road"),
            value=draft.description,
            multiline=True,
            min_lines=3,
            max_lines=8,
            max_length=MAX_DESCRIPTION,
            on_change=lambda event: self.change(description=event.control.value or ""),
        )
        self.questions = QuestionsPart(
            ctx,
            on_change=lambda answers: self.change(answers=answers),
            on_retry=lambda: ctx.page.run_task(self.load_questions),
        )
        self.photos = PhotoPicker(ctx, draft.photos, self._photos_changed)
        self.location = LocationPicker(ctx, draft, wards, self.change)
        self.hide_name = ft.Checkbox(
            key="incident-hide-name",
            label=_("Hide my name from the ward's staff"),
            value=draft.hide_name,
            on_change=lambda event: self.change(hide_name=bool(event.control.value)),
            visible=assisted is None,
        )
        self.problems = ft.Column(key="incident-form-errors", spacing=4, visible=False)
        self.control = ft.Column(
            key="incident-form",
            spacing=16,
            controls=[
                ft.Text(
                    assisted.intro
                    if assisted is not None
                    else draft_notice(ctx)
                    if replacing is None
                    else _("Change the report, then save it. It has not been sent yet."),
                    theme_style=ft.TextThemeStyle.BODY_SMALL,
                    italic=True,
                ),
                *(assisted.controls if assisted is not None else []),
                *([] if assisted is not None else filter(None, [sender_notice(ctx, session)])),
                self.category.control,
                self.description,
                self.questions.control,
                self.photos.control,
                self.location.control,
                self.hide_name,
                self.problems,
                *(assisted.footer if assisted is not None else []),
                ft.Row(wrap=True, spacing=12, controls=self._buttons()),
            ],
        )

    def _buttons(self) -> list[ft.Control]:
        """Return the form's actions."""
        _ = self.ctx._
        preview = ft.FilledButton(
            key="incident-preview-button",
            content=_("Preview and send") if self.assisted is None else self.assisted.send_label,
            icon=ft.Icons.PREVIEW if self.assisted is None else ft.Icons.SEND,
            on_click=self._preview,
        )
        if self.replacing is None:
            other = ft.TextButton(
                key="incident-discard",
                content=_("Start over"),
                icon=ft.Icons.DELETE_OUTLINE,
                on_click=self._discard,
            )
        else:
            other = ft.TextButton(
                key="outbox-delete",
                content=_("Delete this report"),
                icon=ft.Icons.DELETE_OUTLINE,
                on_click=self._delete_queued,
            )
        return [preview, other]

    def change(self, **fields: Any) -> IncidentDraft:
        """Apply changed fields to the draft and keep it (a new report only) at once."""
        self.draft = self.draft.model_copy(update=fields)
        if self.replacing is None and self.assisted is None:  # a visitor's stays in memory
            self.session.save_draft(self.draft, photos="photos" in fields)
        return self.draft

    def _category_chosen(self, choice: Choice) -> None:
        """Keep the category; its questions replace the last one's (common answers stay)."""
        self.change(service_code=choice.value, service_name=choice.label, questions=[])
        self.ctx.page.run_task(self.load_questions)

    async def load_questions(self, *, redraw: bool = True) -> None:
        """Show the category's questions with the answers to those still asked."""
        code = self.draft.service_code
        found = await self.questions.fetch(self.session, self.draft)
        if code != self.draft.service_code:
            return  # another category was chosen meanwhile
        if found is not None:
            questions, answers = found
            self.change(questions=questions, answers=answers)
            self.questions.show(questions, answers)
        if redraw:
            self.control.update()

    def _photos_changed(self, photos: list[DraftPhoto]) -> None:
        """Keep the photos; a photo's place may now be suggested."""
        self.change(photos=photos)
        self.location.refresh(self.draft)
        self.location.control.update()

    async def _preview(self, event: ft.Event[ft.Button]) -> None:
        """Say what is missing, or show the preview."""
        _ = self.ctx._
        found = self.draft.problems() + (self.assisted.problems() if self.assisted else [])
        self.questions.show_problems(self.draft.answer_problems())
        self.problems.controls = [
            ft.Text(f"• {_(problem)}", color=ft.Colors.ERROR) for problem in found
        ]
        self.problems.visible = bool(found)
        self.control.update()
        if found:
            return
        if self.assisted is not None:
            await self.assisted.submit(self.draft)
            return
        await PreviewDialog(
            self.ctx, self.session, self.draft, replacing=self.replacing, on_done=self._done
        ).open()

    async def _done(self, message: str) -> None:
        """Leave the form for the reports list with a word about what happened."""
        await self.ctx.page.push_route(HOME)
        self.ctx.page.show_dialog(ft.SnackBar(ft.Text(message)))

    async def _discard(self, event: ft.Event[ft.TextButton]) -> None:
        """Empty the form (after asking)."""
        _ = self.ctx._

        async def confirmed(event: ft.Event[ft.TextButton]) -> None:
            """Forget the draft and show an empty form."""
            self.ctx.page.pop_dialog()
            if self.assisted is None:
                self.session.discard_draft()
            if self.ctx.refresh is not None:
                await self.ctx.refresh()

        self.ctx.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text(_("Start over?")),
                semantics_label=_("Start over?"),
                content=ft.Text(_("What you typed and the photos will be removed.")),
                actions=[
                    ft.TextButton(
                        content=_("Keep it"), on_click=lambda e: self.ctx.page.pop_dialog()
                    ),
                    ft.TextButton(
                        key="incident-discard-confirm", content=_("Start over"), on_click=confirmed
                    ),
                ],
            )
        )

    async def _delete_queued(self, event: ft.Event[ft.TextButton]) -> None:
        """Delete the queued report being changed."""
        assert self.replacing is not None
        if self.session.queue.delete(self.replacing):
            await self._done(self.ctx._("The report was deleted; it was never sent."))
        else:
            await self._done(
                self.ctx._("This report is being sent right now, so it cannot be changed.")
            )


async def form_inputs(ctx: AppContext) -> tuple[list[Service], list[Ward]] | ft.Control:
    """Return the categories and wards the form needs, or a screen saying why it cannot open."""
    try:
        services = await incidents_session(ctx).services()
    except HueAPIError as error:
        return ft.Column(
            key="incident-form-unavailable",
            controls=[
                ft.Text(describe_error(ctx, error)),
                ft.FilledButton(
                    key="incident-form-retry",
                    content=ctx._("Try again"),
                    icon=ft.Icons.REFRESH,
                    on_click=lambda _event: ctx.page.run_task(ctx.refresh) if ctx.refresh else None,
                ),
            ],
        )
    return services, await city_wards(ctx)


async def build_new_report(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the form of a new report, as far as it was typed before."""
    inputs = await form_inputs(ctx)
    if isinstance(inputs, ft.Control):
        return inputs
    session = incidents_session(ctx)
    form = ReportForm(ctx, session, session.saved_draft(), *inputs)
    await form.load_questions(redraw=False)
    return readable(form.control)


async def build_edit_report(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the form of a queued report, or say it can no longer be changed."""
    session = incidents_session(ctx)
    queued = session.queue.get(params.get("id", ""))
    if queued is None or queued.draft is None or not queued.editable:
        return ft.Text(
            ctx._("This report is not waiting any more: it was sent or deleted."),
            key="outbox-not-editable",
        )
    inputs = await form_inputs(ctx)
    if isinstance(inputs, ft.Control):
        return inputs
    form = ReportForm(ctx, session, queued.draft, *inputs, replacing=queued.id)
    await form.load_questions(redraw=False)
    return readable(form.control)
