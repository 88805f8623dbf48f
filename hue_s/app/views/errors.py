"""The one place a client error becomes a translated message with a next step for the user."""

from __future__ import annotations

import flet as ft

from hue_s.app.api import errors
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_

# Most specific first: the first class the error is an instance of gives the message.
MESSAGES: tuple[tuple[type[errors.HueAPIError], str], ...] = (
    (errors.APITimeoutError, N_("The server is taking too long to answer. Please try again.")),
    (
        errors.APIConnectionError,
        N_("No connection to the server. Check your network and try again."),
    ),
    (errors.AuthenticationError, N_("Your session has ended. Please sign in again.")),
    (errors.PermissionDeniedError, N_("Your account is not allowed to do this.")),
    (errors.NotFoundError, N_("We could not find what you asked for.")),
    (errors.ConflictError, N_("This was changed in the meantime. Reload and try again.")),
    (errors.UnprocessableError, N_("Some of the information is not valid. Please check it.")),
    (errors.RateLimitError, N_("Too many attempts. Please wait a moment and try again.")),
    (errors.ServerError, N_("The server had a problem. Please try again later.")),
    (errors.ResponseValidationError, N_("The server sent an answer this app cannot read.")),
)
FALLBACK = N_("Something went wrong. Please try again.")


def describe_error(ctx: AppContext, error: errors.HueAPIError) -> str:
    """Return the translated message, with its next step, for a client error."""
    for kind, message in MESSAGES:
        if isinstance(error, kind):
            text = ctx._(message)
            if isinstance(error, errors.RateLimitError) and error.retry_after:
                wait = ctx._("Try again in {seconds} s.").format(seconds=round(error.retry_after))
                text = f"{text} {wait}"
            return text
    return ctx._(FALLBACK)


def show_error(ctx: AppContext, error: errors.HueAPIError) -> None:
    """Show a client error to the user as a snack bar; never a stack trace."""
    # No fixed key: two bars with one key overlapping make Flet refuse to update either.
    ctx.page.show_dialog(ft.SnackBar(ft.Text(describe_error(ctx, error))))
