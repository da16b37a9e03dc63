"""Privacy values: pseudonymous customer keys and personal-data records."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

KEY_PREFIX = "c_"


def pseudonymous_key(salt: str, source: str, external_id: str) -> str:
    """The customer key used everywhere analytical, from a source's own customer id.

    A keyed hash (HMAC-SHA256 with the workspace's secret salt): stable, so
    re-importing the same customer finds the same key, and not reversible
    without the salt, so the key alone identifies nobody.

    Examples
    --------
    >>> pseudonymous_key("salt", "crm", "42")
    'c_114ccdf069932e4f093b39d5'

    """
    message = f"{source}\x1f{external_id}".encode()
    digest = hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()
    return KEY_PREFIX + digest[:24]


@dataclass(frozen=True, slots=True)
class PersonalData:
    """What we know personally about a customer; stored apart from all feedback."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    consent_survey: bool = False
    consent_marketing: bool = False
    consent_profiling: bool = False
