"""The operator's warning form: wards or a drawn area, what, how bad, what to do, until when."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.i18n import N_
from hue_s.app.views.a11y import named_dropdown, relabel
from hue_s.app.views.errors import describe_error
from hue_s.modules.alerts.app.models import (
    Alert,
    AlertDraft,
    Certainty,
    Severity,
    Urgency,
)
from hue_s.modules.alerts.app.severity import CERTAINTY_NAMES, SEVERITY_STYLES, URGENCY_NAMES
from hue_s.modules.alerts.app.views.area_drawing import AreaDrawing, WardsOf
from hue_s.modules.alerts.app.views.ward_picker import WardPicker
from hue_s.modules.alerts.wire import WARD_GEOCODE

if TYPE_CHECKING:
    from hue_s.app.api.models.wards import Ward
    from hue_s.app.context import AppContext

EXPIRY_HOURS = (6, 12, 24, 48, 72)
DEFAULT_EVENT = N_("Flood")
Submit = Callable[[AlertDraft, int | None], Awaitable[Alert]]


def choice(key: str, label: str, options: dict[str, str], value: str) -> ft.Dropdown:
    """Return a drop-down of fixed CAP values with translated names."""
    return ft.Dropdown(
        key=key,
        label=label,
        value=value,
        options=[ft.DropdownOption(key=k, text=text) for k, text in options.items()],
    )  # as wide as the form (a fixed width cut "Act within the hour" in Vietnamese)


class OperatorForm:
    """Writes an AlertDraft, checks it, and issues it (or updates the alert being edited)."""

    def __init__(self, ctx: AppContext, wards: list[Ward], submit: Submit, wards_of: WardsOf):
        """Build the form over the city's wards; `submit(draft, editing_id)` sends it and
        `wards_of(polygon)` names the wards a drawn area covers."""
        _ = ctx._
        self.ctx, self.submit = ctx, submit
        self.editing: int | None = None
        self.picker = WardPicker(ctx, wards, set(), lambda code, chosen: None, key="operator-wards")
        names = {ward.code: ward.full_name or ward.name for ward in wards}
        self.area = AreaDrawing(ctx, names, wards_of)
        self.area_name = ft.TextField(
            key="operator-area-name", label=_("Name of the drawn area (optional)"),
            max_length=500, hint_text=_("E.g. Along the Hương river"),
        )  # fmt: skip
        self.area_panel = ft.Column([self.area.control, self.area_name], visible=False)
        self.drawing = ft.Switch(
            key="operator-draw", label=_("Draw an area on the map"), on_change=self._drawing
        )
        self.event = ft.TextField(key="operator-event", label=_("Event"), value=_(DEFAULT_EVENT))
        self.headline = ft.TextField(
            key="operator-headline", label=_("Headline"), max_length=200,
            hint_text=_("E.g. Flood on the Hương river above alarm level II at Kim Long"),
        )  # fmt: skip
        self.severity = choice("operator-severity", _("Severity"),
                               {k: _(v.name) for k, v in SEVERITY_STYLES.items()
                                if k != "Unknown"}, "Severe")  # fmt: skip
        self.urgency = choice("operator-urgency", _("Urgency"),
                              {k: _(v) for k, v in URGENCY_NAMES.items()
                               if k not in ("Past", "Unknown")}, "Expected")  # fmt: skip
        self.certainty = choice("operator-certainty", _("Certainty"),
                                {k: _(v) for k, v in CERTAINTY_NAMES.items()
                                 if k != "Unknown"}, "Likely")  # fmt: skip
        self.expiry = choice("operator-expiry", _("In force for"),
                             {str(h): _("{hours} hours").format(hours=h) for h in EXPIRY_HOURS},
                             "24")  # fmt: skip
        self.named_choices: list[ft.Semantics] = [
            named_dropdown(choice, _("not chosen"))
            for choice in (self.severity, self.urgency, self.certainty, self.expiry)
        ]
        self.description = ft.TextField(
            key="operator-description", label=_("What is happening"), multiline=True,
            min_lines=2, max_length=10_000,
        )  # fmt: skip
        self.instruction = ft.TextField(
            key="operator-instruction", label=_("What people should do"), multiline=True,
            min_lines=2, max_length=10_000,
        )  # fmt: skip
        self.message = ft.Text("", key="operator-message")
        self.progress = ft.ProgressRing(width=24, height=24, visible=False)
        self.send = ft.FilledButton(
            key="operator-issue", content=_("Issue the warning"), icon=ft.Icons.CAMPAIGN,
            tooltip=_("Send the warning to the chosen wards"), on_click=self._send,
        )  # fmt: skip
        self.stop_editing = ft.TextButton(
            key="operator-stop-editing", content=_("Write a new warning instead"),
            visible=False, on_click=lambda e: self.reset(),
        )  # fmt: skip
        self.control = ft.Column(
            key="operator-form",
            spacing=10,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            controls=[
                ft.Text(_("Wards and communes concerned"), weight=ft.FontWeight.BOLD),
                self.picker.control,
                self.drawing,
                self.area_panel,
                self.event,
                self.headline,
                *self.named_choices,
                self.description,
                self.instruction,
                ft.Row([self.send, self.stop_editing, self.progress], wrap=True),
                self.message,
            ],
        )

    def draft(self) -> AlertDraft | str:
        """Return the draft, or a translated reason why it cannot be sent yet."""
        _ = self.ctx._
        polygon = self.area.polygon() if self.drawing.value else None
        if self.drawing.value and self.area.corners and polygon is None:
            return _("An area needs at least 3 corners.")
        if not self.picker.selected and polygon is None:
            return _("Choose at least one ward or commune, or draw an area.")
        if not (self.headline.value or "").strip():
            return _("Write a headline.")
        if not (self.event.value or "").strip():
            return _("Name the event, e.g. Flood.")
        hours = int(self.expiry.value or 24)
        severity: Severity = self.severity.value  # type: ignore[assignment]
        urgency: Urgency = self.urgency.value  # type: ignore[assignment]
        certainty: Certainty = self.certainty.value  # type: ignore[assignment]
        return AlertDraft(
            event=(self.event.value or "").strip(),
            severity=severity,
            urgency=urgency,
            certainty=certainty,
            headline=(self.headline.value or "").strip(),
            description=(self.description.value or "").strip() or None,
            instruction=(self.instruction.value or "").strip() or None,
            expires=datetime.now(UTC) + timedelta(hours=hours),
            response_type="Prepare",
            language="vi-VN" if self.ctx.i18n.language == "vi" else "en-US",
            ward_codes=sorted(self.picker.selected),
            polygon=polygon,
            area_description=((self.area_name.value or "").strip() or None) if polygon else None,
        )

    def _drawing(self, event: ft.Event[ft.Switch]) -> None:
        """Show or hide the map for drawing an area."""
        self.area_panel.visible = bool(self.drawing.value)

    async def _send(self, event: ft.Event[ft.Button]) -> None:
        """Check and send the draft; keep everything typed if it fails."""
        _ = self.ctx._
        draft = self.draft()
        if isinstance(draft, str):
            self.message.value, self.message.color = draft, ft.Colors.ERROR
            return
        self.send.disabled, self.progress.visible = True, True
        self.message.value, self.message.color = _("Sending…"), None
        self.control.update()
        try:
            issued = await self.submit(draft, self.editing)
        except HueAPIError as error:
            self.message.value, self.message.color = (
                describe_error(self.ctx, error),
                ft.Colors.ERROR,
            )
        else:
            done = _("Warning updated.") if self.editing else _("Warning issued.")
            self.reset()
            self.message.value = f"{done} {issued.headline or ''}".strip()
        finally:
            self.send.disabled, self.progress.visible = False, False
            self.control.update()  # an update was sent already: no automatic one follows

    def edit(self, alert: Alert) -> None:
        """Load an issued alert into the form, to send an update of it."""
        _ = self.ctx._
        info = alert.info_for(self.ctx.i18n.language)
        self.editing = alert.id
        ward_areas = [
            area for info in alert.infos[:1] for area in info.areas
            if any(code.value_name == WARD_GEOCODE for code in area.geocodes)
        ]  # fmt: skip
        drawn = [
            area for info in alert.infos[:1] for area in info.areas
            if area not in ward_areas and area.polygons
        ]  # fmt: skip
        chosen = {code.value for area in ward_areas for code in area.geocodes}
        self.picker.set_selected(chosen & set(alert.ward_codes))
        ring = [(point[0], point[1]) for point in drawn[0].polygons[0][:-1]] if drawn else []
        self.drawing.value = self.area_panel.visible = bool(ring)
        self.area_name.value = drawn[0].area_desc if drawn else ""
        self.area.set_corners(ring)
        self.event.value = info.event if info else self.event.value
        self.headline.value = alert.headline or ""
        self.severity.value, self.urgency.value = alert.severity, alert.urgency
        self.certainty.value = info.certainty if info else self.certainty.value
        for named in self.named_choices:
            relabel(named, _("not chosen"))
        self.description.value = (info.description if info else None) or ""
        self.instruction.value = (info.instruction if info else None) or ""
        self.send.content = _("Issue the update")
        self.stop_editing.visible = True
        self.message.value = _("Editing: {headline}").format(headline=alert.headline or "")

    def reset(self) -> None:
        """Empty the form for a new warning."""
        _ = self.ctx._
        self.editing = None
        self.picker.set_selected(set())
        self.area.set_corners([])
        self.drawing.value = self.area_panel.visible = False
        self.area_name.value = ""
        self.event.value = _(DEFAULT_EVENT)
        for field in (self.headline, self.description, self.instruction):
            field.value = ""
        self.send.content = _("Issue the warning")
        self.stop_editing.visible = False
        self.message.value = ""
