"""Steps of the sign-in journeys: an app started with extra settings, codes from its log."""

from __future__ import annotations

import re
import sys
import time
from collections import deque
from pathlib import Path

from . import harness
from .conftest import FIRST_SCREEN_TIMEOUT, AppPage

SMS_LINE = re.compile(r"hue_s\.sms.*?\b(\d{6})\b")
BACKEND_URL = re.compile(r"\(backend (http://\S+?)\)")

# Vietnamese labels of the sign-in journey.
SIGN_IN = "Đăng nhập"
PHONE_FIELD = "Số điện thoại"
SEND_CODE = "Gửi mã"
CODE_FIELD = "Mã 6 chữ số"
MY_ACCOUNT = "Tài khoản của tôi"
DISPLAY_NAME = "Tên hiển thị"
SEARCH = "Tìm dịch vụ"


def app_server_with(
    data_dir: Path, *, kiosk: bool = False, env: dict[str, str] | None = None, name: str = "hue-s"
) -> harness.ServerProcess:
    """Return (not started) the app as the README runs it, plus `--kiosk` and extra settings.

    Its whole output is kept (not only the last lines), so a test can search all of it. A
    kiosk comes with the backend it needs (see `KioskServer`).
    """
    server = harness.app_server(data_dir, name=name)
    if kiosk:
        server.argv.append("--kiosk")
        server = KioskServer(server)
    server.env.update(env or {})
    if isinstance(server, KioskServer):
        server.backend.env.update(env or {})  # e.g. HUE_S_PUBLIC_URL, announced in its meta
    server._lines = deque()  # keep every line: the test searches the whole log
    return server


class KioskServer(harness.ServerProcess):
    """A kiosk app and the backend it is pointed at (`hue-s backend`, on the same data dir).

    A kiosk refuses to embed a backend. The backend's lines (the texted codes among them)
    join the kiosk's in `output()`; `own_output()` is what the kiosk itself printed.
    """

    def __init__(self, app: harness.ServerProcess) -> None:
        super().__init__(app.name, app.argv, url=app.url, env=app.env, ready=app.ready)
        port = harness.free_port()
        argv = [sys.executable, "-m", "hue_s", "backend", "--port", str(port)]
        # The backend has no page at "/": its /healthz answers "/healthz/" by a redirect.
        self.backend = BackendOf(self, argv, url=f"http://127.0.0.1:{port}/healthz", env=self.env)
        self.argv += ["--backend", f"http://127.0.0.1:{port}"]
        self.backend_lines: list[str] = []

    def own_output(self) -> str:
        """Return what the kiosk app printed, without its backend's lines."""
        backend = set(self.backend_lines)
        return "\n".join(line for line in self._lines if line not in backend)

    def start(self, timeout: float = harness.START_TIMEOUT) -> harness.ServerProcess:
        """Start the backend, then the kiosk."""
        self.backend.start(timeout)
        try:
            return super().start(timeout)
        except harness.ServerError:
            self.backend.stop()
            raise

    def stop(self) -> None:
        """Stop the kiosk, then its backend."""
        super().stop()
        self.backend.stop()


class BackendOf(harness.ServerProcess):
    """The backend of a kiosk: its lines also go to the kiosk's output."""

    def __init__(self, kiosk: KioskServer, argv: list[str], *, url: str, env: dict[str, str]):
        super().__init__(f"{kiosk.name} backend", argv, url=url, env=env)
        self.kiosk = kiosk

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self._lines.append(line)
            self.kiosk.backend_lines.append(line)
            self.kiosk._lines.append(line)


def full_output(server: harness.ServerProcess) -> str:
    """Return everything the server printed so far."""
    return server.output(last=10**9)


def backend_url(server: harness.ServerProcess) -> str:
    """Return the URL of the backend the app started (it prints it when ready)."""
    found = BACKEND_URL.search(full_output(server))
    assert found, full_output(server)
    return found.group(1)


def texted_code(server: harness.ServerProcess, *, after: int, timeout: float = 20.0) -> str:
    """Return the code of the first text the backend logged after `after` codes were sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        codes = SMS_LINE.findall(full_output(server))
        if len(codes) > after:
            return str(codes[after])
        time.sleep(0.2)
    raise AssertionError(f"no code was texted; the app printed:\n{server.output(30)}")


def sign_in_as_citizen(app: AppPage, phone: str) -> None:
    """Sign in from the screen showing the sign-in form, with the code from the log."""
    codes_before = len(SMS_LINE.findall(full_output(app.server)))
    app.type_into(PHONE_FIELD, phone)
    app.click_button(SEND_CODE)
    code = texted_code(app.server, after=codes_before)
    app.type_into(CODE_FIELD, code)
    app.click_button(SIGN_IN)
    app.wait_until(lambda: MY_ACCOUNT in app.texts(), "the account button after signing in")


def open_sign_in(app: AppPage) -> None:
    """Open the sign-in screen from the app bar."""
    app.wait_for_text(SIGN_IN, timeout=FIRST_SCREEN_TIMEOUT)
    app.click_button(SIGN_IN)
    field = app.page.get_by_role("textbox", name=PHONE_FIELD)  # its label also has a hint
    app.wait_until(lambda: field.count() > 0, "the phone field")


def open_account(app: AppPage) -> None:
    """Open my account from the app bar."""
    app.click_text(MY_ACCOUNT)
    app.wait_until(lambda: app.has_field(DISPLAY_NAME), "the profile form")
