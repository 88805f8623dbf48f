"""What a device follows: wards, points inside drawn areas, the severity threshold."""

from __future__ import annotations

from hue_s.modules.alerts.app.places import Place, Subscriptions, distance_km, ring_holds

from .doubles import KIM_LONG, PHU_XUAN, make_alert

# A square around the Citadel (lat, lon), closed.
SQUARE = [[16.46, 107.57], [16.46, 107.59], [16.48, 107.59], [16.48, 107.57], [16.46, 107.57]]
INSIDE = Place(kind="point", name="Nhà", lat=16.47, lon=107.58)
OUTSIDE = Place(kind="point", name="Chợ", lat=16.47, lon=107.60)


def test_no_place_means_the_whole_city() -> None:
    assert Subscriptions().wants(make_alert(1, wards=(KIM_LONG,)))


def test_a_ward_is_followed_by_its_code() -> None:
    following = Subscriptions(places=[Place(kind="ward", name="Phú Xuân", ward_code=PHU_XUAN)])
    assert following.wants(make_alert(1, wards=(PHU_XUAN, KIM_LONG)))
    assert not following.wants(make_alert(2, wards=(KIM_LONG,)))


def test_a_point_is_followed_by_the_drawn_area_holding_it() -> None:
    alert = make_alert(1, wards=(), polygon=SQUARE)
    assert Subscriptions(places=[INSIDE]).wants(alert)
    assert not Subscriptions(places=[OUTSIDE]).wants(alert)


def test_ray_casting_and_distances() -> None:
    assert ring_holds(SQUARE, 16.47, 107.58)
    assert not ring_holds(SQUARE, 16.50, 107.58)
    assert abs(distance_km(16.46, 107.57, 16.47, 107.57) - 1.11) < 0.01


def test_threshold_keeps_the_severe_ones() -> None:
    severe_only = Subscriptions(threshold="Severe")
    assert severe_only.wants(make_alert(1, severity="Extreme"))
    assert severe_only.wants(make_alert(2, severity="Severe"))
    assert not severe_only.wants(make_alert(3, severity="Moderate"))
    assert not severe_only.wants(make_alert(4, severity="Unknown"))
    assert Subscriptions(threshold="Minor").wants(make_alert(5, severity="Unknown"))


def test_places_are_replaced_not_repeated() -> None:
    here = Place(kind="current_location", name="Đây", lat=16.47, lon=107.58)
    moved = here.model_copy(update={"lat": 16.40})
    following = Subscriptions().with_place(here).with_place(moved)
    assert following.places == [moved]
    assert following.without("current_location").whole_city
