"""The tokens of one app session: in memory, and on the device only when the user asked."""

from __future__ import annotations

import logging

from hue_s.app.api.models.accounts import TokenGrant, User
from hue_s.app.state.session import MemorySecretStore, SecretStore

logger = logging.getLogger(__name__)

REFRESH_TOKEN_KEY = "hue_s.refresh_token"
REFRESH_USER_KEY = "hue_s.refresh_token_user"
"""Whose refresh token is kept: a tab adopts a newer one only if it is its own user's."""


class Credentials:
    """The token pair and user of one session (the `TokenSource` of the auth flow).

    Tokens live in memory. Only the refresh token is ever written to the secret store, and
    only while `remember` is on and the store is `persistent` (a keychain, not memory).
    """

    def __init__(self, secrets: SecretStore | None = None, *, persistent: bool = False) -> None:
        """Keep remembered tokens in `secrets` (memory by default)."""
        self.secrets: SecretStore = secrets if secrets is not None else MemorySecretStore()
        self.persistent = persistent
        self.remember = False
        self.user: User | None = None
        self._access_token: str | None = None
        self._refresh_token: str | None = None

    @property
    def access_token(self) -> str | None:
        """Return the current access token, or None when signed out."""
        return self._access_token

    @property
    def refresh_token(self) -> str | None:
        """Return the current refresh token, or None when signed out."""
        return self._refresh_token

    @property
    def signed_in(self) -> bool:
        """Say whether this session holds tokens."""
        return self._access_token is not None

    async def store(self, grant: TokenGrant) -> None:
        """Keep a new token pair and its user; remember the refresh token if asked to."""
        self._access_token = grant.access_token
        self._refresh_token = grant.refresh_token
        self.user = grant.user
        if self.remember and self.persistent:
            await self._write(grant.refresh_token, str(grant.user.id))
        else:
            await self._forget_on_device()

    async def latest_refresh_token(self) -> str | None:
        """Return the refresh token to spend now.

        A remembered sign-in is shared by the browser's tabs (or the app's windows): when
        another one has already exchanged it, the newer one kept on the device is taken, for
        spending the old one again would end the session everywhere.
        """
        if self._refresh_token is None or not (self.remember and self.persistent):
            return self._refresh_token
        try:
            kept = await self.secrets.get(REFRESH_TOKEN_KEY)
            owner = await self.secrets.get(REFRESH_USER_KEY)
        except Exception as error:
            logger.warning("cannot read the device's secret store: %s", type(error).__name__)
            return self._refresh_token
        if kept and self.user is not None and owner == str(self.user.id):
            self._refresh_token = kept
        return self._refresh_token

    async def clear(self) -> None:
        """Forget both tokens and the user, in memory and on the device."""
        self._access_token = self._refresh_token = None
        self.user = None
        await self._forget_on_device()

    async def remembered_refresh_token(self) -> str | None:
        """Return the refresh token kept on the device by an earlier session, if any."""
        if not self.persistent:
            return None
        try:
            return await self.secrets.get(REFRESH_TOKEN_KEY)
        except Exception as error:
            logger.warning("cannot read the device's secret store: %s", type(error).__name__)
            return None

    async def _write(self, refresh_token: str, user_id: str) -> None:
        """Write the refresh token (and whose) to the secret store; on failure keep it in memory."""
        try:
            await self.secrets.set(REFRESH_TOKEN_KEY, refresh_token)
            await self.secrets.set(REFRESH_USER_KEY, user_id)
        except Exception as error:
            logger.warning("cannot write the device's secret store: %s", type(error).__name__)

    async def _forget_on_device(self) -> None:
        """Delete any refresh token kept in the secret store."""
        try:
            await self.secrets.delete(REFRESH_TOKEN_KEY)
            await self.secrets.delete(REFRESH_USER_KEY)
        except Exception as error:
            logger.warning("cannot clear the device's secret store: %s", type(error).__name__)
