"""The badge of followed warnings: its count, its watchers, and the tile that shows it."""

from __future__ import annotations

from types import SimpleNamespace

import httpx

from hue_s.app.api.client import HueClient
from hue_s.app.modules import BadgeCount, discover
from hue_s.app.state.store import Store
from hue_s.app.views.home import count_badge, module_icon
from hue_s.modules.alerts.app.device_state import AlertsDeviceState
from hue_s.modules.alerts.app.places import Place
from hue_s.modules.alerts.app.session import MODULE_ID, AlertsSession, followed_warnings
from tests.app.session_doubles import session_context

from .doubles import KIM_LONG, PHU_XUAN, FakeClock, make_alert


def test_a_watcher_is_told_replaced_by_key_and_dropped_once_gone() -> None:
    count, seen = BadgeCount(), []
    count.watch("nav", seen.append)
    count.watch("nav", lambda value: seen.append(-value))  # the rebuilt screen's watcher
    count.set(2)
    count.set(2)  # no change: nobody is told

    def gone(value: int) -> None:
        raise RuntimeError("its control left the page")

    count.watch("tile", gone)
    count.set(3)
    count.set(0)
    assert seen == [-2, -3, 0] and count.value == 0


def test_a_count_badge_reads_well() -> None:
    assert count_badge(0) is None
    badge = count_badge(3)
    assert badge is not None and badge.label == "3"
    assert getattr(count_badge(250), "label", None) == "99+"


async def test_the_session_counts_the_warnings_the_person_follows(store: Store) -> None:
    AlertsDeviceState(store, "phone").cache_alerts(
        [make_alert(5), make_alert(6, wards=(KIM_LONG,))]
    )
    api = HueClient("http://hue.test", transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    ctx = session_context(store, api, device_id="phone")
    assert followed_warnings(ctx) is None  # before the module is set up
    session = AlertsSession(ctx, clock=FakeClock())  # counts at START as it is built
    ctx.module_state[MODULE_ID] = session
    badge = followed_warnings(ctx)
    assert badge is session.badge and badge is not None and badge.value == 2  # the whole city
    ward = Place(kind="ward", name="Phường Phú Xuân", ward_code=PHU_XUAN)
    session.change_subscriptions(session.subscriptions.with_place(ward))
    assert badge.value == 1

    alerts = next(m for m in discover().manifests if m.id == MODULE_ID)
    page = SimpleNamespace(views=[])
    icon = module_icon(SimpleNamespace(**{**vars(ctx), "page": page}), alerts, "tile")
    assert icon.badge is not None and getattr(icon.badge, "label", None) == "1"
    await session.stop()
    await api.aclose()
