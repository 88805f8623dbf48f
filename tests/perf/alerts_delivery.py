"""Alert delivery benchmark: from an operator's POST to a citizen's notice, live and by polling.

    python3 tests/perf/alerts_delivery.py [--alerts 20] [--poll 2]

The real backend runs on loopback (uvicorn, SQLite in a temporary directory); a citizen's
`AlertDelivery` follows it with the real SSE stream and the typed client, exactly as the app
does. Each alert is timed from the moment the operator's POST is sent to the moment the
citizen's delivery tells about it. Then the stream is cut (the browser tests' switch) and the
same is timed while the delivery polls every --poll seconds. It prints every figure, the median
and p95 of each mode, and the size of one alert's JSON for two wards.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hue_s.modules.alerts.app.models import AlertDraft  # noqa: E402
from hue_s.modules.alerts.app.places import Subscriptions  # noqa: E402
from hue_s.modules.alerts.app.stream.delivery import AlertDelivery, DeliveryMode, Notice  # noqa: E402
from hue_s.modules.alerts.app.stream.sse import SseAlertStream, stream_client  # noqa: E402
from hue_s.modules.alerts.app.stream.stream_switch import SwitchableStream  # noqa: E402
from tests.modules.alerts.app.backend import alerts_of, build_backend  # noqa: E402
from tests.modules.alerts.app.doubles import MemoryLedger  # noqa: E402
from tests.modules.alerts.backend.helpers import serve_on_loopback  # noqa: E402


def draft(number: int) -> AlertDraft:
    """Return the number-th flood warning for Phú Xuân and Kim Long."""
    return AlertDraft(
        event="Lũ", severity="Severe", urgency="Expected", certainty="Likely",
        headline=f"Cảnh báo lũ số {number}", expires=datetime.now(UTC) + timedelta(hours=6),
        ward_codes=["19753", "19774"],
    )  # fmt: skip


def summary(name: str, seconds: list[float]) -> str:
    """Return the median and p95 of some timings, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name}: n={len(ordered)} median={statistics.median(ordered) * 1000:.0f} ms "
        f"p95={p95 * 1000:.0f} ms max={ordered[-1] * 1000:.0f} ms"
    )


async def measure(alerts: int, poll_seconds: float) -> None:
    """Run both measurements and print them."""
    directory = Path(tempfile.mkdtemp(prefix="hue-s-alerts-bench-"))
    backend = build_backend(directory)
    switch = directory / "cut"
    operator = backend.client(backend.token("+84905000201", "operator"))
    with serve_on_loopback(backend.app) as url:
        http, guest = stream_client(url), backend.client(base_url=url)
        delivery = AlertDelivery(
            source=alerts_of(guest), stream=SwitchableStream(SseAlertStream(http), switch),
            ledger=MemoryLedger(), subscriptions=Subscriptions(),
            poll_seconds=poll_seconds, first_retry_seconds=poll_seconds,
        )  # fmt: skip
        arrived: dict[str, float] = {}

        def told(notice: Notice) -> None:
            arrived[notice.alert.headline or ""] = time.monotonic()

        delivery.on_notice = told
        task = asyncio.create_task(delivery.run())
        while delivery.mode != DeliveryMode.LIVE:
            await asyncio.sleep(0.05)
        size = 0
        for mode in ("live", "polling"):
            if mode == "polling":
                switch.touch()
                while delivery.mode != DeliveryMode.POLLING:
                    await asyncio.sleep(0.05)
            timings = []
            for number in range(alerts):
                headline = f"Cảnh báo lũ số {mode}-{number}"
                posted = time.monotonic()
                issued = await alerts_of(operator).issue(
                    draft=draft(number).model_copy(update={"headline": headline})
                )
                size = size or len(issued.model_dump_json())
                while headline not in arrived:
                    await asyncio.sleep(0.005)
                timings.append(arrived[headline] - posted)
                await alerts_of(operator).cancel(alert_id=issued.id)
            print(summary(f"{mode} (poll every {poll_seconds:g} s)" if mode == "polling"
                          else mode, timings))  # fmt: skip
            for seconds in timings:
                print(f"  {seconds * 1000:.0f} ms")
        print(f"one alert for two wards: {size} bytes of JSON")
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await http.aclose()
        await guest.aclose()
    await operator.aclose()
    backend.app.state.engine.dispose()


def main() -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=20, help="alerts timed per mode")
    parser.add_argument("--poll", type=float, default=2.0, help="polling interval, seconds")
    arguments = parser.parse_args()
    asyncio.run(measure(arguments.alerts, arguments.poll))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
