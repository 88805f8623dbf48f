"""A dossier survives another device, a lost connection and a sign-in elsewhere (390x844).

A citizen starts a birth registration on another device (its draft is kept on the server),
signs in on the phone and finds it under "Bản nháp", attaches two documents (the second once
the backend is unreachable), presses Send and sees the dossier wait for a connection; the
connection comes back and the dossier is filed once, with its code. A second dossier, half
filled on the phone, is found on a third device after signing in there.

The app reaches its backend through a relay (`Cable`) the test unplugs: connections are then
refused, as with no network.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import (
    SMS_LINE,
    KioskServer,
    app_server_with,
    full_output,
    texted_code,
)
from tests.e2e.conftest import (  # noqa: F401  (fixtures)
    PHONE,
    browser,
    browser_available,
    playwright_driver,
)
from tests.e2e.incidents_steps import (
    assert_still_running,
    new_page,
    pick_file,
    sign_in_at,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

BIRTH = "1.001193.000.00.00.H57"
RESIDENCE = "1.004194.000.00.00.H57"
CITIZEN = "0905 123 751"
CITIZEN_E164 = "+84905123751"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
STARTED_ELSEWHERE = {
    "name": "Đăng ký khai sinh",
    "ward": "19753",
    "typed": {
        "child_full_name": "Nguyễn Minh An",
        "child_birth_date": "20/11/2026",
        "child_sex": "female",
        "birth_place_kind": "health_facility",
        "birth_place": "Bệnh viện Trung ương Huế",
        "birth_notice_number": "CS-2026-1120",
        "parents": [{"role": "mother", "full_name": "Trần Thị Hoa", "birth_year": "1996"}],
        "relationship": "mother",
    },
}
WAITING = "Đang chờ kết nối: hồ sơ sẽ tự gửi khi có mạng. Bạn có thể đóng ứng dụng."


class Cable:
    """A TCP relay from the app to its backend, which the test can unplug and plug back."""

    def __init__(self, target_port: int) -> None:
        self.port = harness.free_port()
        self.target_port = target_port
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()

    def plug(self) -> None:
        """Accept connections again and relay them."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def unplug(self) -> None:
        """Refuse new connections and cut those open."""
        listener, self.listener = self.listener, None
        if listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave the
            # socket listening until that accept() returned
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self.lock:
            for sock in self.open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if listener is not self.listener:  # unplugged meanwhile
                client.close()
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class RelayedApp(KioskServer):
    """The app with its own backend process, reached through a `Cable`."""

    def __init__(self, app: harness.ServerProcess) -> None:
        super().__init__(app)
        backend_port = int(self.argv[-1].rsplit(":", 1)[1])
        self.cable = Cable(backend_port)
        self.argv[-1] = f"http://127.0.0.1:{self.cable.port}"
        self.backend_direct = f"http://127.0.0.1:{backend_port}"

    def start(self, timeout: float = harness.START_TIMEOUT) -> harness.ServerProcess:
        """Plug the cable, then start the backend and the app."""
        self.cable.plug()
        return super().start(timeout)

    def stop(self) -> None:
        """Stop the app and its backend, then the relay."""
        super().stop()
        self.cable.unplug()


@pytest.fixture
def web_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RelayedApp]:
    """The app of this journey, its backend behind a cable."""
    server = RelayedApp(app_server_with(tmp_path_factory.mktemp("hue-s-dropped"), name="dropped"))
    yield from harness.serving(server)


