"""Before anything is typed: who a report is sent as, and what the ward's staff will see.

The city takes no report without a checked mobile number (an anonymous report is one whose
name the ward does not see, not one without a number): the number is what lets the ward call
back, and what keeps one person from flooding a ward. So a guest may write a report, but it is
sent only after a phone sign-in; the form says so at its top, with a way to sign in first.
"""

from __future__ import annotations

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.modules.incidents.app.session import IncidentsSession

NEW_REPORT_ROUTE = "/incidents/new"


def sender_notice(ctx: AppContext, session: IncidentsSession) -> ft.Control | None:
    """Return what the form says first about signing in and what staff see (None: no account)."""
    _ = ctx._
    if session.plain:  # the city's plain GeoReport server has no accounts
        return None
    if not ctx.session.is_guest:
        user = ctx.credentials.user
        text = _(
            "You send this report as the holder of {phone}. The ward's staff see this number, "
            'to call you back; "Hide my name" below keeps only your name from them.'
        ).format(phone=user.phone if user is not None else _("your phone number"))
        return ft.Text(text, key="incident-sender", theme_style=ft.TextThemeStyle.BODY_MEDIUM)
    text = _(
        "To send a report you sign in with your mobile number; we text you a code. The city "
        "takes reports only from a checked number. The ward's staff see that number, to call "
        'you back; "Hide my name" below keeps only your name from them. You may write first: '
        "the report waits here until you sign in."
    )
    return ft.Column(
        key="incident-sender",
        spacing=8,
        controls=[
            ft.Text(text, theme_style=ft.TextThemeStyle.BODY_MEDIUM),
            ft.OutlinedButton(
                key="incident-sign-in-first",
                content=_("Sign in first"),
                icon=ft.Icons.LOGIN,
                on_click=lambda _event: ctx.page.run_task(
                    ctx.page.push_route, sign_in_route(NEW_REPORT_ROUTE)
                ),
            ),
        ],
    )
