"""The news list's "my ward" filter: the account's ward, else one picked and kept on the device."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.modules.news.app.state import NewsDevice

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


class MyWard:
    """A chip narrowing the list to one ward and the whole city, and a picker when needed."""

    def __init__(
        self, ctx: AppContext, device: NewsDevice, changed: Callable[[], Awaitable[None]]
    ) -> None:
        """Build the controls (off); `changed` shows the list again."""
        _ = ctx._
        self.ctx, self.device, self.changed = ctx, device, changed
        self.account_ward: str | None = None
        self.names: dict[str, str] = {}
        self.chip = ft.Chip(
            key="news-my-ward", label=ft.Text(_("My ward")), leading=ft.Icon(ft.Icons.HOME_WORK),
            selected=False, on_select=self._toggle,
        )  # fmt: skip
        self.picker = ft.Dropdown(
            key="news-ward", label=_("Your ward"), visible=False, on_select=self._picked
        )
        self.note = ft.Text(key="news-ward-note", visible=False)
        self.control = ft.Column([self.picker, self.note], spacing=4)

    def ward(self) -> str | None:
        """Return the ward to narrow to, None when the filter is off or no ward is known."""
        if not self.chip.selected:
            return None
        return self.account_ward or self.device.ward()

    async def _toggle(self, event: ft.Event[ft.Chip]) -> None:
        """Turn the filter on (finding the ward) or off, and show the list again."""
        self.chip.selected = not self.chip.selected
        if self.chip.selected:
            await self._find()
        self._show()
        await self.changed()

    async def _find(self) -> None:
        """Ask for the account's ward (signed in) and the wards' names, once."""
        if not self.ctx.session.is_guest and self.account_ward is None:
            try:
                self.account_ward = (await self.ctx.api.me.get()).ward_code
            except HueAPIError:
                self.account_ward = None
        if not self.names:
            try:
                wards = await self.ctx.api.wards.list()
            except HueAPIError:
                wards = []
            self.names = {ward.code: ward.full_name or ward.name for ward in wards}
            self.picker.options = [ft.DropdownOption(key=c, text=n) for c, n in self.names.items()]

    def _show(self) -> None:
        """Show the picker when the account has no ward, and say what the list holds."""
        _ = self.ctx._
        on = bool(self.chip.selected)
        ward = self.ward()
        self.picker.visible = on and self.account_ward is None
        self.picker.value = self.device.ward() if self.picker.visible else None
        self.note.visible = on
        if ward is None:
            self.note.value = _("Pick your ward to see its news and the city's.")
        else:
            name = self.names.get(ward, ward)
            self.note.value = _("News of {ward} and of the whole city.").format(ward=name)
        self.control.update()

    async def _picked(self, event: ft.Event[ft.Dropdown]) -> None:
        """Keep the ward picked on the device and show its news."""
        self.device.choose_ward(self.picker.value or None)
        self._show()
        await self.changed()
