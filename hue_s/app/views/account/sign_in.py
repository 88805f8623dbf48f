"""The sign-in screen (`/sign-in?next=...`) and the sign-in dialog shown when a session ends."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import flet as ft

from hue_s.app.account import show_user
from hue_s.app.context import AppContext
from hue_s.app.state.session import GUEST_ROLE
from hue_s.app.views.account.sign_in_form import SignInForm
from hue_s.app.views.dialogs import close_dialog, close_now, dismissal

SIGN_IN_PATH = "/sign-in"
ACCOUNT_PATH = "/account"


def sign_in_route(next_route: str) -> str:
    """Return the sign-in route that comes back to `next_route` afterwards."""
    return f"{SIGN_IN_PATH}?{urlencode({'next': next_route})}"


def next_route(route: str) -> str:
    """Return where to go after signing in: `?next=` when it is a local route, else home."""
    target = parse_qs(urlsplit(route).query).get("next", ["/"])[0]
    if not target.startswith("/") or target.startswith("//") or target.startswith(SIGN_IN_PATH):
        return "/"
    return target


def is_public(ctx: AppContext, route: str) -> bool:
    """Say whether a guest may open `route` (my account and staff modules are not public)."""
    path = urlsplit(route).path
    if path == ACCOUNT_PATH:
        return False
    found = ctx.registry.find(path)
    return found is None or found[0].allows(GUEST_ROLE)


def build_sign_in(ctx: AppContext, route: str) -> ft.Control:
    """Return the sign-in screen; afterwards it goes to `?next=` (home for a guest if private)."""
    _ = ctx._
    target = next_route(route)

    async def go_on() -> None:
        await ctx.page.push_route(target)

    async def as_guest() -> None:
        await ctx.page.push_route(target if is_public(ctx, target) else "/")

    async def on_continue(event: ft.Event[ft.Button]) -> None:
        await go_on()

    if not ctx.session.is_guest:
        name = ctx.session.display_name or _("your account")
        return ft.Column(
            key="sign-in-done",
            spacing=16,
            controls=[
                ft.Text(_("You are signed in as {name}.").format(name=name)),
                ft.FilledButton(
                    key="sign-in-continue", content=_("Continue"), on_click=on_continue
                ),
            ],
        )
    form = SignInForm(ctx, on_signed_in=go_on, on_guest=as_guest)
    return ft.Container(content=form.control, width=480)


async def show_session_expired(ctx: AppContext) -> None:
    """Ask the user to sign in again in a dialog, over the screen they were using."""
    _ = ctx._
    show_user(ctx, None)

    async def signed_in() -> None:
        await close_dialog(dialog, dismissed)
        message = _("You are signed in again. You can carry on where you were.")
        ctx.page.show_dialog(ft.SnackBar(ft.Text(message), key="signed-in-again"))

    async def as_guest() -> None:
        close_now(dialog)

    form = SignInForm(ctx, on_signed_in=signed_in, on_guest=as_guest)
    dialog = ft.AlertDialog(
        key="session-expired",
        modal=True,
        title=ft.Text(_("Your session has ended")),
        semantics_label=_("Your session has ended"),
        content=ft.Column(
            [
                ft.Text(_("Sign in again to go on. What you typed stays on the screen.")),
                form.control,
            ],
            tight=True,
            width=420,
        ),
    )
    dismissed = dismissal(dialog)
    ctx.page.show_dialog(dialog)
