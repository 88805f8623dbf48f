"""The module's words: its own gettext catalogs, and what the server's refusals mean."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hue_s.app.api.errors import APIStatusError, HueAPIError

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
"""This module's own gettext catalogs (vi, en): the host looks its words up there first."""
DOMAIN = "hue_s_surveys"
STAFF_ROLES = ("operator", "admin", "officer")


def N_(message: str) -> str:
    """Mark a message of this module for extraction; it is translated where shown."""
    return message


def words(ctx: AppContext, message: str) -> str:
    """Translate one of this module's messages into the session's language."""
    return ctx.i18n.gettext_from(TRANSLATIONS, DOMAIN, message)


REFUSALS = {
    "already_answered": N_("You have already answered this survey: one answer per person."),
    "already_supported": N_("You already support this idea: one support per person."),
    "survey_closed": N_("This survey is closed: it takes no more answers."),
    "survey_open": N_("The results are shown once the survey is closed."),
    "idea_hidden": N_("This idea was hidden by the city's staff."),
    "invalid_answers": N_("Some answers are missing or not valid. Please check them."),
    "other_ward": N_("Officers manage their own ward's surveys and ideas only."),
    "not_authenticated": N_("Sign in to do this."),
}
"""What each refusal of the server means, by its error code."""
KINDS = {
    "single": N_("One choice"),
    "multiple": N_("Several choices"),
    "scale": N_("Scale from 1 to 5"),
    "text": N_("Short text"),
}
"""The kinds of question staff may ask."""


def refusal(ctx: AppContext, error: HueAPIError) -> str:
    """Return the translated reason the server refused, or the host's general message."""
    from hue_s.app.views.errors import describe_error

    code = error.code if isinstance(error, APIStatusError) else None
    known = REFUSALS.get(code or "")
    return words(ctx, known) if known else describe_error(ctx, error)


def is_staff(ctx: AppContext) -> bool:
    """Say whether the signed-in person manages surveys and ideas."""
    return ctx.session.role in STAFF_ROLES
