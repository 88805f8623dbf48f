"""A local VNPay sandbox: a separate process with a pay page a person can click through.

`python -m hue_s.modules.payments.sandbox` (or `hue-s backend payments-sandbox`)
serves on 127.0.0.1 (port 8790 by default) what VNPay's sandbox serves: the pay page at
/paymentv2/vpcpay.html checks the request's signature, then offers Pay and Cancel; left open
past vnp_ExpireDate it times out by itself. Each outcome is signed with the same secret,
sent to the IPN URL (VNPay's server-to-server call; tried three times; never with
--drop-ipn), then the browser is sent to vnp_ReturnUrl: response code 00 paid, 24 cancelled,
11 timed out. querydr (POST /merchant_webapi/api/transaction) answers what became of one;
refund, at the same address, gives a paid one's money back (sandbox_refund.py).
Merchant code and hash secret: HUE_S_VNPAY_TMN_CODE / HUE_S_VNPAY_HASH_SECRET, else the
sandbox defaults the backend also uses in development.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import itertools
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from hue_s.modules.payments.pages import N_, facts, page, translator, vnd
from hue_s.modules.payments.sandbox_refund import refund_answer
from hue_s.modules.payments.vnpay import (
    SANDBOX_PORT,
    VNPayGateway,
    parse_vnpay_time,
    signature_is_valid,
    vnpay_time,
)
from hue_s.modules.payments.vnpay_query import (
    ANSWER_FIELDS,
    API_PATH,
    REQUEST_FIELDS,
    signature_matches,
    signed,
)

PAY_PATH = "/paymentv2/vpcpay.html"
IPN_ATTEMPTS = 3
OUTCOMES = {"pay": "00", "cancel": "24", "timeout": "11"}
REQUIRED = ("vnp_Amount", "vnp_ExpireDate", "vnp_OrderInfo", "vnp_ReturnUrl", "vnp_TxnRef")


@dataclass
class Transaction:
    """One pay request the sandbox was given, and what became of it."""

    request: dict[str, str]
    number: str
    outcome: str | None = None
    answer: dict[str, str] = field(default_factory=dict)
    """The signed outcome, sent to the IPN URL and with the browser to the return URL."""
    ipn_answers: list[dict[str, Any]] = field(default_factory=list)
    refunded: int = 0
    """How much was given back, in VNPay's hundredths of a đồng."""


