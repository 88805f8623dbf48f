"""The phone token store (`SecureStorageSecretStore`) on the real flutter_secure_storage plugin.

Phones cannot run here; Flet's web client carries the same plugin (its web implementation,
AES-GCM in the browser), so this drives our adapter through the real Flutter method channel:
a token set, read back, absent from storage in plain text, and gone after delete.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import harness
from .conftest import AppPage

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CANARY = "refresh-CANARY-5e1c77d2"
STORE_APP = textwrap.dedent(
    f'''
    """Our phone secret store on Flet's SecureStorage service, one button per step."""
    import sys

    import flet as ft
    import flet_secure_storage

    from hue_s.app.device.secrets import SecureStorageSecretStore


    async def main(page: ft.Page) -> None:
        store = SecureStorageSecretStore(flet_secure_storage.SecureStorage())
        shown = ft.Text("ready")

        async def show(text: str) -> None:
            shown.value = text
            page.update()

        async def keep(event: ft.Event[ft.Button]) -> None:
            await store.set("refresh_token", "{CANARY}")
            await show("kept")

        async def read(event: ft.Event[ft.Button]) -> None:
            await show(f"read {{await store.get('refresh_token')}}")

        async def forget(event: ft.Event[ft.Button]) -> None:
            await store.delete("refresh_token")
            await show("forgotten")

        page.add(
            ft.Button("Keep", on_click=keep),
            ft.Button("Read", on_click=read),
            ft.Button("Forget", on_click=forget),
            shown,
        )


    ft.run(main, view=ft.AppView.WEB_BROWSER, port=int(sys.argv[1]), no_cdn=True)
    '''
)


@pytest.fixture
def store_app(tmp_path: Path, browser_available: None) -> Iterator[harness.ServerProcess]:
    """A Flet web app exercising the phone secret store, stopped at the end."""
    script = tmp_path / "store_app.py"
    script.write_text(STORE_APP, encoding="utf-8")
    port = harness.free_port()
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "FLET_FORCE_WEB_SERVER": "1", "PYTHONUNBUFFERED": "1", "PYTHONPATH": root}
    server = harness.ServerProcess(
        "secure-storage app",
        [sys.executable, str(script), str(port)],
        url=f"http://127.0.0.1:{port}",
        env=env,
        cwd=tmp_path,
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_token_kept_encrypted_read_back_and_forgotten(
    browser: Browser, store_app: harness.ServerProcess
) -> None:
    context = browser.new_context()
    try:
        app = AppPage(context.new_page(), store_app, "secure-storage").goto("/", wait_for="ready")
        app.click_button("Keep")
        app.wait_for_text("kept")
        stored = app.page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
        assert "FletSecureStorage" in stored  # the plugin, not a stand-in, holds it
        assert CANARY not in stored and CANARY not in app.page.content()

        app.click_button("Read")
        app.wait_for_text(f"read {CANARY}")
        app.click_button("Forget")
        app.wait_for_text("forgotten")
        app.click_button("Read")
        app.wait_for_text("read None")
    finally:
        context.close()
