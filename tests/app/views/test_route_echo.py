"""The web client's echo of the route just left is undone; a person's way back is not."""

from __future__ import annotations

from hue_s.app.views.route_echo import ECHO_WINDOW, GRACE, RouteEcho


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_way_straight_back_before_the_screen_went_out_is_an_echo() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    assert echo.echo_of("/surveys", "/sign-in?next=%2Fsurveys") is None
    clock.now += 0.07
    assert echo.echo_of("/sign-in?next=%2Fsurveys", "/surveys") == "/sign-in?next=%2Fsurveys"


def test_the_way_back_crossing_the_screen_on_the_wire_is_an_echo() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    echo.echo_of("/surveys", "/sign-in")
    clock.now += 0.05
    echo.sent()
    clock.now += GRACE / 2
    assert echo.echo_of("/sign-in", "/surveys") == "/sign-in"


def test_going_back_once_the_screen_could_be_seen_is_a_person_going_back() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    echo.echo_of("/services/dossiers/X", "/services/inbox")  # an address typed
    clock.now += 0.05
    echo.sent()
    clock.now += GRACE + 0.01
    assert echo.echo_of("/services/inbox", "/services/dossiers/X") is None


def test_only_one_change_is_undone() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    echo.echo_of("/surveys", "/sign-in")
    assert echo.echo_of("/sign-in", "/surveys") == "/sign-in"
    assert echo.echo_of("/sign-in", "/surveys") is None


def test_nothing_is_an_echo_after_the_window() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    echo.echo_of("/surveys", "/sign-in")
    clock.now += ECHO_WINDOW
    assert echo.echo_of("/sign-in", "/surveys") is None


def test_a_change_elsewhere_or_to_the_same_route_is_taken() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    echo.echo_of("/surveys", "/sign-in")
    assert echo.echo_of("/sign-in", "/ideas") is None
    echo.echo_of("/", "/")
    assert echo.echo_of("/", "/") is None


def test_the_app_bars_back_arrow_is_never_an_echo() -> None:
    clock = Clock()
    echo = RouteEcho(clock)
    echo.echo_of("/surveys", "/sign-in")
    echo.forget()
    assert echo.echo_of("/sign-in", "/surveys") is None
