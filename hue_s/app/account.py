"""Signing one app session in and out: tokens, the user it shows, and a remembered sign-in."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.accounts import TokenGrant, User
from hue_s.app.state.session import UserSession
from hue_s.app.test_hooks import record_access_token

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

logger = logging.getLogger(__name__)

LOGOUT_TIMEOUT = 5.0


def show_user(ctx: AppContext, user: User | None) -> None:
    """Make the session's user (role, id, name) match `user`; None means a guest."""
    fresh = UserSession()
    if user is not None:
        fresh = UserSession(role=user.role, user_id=str(user.id), display_name=user.display_name)
    ctx.session.role, ctx.session.user_id = fresh.role, fresh.user_id
    ctx.session.display_name = fresh.display_name


async def complete_sign_in(ctx: AppContext, grant: TokenGrant, *, remember: bool) -> None:
    """Keep the tokens of a successful sign-in (on the device only if `remember`)."""
    ctx.credentials.remember = remember and ctx.credentials.persistent and not ctx.config.kiosk
    await ctx.credentials.store(grant)
    show_user(ctx, grant.user)
    record_access_token(grant.access_token)


async def sign_out(ctx: AppContext) -> None:
    """End the session on the server (best effort) and forget its tokens here."""
    if ctx.credentials.signed_in:
        try:
            await asyncio.wait_for(ctx.api.auth.logout(), LOGOUT_TIMEOUT)
        except (HueAPIError, TimeoutError) as error:
            logger.info("server logout failed (%s); forgetting the tokens anyway", error)
    await ctx.credentials.clear()
    ctx.api.known_answers.forget()  # copies of the lists polled: maybe this person's reports
    show_user(ctx, None)


async def restore_sign_in(ctx: AppContext) -> bool:
    """Sign in again with a refresh token remembered on this device; True when it worked."""
    return await sign_in_with_remembered(ctx, await ctx.credentials.remembered_refresh_token())


async def sign_in_with_remembered(ctx: AppContext, refresh_token: str | None) -> bool:
    """Sign in again with the refresh token read from this device (None: none was kept)."""
    if not refresh_token:
        return False
    ctx.credentials.remember = True
    try:
        grant = await ctx.api.auth.refresh(refresh_token=refresh_token)
    except HueAPIError as error:
        logger.info("the remembered sign-in could not be restored: %s", type(error).__name__)
        if getattr(error, "status_code", 0) in (400, 401, 403, 422):
            await ctx.credentials.clear()
        return False
    await ctx.credentials.store(grant)
    show_user(ctx, grant.user)
    return True
