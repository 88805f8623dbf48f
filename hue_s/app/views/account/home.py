"""My account (`/account`): profile, where I am signed in, sign out, delete my account."""

from __future__ import annotations

from typing import Any

import flet as ft

from hue_s.app.account import sign_out
from hue_s.app.api.errors import AuthenticationError, HueAPIError
from hue_s.app.api.models.accounts import ProfileUpdate, User
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.account.sessions import delete_account_button, sessions_section
from hue_s.app.views.account.sign_in import ACCOUNT_PATH, sign_in_route
from hue_s.app.views.errors import describe_error, show_error

PROFILE_DRAFT_KEY = "account.profile"
PROFILE_FIELDS = ("display_name", "address")
ROLE_NAMES = {
    "citizen": N_("Citizen"),
    "business": N_("Business"),
    "officer": N_("Ward officer"),
    "operator": N_("Operations centre operator"),
    "leader": N_("City leader"),
    "admin": N_("Administrator"),
}


def profile_values(user: User, draft: dict[str, Any] | None) -> dict[str, str]:
    """Return what the profile fields show: an unsaved draft wins over the server's values."""
    saved = {name: getattr(user, name) or "" for name in PROFILE_FIELDS}
    if draft:
        saved.update({k: str(v) for k, v in draft.items() if k in PROFILE_FIELDS})
    return saved


def profile_section(ctx: AppContext, user: User) -> ft.Control:
    """Return the profile form; every keystroke is kept as a draft until it is saved."""
    _ = ctx._
    stored = ctx.store.drafts.get(ctx.device_id, PROFILE_DRAFT_KEY)
    draft = stored.value if stored is not None and isinstance(stored.value, dict) else None
    values = profile_values(user, draft)
    labels = {"display_name": _("Display name"), "address": _("Address")}
    fields = {
        name: ft.TextField(key=f"account-{name.replace('_', '-')}", label=labels[name], value=value)
        for name, value in values.items()
    }

    def keep_draft(event: ft.Event[ft.TextField]) -> None:
        current = {name: field.value or "" for name, field in fields.items()}
        ctx.store.drafts.put(ctx.device_id, PROFILE_DRAFT_KEY, current)

    async def save(event: ft.Event[ft.Button]) -> None:
        changes = ProfileUpdate(**{n: (f.value or "").strip() or None for n, f in fields.items()})
        try:
            updated = await ctx.api.me.update(changes=changes)
        except AuthenticationError:
            return  # the session ended: the sign-in dialog is up, and the draft stays
        except HueAPIError as error:
            show_error(ctx, error)  # the draft stays, so nothing typed is lost
            return
        ctx.store.drafts.delete(ctx.device_id, PROFILE_DRAFT_KEY)
        ctx.session.display_name = updated.display_name
        ctx.page.show_dialog(ft.SnackBar(ft.Text(_("Your profile is saved.")), key="saved"))
        if ctx.refresh is not None:
            await ctx.refresh()  # the header shows the new name

    for field in fields.values():
        field.on_change = keep_draft
    notice = ft.Text(_("Restored your unsaved changes."), key="account-draft-restored", italic=True)
    return ft.Column(
        key="account-profile",
        spacing=12,
        controls=[
            ft.Text(_("Profile"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            *([notice] if draft else []),
            *fields.values(),
            ft.FilledButton(
                key="account-save", content=_("Save profile"), icon=ft.Icons.SAVE, on_click=save
            ),
        ],
    )


def header(ctx: AppContext, user: User) -> ft.Control:
    """Return who is signed in: name, phone, role and ward."""
    _ = ctx._
    role = _(ROLE_NAMES[user.role]) if user.role in ROLE_NAMES else user.role
    details = f"{user.phone} · {role}"
    if user.ward_code:
        details += " · " + _("ward {code}").format(code=user.ward_code)
    return ft.ListTile(
        key="account-header",
        leading=ft.Icon(ft.Icons.ACCOUNT_CIRCLE, size=40),
        title=ft.Text(user.display_name or _("No display name yet")),
        subtitle=ft.Text(details),
    )


def sign_out_button(ctx: AppContext) -> ft.Control:
    """Return the button that signs this device out and goes home."""

    async def on_click(event: ft.Event[ft.OutlinedButton]) -> None:
        await sign_out(ctx)
        ctx.page.show_dialog(ft.SnackBar(ft.Text(ctx._("You are signed out.")), key="signed-out"))
        await ctx.page.push_route("/")

    return ft.OutlinedButton(
        key="account-sign-out", content=ctx._("Sign out"), icon=ft.Icons.LOGOUT, on_click=on_click
    )


def guest_prompt(ctx: AppContext) -> ft.Control:
    """Return what a guest sees at /account: a way to sign in."""
    _ = ctx._

    async def on_click(event: ft.Event[ft.Button]) -> None:
        await ctx.page.push_route(sign_in_route(ACCOUNT_PATH))

    return ft.Column(
        key="account-guest",
        spacing=16,
        controls=[
            ft.Text(_("Sign in to see and change your account.")),
            ft.FilledButton(
                key="account-sign-in", content=_("Sign in"), icon=ft.Icons.LOGIN, on_click=on_click
            ),
        ],
    )


async def build_account(ctx: AppContext) -> ft.Control:
    """Return the account screen of the signed-in user (a sign-in prompt for a guest)."""
    if ctx.session.is_guest:
        return guest_prompt(ctx)
    try:
        user = await ctx.api.me.get()
        sessions = await sessions_section(ctx)
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="account-error")
    return ft.Column(
        key="account",
        spacing=24,
        width=640,
        controls=[
            header(ctx, user),
            profile_section(ctx, user),
            sessions,
            ft.Row([sign_out_button(ctx), delete_account_button(ctx)], wrap=True, spacing=12),
        ],
    )
