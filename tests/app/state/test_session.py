"""Tests of the signed-in session and the in-memory secret store."""

from __future__ import annotations

from hue_s.app.state.session import MemorySecretStore, SecretStore, UserSession


def test_a_new_session_is_a_guest() -> None:
    session = UserSession()
    assert session.is_guest
    assert (session.user_id, session.display_name) == (None, None)


def test_a_signed_in_user_is_not_a_guest() -> None:
    session = UserSession(role="citizen", user_id="u-1", display_name="Nguyễn Văn A")
    assert not session.is_guest


async def test_memory_secret_store() -> None:
    secrets: SecretStore = MemorySecretStore()
    assert await secrets.get("access_token") is None
    await secrets.set("access_token", "t-1")
    assert await secrets.get("access_token") == "t-1"
    await secrets.delete("access_token")
    await secrets.delete("access_token")
    assert await secrets.get("access_token") is None


async def test_each_memory_secret_store_is_separate() -> None:
    first, second = MemorySecretStore(), MemorySecretStore()
    await first.set("access_token", "t-1")
    assert await second.get("access_token") is None
