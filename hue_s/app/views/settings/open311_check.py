"""Checking and choosing the city's GeoReport v2 server: the probe, and what it says to staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.api.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    HueAPIError,
    ResponseValidationError,
)
from hue_s.app.api.open311 import Capabilities, Open311Endpoint, georeport_error
from hue_s.app.api.retry import RetryPolicy
from hue_s.app.config import Open311Settings

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

OPEN311_ROLES = frozenset({"operator", "admin"})
"""Who may choose where the city's reports go: the operations centre, not a ward or a citizen."""
CHECK_TIMEOUT = 10.0
DETAIL_KEPT = 200


def may_choose_open311(ctx: AppContext) -> bool:
    """Say whether the person signed in may set the Open311 connection."""
    return ctx.session.role in OPEN311_ROLES


def connection_from(ctx: AppContext, url: str, jurisdiction: str, api_key: str) -> Open311Settings:
    """Return the settings typed in; an empty api key keeps the kept one for the same address
    only (a city's key is never sent to another server)."""
    current = ctx.services.open311.settings
    url = url.strip()
    kept = current.api_key if current is not None and current.url == url else None
    return Open311Settings(
        url=url, jurisdiction_id=jurisdiction.strip() or None, api_key=api_key or kept
    )


async def check_open311(ctx: AppContext, settings: Open311Settings) -> tuple[bool, list[str]]:
    """Probe a server now; return whether it answers as GeoReport v2, and what to tell staff."""
    _ = ctx._
    url = settings.url
    if not url.startswith(("https://", "http://")):
        return False, [_("Enter the address of the system, starting with https:// or http://.")]
    try:
        client = HueClient(url, retry=RetryPolicy(max_retries=0), timeout=CHECK_TIMEOUT)
    except httpx.InvalidURL:
        return False, [_("Enter the address of the system, starting with https:// or http://.")]
    try:
        caps, services = await Open311Endpoint(settings).check(client)
    except httpx.InvalidURL:
        return False, [_("Enter the address of the system, starting with https:// or http://.")]
    except APITimeoutError:
        return False, [_("{url} did not answer in time.").format(url=url)]
    except APIConnectionError:
        return False, [_("Cannot reach {url}. Check the address and the network.").format(url=url)]
    except APIStatusError as error:
        first = georeport_error(error.body)
        detail = str(first.get("description")) if first else error.message
        line = _("{url} answered {status}: {detail}")
        return False, [line.format(url=url, status=error.status_code, detail=detail[:DETAIL_KEPT])]
    except (ResponseValidationError, HueAPIError):
        return False, [_("{url} does not answer as a GeoReport v2 server.").format(url=url)]
    finally:
        await client.aclose()
    return True, connected_lines(ctx, caps, services)


def connected_lines(ctx: AppContext, caps: Capabilities, services: int) -> list[str]:
    """Return what a server that answered supports, in words."""
    _ = ctx._
    count = ctx.i18n.ngettext(
        "Connected: {count} service.", "Connected: {count} services.", services
    )
    yes, no = _("yes"), _("no")
    return [
        count.format(count=services),
        _("Endpoint: {url}").format(url=caps.root),
        _("Format: {format}").format(format="XML" if caps.xml else "JSON"),
        _("Paging: {answer}").format(answer=yes if caps.paging else no),
        _("Extensions: {answer}").format(answer=yes if caps.extensions else no),
        _("The api key is checked when the first report is sent: the standard has no other way."),
    ]


async def choose_open311(
    ctx: AppContext, url: str, jurisdiction: str, api_key: str
) -> tuple[bool, list[str]]:
    """Check the server typed in and, when it answers, file every report to it from now on."""
    settings = connection_from(ctx, url, jurisdiction, api_key)
    ok, lines = await check_open311(ctx, settings)
    if not ok:
        return False, [ctx._("Not saved."), *lines]
    await ctx.services.open311.save(settings)
    return True, [ctx._("Saved: reports now go to this system."), *lines]


def not_available_lines(ctx: AppContext) -> list[str]:
    """Return what the app cannot offer while reports go to a plain GeoReport server."""
    _ = ctx._
    return [
        _("With the city's own system, this app cannot offer:"),
        _("• tracking codes and accounts for reports (they are kept on each device);"),
        _("• live news of a report (its status is asked from time to time);"),
        _("• the ward officers' workspace: the city's own staff handle the reports there."),
    ]


def key_kept_line(ctx: AppContext) -> str:
    """Say where the api key is kept."""
    if ctx.services.open311.key_kept:
        return ctx._("The api key is kept in the secure keychain of the machine running the app.")
    return ctx._(
        "The machine running the app has no secure keychain: the api key is kept in memory "
        "until the app stops (set HUE_S_OPEN311_API_KEY to keep it)."
    )
