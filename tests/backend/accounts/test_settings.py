"""Tests of accounts settings: the server secret and rate limits from the environment."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from hue_s.backend.accounts.settings import AccountsSettings, RateLimit, load_secret_key


def test_secret_key_file_is_made_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUE_S_SECRET_KEY", raising=False)
    first = load_secret_key(tmp_path / "data")
    assert len(first) == 64
    assert load_secret_key(tmp_path / "data") == first
    key_file = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [path.name for path in key_file.parent.iterdir()] == ["secret.key"]
    assert load_secret_key(tmp_path / "elsewhere") != first


def test_secret_key_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_SECRET_KEY", "k" * 40)
    assert load_secret_key(tmp_path) == b"k" * 40
    assert not (tmp_path / "secret.key").exists()
    monkeypatch.setenv("HUE_S_SECRET_KEY", "short")
    with pytest.raises(ValueError, match="at least 32"):
        load_secret_key(tmp_path)


def test_rate_limits_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUE_S_SECRET_KEY", raising=False)
    monkeypatch.setenv("HUE_S_RATE_LIMIT_OTP_PER_PHONE", "5/900")
    settings = AccountsSettings.from_environment(tmp_path)
    assert settings.otp_per_phone == RateLimit(5, 900)
    assert settings.otp_per_address == RateLimit(20, 3600)
    assert (settings.token_per_phone, settings.token_per_address) == (
        RateLimit(10, 600),
        RateLimit(10, 600),
    )
    monkeypatch.setenv("HUE_S_RATE_LIMIT_TOKEN_PER_ADDRESS", "0/60")
    with pytest.raises(ValueError):
        AccountsSettings.from_environment(tmp_path)


def test_secret_is_not_in_the_repr(tmp_path: Path) -> None:
    settings = AccountsSettings(secret_key=b"very-secret-value")
    assert "very-secret-value" not in repr(settings)
