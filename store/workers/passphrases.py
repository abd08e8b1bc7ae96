"""Passphrases, kept only as Argon2id hashes.

The encoded hash records the parameters it was made with (``$argon2id$v=19$m=65536,t=3,p=4$...``),
so a hash made years ago still verifies after the parameters are raised, and
``needs_rehash`` tells a successful sign-in to store a new hash made with today's.

Hashing is slow on purpose (a tenth of a second, 64 MiB): callers do it outside any database
transaction. ``HASHER`` is module-level so that tests can put a cheap one in its place.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2-cffi's defaults are RFC 9106's second recommendation for Argon2id, and move with the
# library as the advice changes.
HASHER = PasswordHasher()

# Verified against when no worker has the login typed, so that an unknown login takes as long
# to refuse as a wrong passphrase (made on first use, with the hasher in use then).
_decoy: dict[str, str] = {}


def too_short(passphrase: str, minimum: int) -> str | None:
    """Why ``passphrase`` can't be used, or None. Only its length counts; spaces at either end
    are part of it."""
    if len(passphrase) < minimum:
        return f"A passphrase needs at least {minimum} characters (this has {len(passphrase)})."
    if len(passphrase) > 1024:
        return "A passphrase can have at most 1,024 characters."
    return None


def hash_passphrase(passphrase: str) -> str:
    """The Argon2id hash of ``passphrase``, its parameters encoded in it."""
    return HASHER.hash(passphrase)


def verify(encoded: str, passphrase: str) -> bool:
    """True if ``passphrase`` is the one ``encoded`` was made from (with the parameters the
    hash records, whatever today's are)."""
    try:
        return HASHER.verify(encoded, passphrase)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    """True if ``encoded`` was made with other parameters than today's."""
    try:
        return HASHER.check_needs_rehash(encoded)
    except (InvalidHashError, ValueError):
        return True


def waste_time(passphrase: str) -> None:
    """Take as long as verifying a passphrase, for a login no worker has."""
    key = repr((HASHER.time_cost, HASHER.memory_cost, HASHER.parallelism))
    if key not in _decoy:
        _decoy[key] = HASHER.hash("not anyone's passphrase")
    verify(_decoy[key], passphrase)
