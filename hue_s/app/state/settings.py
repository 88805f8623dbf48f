"""Per-device settings: language, theme, text size and alert subscriptions."""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from hue_s.app.state.store import Store

logger = logging.getLogger(__name__)


class DeviceSettings(BaseModel):
    """What one device (or browser) has chosen; defaults suit a first start in Huế."""

    language: Literal["vi", "en", "zh", "ko", "ja", "fr"] = Field(
        default="vi", description="Language of the app."
    )
    theme_mode: Literal["system", "light", "dark"] = Field(
        default="system", description="Light or dark colours, or follow the system."
    )
    text_scale: float = Field(
        default=1.0, ge=1.0, le=2.0, description="Text size factor, from 1.0 to 2.0."
    )
    subscriptions: list[str] = Field(
        default_factory=list, description="Topics the device follows (placeholder for alerts)."
    )


def load_settings(store: Store, device_id: str, *, language: str | None = None) -> DeviceSettings:
    """Read a device's settings; a missing or bad value falls back to its default.

    `language` is the language a device starts with until it chooses one (e.g. from config).
    """
    accepted = {}
    for name, value in store.device_settings.values(device_id).items():
        if name not in DeviceSettings.model_fields:
            continue
        if is_valid_setting(name, value):
            accepted[name] = value
        else:
            logger.warning("ignoring bad stored setting %s=%r", name, value)
    if (
        language is not None
        and "language" not in accepted
        and is_valid_setting("language", language)
    ):
        accepted["language"] = language
    return DeviceSettings.model_validate(accepted)


def is_valid_setting(name: str, value: Any) -> bool:
    """Tell whether a value is acceptable for one settings field."""
    try:
        DeviceSettings.model_validate({name: value})
    except ValidationError:
        return False
    return True


def save_settings(store: Store, device_id: str, settings: DeviceSettings) -> None:
    """Write every field of a device's settings."""
    store.device_settings.put_many(device_id, settings.model_dump(mode="json"))
