"""Tests of device settings: defaults, round trip, and falling back on bad stored values."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hue_s.app.state.settings import DeviceSettings, load_settings, save_settings
from hue_s.app.state.store import Store


def test_defaults_for_a_new_device(store: Store) -> None:
    settings = load_settings(store, "new-device")
    assert settings == DeviceSettings()
    assert (settings.language, settings.theme_mode, settings.text_scale) == ("vi", "system", 1.0)
    assert settings.subscriptions == []


def test_round_trip(store: Store) -> None:
    chosen = DeviceSettings(
        language="en", theme_mode="dark", text_scale=1.6, subscriptions=["flood"]
    )
    save_settings(store, "tablet", chosen)
    assert load_settings(store, "tablet") == chosen
    assert load_settings(store, "other") == DeviceSettings()


@pytest.mark.parametrize("text_scale", [0.5, 2.5, "huge"])
def test_text_scale_is_validated(text_scale: object) -> None:
    with pytest.raises(ValidationError):
        DeviceSettings.model_validate({"text_scale": text_scale})


def test_bad_stored_values_fall_back_field_by_field(store: Store) -> None:
    store.device_settings.put_many(
        "kiosk",
        {
            "language": "de",  # not one of the six
            "theme_mode": "dark",
            "text_scale": 9,
            "subscriptions": "not a list",
            "removed_in_v2": True,
        },
    )
    settings = load_settings(store, "kiosk")
    assert settings == DeviceSettings(theme_mode="dark")


def test_unreadable_stored_json_falls_back(store: Store) -> None:
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO device_settings VALUES "
            "('kiosk', 'language', '{oops', '2026-01-01T00:00:00.000000+00:00')"
        )
    store.device_settings.put("kiosk", "text_scale", 1.25)
    assert load_settings(store, "kiosk") == DeviceSettings(text_scale=1.25)


def test_saving_keeps_unknown_keys_of_newer_versions(store: Store) -> None:
    store.device_settings.put("phone", "high_contrast", True)
    save_settings(store, "phone", DeviceSettings(language="en"))
    assert store.device_settings.values("phone")["high_contrast"] is True


def test_a_starting_language_applies_until_the_device_chooses(store: Store) -> None:
    assert load_settings(store, "new", language="en").language == "en"
    assert load_settings(store, "new", language="de").language == "vi"
    save_settings(store, "chosen", DeviceSettings(language="vi"))
    assert load_settings(store, "chosen", language="en").language == "vi"
    store.device_settings.put("broken", "language", 42)
    assert load_settings(store, "broken", language="en").language == "en"
