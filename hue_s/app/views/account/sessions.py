"""Where I am signed in (with "end" on each), and deleting my account after a confirmation."""

from __future__ import annotations

import flet as ft

from hue_s.app.account import sign_out
from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.accounts import DeviceSession
from hue_s.app.context import AppContext
from hue_s.app.views.dialogs import close_dialog, close_now, dismissal
from hue_s.app.views.errors import show_error


def session_tile(ctx: AppContext, device: DeviceSession) -> ft.Control:
    """Return one signed-in device, with a button that ends it."""
    _ = ctx._
    when = _("Signed in {date} · last used {last}").format(
        date=ctx.i18n.datetime(device.created_at, "short"),
        last=ctx.i18n.datetime(device.last_used_at or device.created_at, "short"),
    )
    title = device.user_agent or _("Unknown device")
    if device.current:
        title = _("This device: {name}").format(name=title)

    async def end(event: ft.Event[ft.TextButton]) -> None:
        if device.current:
            await sign_out(ctx)
            await ctx.page.push_route("/")
            return
        try:
            await ctx.api.me.end_session(session_id=device.id)
        except HueAPIError as error:
            show_error(ctx, error)
            return
        if ctx.refresh is not None:
            await ctx.refresh()

    return ft.ListTile(
        key=f"account-session-{device.id}",
        leading=ft.Icon(ft.Icons.PHONE_ANDROID if device.current else ft.Icons.DEVICES),
        title=ft.Text(title, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
        subtitle=ft.Text(when),
        trailing=ft.TextButton(
            key=f"account-end-session-{device.id}",
            content=_("End"),
            tooltip=_("Sign out on this device"),
            on_click=end,
        ),
    )


async def sessions_section(ctx: AppContext) -> ft.Control:
    """Return the list of devices where the user is signed in (raises HueAPIError)."""
    devices = await ctx.api.me.sessions()
    return ft.Column(
        key="account-sessions",
        spacing=4,
        controls=[
            ft.Text(ctx._("Where you are signed in"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            *(session_tile(ctx, device) for device in devices),
        ],
    )


def delete_account_button(ctx: AppContext) -> ft.Control:
    """Return the button that deletes the account, after the user confirms in a dialog."""
    _ = ctx._

    async def confirmed(event: ft.Event[ft.Button]) -> None:
        await close_dialog(dialog, dismissed)
        try:
            await ctx.api.me.delete()
        except HueAPIError as error:
            if getattr(error, "code", None) == "account_in_use":
                message = _("Your account cannot be deleted yet: other records still need it.")
                ctx.page.show_dialog(ft.SnackBar(ft.Text(message), key="error-message"))
            else:
                show_error(ctx, error)
            return
        await ctx.credentials.clear()
        await sign_out(ctx)
        message = _("Your account and its data are deleted.")
        ctx.page.show_dialog(ft.SnackBar(ft.Text(message), key="account-deleted"))
        await ctx.page.push_route("/")

    async def cancel(event: ft.Event[ft.TextButton]) -> None:
        close_now(dialog)

    dialog = ft.AlertDialog(
        key="account-delete-dialog",
        modal=True,
        title=ft.Text(_("Delete your account?")),
        semantics_label=_("Delete your account?"),
        content=ft.Text(
            _(
                "Your profile, your sign-ins and the data linked to your account are deleted "
                "for good. This cannot be undone."
            )
        ),
        actions=[
            ft.TextButton(
                key="account-delete-cancel", content=_("Keep my account"), on_click=cancel
            ),
            ft.FilledButton(
                key="account-delete-confirm",
                content=_("Delete my account"),
                style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                on_click=confirmed,
            ),
        ],
    )

    dismissed = dismissal(dialog)

    async def ask(event: ft.Event[ft.TextButton]) -> None:
        ctx.page.show_dialog(dialog)

    return ft.TextButton(
        key="account-delete",
        content=_("Delete my account"),
        icon=ft.Icons.DELETE_FOREVER,
        style=ft.ButtonStyle(color=ft.Colors.ERROR),
        on_click=ask,
    )