@dataclass
class Sandbox:
    """The sandbox's merchant, where it sends IPNs, its clock and what it has seen."""

    gateway: VNPayGateway
    ipn_url: str | None
    """Where IPNs go; None: beside each request's vnp_ReturnUrl (.../vnpay/return -> /ipn),
    which finds a development backend on whatever port it started."""
    drop_ipn: bool = False
    """Send no IPN at all (the merchant must ask with querydr)."""
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    transactions: dict[str, Transaction] = field(default_factory=dict)
    numbers: Any = field(default_factory=lambda: itertools.count(14_000_001))

    def result(self, txn: Transaction, code: str) -> dict[str, str]:
        """Return the signed answer VNPay gives for a transaction's outcome."""
        asked = txn.request
        params = {
            "vnp_Amount": asked["vnp_Amount"], "vnp_BankCode": "NCB" if code == "00" else "VNPAY",
            "vnp_CardType": "ATM", "vnp_OrderInfo": asked["vnp_OrderInfo"],
            "vnp_PayDate": vnpay_time(self.clock()), "vnp_ResponseCode": code,
            "vnp_TmnCode": asked["vnp_TmnCode"], "vnp_TransactionNo": txn.number if code == "00"
            else "0", "vnp_TransactionStatus": "00" if code == "00" else "02",
            "vnp_TxnRef": asked["vnp_TxnRef"],
        }  # fmt: skip
        if code == "00":
            params["vnp_BankTranNo"] = f"VNP{txn.number}"
        return self.gateway.sign(params) | {"vnp_SecureHashType": "HmacSHA512"}

    def query_answer(self, body: dict[str, Any]) -> dict[str, Any]:
        """Return the signed querydr answer about a transaction."""
        secret = self.gateway.hash_secret
        ref = str(body.get("vnp_TxnRef", ""))
        answer: dict[str, Any] = {
            "vnp_ResponseId": secrets.token_hex(16), "vnp_Command": "querydr",
            "vnp_TmnCode": self.gateway.tmn_code, "vnp_TxnRef": ref,
        }  # fmt: skip
        txn = self.transactions.get(ref)
        if not signature_matches(body, REQUEST_FIELDS, secret):
            answer |= {"vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"}
        elif txn is None or body.get("vnp_TmnCode") != self.gateway.tmn_code:
            answer |= {"vnp_ResponseCode": "91", "vnp_Message": "Transaction not found"}
        else:
            status = "01" if txn.outcome is None else ("00" if txn.outcome == "00" else "02")
            asked, done = txn.request, txn.answer
            answer |= {
                "vnp_ResponseCode": "00", "vnp_Message": "QueryDR Success",
                "vnp_Amount": asked["vnp_Amount"], "vnp_OrderInfo": asked["vnp_OrderInfo"],
                "vnp_TransactionType": "01", "vnp_TransactionStatus": status,
                "vnp_PromotionCode": "", "vnp_PromotionAmount": "",
            }  # fmt: skip
            for name in ("vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo"):
                answer[name] = done.get(name, "")
        return signed(answer, ANSWER_FIELDS, secret)

    def ipn_url_of(self, txn: Transaction) -> str:
        """Return where the IPN of a transaction goes."""
        if self.ipn_url:
            return self.ipn_url
        return_url = txn.request["vnp_ReturnUrl"].split("?", 1)[0]
        return return_url.removesuffix("/return") + "/ipn"

    async def send_ipn(self, txn: Transaction, params: dict[str, str]) -> None:
        """Call the merchant's IPN URL until it answers 00 or 02 (at most three times)."""
        async with httpx.AsyncClient(timeout=10) as client:
            for attempt in range(IPN_ATTEMPTS):
                try:
                    answer = (await client.get(self.ipn_url_of(txn), params=params)).json()
                except (httpx.HTTPError, ValueError) as error:
                    answer = {"error": type(error).__name__}
                txn.ipn_answers.append(answer)
                if answer.get("RspCode") in ("00", "02"):
                    return
                await asyncio.sleep(0.5 * (attempt + 1))

    async def finish(self, txn: Transaction, code: str) -> Response:
        """Settle a transaction once: send the IPN, then the browser to the return URL."""
        if txn.outcome is None:
            txn.outcome, txn.answer = code, self.result(txn, code)
            if not self.drop_ipn:
                await self.send_ipn(txn, txn.answer)
        query = urlencode(txn.answer)
        return RedirectResponse(f"{txn.request['vnp_ReturnUrl']}?{query}", status_code=303)


def clock_from(start: datetime) -> Callable[[], datetime]:
    """Return a clock that starts at `start` and runs at the real pace."""
    began = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)


def language_of(params: dict[str, str]) -> str:
    """Return the page's language from vnp_Locale."""
    return "en" if params.get("vnp_Locale") == "en" else "vi"


def refusal(params: dict[str, str], message: str, status: int) -> HTMLResponse:
    """Return an error page in the request's language."""
    language = language_of(params)
    _ = translator(language)
    body = f"<p>{html.escape(_(message))}</p>"
    return HTMLResponse(page(_(N_("Payment refused")), body, language), status_code=status)


