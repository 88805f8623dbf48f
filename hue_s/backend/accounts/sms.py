"""Sending one-time codes by SMS: the gateway interface, a log-only default, a recorder."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from fastapi import Request

sms_logger = logging.getLogger("hue_s.sms")


class SmsGateway(Protocol):
    """Something that delivers a text message to a phone number (E.164)."""

    def send(self, phone: str, text: str) -> None:
        """Deliver the text, or raise if it cannot be handed over."""


class LogSmsGateway:
    """Default gateway without an SMS provider: writes the message to the backend log."""

    def send(self, phone: str, text: str) -> None:
        """Log one line with the phone number and the text (which holds the code)."""
        sms_logger.warning("SMS not sent (no SMS provider configured) to %s: %s", phone, text)


@dataclass
class MemorySmsGateway:
    """Gateway for tests and demos: records each message instead of sending it."""

    sent: list[tuple[str, str]] = field(default_factory=list)

    def send(self, phone: str, text: str) -> None:
        """Remember the message."""
        self.sent.append((phone, text))


def sms_gateway(request: Request) -> SmsGateway:
    """FastAPI dependency: app.state.sms_gateway, a LogSmsGateway unless a city set another."""
    state = request.app.state
    gateway: SmsGateway | None = getattr(state, "sms_gateway", None)
    if gateway is None:
        gateway = LogSmsGateway()
        state.sms_gateway = gateway
    return gateway
