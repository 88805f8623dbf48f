"""Keep secrets out of uvicorn's access log: API keys, codes and tokens in URLs are hidden."""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlencode

ACCESS_LOGGER = "uvicorn.access"
HIDDEN = "[hidden]"
SECRET_PARAMS = frozenset(
    {"api_key", "key", "code", "token", "access_token", "refresh_token", "otp", "phone"}
)
SECRET_SEGMENT = re.compile(r"(/(?:track|tokens)/)[^/?.]+")
"""A tracking code (/incidents/track/<code>) or an Open311 token (/tokens/<token>.json)."""
PATH_ARGUMENT = 2
"""Position of "path?query" in the arguments of uvicorn's access log record."""


def hidden_secrets(target: str) -> str:
    """Return a request target with its secret path segments and query values hidden."""
    path, mark, query = target.partition("?")
    path = SECRET_SEGMENT.sub(rf"\g<1>{HIDDEN}", path)
    if not mark:
        return path
    pairs = parse_qsl(query, keep_blank_values=True)
    shown = [(name, HIDDEN if name.lower() in SECRET_PARAMS else value) for name, value in pairs]
    return f"{path}?{urlencode(shown, safe='[]')}"


class SecretsFilter(logging.Filter):
    """Rewrite each access log record's request target without its secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Hide the secrets of the record's path; always keep the record."""
        args = record.args
        if isinstance(args, tuple) and len(args) > PATH_ARGUMENT:
            target = args[PATH_ARGUMENT]
            if isinstance(target, str):
                changed = list(args)
                changed[PATH_ARGUMENT] = hidden_secrets(target)
                record.args = tuple(changed)
        return True


def hide_secrets_in_access_log() -> None:
    """Install the filter on uvicorn's access logger (once)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(known, SecretsFilter) for known in logger.filters):
        logger.addFilter(SecretsFilter())