def pay_page(sandbox: Sandbox, txn: Transaction) -> HTMLResponse:
    """Return the page offering Pay and Cancel, timing out by itself at vnp_ExpireDate."""
    asked = txn.request
    language = language_of(asked)
    _ = translator(language)
    expires = parse_vnpay_time(asked["vnp_ExpireDate"])
    seconds = max(0, int((expires - sandbox.clock()).total_seconds()))
    ref = html.escape(asked["vnp_TxnRef"])
    rows = [
        (_(N_("Merchant")), asked["vnp_TmnCode"]),
        (_(N_("For")), asked["vnp_OrderInfo"]),
        (_(N_("Amount")), vnd(int(asked["vnp_Amount"]) // 100, language)),
        (_(N_("Transaction reference")), asked["vnp_TxnRef"]),
        (_(N_("Pay before")), expires.strftime("%H:%M:%S %d/%m/%Y")),
    ]
    test_only = html.escape(_(N_("Test pay page: no real money is taken.")))
    pay, cancel = html.escape(_(N_("Pay"))), html.escape(_(N_("Cancel payment")))
    body = (
        f'<meta http-equiv="refresh" content="{seconds};url=/paymentv2/timeout?ref={ref}">'
        f"<p>{test_only}</p>{facts(rows)}"
        f'<form method="post" action="/paymentv2/decide"><input type="hidden" name="ref" '
        f'value="{ref}"><button class="main" name="action" value="pay">'
        f'{pay}</button><button name="action" value="cancel">{cancel}</button></form>'
    )
    return HTMLResponse(page(_(N_("VNPay sandbox")), body, language))


def build_app(sandbox: Sandbox) -> Starlette:
    """Return the sandbox's web app."""

    async def start(request: Request) -> Response:
        params = dict(request.query_params)
        if not signature_is_valid(params, sandbox.gateway.hash_secret):
            return refusal(params, N_("The payment request's signature is not valid."), 400)
        if params.get("vnp_TmnCode") != sandbox.gateway.tmn_code:
            return refusal(params, N_("This merchant is not known."), 400)
        if any(not params.get(name) for name in REQUIRED) or params.get("vnp_Command") != "pay":
            return refusal(params, N_("The payment request is incomplete."), 400)
        txn = sandbox.transactions.get(params.get("vnp_TxnRef", ""))
        if txn is None:
            txn = Transaction(request=params, number=str(next(sandbox.numbers)))
            sandbox.transactions[params["vnp_TxnRef"]] = txn
        if txn.outcome is not None:
            return await sandbox.finish(txn, txn.outcome)
        if parse_vnpay_time(params["vnp_ExpireDate"]) <= sandbox.clock():
            return await sandbox.finish(txn, OUTCOMES["timeout"])
        return pay_page(sandbox, txn)

    async def decide(request: Request) -> Response:
        form = await request.form()
        txn = sandbox.transactions.get(str(form.get("ref", "")))
        if txn is None:
            return refusal({}, N_("This payment is not known."), 404)
        action = str(form.get("action", ""))
        expired = parse_vnpay_time(txn.request["vnp_ExpireDate"]) <= sandbox.clock()
        code = OUTCOMES["timeout"] if expired else OUTCOMES.get(action, OUTCOMES["cancel"])
        return await sandbox.finish(txn, code)

    async def timeout(request: Request) -> Response:
        txn = sandbox.transactions.get(request.query_params.get("ref", ""))
        if txn is None:
            return refusal({}, N_("This payment is not known."), 404)
        return await sandbox.finish(txn, OUTCOMES["timeout"])

    async def querydr(request: Request) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return JSONResponse({"vnp_ResponseCode": "03", "vnp_Message": "Invalid format"})
        if body.get("vnp_Command") == "refund":
            return JSONResponse(refund_answer(sandbox, body))
        return JSONResponse(sandbox.query_answer(body))

    async def log(_request: Request) -> JSONResponse:
        return JSONResponse(
            [
                {
                    "txn_ref": ref,
                    "outcome": txn.outcome,
                    "ipn_answers": txn.ipn_answers,
                    "refunded_vnd": txn.refunded // 100,
                }  # fmt: skip
                for ref, txn in sandbox.transactions.items()
            ]
        )

    return Starlette(
        routes=[
            Route(PAY_PATH, start),
            Route("/paymentv2/decide", decide, methods=["POST"]),
            Route("/paymentv2/timeout", timeout),
            Route(API_PATH, querydr, methods=["POST"]),
            Route("/sandbox/transactions", log),
        ]
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the sandbox's options to a parser."""
    parser.add_argument("--port", type=int, default=SANDBOX_PORT, help="default: %(default)s")
    parser.add_argument(
        "--now",
        type=parse_vnpay_time,
        metavar="yyyyMMddHHmmss",
        help="start the sandbox's clock at this GMT+7 time (tests); default: the real time",
    )
    parser.add_argument(
        "--drop-ipn",
        action="store_true",
        help="send no IPN (a lost callback: the backend must ask with querydr)",
    )
    parser.add_argument(
        "--ipn-url",
        default=None,
        help="the backend's IPN address (default: beside each payment's return URL, "
        ".../api/v1/payments/vnpay/ipn)",
    )


def serve(args: argparse.Namespace) -> int:
    """Serve the sandbox on 127.0.0.1 until interrupted."""
    import uvicorn

    env = {key: value for key, value in os.environ.items() if key.startswith("HUE_S_VNPAY_")}
    env.pop("HUE_S_VNPAY_PAY_URL", None)  # the sandbox is the pay page: local defaults apply
    gateway = VNPayGateway.from_environment(env)
    sandbox = Sandbox(gateway=gateway, ipn_url=args.ipn_url, drop_ipn=args.drop_ipn)
    if getattr(args, "now", None) is not None:
        sandbox.clock = clock_from(args.now)
    print(f"VNPay sandbox on http://127.0.0.1:{args.port}{PAY_PATH}", flush=True)
    uvicorn.run(build_app(sandbox), host="127.0.0.1", port=args.port, log_level="warning")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the sandbox from the command line."""
    parser = argparse.ArgumentParser(prog="python -m hue_s.modules.payments.sandbox")
    add_arguments(parser)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
