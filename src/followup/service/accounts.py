"""The people of a server: job seekers, their coaches and the admins who invite them.

An admin invites someone by email (the link carries a one-time token); they join by choosing a
password. Signing in gives a session: a random token the browser keeps in a cookie and the store
keeps as a hash, ending when idle, at last, on signing out or on "sign out everywhere". Repeated
failures throttle signing in, per account and per address. A forgotten password is reset by a
one-time token sent by email. Sign-ins, their failures, invitations, role changes and
assignments go to the audit log. Every function takes `now`: nothing here reads the clock.

On one machine there is one person, the local account, who never signs in."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.service import passwords
from followup.store import accounts as kept
from followup.store.accounts import LOCAL
from followup.store.database import writing

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, RowMapping

ROLES = ("seeker", "coach", "admin")
INVITATION_LIFE = timedelta(days=7)
RESET_LIFE = timedelta(hours=1)
SESSION_LIFE = timedelta(days=30)  # a session ends at last, however often it is used
IDLE = timedelta(days=7)  # and sooner when unused
SEEN_EVERY = timedelta(minutes=5)  # how often a session's use is written down
THROTTLE_WINDOW = timedelta(minutes=15)
MOST_FAILURES = {"account": 5, "address": 20}  # failed sign-ins in the window before a pause
LONGEST_EMAIL = 320


class AccountError(ValueError):
    """Something about accounts that cannot be done, said for the person who asked."""


class NotAllowed(PermissionError):
    """The account acting may not do this."""


class SignInRefused(AccountError):
    """Wrong email or password (which one is not said), or no such account."""

    def __init__(self) -> None:
        super().__init__("that email and password do not match an account")


class Throttled(AccountError):
    """Too many failed sign-ins lately: try again after `retry_after`."""

    def __init__(self, retry_after: timedelta) -> None:
        minutes = max(1, -(-int(retry_after.total_seconds()) // 60))
        super().__init__(
            f"too many failed sign-ins: try again in {minutes} minute{'s' if minutes > 1 else ''}"
        )
        self.retry_after = retry_after


class BadToken(AccountError):
    """A link's token that is unknown, used already or expired."""


@dataclass(frozen=True)
class Account:
    id: int
    email: str | None
    name: str
    role: str
    shares_notes: bool = False

    @property
    def admin(self) -> bool:
        return self.role == "admin"

    @property
    def coach(self) -> bool:
        return self.role == "coach"


LOCAL_ACCOUNT = Account(LOCAL, None, "you", "seeker")


@dataclass(frozen=True)
class SignedIn:
    account: Account
    token: str  # for the cookie: the store keeps only its hash


@dataclass(frozen=True)
class Link:
    """A one-time token for an emailed link, and whom it is for."""

    account: Account
    token: str
    expires_at: datetime


def email_of(given: str) -> str:
    """An email address as accounts are known by it: trimmed, in lower case; AccountError if it
    cannot be one."""
    email = given.strip().lower()
    local, at, domain = email.rpartition("@")
    if (
        not at
        or not local
        or "." not in domain
        or any(c.isspace() for c in email)
        or len(email) > LONGEST_EMAIL
    ):
        raise AccountError(f"{given.strip()[:80]!r} is not an email address")
    return email


def invite(
    engine: Engine,
    by: Account,
    email: str,
    name: str,
    role: str,
    now: datetime,
    *,
    address: str | None = None,
) -> Link:
    """A new account, not joined yet, and the token of its invitation: an admin's act."""
    _admin(by)
    email, name = email_of(email), name.strip()
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role: one of {', '.join(ROLES)}")
    if not name:
        raise AccountError("an account needs a name")
    with writing(engine) as connection:
        if kept.account_by_email(connection, email) is not None:
            raise AccountError(f"{email} has an account already")
        account_id = kept.add_account(
            connection, email=email, name=name, role=role, shares_notes=False, created_at=now
        )
        token = _token(connection, "invitation", account_id, now, INVITATION_LIFE)
        kept.add_audit(
            connection, at=now, action="invited", actor_id=by.id, account_id=account_id, address=address,
            detail={"role": role},
        )  # fmt: skip
        return Link(_account(connection, account_id), token, now + INVITATION_LIFE)


