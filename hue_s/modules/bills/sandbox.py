"""A local sandbox of the utilities' customer APIs: a separate process, bound to 127.0.0.1.

`python -m hue_s.modules.bills.sandbox --port 8791 [--now ISO] [--down] [--parent-pid N]`
serves, for `electricity` (EVN CPC style) and `water` (HueWACO):
- GET  /{kind}/api/customers/{code}: customerCode, customerName, address, areaCode, areaName,
  registrationDate;
- GET  /{kind}/api/customers/{code}/bills?months=12: year, month, consumption, totalAmount,
  issueDate, dueDate, paid (newest first);
- GET  /{kind}/api/outages?areaCode=&fromDate=&toDate=: the area's planned outages;
- POST /{kind}/api/payments {customerCode, year, month, amount, transactionId}: a collected
  payment.
Errors are {"errorCode", "message"}: INVALID_CUSTOMER_CODE (400), CUSTOMER_NOT_FOUND (404),
BILL_NOT_FOUND (404), AMOUNT_MISMATCH (400), BILL_ALREADY_PAID (409), SYSTEM_UNAVAILABLE (503,
every call with --down). Data: sandbox_data.py, from the code and the sandbox's clock (--now
starts it at a fixed time). With --parent-pid it stops by itself when that process is gone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from hue_s.modules.bills import sandbox_data as data
from hue_s.modules.bills.wire import SHAPES

SANDBOX_PORT = 8791
MAX_DAYS = 31


@dataclass
class Sandbox:
    """The sandbox's clock, whether it plays down, and the payments it was told of."""

    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    down: bool = False
    paid: dict[str, set[str]] = field(default_factory=dict)
    """Per 'kind:code', the 'yyyymm' paid to the sandbox."""


def refuse(status: int, code: str, message: str) -> JSONResponse:
    """Return an error the way the utilities' APIs do."""
    return JSONResponse({"errorCode": code, "message": message}, status_code=status)


def clock_from(start: datetime) -> Callable[[], datetime]:
    """Return a clock that starts at `start` and runs."""
    began = datetime.now(UTC)
    return lambda: start + (datetime.now(UTC) - began)


def build_app(sandbox: Sandbox) -> Starlette:
    """Return the sandbox's web app."""

    def checked(request: Request) -> tuple[str, str] | JSONResponse:
        """Return (kind, code) of a customer that exists, or the error to answer."""
        if sandbox.down:
            return refuse(503, "SYSTEM_UNAVAILABLE", "Hệ thống đang bảo trì.")
        kind, code = request.path_params["kind"], request.path_params.get("code", "")
        if kind not in SHAPES:
            return refuse(404, "NOT_FOUND", "Unknown service.")
        if not SHAPES[kind].fullmatch(code):
            return refuse(400, "INVALID_CUSTOMER_CODE", "Mã khách hàng không hợp lệ.")
        if not data.exists(code):
            return refuse(404, "CUSTOMER_NOT_FOUND", "Không tìm thấy khách hàng.")
        return kind, code

    async def customer(request: Request) -> JSONResponse:
        found = checked(request)
        if isinstance(found, JSONResponse):
            return found
        return JSONResponse(data.customer(*found))

    async def bills(request: Request) -> JSONResponse:
        found = checked(request)
        if isinstance(found, JSONResponse):
            return found
        kind, code = found
        try:
            months = max(1, min(24, int(request.query_params.get("months", "12"))))
        except ValueError:
            return refuse(400, "INVALID_PARAMETER", "months must be a number.")
        paid = sandbox.paid.get(f"{kind}:{code}", set())
        rows = data.bills(kind, code, sandbox.clock(), months, paid)
        return JSONResponse({"customerCode": code, "bills": rows})

    async def outages(request: Request) -> JSONResponse:
        if sandbox.down:
            return refuse(503, "SYSTEM_UNAVAILABLE", "Hệ thống đang bảo trì.")
        kind, query = request.path_params["kind"], request.query_params
        try:
            first, last = date.fromisoformat(query["fromDate"]), date.fromisoformat(query["toDate"])
        except (KeyError, ValueError):
            return refuse(400, "INVALID_PARAMETER", "fromDate and toDate are yyyy-mm-dd.")
        area = query.get("areaCode", "")
        if (
            kind not in SHAPES
            or not area
            or not timedelta(0) <= last - first <= timedelta(MAX_DAYS)
        ):
            return refuse(400, "INVALID_PARAMETER", "An area and at most 31 days.")
        return JSONResponse({"areaCode": area, "outages": data.outages(kind, area, first, last)})

    async def pay(request: Request) -> JSONResponse:
        try:
            body: Any = await request.json()
            code, year, month = str(body["customerCode"]), int(body["year"]), int(body["month"])
            amount = int(body["amount"])
        except (ValueError, KeyError, TypeError):
            return refuse(400, "INVALID_PARAMETER", "customerCode, year, month, amount.")
        request.path_params["code"] = code
        found = checked(request)
        if isinstance(found, JSONResponse):
            return found
        kind = found[0]
        paid = sandbox.paid.setdefault(f"{kind}:{code}", set())
        rows = data.bills(kind, code, sandbox.clock(), 24, paid)
        bill = next((b for b in rows if (b["year"], b["month"]) == (year, month)), None)
        if bill is None:
            return refuse(404, "BILL_NOT_FOUND", "Không có hóa đơn kỳ này.")
        if bill["paid"]:
            return refuse(409, "BILL_ALREADY_PAID", "Hóa đơn đã được thanh toán.")
        if bill["totalAmount"] != amount:
            return refuse(400, "AMOUNT_MISMATCH", "Số tiền không khớp hóa đơn.")
        paid.add(f"{year:04d}{month:02d}")
        return JSONResponse({"status": "OK", "transactionId": body.get("transactionId")})

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/healthz", health),
            Route("/{kind}/api/customers/{code}", customer),
            Route("/{kind}/api/customers/{code}/bills", bills),
            Route("/{kind}/api/outages", outages),
            Route("/{kind}/api/payments", pay, methods=["POST"]),
        ]
    )


async def watch_parent(pid: int, server: Any) -> None:
    """Stop the server once the process that started it is gone."""
    while True:
        await asyncio.sleep(1)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            server.should_exit = True
            return


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the sandbox's options to a parser."""
    parser.add_argument("--port", type=int, default=SANDBOX_PORT, help="default: %(default)s")
    parser.add_argument("--now", type=datetime.fromisoformat, help="start the clock here (ISO)")
    parser.add_argument("--down", action="store_true", help="answer 503 to everything")
    parser.add_argument("--parent-pid", type=int, help="stop when this process is gone")


def serve(args: argparse.Namespace) -> int:
    """Serve the sandbox on 127.0.0.1 until interrupted (or its parent is gone)."""
    import uvicorn

    sandbox = Sandbox(down=args.down)
    if args.now is not None:
        sandbox.clock = clock_from(args.now)
    config = uvicorn.Config(
        build_app(sandbox), host="127.0.0.1", port=args.port, log_level="warning"
    )
    server = uvicorn.Server(config)

    async def run() -> None:
        if args.parent_pid:
            watcher = asyncio.create_task(watch_parent(args.parent_pid, server))
        await server.serve()
        if args.parent_pid:
            watcher.cancel()

    print(f"Bills sandbox on http://127.0.0.1:{args.port}", flush=True)
    asyncio.run(run())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the sandbox from the command line."""
    parser = argparse.ArgumentParser(prog="python -m hue_s.modules.bills.sandbox")
    add_arguments(parser)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
