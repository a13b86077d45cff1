"""Accounts, read and written on a connection the service holds: the people, who coaches whom,
signed-in sessions, one-time tokens, sign-in failures and the audit log. Tokens are kept as
their SHA-256 only: what the store holds signs nobody in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, func, insert, select, update

from followup.store.schema import LOCAL as LOCAL  # the one person of a store on one machine
from followup.store.schema import (
    account_tokens,
    accounts,
    audit,
    coach_seekers,
    sessions,
    sign_in_failures,
)


def account(connection: Connection, account_id: int) -> RowMapping | None:
    return connection.execute(select(accounts).where(accounts.c.id == account_id)).mappings().first()


def account_by_email(connection: Connection, email: str) -> RowMapping | None:
    return connection.execute(select(accounts).where(accounts.c.email == email)).mappings().first()


def all_accounts(connection: Connection) -> list[RowMapping]:
    """Every account but the local one, by name."""
    query = select(accounts).where(accounts.c.id != LOCAL).order_by(accounts.c.name, accounts.c.id)
    return list(connection.execute(query).mappings())


def admins(connection: Connection) -> int:
    """How many admins there are, not removed."""
    query = select(func.count()).where(accounts.c.role == "admin", accounts.c.removed_at.is_(None))
    return int(connection.execute(query).scalar_one())


def add_account(connection: Connection, **values: Any) -> int:
    return int(connection.execute(insert(accounts).values(**values).returning(accounts.c.id)).scalar_one())


def change_account(connection: Connection, account_id: int, **values: Any) -> None:
    connection.execute(update(accounts).where(accounts.c.id == account_id).values(**values))


def assign(connection: Connection, coach_id: int, seeker_id: int, at: datetime) -> bool:
    """Whether the seeker is newly the coach's."""
    if connection.execute(
        select(coach_seekers.c.coach_id).where(
            coach_seekers.c.coach_id == coach_id, coach_seekers.c.seeker_id == seeker_id
        )
    ).first():
        return False
    connection.execute(insert(coach_seekers).values(coach_id=coach_id, seeker_id=seeker_id, assigned_at=at))
    return True


def unassign(connection: Connection, coach_id: int, seeker_id: int) -> bool:
    gone = connection.execute(
        delete(coach_seekers).where(
            coach_seekers.c.coach_id == coach_id, coach_seekers.c.seeker_id == seeker_id
        )
    )
    return bool(gone.rowcount)


def seekers_of(connection: Connection, coach_id: int) -> list[RowMapping]:
    """The seekers a coach sees, by name: those assigned to them and not removed."""
    query = (
        select(accounts)
        .join(coach_seekers, coach_seekers.c.seeker_id == accounts.c.id)
        .where(coach_seekers.c.coach_id == coach_id, accounts.c.removed_at.is_(None))
        .order_by(accounts.c.name, accounts.c.id)
    )
    return list(connection.execute(query).mappings())


def assignments(connection: Connection) -> dict[int, list[int]]:
    """Each seeker's coaches."""
    found: dict[int, list[int]] = {}
    query = select(coach_seekers.c.seeker_id, coach_seekers.c.coach_id).order_by(coach_seekers.c.coach_id)
    for seeker_id, coach_id in connection.execute(query):
        found.setdefault(seeker_id, []).append(coach_id)
    return found


def add_session(
    connection: Connection, digest: str, account_id: int, at: datetime, expires: datetime
) -> None:
    connection.execute(
        insert(sessions).values(
            digest=digest, account_id=account_id, created_at=at, seen_at=at, expires_at=expires
        )
    )


def session(connection: Connection, digest: str) -> RowMapping | None:
    return connection.execute(select(sessions).where(sessions.c.digest == digest)).mappings().first()


def session_seen(connection: Connection, digest: str, at: datetime) -> None:
    connection.execute(update(sessions).where(sessions.c.digest == digest).values(seen_at=at))


def revoke_sessions(
    connection: Connection, at: datetime, *, digest: str | None = None, account_id: int | None = None
) -> int:
    """Revoke one session (digest) or every open session of an account; how many."""
    query = update(sessions).where(sessions.c.revoked_at.is_(None)).values(revoked_at=at)
    if digest is not None:
        query = query.where(sessions.c.digest == digest)
    if account_id is not None:
        query = query.where(sessions.c.account_id == account_id)
    return int(connection.execute(query).rowcount)


