"""Structured logging: console in dev, JSON in prod, never personal data.

Events carry counts, ids and names of files, never verbatims or personal data.
As a second line of defence, values under keys that usually hold such data are
replaced before anything is written.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

from belofte.settings import Settings

#: Keys whose values are never written, whatever the caller passes.
PERSONAL_KEYS = frozenset(
    {
        "text",
        "verbatim",
        "comment",
        "original",
        "body",
        "message_text",
        "name",
        "full_name",
        "email",
        "e_mail",
        "phone",
        "telephone",
        "address",
        "street",
        "postcode",
        "iban",
        "bsn",
        "password",
        "token",
        "secret",
    }
)
REDACTED = "[redacted]"


def drop_personal_data(
    _logger: Any, _method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Structlog processor: replace values of personal keys with [redacted]."""
    for key in list(event):
        if key.lower() in PERSONAL_KEYS:
            event[key] = REDACTED
    return event


class _CurrentStderr:
    """Whatever sys.stderr is when an event is written (tests and tools swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(settings: Settings) -> None:
    """Configure structlog once per process, from `settings`."""
    json = settings.log_format == "json" or (
        settings.log_format == "auto" and settings.env == "prod"
    )
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            drop_personal_data,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping()[settings.log_level]
        ),
        logger_factory=structlog.PrintLoggerFactory(file=_CurrentStderr()),  # type: ignore[arg-type]
        cache_logger_on_first_use=False,
    )
