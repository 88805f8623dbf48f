"""What the alerts module keeps per device in the local store: choices, ledger, caches."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from hue_s.app.api.models.wards import Ward
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.models import Alert, alert_from_json
from hue_s.modules.alerts.app.places import Subscriptions
from hue_s.modules.alerts.app.weather.weather_models import Forecast, Rivers

logger = logging.getLogger(__name__)

SUBSCRIPTIONS_KEY = "alerts.subscriptions"
CHECKLIST_KEY = "alerts.checklist"
NOTIFIED_KEY = "alerts.notified"
SAFETY_KEY = "alerts.safety"
ALERTS_CACHE_KEY = "alerts.active"
FORECAST_CACHE_KEY = "alerts.forecast"
RIVERS_CACHE_KEY = "alerts.rivers"
WARDS_CACHE_KEY = "alerts.wards"
DEVICE_KEY = "alerts.device_key"
"""The key the backend issued this install for anonymous check-ins."""
LEDGER_SIZE = 500
"""Delivery keys remembered per device; older ones are forgotten first."""


class NotifiedLedger:
    """The alert messages a device was already told about, kept across restarts."""

    def __init__(self, store: Store, device_id: str) -> None:
        """Read the device's ledger from the store."""
        self._store = store
        self._device_id = device_id
        stored = store.device_settings.get(device_id, NOTIFIED_KEY)
        keys = stored.value if stored is not None and isinstance(stored.value, list) else []
        self._keys: list[str] = [key for key in keys if isinstance(key, str)]

    def seen(self, key: str) -> bool:
        """Say whether the device was already told about this message."""
        return key in self._keys

    def remember(self, key: str) -> None:
        """Record that the device was told about this message (persisted at once)."""
        if key in self._keys:
            return
        self._keys = [*self._keys, key][-LEDGER_SIZE:]
        self._store.device_settings.put(self._device_id, NOTIFIED_KEY, self._keys)


class AlertsDeviceState:
    """The alerts module's rows of one device: subscriptions, checklist, caches."""

    def __init__(self, store: Store, device_id: str) -> None:
        """Bind to one device's rows."""
        self.store = store
        self.device_id = device_id

    def subscriptions(self) -> Subscriptions:
        """Return the device's subscriptions (defaults when none or unreadable)."""
        stored = self.store.device_settings.get(self.device_id, SUBSCRIPTIONS_KEY)
        if stored is None:
            return Subscriptions()
        try:
            return Subscriptions.model_validate(stored.value)
        except ValidationError:
            logger.warning("ignoring unreadable alert subscriptions")
            return Subscriptions()

    def save_subscriptions(self, subscriptions: Subscriptions) -> None:
        """Store the device's subscriptions."""
        value = subscriptions.model_dump(mode="json")
        self.store.device_settings.put(self.device_id, SUBSCRIPTIONS_KEY, value)

    def checklist(self) -> set[str]:
        """Return the ids of the preparedness items the device has ticked."""
        stored = self.store.device_settings.get(self.device_id, CHECKLIST_KEY)
        value = stored.value if stored is not None else []
        return (
            {item for item in value if isinstance(item, str)} if isinstance(value, list) else set()
        )

    def save_checklist(self, done: set[str]) -> None:
        """Store the ticked preparedness items."""
        self.store.device_settings.put(self.device_id, CHECKLIST_KEY, sorted(done))

    def safety(self) -> dict[str, Any]:
        """Return the last "I'm safe" / "I need help" the device sent, per alert id."""
        stored = self.store.device_settings.get(self.device_id, SAFETY_KEY)
        return stored.value if stored is not None and isinstance(stored.value, dict) else {}

    def save_safety(self, alert_id: int, record: dict[str, Any]) -> None:
        """Remember what the device said during one alert."""
        records = {**self.safety(), str(alert_id): record}
        self.store.device_settings.put(self.device_id, SAFETY_KEY, records)

    def device_key(self) -> str | None:
        """Return the key the backend issued this install for its check-ins, if it has one."""
        stored = self.store.device_settings.get(self.device_id, DEVICE_KEY)
        return stored.value if stored is not None and isinstance(stored.value, str) else None

    def save_device_key(self, key: str) -> None:
        """Keep the key the backend issued this install."""
        self.store.device_settings.put(self.device_id, DEVICE_KEY, key)

    def forget_device_key(self) -> None:
        """Forget the issued key (the backend no longer knows it): a new one is asked next."""
        self.store.device_settings.delete(self.device_id, DEVICE_KEY)

    def forget_safety(self, alert_id: int) -> None:
        """Forget what the device said during one alert (a request the server refused)."""
        records = {k: v for k, v in self.safety().items() if k != str(alert_id)}
        self.store.device_settings.put(self.device_id, SAFETY_KEY, records)

    def ledger(self) -> NotifiedLedger:
        """Return the device's ledger of notified alerts."""
        return NotifiedLedger(self.store, self.device_id)

    def cached_alerts(self) -> tuple[list[Alert], datetime] | None:
        """Return the last known active alerts and when they were known, if any."""
        stored = self.store.cache.get(self.device_id, ALERTS_CACHE_KEY)
        if stored is None or not isinstance(stored.value, list):
            return None
        try:
            return [alert_from_json(item) for item in stored.value], stored.stored_at
        except ValidationError:
            logger.warning("ignoring unreadable cached alerts")
            return None

    def cache_alerts(self, alerts: list[Alert]) -> None:
        """Keep the active alerts known now, for offline use."""
        value = [alert.model_dump(mode="json") for alert in alerts]
        self.store.cache.put(self.device_id, ALERTS_CACHE_KEY, value)

    def cached_forecast(self) -> Forecast | None:
        """Return the last forecast fetched, if any."""
        stored = self.store.cache.get(self.device_id, FORECAST_CACHE_KEY)
        if stored is None:
            return None
        try:
            return Forecast.model_validate(stored.value)
        except ValidationError:
            return None

    def cache_forecast(self, forecast: Forecast) -> None:
        """Keep the forecast for offline use."""
        self.store.cache.put(self.device_id, FORECAST_CACHE_KEY, forecast.model_dump(mode="json"))

    def cached_rivers(self) -> Rivers | None:
        """Return the last river forecast fetched, if any."""
        stored = self.store.cache.get(self.device_id, RIVERS_CACHE_KEY)
        if stored is None:
            return None
        try:
            return Rivers.model_validate(stored.value)
        except ValidationError:
            return None

    def cache_rivers(self, rivers: Rivers) -> None:
        """Keep the river forecast for offline use."""
        self.store.cache.put(self.device_id, RIVERS_CACHE_KEY, rivers.model_dump(mode="json"))

    def cached_wards(self) -> list[Ward]:
        """Return the city's wards as last fetched (empty when never)."""
        stored = self.store.cache.get(self.device_id, WARDS_CACHE_KEY)
        if stored is None or not isinstance(stored.value, list):
            return []
        try:
            return [Ward.model_validate(item) for item in stored.value]
        except ValidationError:
            return []

    def cache_wards(self, wards: list[Ward]) -> None:
        """Keep the city's wards for offline use."""
        value = [ward.model_dump(mode="json") for ward in wards]
        self.store.cache.put(self.device_id, WARDS_CACHE_KEY, value)