def add_token(
    connection: Connection, digest: str, purpose: str, account_id: int, at: datetime, expires: datetime
) -> None:
    connection.execute(
        insert(account_tokens).values(
            digest=digest, purpose=purpose, account_id=account_id, created_at=at, expires_at=expires
        )
    )


def take_token(connection: Connection, digest: str, purpose: str, at: datetime) -> int | None:
    """The account of an unused, unexpired token of that purpose, which is used up by this; else
    None. One statement: of two takers at once, one wins."""
    taken = connection.execute(
        update(account_tokens)
        .where(
            account_tokens.c.digest == digest,
            account_tokens.c.purpose == purpose,
            account_tokens.c.used_at.is_(None),
            account_tokens.c.expires_at > at,
        )
        .values(used_at=at)
        .returning(account_tokens.c.account_id)
    ).first()
    return None if taken is None else int(taken[0])


def void_tokens(connection: Connection, account_id: int, purpose: str, at: datetime) -> None:
    """Every unused token of that purpose of the account used up: only the newest link works."""
    connection.execute(
        update(account_tokens)
        .where(
            account_tokens.c.account_id == account_id,
            account_tokens.c.purpose == purpose,
            account_tokens.c.used_at.is_(None),
        )
        .values(used_at=at)
    )


def failures_since(connection: Connection, keys: Iterable[str], since: datetime) -> dict[str, list[datetime]]:
    """When sign-ins failed for each key after `since`, oldest first."""
    query = (
        select(sign_in_failures.c.key, sign_in_failures.c.at)
        .where(sign_in_failures.c.key.in_(list(keys)), sign_in_failures.c.at > since)
        .order_by(sign_in_failures.c.at)
    )
    found: dict[str, list[datetime]] = {}
    for key, at in connection.execute(query):
        found.setdefault(key, []).append(at)
    return found


def add_failures(
    connection: Connection, keys: Iterable[str], at: datetime, *, forget_before: datetime
) -> list[int]:
    """A failed sign-in for each key (their ids), and the failures too old to count forgotten."""
    connection.execute(delete(sign_in_failures).where(sign_in_failures.c.at < forget_before))
    added = insert(sign_in_failures).returning(sign_in_failures.c.id)
    return [int(connection.execute(added.values(key=key, at=at)).scalar_one()) for key in keys]


def take_back(connection: Connection, ids: list[int]) -> None:
    """Failures written down before a try that then succeeded."""
    connection.execute(delete(sign_in_failures).where(sign_in_failures.c.id.in_(ids)))


def lock_keys(connection: Connection, keys: list[str]) -> None:
    """PostgreSQL: the keys' turns, until the transaction ends (SQLite: a writer has the store)."""
    if connection.dialect.name == "postgresql":
        for key in sorted(keys):
            connection.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))


def lock_admins(connection: Connection) -> None:
    """The admins' rows held until the transaction ends (PostgreSQL): changes of admins take turns."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(accounts.c.id).where(accounts.c.role == "admin").with_for_update()).all()


def token_usable(connection: Connection, digest: str, purpose: str, at: datetime) -> bool:
    query = select(account_tokens.c.digest).where(
        account_tokens.c.digest == digest,
        account_tokens.c.purpose == purpose,
        account_tokens.c.used_at.is_(None),
        account_tokens.c.expires_at > at,
    )
    return connection.execute(query).first() is not None


def forget_failures(connection: Connection, key: str) -> None:
    connection.execute(delete(sign_in_failures).where(sign_in_failures.c.key == key))


def add_audit(connection: Connection, **values: Any) -> None:
    connection.execute(insert(audit).values(**values))


def audit_log(connection: Connection, *, account_id: int | None = None, limit: int = 200) -> list[RowMapping]:
    """The newest entries first (of one account, as actor or subject, when named)."""
    query = select(audit).order_by(audit.c.at.desc(), audit.c.id.desc()).limit(limit)
    if account_id is not None:
        query = query.where((audit.c.account_id == account_id) | (audit.c.actor_id == account_id))
    return list(connection.execute(query).mappings())