def invite_again(engine: Engine, by: Account, account_id: int, now: datetime) -> Link:
    """A new invitation for someone who has not joined yet: the earlier links stop working."""
    _admin(by)
    with writing(engine) as connection:
        row = _someone(connection, account_id)
        if row["joined_at"] is not None:
            raise AccountError(f"{row['email']} has joined already")
        kept.void_tokens(connection, account_id, "invitation", now)
        token = _token(connection, "invitation", account_id, now, INVITATION_LIFE)
        kept.add_audit(connection, at=now, action="invited", actor_id=by.id, account_id=account_id)
        return Link(_account(connection, account_id), token, now + INVITATION_LIFE)


def join(engine: Engine, token: str, password: str, now: datetime, *, address: str | None = None) -> SignedIn:
    """Accept an invitation: the password chosen, the account signed in."""
    _usable(engine, token, "invitation", now, address)  # a made-up link costs no hashing
    hashed = passwords.hashed(password)  # before the transaction: it takes a while
    with writing(engine) as connection:
        account_id = kept.take_token(connection, _digest(token), "invitation", now)
        if account_id is None or _row(connection, account_id)["removed_at"] is not None:
            raise BadToken("this invitation has been used, has expired or was never made: ask for another")
        kept.change_account(connection, account_id, password_hash=hashed, joined_at=now)
        kept.add_audit(connection, at=now, action="joined", account_id=account_id, address=address)
        return _session(connection, account_id, now)


def sign_in(
    engine: Engine, email: str, password: str, now: datetime, *, address: str | None = None
) -> SignedIn:
    """A session for the account of that email and password; SignInRefused or Throttled.

    Each try is written down as a failure before the password is checked, in one transaction
    with the count that allows it (PostgreSQL: under a lock of each key), so that tries sent at
    once are counted as they come and no more than the limit are ever checked; a try that
    succeeds is then taken back."""
    try:
        email = email_of(email)
    except AccountError:
        passwords.matches(None, password)  # the same time as any refusal
        raise SignInRefused() from None
    keys = [f"account:{email}"] + ([f"address:{address}"] if address else [])
    with writing(engine, counted=False) as connection:
        kept.lock_keys(connection, keys)
        wait = _throttled(connection, keys, now)
        row = kept.account_by_email(connection, email)
        account_id = row["id"] if row else None
        if wait is not None:
            kept.add_audit(
                connection, at=now, action="sign_in_throttled", account_id=account_id, address=address
            )
        else:
            tries = kept.add_failures(connection, keys, now, forget_before=now - THROTTLE_WINDOW)
    if wait is not None:
        raise Throttled(wait)
    kept_hash = row["password_hash"] if row is not None and row["removed_at"] is None else None
    if row is None or not passwords.matches(kept_hash, password):
        with writing(engine, counted=False) as connection:
            kept.add_audit(
                connection, at=now, action="sign_in_failed", account_id=account_id, address=address
            )
        raise SignInRefused()
    rehash = (
        passwords.hashed(password) if passwords.outdated(row["password_hash"]) else None
    )  # new parameters
    with writing(engine, counted=False) as connection:
        if rehash:
            kept.change_account(connection, row["id"], password_hash=rehash)
        kept.forget_failures(connection, keys[0])
        kept.take_back(connection, tries)
        kept.add_audit(connection, at=now, action="signed_in", account_id=row["id"], address=address)
        return _session(connection, row["id"], now)


def signed_in(engine: Engine, token: str | None, now: datetime) -> Account | None:
    """The account a session's token is of, while the session holds (not revoked, not expired,
    not idle too long, its account not removed); else None."""
    if not token or len(token) > 200:
        return None
    digest = _digest(token)
    with engine.connect() as connection:
        found = kept.session(connection, digest)
        if (
            found is None
            or found["revoked_at"] is not None
            or found["expires_at"] <= now
            or found["seen_at"] + IDLE <= now
        ):
            return None
        row = _row(connection, found["account_id"])
    if row["removed_at"] is not None:
        return None
    if now - found["seen_at"] >= SEEN_EVERY:
        with writing(engine, counted=False) as connection:
            kept.session_seen(connection, digest, now)
    return _account_of(row)


def sign_out(engine: Engine, token: str, now: datetime, *, address: str | None = None) -> None:
    """End this session."""
    with writing(engine, counted=False) as connection:
        found = kept.session(connection, _digest(token))
        if found is not None and kept.revoke_sessions(connection, now, digest=_digest(token)):
            kept.add_audit(
                connection, at=now, action="signed_out", account_id=found["account_id"], address=address
            )


