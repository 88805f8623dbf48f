"""Signing in with a phone and a texted code, and the signed-in user's own account."""

from __future__ import annotations

import builtins
from urllib.parse import quote

from hue_s.app.api.models.accounts import (
    CodeRequest,
    CodeSent,
    DeviceSession,
    ProfileUpdate,
    RefreshRequest,
    TokenGrant,
    TokenRequest,
    User,
)
from hue_s.app.api.resources.base import API_V1, Resource

AUTH = f"{API_V1}/auth"
ME = f"{API_V1}/me"


class AuthResource(Resource):
    """Phone sign-in: ask for a code, trade it for tokens, refresh them, sign out."""

    async def request_code(self, *, phone: str) -> CodeSent:
        """Ask the server to text a one-time code to `phone`."""
        body = CodeRequest(phone=phone).model_dump()
        answer = await self._client.request("POST", f"{AUTH}/otp", json=body)
        return CodeSent.model_validate(answer if isinstance(answer, dict) else {})

    async def sign_in(self, *, phone: str, code: str) -> TokenGrant:
        """Trade the texted code for a token pair."""
        body = TokenRequest(phone=phone, code=code).model_dump()
        return await self._client.request("POST", f"{AUTH}/token", json=body, model=TokenGrant)

    async def refresh(self, *, refresh_token: str) -> TokenGrant:
        """Trade a refresh token for a new pair; the old refresh token stops working."""
        body = RefreshRequest(refresh_token=refresh_token).model_dump()
        return await self._client.request("POST", f"{AUTH}/refresh", json=body, model=TokenGrant)

    async def logout(self) -> None:
        """End the current session on the server (its tokens stop working)."""
        await self._client.request("POST", f"{AUTH}/logout")


class MeResource(Resource):
    """The signed-in user's profile and sessions."""

    async def get(self) -> User:
        """Return the signed-in user."""
        return await self._client.request("GET", ME, model=User)

    async def update(self, *, changes: ProfileUpdate) -> User:
        """Change the profile; only the fields set in `changes` are sent."""
        body = changes.model_dump(exclude_unset=True)
        return await self._client.request("PATCH", ME, json=body, model=User)

    async def sessions(self) -> builtins.list[DeviceSession]:
        """Return every place the user is signed in."""
        return await self._client.request(
            "GET", f"{ME}/sessions", model=builtins.list[DeviceSession]
        )

    async def end_session(self, *, session_id: int | str) -> None:
        """Sign the user out on one device."""
        await self._client.request("DELETE", f"{ME}/sessions/{quote(str(session_id), safe='')}")

    async def delete(self) -> None:
        """Delete the signed-in user's account for good."""
        await self._client.request("DELETE", ME)
