"""What the module keeps per device: subscriptions, checklist, ledger, offline caches."""

from __future__ import annotations

from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.device_state import LEDGER_SIZE, AlertsDeviceState
from hue_s.modules.alerts.app.places import Place, Subscriptions
from hue_s.modules.alerts.app.weather.weather_models import Forecast

from .doubles import PHU_XUAN, make_alert


def test_subscriptions_and_checklist_are_kept_per_device(store: Store) -> None:
    mine, other = AlertsDeviceState(store, "phone"), AlertsDeviceState(store, "kiosk")
    chosen = Subscriptions(places=[Place(kind="ward", name="Phú Xuân", ward_code=PHU_XUAN)],
                           threshold="Severe")  # fmt: skip
    mine.save_subscriptions(chosen)
    mine.save_checklist({"water", "food"})
    assert AlertsDeviceState(store, "phone").subscriptions() == chosen
    assert AlertsDeviceState(store, "phone").checklist() == {"water", "food"}
    assert other.subscriptions() == Subscriptions() and other.checklist() == set()


def test_unreadable_subscriptions_fall_back_to_the_defaults(store: Store) -> None:
    store.device_settings.put("phone", "alerts.subscriptions", {"threshold": "Catastrophic"})
    assert AlertsDeviceState(store, "phone").subscriptions() == Subscriptions()


def test_the_ledger_survives_a_restart_and_stays_bounded(store: Store) -> None:
    ledger = AlertsDeviceState(store, "phone").ledger()
    for number in range(LEDGER_SIZE + 5):
        ledger.remember(f"key-{number}")
    again = AlertsDeviceState(store, "phone").ledger()
    assert again.seen(f"key-{LEDGER_SIZE + 4}")
    assert not again.seen("key-0")


def test_alerts_and_forecast_are_cached_with_their_time(store: Store) -> None:
    state = AlertsDeviceState(store, "phone")
    assert state.cached_alerts() is None and state.cached_forecast() is None
    state.cache_alerts([make_alert(1), make_alert(2)])
    cached = state.cached_alerts()
    assert cached is not None
    alerts, known_at = cached
    assert [a.id for a in alerts] == [1, 2] and known_at.tzinfo is not None
    forecast = Forecast(latitude=16.46, longitude=107.59, stale=True)
    state.cache_forecast(forecast)
    assert state.cached_forecast() == forecast


def test_a_kiosk_wipe_forgets_everything_of_the_visitor(store: Store) -> None:
    state = AlertsDeviceState(store, "kiosk-1")
    state.save_checklist({"water"})
    state.ledger().remember("key")
    state.cache_alerts([make_alert(1)])
    store.wipe_device("kiosk-1")
    assert state.checklist() == set() and state.cached_alerts() is None
    assert not state.ledger().seen("key")