def sign_out_everywhere(
    engine: Engine, account: Account, now: datetime, *, address: str | None = None
) -> int:
    """End every session of the account (this one too); how many were open."""
    with writing(engine, counted=False) as connection:
        ended = kept.revoke_sessions(connection, now, account_id=account.id)
        kept.add_audit(
            connection, at=now, action="signed_out_everywhere", actor_id=account.id, account_id=account.id,
            address=address, detail={"sessions": ended},
        )  # fmt: skip
        return ended


def ask_reset(engine: Engine, email: str, now: datetime, *, address: str | None = None) -> Link | None:
    """A reset token for the account of that email, to be sent to it; None when there is no such
    account (the page says the same either way). Earlier reset links stop working."""
    try:
        email = email_of(email)
    except AccountError:
        return None
    with writing(engine, counted=False) as connection:
        row = kept.account_by_email(connection, email)
        if row is None or row["removed_at"] is not None or row["joined_at"] is None:
            return None
        kept.void_tokens(connection, row["id"], "reset", now)
        token = _token(connection, "reset", row["id"], now, RESET_LIFE)
        kept.add_audit(connection, at=now, action="reset_asked", account_id=row["id"], address=address)
        return Link(_account_of(row), token, now + RESET_LIFE)


def reset_password(
    engine: Engine, token: str, password: str, now: datetime, *, address: str | None = None
) -> SignedIn:
    """A new password from a reset token (once, before it expires): every other session ends."""
    _usable(engine, token, "reset", now, address)
    hashed = passwords.hashed(password)
    with writing(engine) as connection:
        account_id = kept.take_token(connection, _digest(token), "reset", now)
        if account_id is None or _row(connection, account_id)["removed_at"] is not None:
            raise BadToken("this reset link has been used, has expired or was never made: ask for another")
        kept.change_account(connection, account_id, password_hash=hashed)
        kept.revoke_sessions(connection, now, account_id=account_id)
        kept.forget_failures(connection, f"account:{_row(connection, account_id)['email']}")
        kept.add_audit(connection, at=now, action="password_reset", account_id=account_id, address=address)
        return _session(connection, account_id, now)


def change_role(engine: Engine, by: Account, account_id: int, role: str, now: datetime) -> Account:
    """An admin gives an account another role. The last admin keeps theirs."""
    _admin(by)
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role: one of {', '.join(ROLES)}")
    with writing(engine) as connection:
        kept.lock_admins(connection)  # two admins demoting each other take turns
        row = _someone(connection, account_id)
        if row["role"] == role:
            return _account_of(row)
        if row["role"] == "admin" and kept.admins(connection) == 1:
            raise AccountError("the last admin stays an admin: make another admin first")
        kept.change_account(connection, account_id, role=role)
        kept.add_audit(
            connection, at=now, action="role_changed", actor_id=by.id, account_id=account_id,
            detail={"from": row["role"], "to": role},
        )  # fmt: skip
        return _account(connection, account_id)


def assign(engine: Engine, by: Account, coach_id: int, seeker_id: int, now: datetime) -> None:
    """An admin gives a seeker to a coach (a seeker may have several)."""
    _admin(by)
    with writing(engine) as connection:
        if _someone(connection, coach_id)["role"] != "coach":
            raise AccountError(f"account {coach_id} is not a coach")
        if _someone(connection, seeker_id)["role"] != "seeker":
            raise AccountError(f"account {seeker_id} is not a job seeker")
        if kept.assign(connection, coach_id, seeker_id, now):
            kept.add_audit(
                connection, at=now, action="assigned", actor_id=by.id, account_id=seeker_id,
                detail={"coach": coach_id},
            )  # fmt: skip


def unassign(engine: Engine, by: Account, coach_id: int, seeker_id: int, now: datetime) -> None:
    _admin(by)
    with writing(engine) as connection:
        if kept.unassign(connection, coach_id, seeker_id):
            kept.add_audit(
                connection, at=now, action="unassigned", actor_id=by.id, account_id=seeker_id,
                detail={"coach": coach_id},
            )  # fmt: skip


def remove(engine: Engine, by: Account, account_id: int, now: datetime) -> None:
    """An admin removes an account: it can no longer sign in, its sessions end, its links stop
    working; what it holds is kept."""
    _admin(by)
    if account_id == by.id:
        raise AccountError("an admin does not remove their own account: another admin can")
    with writing(engine) as connection:
        kept.lock_admins(connection)
        row = _someone(connection, account_id)
        if row["removed_at"] is not None:
            return
        if row["role"] == "admin" and kept.admins(connection) == 1:
            raise AccountError("the last admin stays: make another admin first")
        kept.change_account(connection, account_id, removed_at=now)
        kept.revoke_sessions(connection, now, account_id=account_id)
        for purpose in ("invitation", "reset"):
            kept.void_tokens(connection, account_id, purpose, now)
        kept.add_audit(connection, at=now, action="removed", actor_id=by.id, account_id=account_id)


