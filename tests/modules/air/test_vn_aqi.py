"""VN_AQI against Decision 1459/QĐ-TCMT's tables: worked examples, every band edge, NowCast."""

from __future__ import annotations

import pytest

from hue_s.modules.air.vn_aqi import (
    BANDS,
    BREAKPOINTS,
    INDEX_STEPS,
    band_of,
    daily_index,
    hourly_index,
    nowcast,
    sub_index,
)


def test_worked_examples_by_hand() -> None:
    # NowCast PM2.5 20.3: (50 - 0) / (25 - 0) * 20.3 + 0 = 40.6 -> 41
    assert sub_index("pm2_5", 20.3) == 41
    # daily PM2.5 55.7: (150 - 100) / (80 - 50) * (55.7 - 50) + 100 = 109.5 -> 110 (half up)
    assert sub_index("pm2_5", 55.7) == 110
    # PM10 75: (100 - 50) / (150 - 50) * (75 - 50) + 50 = 62.5 -> 63
    assert sub_index("pm10", 75) == 63
    # O3 1h 250: (150 - 100) / (300 - 200) * (250 - 200) + 100 = 125
    assert sub_index("ozone_1h", 250) == 125


@pytest.mark.parametrize("pollutant", sorted(BREAKPOINTS))
def test_each_breakpoint_gives_its_index(pollutant: str) -> None:
    for concentration, index in zip(BREAKPOINTS[pollutant], INDEX_STEPS, strict=False):
        assert sub_index(pollutant, concentration) == index, (pollutant, concentration)


def test_past_the_tables() -> None:
    assert sub_index("pm2_5", 900) == 500
    assert sub_index("ozone_8h", 401) is None  # the 1-hour value decides there
    assert sub_index("pm10", -3) == 0


@pytest.mark.parametrize(
    ("index", "key"),
    [(0, "good"), (50, "good"), (51, "moderate"), (100, "moderate"), (101, "poor"),
     (150, "poor"), (151, "bad"), (200, "bad"), (201, "very_bad"), (300, "very_bad"),
     (301, "hazardous"), (500, "hazardous")],
)  # fmt: skip
def test_band_edges(index: int, key: str) -> None:
    assert band_of(index).key == key


def test_official_colours() -> None:
    assert [band.colour for band in BANDS] == [
        "#00e400", "#ffff00", "#ff7e00", "#ff0000", "#8f3f97", "#7e0023"
    ]  # fmt: skip


def test_nowcast_steady_air_is_the_mean() -> None:
    assert nowcast([20.0] * 12) == pytest.approx(20.0)


def test_nowcast_weight_floor_is_one_half() -> None:
    # Cmin/Cmax = 10/100 < 1/2, so w = 1/2: (100 + 10 * 0.5) / (1 + 0.5)
    assert nowcast([100.0, 10.0]) == pytest.approx(105 / 1.5)


def test_nowcast_weight_above_one_half_is_the_ratio() -> None:
    # w* = 30/40 = 0.75: (40 + 0.75 * 30) / 1.75
    assert nowcast([40.0, 30.0]) == pytest.approx((40 + 0.75 * 30) / 1.75)


def test_nowcast_uses_twelve_hours_only() -> None:
    assert nowcast([20.0] * 12 + [500.0]) == pytest.approx(20.0)


def test_nowcast_needs_two_of_the_last_three_hours() -> None:
    assert nowcast([20.0, None, None, 20.0, 20.0]) is None
    assert nowcast([None, 20.0, 20.0]) == pytest.approx(20.0)
    assert nowcast([20.0, None, 30.0]) is not None


def test_hourly_index_is_the_highest_sub_index() -> None:
    history = {"pm2_5": [20.3] * 12, "ozone": [250.0], "pm10": [None, None, 40.0]}
    assert hourly_index(history) == (125, "ozone")


def test_daily_index_uses_the_24_hour_mean_for_pm() -> None:
    day = {"pm2_5": [55.7] * 24, "ozone": [30.0] * 24}
    assert daily_index(day) == 110


def test_daily_pm_needs_16_hours() -> None:
    assert daily_index({"pm2_5": [55.7] * 15}) is None


def test_nowcast_matches_the_decisions_one_half_formula_over_12_hours() -> None:
    # w* = 10/100 <= 1/2: the decision writes NowCast = sum((1/2)^i * c_i), i = 1..12
    hours = [100.0] + [10.0] * 11
    by_the_decision = sum(0.5 ** (i + 1) * c for i, c in enumerate(hours))
    assert by_the_decision == pytest.approx(54.9976, abs=1e-4)
    assert nowcast(hours) == pytest.approx(by_the_decision, rel=5e-4)
    assert sub_index("pm2_5", nowcast(hours) or 0) == sub_index("pm2_5", by_the_decision) == 108
