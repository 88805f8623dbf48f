"""What home's search finds inside incident reporting: its categories and its screens."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.i18n import N_
from hue_s.app.modules import SearchEntry
from hue_s.modules.incidents.app.form.screen import build_new_report
from hue_s.modules.incidents.app.session import IncidentsSession, incidents_session

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

logger = logging.getLogger(__name__)

NEW_REPORT_OF = "/incidents/new/:service"
SCREENS = (
    (N_("My reports"), "/incidents", "phản ánh của tôi my reports"),
    (N_("Reports nearby"), "/incidents/nearby", "gần đây quanh tôi nearby around"),
    (N_("Follow a report by its code"), "/incidents/track", "mã theo dõi tra cứu track code"),
)
"""Each screen: its title (gettext marker), route, and words people may search it by."""


async def search_entries(ctx: AppContext) -> list[SearchEntry]:
    """Return one entry per category (it opens a new report of it), then the screens."""
    _ = ctx._
    entries: list[SearchEntry] = []
    try:
        services = await incidents_session(ctx).services()
    except HueAPIError as error:  # offline and never listed: the screens are still found
        logger.info("no categories to search: %s", type(error).__name__)
        services = []
    detail = _("Report this problem")
    for service in services:
        words = " ".join(filter(None, (service.keywords, service.description, service.group)))
        route = NEW_REPORT_OF.replace(":service", service.service_code)
        entries.append(SearchEntry(service.service_name, route, detail=detail, words=words))
    entries += [SearchEntry(_(title), route, words=words) for title, route, words in SCREENS]
    return entries


def choose_category(session: IncidentsSession, code: str) -> None:
    """Make `code` the category of the report being written; what was typed stays."""
    draft = session.saved_draft()
    if code and code != draft.service_code:
        session.save_draft(draft.model_copy(update={"service_code": code, "answers": {}}))


async def build_new_report_of(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the new-report form with a category chosen (from search)."""
    choose_category(incidents_session(ctx), params.get("service", ""))
    return await build_new_report(ctx, params)
