"""Which secret store a session gets, and that plain-text or failing keyrings are refused."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft
import keyring
import pytest
from keyring.backends import chainer, fail

from hue_s.app.config import AppConfig
from hue_s.app.device.secrets import (
    KeyringSecretStore,
    SecureStorageSecretStore,
    is_refused_keyring,
    secret_store_for,
)
from hue_s.app.i18n import I18n
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.session import MemorySecretStore
from hue_s.app.views.account.sign_in_form import storage_notice


class KeychainKeyring:
    """Stands in for a real keychain backend (Secret Service, macOS, Windows)."""

    priority = 5

    def __init__(self) -> None:
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


KeychainKeyring.__module__ = "keyring.backends.SecretService"


class PlaintextKeyring(KeychainKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (a file in the home directory)."""

    priority = 0.5


PlaintextKeyring.__module__ = "keyrings.alt.file"


def page(*, web: bool = False, platform: ft.PagePlatform = ft.PagePlatform.LINUX) -> Any:
    return SimpleNamespace(web=web, platform=platform)


class ChainOf:
    """Stands in for keyring's ChainerBackend over some backends."""

    def __init__(self, *backends: Any) -> None:
        self.backends = list(backends)


ChainOf.__module__ = chainer.__name__


def chain_of(*backends: Any) -> Any:
    return ChainOf(*backends)


@pytest.fixture
def keyring_backend(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make `keyring.get_keyring()` return what the test puts in the returned holder."""
    holder = SimpleNamespace(backend=KeychainKeyring())
    monkeypatch.setattr(keyring, "get_keyring", lambda: holder.backend)
    return holder


def test_web_sessions_keep_secrets_in_the_browser_never_the_servers_keychain(
    keyring_backend: Any,
) -> None:
    store, persistent = secret_store_for(page(web=True), AppConfig())
    assert isinstance(store, SecureStorageSecretStore) and persistent


def test_kiosks_keep_secrets_in_memory_even_with_a_keychain(keyring_backend: Any) -> None:
    store, persistent = secret_store_for(page(), AppConfig(kiosk=True))
    assert isinstance(store, MemorySecretStore) and not persistent
    store, persistent = secret_store_for(page(web=True), AppConfig(kiosk=True))
    assert isinstance(store, MemorySecretStore) and not persistent


@pytest.mark.parametrize("platform", [ft.PagePlatform.ANDROID, ft.PagePlatform.IOS])
def test_phones_use_secure_storage(platform: ft.PagePlatform) -> None:
    store, persistent = secret_store_for(page(platform=platform), AppConfig())
    assert isinstance(store, SecureStorageSecretStore) and persistent


async def test_desktops_use_the_keychain(keyring_backend: Any) -> None:
    store, persistent = secret_store_for(page(), AppConfig())
    assert isinstance(store, KeyringSecretStore) and persistent
    await store.set("hue_s.refresh_token", "r-1")
    assert keyring_backend.backend.passwords == {("hue-s", "hue_s.refresh_token"): "r-1"}
    assert await store.get("hue_s.refresh_token") == "r-1"
    await store.delete("hue_s.refresh_token")
    await store.delete("hue_s.refresh_token")  # deleting twice is fine
    assert await store.get("hue_s.refresh_token") is None


@pytest.mark.parametrize(
    "backend",
    [PlaintextKeyring(), fail.Keyring(), chain_of(PlaintextKeyring(), fail.Keyring()), chain_of()],
    ids=["plaintext", "fail", "chain-of-refused", "empty-chain"],
)
def test_plaintext_and_failing_keyrings_are_refused(keyring_backend: Any, backend: Any) -> None:
    keyring_backend.backend = backend
    assert is_refused_keyring(backend)
    store, persistent = secret_store_for(page(), AppConfig())
    assert isinstance(store, MemorySecretStore) and not persistent


def test_a_chain_with_a_keychain_uses_the_keychain(keyring_backend: Any) -> None:
    keychain = KeychainKeyring()
    keyring_backend.backend = chain_of(keychain, PlaintextKeyring())
    store, persistent = secret_store_for(page(), AppConfig())
    assert isinstance(store, KeyringSecretStore) and persistent
    assert store._backend is keychain


def test_a_broken_keyring_module_means_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Any:
        raise RuntimeError("no D-Bus")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    store, persistent = secret_store_for(page(), AppConfig())
    assert isinstance(store, MemorySecretStore) and not persistent


@pytest.mark.parametrize(
    ("web", "kiosk", "persistent", "expected"),
    [
        (False, False, False, "Máy tính này không có kho khóa bảo mật"),
        (True, False, True, "Chỉ đánh dấu trên thiết bị của riêng bạn"),
        (True, False, True, "bạn chỉ đăng nhập đến khi đóng thẻ này"),
        (False, True, False, "máy dùng chung"),
        (False, False, True, None),
    ],
)
def test_the_sign_in_screen_says_what_is_kept_where(
    web: bool, kiosk: bool, persistent: bool, expected: str | None
) -> None:
    i18n = I18n("vi")
    ctx: Any = SimpleNamespace(
        _=i18n.gettext,
        page=page(web=web),
        config=AppConfig(kiosk=kiosk),
        credentials=Credentials(MemorySecretStore(), persistent=persistent),
    )
    notice = storage_notice(ctx)
    if expected is None:
        assert notice is None
    else:
        assert notice is not None and expected in notice


async def test_credentials_remember_only_the_refresh_token_and_only_when_asked() -> None:
    from api.accounts_backend import grant_for

    secrets = MemorySecretStore()
    credentials = Credentials(secrets, persistent=True)
    await credentials.store(grant_for("a-1", "r-1"))
    assert await secrets.get("hue_s.refresh_token") is None  # not asked to remember
    credentials.remember = True
    await credentials.store(grant_for("a-2", "r-2"))
    assert secrets._secrets == {"hue_s.refresh_token": "r-2", "hue_s.refresh_token_user": "1"}
    assert await Credentials(secrets, persistent=True).remembered_refresh_token() == "r-2"
    await credentials.clear()
    assert secrets._secrets == {} and credentials.access_token is None


async def test_a_tab_spends_the_newer_refresh_token_another_tab_kept() -> None:
    from api.accounts_backend import grant_for

    browser = MemorySecretStore()  # one browser's storage, shared by its tabs
    first, second = Credentials(browser, persistent=True), Credentials(browser, persistent=True)
    first.remember = second.remember = True
    await first.store(grant_for("a-1", "r-1"))
    await second.store(grant_for("a-2", "r-2"))  # the new tab exchanged r-1 for r-2
    # Spending r-1 again would be a reuse, which ends the session in every tab.
    assert first.refresh_token == "r-1"
    assert await first.latest_refresh_token() == "r-2"


async def test_a_tab_never_takes_another_accounts_refresh_token() -> None:
    from api.accounts_backend import grant_for

    browser = MemorySecretStore()
    mine = Credentials(browser, persistent=True)
    mine.remember = True
    await mine.store(grant_for("a-1", "r-1"))
    await browser.set("hue_s.refresh_token", "someone-elses")
    await browser.set("hue_s.refresh_token_user", "99")
    assert await mine.latest_refresh_token() == "r-1"
    forgetful = Credentials(browser, persistent=True)  # did not ask to be remembered
    await forgetful.store(grant_for("a-3", "r-3"))
    assert await forgetful.latest_refresh_token() == "r-3"
