"""Passwords, kept as argon2id hashes: the parameters of RFC 9106's second recommended option
(3 passes over 64 MiB, 4 lanes), a 16-byte salt and a 32-byte tag. A hash made with weaker
parameters is made again at the next sign-in."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import Type

TIME_COST, MEMORY_KIB, LANES = 3, 64 * 1024, 4
SALT_BYTES, HASH_BYTES = 16, 32
SHORTEST, LONGEST = 12, 1_000  # characters: a passphrase fits; a megabyte to hash does not


class WeakPassword(ValueError):
    """A password that cannot be taken, and why."""


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_KIB,
        parallelism=LANES,
        hash_len=HASH_BYTES,
        salt_len=SALT_BYTES,
        type=Type.ID,
    )


def acceptable(password: str) -> str:
    """The password, if it can be kept; else WeakPassword says why."""
    if len(password) < SHORTEST:
        raise WeakPassword(f"a password needs at least {SHORTEST} characters (a few words will do)")
    if len(password) > LONGEST:
        raise WeakPassword(f"a password of more than {LONGEST} characters is not taken")
    if not password.strip():
        raise WeakPassword("a password of spaces alone is not taken")
    return password


def hashed(password: str) -> str:
    return hasher().hash(acceptable(password))


def matches(kept: str | None, password: str) -> bool:
    """Whether the password is the one kept. Without a kept hash a dummy one is checked, so that
    an unknown account takes as long to refuse as a wrong password."""
    if len(password) > LONGEST:
        return False
    try:
        return hasher().verify(kept or _dummy(), password) and kept is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def outdated(kept: str) -> bool:
    """Whether a hash was made with other parameters than today's."""
    return hasher().check_needs_rehash(kept)


@cache
def _dummy() -> str:
    return hasher().hash("not anybody's password")