def api_sign_in(server: RelayedApp) -> dict[str, str]:
    """Sign the citizen in on "another device" (straight to the backend); return its headers."""
    before = len(SMS_LINE.findall(full_output(server)))
    base = server.backend_direct
    sent = httpx.post(f"{base}/api/v1/auth/otp", json={"phone": CITIZEN_E164})
    assert sent.status_code == 202, sent.text
    code = texted_code(server, after=before)
    token = httpx.post(f"{base}/api/v1/auth/token", json={"phone": CITIZEN_E164, "code": code})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def test_a_dossier_survives_devices_and_a_dropped_connection(
    browser: Browser,  # noqa: F811
    web_app: RelayedApp,
    tmp_path: Path,
) -> None:
    base = web_app.backend_direct
    laptop = api_sign_in(web_app)
    started = httpx.put(
        f"{base}/api/v1/services/drafts/{BIRTH}", json={"draft": STARTED_ELSEWHERE}, headers=laptop
    )
    assert started.status_code == 200, started.text

    size = {"width": PHONE[0], "height": PHONE[1]}
    phone = new_page(browser, web_app, "dropped-phone", viewport=size)
    sign_in_at(phone, "/services/dossiers", CITIZEN)
    phone.wait_for_text("Bản nháp")
    phone.wait_for_text("Bản nháp · tiếp tục điền")
    phone.screenshot("services-drafts-phone")
    phone.click_text("Đăng ký khai sinh")
    phone.wait_for_text("Đã chọn: Phường Phú Xuân")  # the ward the other device chose
    notice, proxy = tmp_path / "giay-chung-sinh.pdf", tmp_path / "uy-quyen.pdf"
    notice.write_bytes(PDF)
    proxy.write_bytes(PDF)
    pick_file(phone, "Đính kèm giấy tờ 1 (ảnh hoặc PDF)", notice)
    phone.wait_until(
        lambda: any(t.startswith("Đã đính kèm: giay-chung-sinh.pdf") for t in phone.texts()),
        "the first document",
    )

    web_app.cable.unplug()  # the backend is unreachable from here on
    pick_file(phone, "Đính kèm giấy tờ 2 (ảnh hoặc PDF)", proxy)
    phone.wait_until(
        lambda: any(t.startswith("Đã đính kèm: uy-quyen.pdf") for t in phone.texts()),
        "the second document, offline",
    )
    phone.click_button("Xem lại và gửi")
    phone.wait_for_text("Gửi hồ sơ này?")
    phone.click_button("Gửi")
    phone.wait_for_text(WAITING)
    phone.screenshot("services-waiting-for-connection-phone")
    assert httpx.get(f"{base}/api/v1/services/dossiers/mine", headers=laptop).json() == []

    web_app.cable.plug()
    phone.wait_until(
        lambda: any(t.startswith("Mã hồ sơ: 19753-") for t in phone.texts()), "the dossier code"
    )
    phone.screenshot("services-filed-after-reconnect-phone")
    code = next(t for t in phone.texts() if t.startswith("Mã hồ sơ: ")).removeprefix("Mã hồ sơ: ")
    mine = httpx.get(f"{base}/api/v1/services/dossiers/mine", headers=laptop).json()
    assert [dossier["code"] for dossier in mine] == [code]  # once
    filed = httpx.get(f"{base}/api/v1/services/dossiers/{code}", headers=laptop).json()
    assert sorted(doc["evidence_code"] for doc in filed["documents"]) == [
        "giay-chung-sinh",
        "uy-quyen",
    ]
    drafts = httpx.get(f"{base}/api/v1/services/drafts", headers=laptop).json()
    assert drafts == []
    assert_still_running(phone)

    # A second dossier, half filled on the phone, is kept on the server as it is typed.
    phone.goto(f"/services/file/{RESIDENCE}", wait_for="Địa chỉ chỗ ở")
    phone.type_into("Phường, xã tiếp nhận hồ sơ", "thuy xuan")
    phone.click_text("Phường Thủy Xuân")
    phone.wait_for_text("Đã chọn: Phường Thủy Xuân")
    phone.type_into("Địa chỉ chỗ ở", "12 Lê Lợi")
    phone.wait_until(
        lambda: (
            httpx.get(f"{base}/api/v1/services/drafts/{RESIDENCE}", headers=laptop)
            .json()
            .get("draft", {})
            .get("typed", {})
            .get("address")
            == "12 Lê Lợi"
        ),
        "the half-filled dossier on the server",
    )

    tablet = new_page(browser, web_app, "dropped-tablet", viewport=size)
    sign_in_at(tablet, "/services/dossiers", CITIZEN)
    tablet.wait_for_text("Đăng ký tạm trú")
    tablet.screenshot("services-draft-on-another-device-phone")
    tablet.click_text("Đăng ký tạm trú")
    tablet.wait_for_text("Đã chọn: Phường Thủy Xuân")
    tablet.screenshot("services-draft-resumed-phone")
    assert_still_running(tablet)