def first_admin(engine: Engine, email: str, name: str, password: str, now: datetime) -> Account:
    """The first admin of a new server (from the command line); AccountError once there is one."""
    email, hashed = email_of(email), passwords.hashed(password)
    with writing(engine) as connection:
        if kept.admins(connection):
            raise AccountError("this server has an admin already: they invite the others")
        if kept.account_by_email(connection, email) is not None:
            raise AccountError(f"{email} has an account already")
        account_id = kept.add_account(
            connection, email=email, name=name.strip() or email, role="admin", password_hash=hashed,
            shares_notes=False, created_at=now, joined_at=now,
        )  # fmt: skip
        kept.add_audit(connection, at=now, action="joined", account_id=account_id, detail={"role": "admin"})
        return _account(connection, account_id)


def people(engine: Engine, by: Account) -> list[Account]:
    """Everyone an account may see: an admin everyone, a coach their seekers, a seeker themself."""
    with engine.connect() as connection:
        if by.admin:
            return [_account_of(row) for row in kept.all_accounts(connection)]
        if by.coach:
            return [_account_of(row) for row in kept.seekers_of(connection, by.id)]
    return [by]


def assignments(engine: Engine, by: Account) -> dict[int, list[int]]:
    """Each seeker's coaches, by id: an admin's to read."""
    _admin(by)
    with engine.connect() as connection:
        return kept.assignments(connection)


def audit_log(engine: Engine, by: Account, *, account_id: int | None = None) -> list[dict[str, Any]]:
    """The newest entries of the audit log: an admin's to read."""
    _admin(by)
    with engine.connect() as connection:
        return [dict(row) for row in kept.audit_log(connection, account_id=account_id)]


def _admin(by: Account) -> None:
    if not by.admin:
        raise NotAllowed("only an admin may do this")


def _throttled(connection: Connection, keys: list[str], now: datetime) -> timedelta | None:
    """How long until the keys may try again, when their recent failures are too many."""
    waits = []
    for key, times in kept.failures_since(connection, keys, now - THROTTLE_WINDOW).items():
        most = MOST_FAILURES[key.partition(":")[0]]
        if len(times) >= most:  # the window slides: until enough of the oldest have aged out
            waits.append(times[len(times) - most] + THROTTLE_WINDOW - now)
    return max(waits, default=None)


def _session(connection: Connection, account_id: int, now: datetime) -> SignedIn:
    token = secrets.token_urlsafe(32)
    kept.add_session(connection, _digest(token), account_id, now, now + SESSION_LIFE)
    return SignedIn(_account(connection, account_id), token)


def _token(connection: Connection, purpose: str, account_id: int, now: datetime, life: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    kept.add_token(connection, _digest(token), purpose, account_id, now, now + life)
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _someone(connection: Connection, account_id: int) -> RowMapping:
    """An account an admin may act on: any but the local one, which is nobody's on a server."""
    if account_id == LOCAL:
        raise AccountError(f"no account {account_id}")
    return _row(connection, account_id)


def _usable(engine: Engine, token: str, purpose: str, now: datetime, address: str | None) -> None:
    """BadToken unless the token is one that can still be used (it is taken, once, later). A
    link that does not work counts as a failed sign-in from its address: guessing links is
    throttled as guessing passwords is (Throttled)."""
    keys = [f"address:{address}"] if address else []
    with writing(engine, counted=False) as connection:
        kept.lock_keys(connection, keys)
        wait = _throttled(connection, keys, now)
        usable = wait is None and kept.token_usable(connection, _digest(token), purpose, now)
        if wait is None and not usable:
            kept.add_failures(connection, keys, now, forget_before=now - THROTTLE_WINDOW)
    if wait is not None:
        raise Throttled(wait)
    if not usable:
        what = "invitation" if purpose == "invitation" else "reset link"
        raise BadToken(f"this {what} has been used, has expired or was never made: ask for another")


def _row(connection: Connection, account_id: int) -> RowMapping:
    row = kept.account(connection, account_id)
    if row is None:
        raise AccountError(f"no account {account_id}")
    return row


def _account(connection: Connection, account_id: int) -> Account:
    return _account_of(_row(connection, account_id))


def _account_of(row: RowMapping) -> Account:
    return Account(row["id"], row["email"], row["name"], row["role"], bool(row["shares_notes"]))
