"""The words the incident screens use for statuses, timeline actions and outbox states."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import flet as ft

from hue_s.app.i18n import N_, I18n
from hue_s.app.state.outbox_handler import BUSY, INTERRUPTED, NETWORK, OTHER_SERVER, SIGN_IN
from hue_s.hue_time import HUE_TIME
from hue_s.modules.incidents.app.outbox.queue import QueuedReport

STATUS_NAMES = {
    "received": N_("Received"),
    "assigned": N_("Accepted by the ward"),
    "in_progress": N_("Being handled"),
    "transferred": N_("Transferred to another ward"),
    "resolved": N_("Resolved"),
    "rejected": N_("Rejected"),
    "open": N_("Open"),
    "closed": N_("Closed"),
}
STATUS_COLOURS = {
    "received": ft.Colors.BLUE_700,
    "assigned": ft.Colors.INDIGO_700,
    "in_progress": ft.Colors.ORANGE_800,
    "transferred": ft.Colors.PURPLE_700,
    "resolved": ft.Colors.GREEN_800,
    "rejected": ft.Colors.RED_800,
}
ACTION_NAMES = {
    "received": N_("Report received"),
    "accepted": N_("Accepted by the ward"),
    "started": N_("Work started"),
    "transferred": N_("Transferred to another ward"),
    "placed": N_("Placed in a ward by the city level"),
    "noted": N_("Note from the ward"),
    "rejected": N_("Rejected"),
    "resolved": N_("Resolved"),
    "reopened": N_("Reopened"),
    "rated": N_("Rated"),
    "proof_checked": N_("Photo of the fix checked: taken at the place, after the report"),
    "proof_not_checked": N_(
        "Photo of the fix not checked: the photos do not all say where and when they were taken"
    ),
}
WAIT_NAMES = {
    NETWORK: N_("Waiting for the network; it will be sent by itself."),
    SIGN_IN: N_("Waiting for you to sign in."),
    BUSY: N_("The server is busy; it will be sent a little later."),
    INTERRUPTED: N_("Sending was interrupted; it will be sent again."),
    OTHER_SERVER: N_(
        "It may already be with the report system used before. Switch back to that system in "
        "settings to finish sending it; sent here, it could be filed twice."
    ),
}
REFUSAL_NAMES = {
    "outside_city": N_("The place is outside Huế. Move the pin into the city."),
    "service_not_found": N_("This kind of problem can no longer be reported. Choose another."),
    "location_required": N_("Say where it is."),
    "ward_required": N_("Choose the ward."),
    "ward_not_found": N_("Choose the ward again."),
    "already_received": N_(
        "This report had reached the ward before your change. Follow it in My reports."
    ),
    "photo_unreadable": N_("A photo could not be read. Remove it or pick another."),
    "photo_polyglot": N_("A photo was refused. Remove it or pick another."),
    "too_many_photos": N_("At most 5 photos per report."),
    "attribute_required": N_("A question about this kind of problem needs an answer. Answer it."),
    "invalid_attribute": N_("An answer about this kind of problem was not accepted. Change it."),
    "form_body_required": N_("The server did not accept how this report was sent. Update the app."),
}
UNKNOWN_REFUSAL = N_("The server did not accept this report. Change it or delete it.")
NOT_SENT_YET = N_("Waiting to be sent.")
SENDING = N_("Sending…")


def hue_time(translate_to: I18n, moment: datetime) -> str:
    """Return a moment as Huế's clock shows it (UTC+7), short, in the session's language."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return translate_to.datetime(moment.astimezone(HUE_TIME), "short")


def status_name(status: str) -> str:
    """Return the gettext marker of a status (the status itself when unknown)."""
    return STATUS_NAMES.get(status, status)


def action_name(action: str) -> str:
    """Return the gettext marker of a timeline action (the action itself when unknown)."""
    return ACTION_NAMES.get(action, action)


def queue_state(queued: QueuedReport, *, guest: bool = False) -> str:
    """Return the gettext marker saying where a queued report stands (a guest's waits for them)."""
    if queued.item.state == "sending":
        return SENDING
    if queued.refused:
        return REFUSAL_NAMES.get(queued.refusal_code or "", UNKNOWN_REFUSAL)
    if guest:
        return WAIT_NAMES[SIGN_IN]
    return WAIT_NAMES.get(queued.wait_reason or "", NOT_SENT_YET)


def status_chip(translate: Callable[[str], str], status: str) -> ft.Control:
    """Return a small coloured label of a status, in the session's language (`translate`)."""
    colour = STATUS_COLOURS.get(status, ft.Colors.BLUE_GREY_700)
    return ft.Container(
        content=ft.Text(
            translate(status_name(status)),
            color=ft.Colors.WHITE,
            theme_style=ft.TextThemeStyle.BODY_SMALL,
        ),
        bgcolor=colour,
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=10, vertical=3),
    )
