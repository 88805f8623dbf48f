"""The app, its own backend process and a VNPay sandbox process: a fresh set per test."""

from __future__ import annotations

import subprocess
import sys
from collections import deque
from collections.abc import Iterator

import pytest

from tests.e2e import harness
from tests.e2e.accounts_steps import KioskServer
from tests.e2e.conftest import browser_available  # noqa: F401  (fixture)


@pytest.fixture
def paying_app(
    browser_available: None,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[harness.ServerProcess]:
    """The app, its own backend process, and the sandbox sending IPNs to that backend."""
    sandbox_port = harness.free_port()
    server = KioskServer(harness.app_server(tmp_path_factory.mktemp("hue-s-pay"), name="pay"))
    server._lines = deque()  # keep every line: the texted codes are searched in all of it
    pay_page = f"http://127.0.0.1:{sandbox_port}/paymentv2/vpcpay.html"
    for process in (server, server.backend):
        process.env["HUE_S_VNPAY_PAY_URL"] = pay_page
    backend = server.backend.url.removesuffix("/healthz")
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "hue_s.modules.payments.sandbox", "--port", str(sandbox_port)]
        + ["--ipn-url", f"{backend}/api/v1/payments/vnpay/ipn"],
        stdout=subprocess.DEVNULL,
    )
    try:
        server.start()
    except harness.ServerError as error:
        sandbox.terminate()
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()
    sandbox.terminate()
    sandbox.wait(30)
