"""Password hashing: argon2id (argon2-cffi), PHC strings, rehash on new parameters."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from belofte.errors import InvalidInput

#: argon2-cffi's defaults (RFC 9106 low-memory profile): argon2id, t=3, m=64 MiB, p=4.
_HASHER = PasswordHasher()
MIN_LENGTH = 10
MAX_LENGTH = 1024  # argon2 takes any length; a cap keeps a login request cheap
#: A hash to verify against when the user does not exist, so that an unknown
#: username costs the same time as a wrong password (no user enumeration).
_DUMMY = _HASHER.hash(secrets.token_hex(16))


def check_strength(password: str) -> None:
    """Raise InvalidInput for a password that is too short or too long."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"password: use at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"password: use at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    """The argon2id hash of `password` (PHC string: `$argon2id$v=19$m=...`)."""
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches `password_hash` (None: compare with a dummy)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(password_hash or _DUMMY, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with older parameters than today's."""
    return _HASHER.check_needs_rehash(password_hash)


def generate_password() -> str:
    """A random password to show once (about 120 bits)."""
    return secrets.token_urlsafe(15)
