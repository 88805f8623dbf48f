"""Canary: no token and no one-time code is ever written in plain text to disk or to the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from api.accounts_backend import accounts_backend, signed_client
from session_doubles import session_context

from hue_s.app.account import complete_sign_in, restore_sign_in, sign_out
from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.accounts import TokenGrant
from hue_s.app.config import AppConfig
from hue_s.app.device.scratch import new_scratch_dir, remove_scratch_dir
from hue_s.app.kiosk_session import wipe_visitor
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.session import MemorySecretStore
from hue_s.app.state.store import Store
from hue_s.app.test_hooks import ACCESS_TOKEN_FILE_ENV


class RecordingCredentials(Credentials):
    """Credentials that also note every token they were given, for the search afterwards."""

    def __init__(self) -> None:
        super().__init__(MemorySecretStore(), persistent=True)
        self.seen: set[str] = set()

    async def store(self, grant: TokenGrant) -> None:
        self.seen |= {grant.access_token, grant.refresh_token}
        await super().store(grant)


def files_under(*roots: Path) -> list[Path]:
    return [path for root in roots for path in root.rglob("*") if path.is_file()]


async def test_tokens_and_codes_stay_out_of_files_and_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ACCESS_TOKEN_FILE_ENV, raising=False)
    caplog.set_level(logging.DEBUG)
    backend = accounts_backend(tmp_path / "backend")
    credentials = RecordingCredentials()
    client = signed_client(backend, credentials)
    scratch = new_scratch_dir(tmp_path / "data")
    secrets: set[str] = set()  # every code and token of the journey
    with Store(tmp_path / "data" / "app-state.sqlite3") as store:
        ctx = session_context(
            store,
            client.api,
            credentials=credentials,
            config=AppConfig(data_dir=tmp_path / "data"),
            scratch_dir=scratch,
        )
        # Sign in, with a wrong code first.
        sent = await client.api.auth.request_code(phone="0905123460")
        code = backend.last_code(sent.phone or "")
        secrets.add(code)
        with pytest.raises(HueAPIError):
            await client.api.auth.sign_in(
                phone="0905123460", code="000000" if code != "000000" else "111111"
            )
        grant = await client.api.auth.sign_in(phone="0905123460", code=code)
        await complete_sign_in(ctx, grant, remember=True)
        store.drafts.put(ctx.device_id, "account.profile", {"display_name": "Hoa"})
        # The access token expires and is refreshed; the remembered sign-in is restored.
        backend.clock.advance(901)
        await client.api.me.get()
        assert await restore_sign_in(ctx)
        await sign_out(ctx)
        assert not await restore_sign_in(ctx)  # signing out forgets the remembered token
        # A kiosk visitor signs in and walks away.
        again = await client.api.auth.request_code(phone="0905123460")
        secrets.add(backend.last_code(again.phone or ""))
        kiosk_grant = await client.api.auth.sign_in(
            phone="0905123460", code=backend.last_code(again.phone or "")
        )
        await complete_sign_in(ctx, kiosk_grant, remember=False)
        await wipe_visitor(ctx)
        secrets |= credentials.seen
        store.close()
    await client.api.aclose()
    backend.app.state.engine.dispose()
    remove_scratch_dir(ctx.scratch_dir)

    assert len(credentials.seen) >= 6
    app_files = files_under(tmp_path / "data", scratch)
    backend_files = files_under(tmp_path / "backend")  # tokens only: 6 digits occur by chance
    for secret in secrets:
        assert secret not in caplog.text
        for path in app_files + (backend_files if len(secret) > 6 else []):
            assert secret.encode() not in path.read_bytes(), f"{path} holds a token or code"
