"""The accounts of a server: invitations, passwords, sessions, throttling, resets, roles and the
audit log, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, text

from followup.service import accounts
from followup.service.accounts import (
    LOCAL_ACCOUNT,
    Account,
    AccountError,
    BadToken,
    NotAllowed,
    SignInRefused,
    Throttled,
)
from followup.service.passwords import WeakPassword
from followup.store.database import connect
from tests.conftest import PASSWORD

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    engine = connect(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def admin(engine: Engine) -> Account:
    return accounts.first_admin(engine, "Ada@Career.example", "Ada Admin", PASSWORD, NOW)


def joined(engine: Engine, admin: Account, email: str, role: str = "seeker", name: str = "") -> Account:
    link = accounts.invite(engine, admin, email, name or email.split("@")[0].title(), role, NOW)
    return accounts.join(engine, link.token, PASSWORD, NOW).account


def rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_a_password_is_kept_as_an_argon2id_hash_of_the_recommended_parameters(
    engine: Engine, admin: Account
) -> None:
    [(kept,)] = rows(engine, f"SELECT password_hash FROM accounts WHERE id = {admin.id}")
    assert isinstance(kept, str)
    assert kept.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    salt, tag = kept.split("$")[-2:]
    assert len(salt) == 22 and len(tag) == 43  # 16 and 32 bytes, base64 without padding
    assert PASSWORD not in kept
    assert PasswordHasher().verify(kept, PASSWORD)


@pytest.mark.parametrize("password", ["short", " " * 20, "x" * 1001])
def test_a_password_too_short_empty_or_huge_is_refused(engine: Engine, admin: Account, password: str) -> None:
    link = accounts.invite(engine, admin, "sam@example.org", "Sam", "seeker", NOW)
    with pytest.raises(WeakPassword):
        accounts.join(engine, link.token, password, NOW)
    assert accounts.join(engine, link.token, PASSWORD, NOW).account.email == "sam@example.org"  # link unused


def test_an_invitation_joins_once_and_no_later_than_a_week(engine: Engine, admin: Account) -> None:
    link = accounts.invite(engine, admin, " Sam@Example.org ", "Sam Seeker", "seeker", NOW)
    assert (link.account.email, link.account.role) == ("sam@example.org", "seeker")
    with pytest.raises(SignInRefused):  # not joined: no password to sign in with
        accounts.sign_in(engine, "sam@example.org", PASSWORD, NOW)
    signed = accounts.join(engine, link.token, PASSWORD, NOW + timedelta(days=6))
    assert signed.account == link.account
    with pytest.raises(BadToken):
        accounts.join(engine, link.token, "another long password", NOW + timedelta(days=6))

    late = accounts.invite(engine, admin, "late@example.org", "Late", "seeker", NOW)
    with pytest.raises(BadToken, match="expired"):
        accounts.join(engine, late.token, PASSWORD, NOW + timedelta(days=7, seconds=1))
    again = accounts.invite_again(engine, admin, late.account.id, NOW + timedelta(days=8))
    assert accounts.join(engine, again.token, PASSWORD, NOW + timedelta(days=8)).account.id == late.account.id
    with pytest.raises(AccountError, match="has joined already"):
        accounts.invite_again(engine, admin, late.account.id, NOW + timedelta(days=9))


def test_a_newer_invitation_voids_the_older_link(engine: Engine, admin: Account) -> None:
    first = accounts.invite(engine, admin, "sam@example.org", "Sam", "seeker", NOW)
    second = accounts.invite_again(engine, admin, first.account.id, NOW + timedelta(hours=1))
    with pytest.raises(BadToken):
        accounts.join(engine, first.token, PASSWORD, NOW + timedelta(hours=2))
    accounts.join(engine, second.token, PASSWORD, NOW + timedelta(hours=2))


def test_one_account_per_email_and_known_roles_only(engine: Engine, admin: Account) -> None:
    accounts.invite(engine, admin, "sam@example.org", "Sam", "seeker", NOW)
    with pytest.raises(AccountError, match="has an account already"):
        accounts.invite(engine, admin, "SAM@example.org", "Sam again", "seeker", NOW)
    with pytest.raises(AccountError, match="not a role"):
        accounts.invite(engine, admin, "kim@example.org", "Kim", "owner", NOW)
    with pytest.raises(AccountError, match="not an email address"):
        accounts.invite(engine, admin, "kim at example", "Kim", "seeker", NOW)


def test_signing_in_gives_a_session_the_store_keeps_only_as_a_hash(engine: Engine, admin: Account) -> None:
    signed = accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW, address="192.0.2.7")
    assert signed.account == admin
    assert len(signed.token) >= 43  # 32 random bytes
    kept = rows(engine, "SELECT digest FROM sessions")
    assert (hashlib.sha256(signed.token.encode()).hexdigest(),) in kept
    assert all(signed.token not in str(row) for row in kept)
    assert accounts.signed_in(engine, signed.token, NOW + timedelta(minutes=1)) == admin
    assert accounts.signed_in(engine, signed.token + "x", NOW) is None
    assert accounts.signed_in(engine, None, NOW) is None


def test_a_wrong_password_and_an_unknown_email_are_refused_alike(engine: Engine, admin: Account) -> None:
    with pytest.raises(SignInRefused) as wrong:
        accounts.sign_in(engine, "ada@career.example", "not the password at all", NOW)
    with pytest.raises(SignInRefused) as unknown:
        accounts.sign_in(engine, "nobody@career.example", PASSWORD, NOW)
    with pytest.raises(SignInRefused) as malformed:
        accounts.sign_in(engine, "not an email", PASSWORD, NOW)
    assert str(wrong.value) == str(unknown.value) == str(malformed.value)


def test_five_failures_pause_signing_in_to_that_account_even_with_the_right_password(
    engine: Engine, admin: Account
) -> None:
    for minute in range(5):
        with pytest.raises(SignInRefused):
            accounts.sign_in(
                engine, "ada@career.example", "a guess at it " * 2, NOW + timedelta(minutes=minute)
            )
    with pytest.raises(Throttled, match="try again in 11 minutes") as paused:
        accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW + timedelta(minutes=4))
    assert paused.value.retry_after == timedelta(minutes=11)
    # The oldest failure ages out after 15 minutes: one more try is allowed, and succeeds.
    assert (
        accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW + timedelta(minutes=15)).account == admin
    )
    # Another account is not paused by them.
    joined(engine, admin, "sam@example.org")
    assert accounts.sign_in(engine, "sam@example.org", PASSWORD, NOW + timedelta(minutes=4)).account


def test_twenty_failures_from_one_address_pause_it_for_every_account(engine: Engine, admin: Account) -> None:
    for guess in range(20):
        with pytest.raises(SignInRefused):
            accounts.sign_in(engine, f"someone{guess}@career.example", PASSWORD, NOW, address="203.0.113.9")
    with pytest.raises(Throttled):
        accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW, address="203.0.113.9")
    assert (
        accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW, address="198.51.100.1").account == admin
    )


def test_a_session_ends_on_signing_out_when_idle_at_last_and_everywhere(
    engine: Engine, admin: Account
) -> None:
    one = accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW).token
    two = accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW).token
    accounts.sign_out(engine, one, NOW)
    assert accounts.signed_in(engine, one, NOW) is None
    assert accounts.signed_in(engine, two, NOW) == admin

    idle = accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW).token
    assert accounts.signed_in(engine, idle, NOW + timedelta(days=6)) == admin  # used: idle from here
    assert accounts.signed_in(engine, idle, NOW + timedelta(days=12)) == admin
    assert accounts.signed_in(engine, idle, NOW + timedelta(days=19, seconds=1)) is None

    used = accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW).token
    for day in range(0, 30, 5):
        assert accounts.signed_in(engine, used, NOW + timedelta(days=day)) == admin
    assert accounts.signed_in(engine, used, NOW + timedelta(days=30)) is None  # 30 days at most

    assert accounts.sign_out_everywhere(engine, admin, NOW + timedelta(days=1)) >= 1
    assert accounts.signed_in(engine, two, NOW + timedelta(days=1)) is None


def test_a_reset_link_works_once_within_an_hour_and_ends_every_other_session(
    engine: Engine, admin: Account
) -> None:
    old_session = accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW).token
    assert accounts.ask_reset(engine, "nobody@career.example", NOW) is None
    expired = accounts.ask_reset(engine, "ADA@career.example", NOW)
    assert expired is not None
    with pytest.raises(BadToken):
        accounts.reset_password(engine, expired.token, "a brand new passphrase", NOW + timedelta(minutes=61))
    voided = accounts.ask_reset(engine, "ada@career.example", NOW + timedelta(hours=2))
    link = accounts.ask_reset(engine, "ada@career.example", NOW + timedelta(hours=2, minutes=1))
    assert voided is not None and link is not None
    with pytest.raises(BadToken):  # only the newest link works
        accounts.reset_password(
            engine, voided.token, "a brand new passphrase", NOW + timedelta(hours=2, minutes=2)
        )
    signed = accounts.reset_password(
        engine, link.token, "a brand new passphrase", NOW + timedelta(hours=2, minutes=2)
    )
    assert signed.account == admin
    assert accounts.signed_in(engine, old_session, NOW + timedelta(hours=2, minutes=3)) is None
    with pytest.raises(BadToken):
        accounts.reset_password(
            engine, link.token, "yet another passphrase", NOW + timedelta(hours=2, minutes=3)
        )
    with pytest.raises(SignInRefused):
        accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW + timedelta(hours=3))
    assert accounts.sign_in(engine, "ada@career.example", "a brand new passphrase", NOW + timedelta(hours=3))


def test_only_an_admin_invites_assigns_changes_roles_removes_and_reads_the_audit(
    engine: Engine, admin: Account
) -> None:
    coach = joined(engine, admin, "cole@career.example", "coach")
    seeker = joined(engine, admin, "sam@example.org")
    for someone in (coach, seeker, LOCAL_ACCOUNT):
        with pytest.raises(NotAllowed):
            accounts.invite(engine, someone, "x@example.org", "X", "admin", NOW)
        with pytest.raises(NotAllowed):
            accounts.change_role(engine, someone, someone.id, "admin", NOW)
        with pytest.raises(NotAllowed):
            accounts.assign(engine, someone, coach.id, seeker.id, NOW)
        with pytest.raises(NotAllowed):
            accounts.remove(engine, someone, admin.id, NOW)
        with pytest.raises(NotAllowed):
            accounts.audit_log(engine, someone)


def test_a_coach_sees_the_seekers_assigned_to_them_and_no_other(engine: Engine, admin: Account) -> None:
    coach = joined(engine, admin, "cole@career.example", "coach", "Cole")
    other_coach = joined(engine, admin, "dee@career.example", "coach", "Dee")
    mine = joined(engine, admin, "sam@example.org", name="Sam")
    theirs = joined(engine, admin, "tia@example.org", name="Tia")
    accounts.assign(engine, admin, coach.id, mine.id, NOW)
    accounts.assign(engine, admin, other_coach.id, theirs.id, NOW)
    assert accounts.people(engine, coach) == [mine]
    assert accounts.people(engine, other_coach) == [theirs]
    assert accounts.people(engine, mine) == [mine]
    assert {person.id for person in accounts.people(engine, admin)} == {
        admin.id, coach.id, other_coach.id, mine.id, theirs.id,
    }  # fmt: skip
    with pytest.raises(AccountError, match="not a coach"):
        accounts.assign(engine, admin, mine.id, theirs.id, NOW)
    accounts.unassign(engine, admin, coach.id, mine.id, NOW)
    assert accounts.people(engine, coach) == []


def test_role_changes_sign_ins_and_failures_go_to_the_audit_log(engine: Engine, admin: Account) -> None:
    seeker = joined(engine, admin, "sam@example.org")
    accounts.change_role(engine, admin, seeker.id, "coach", NOW + timedelta(minutes=1))
    with pytest.raises(SignInRefused):
        accounts.sign_in(
            engine,
            "sam@example.org",
            "wrong and wrong again",
            NOW + timedelta(minutes=2),
            address="192.0.2.1",
        )
    accounts.sign_in(engine, "sam@example.org", PASSWORD, NOW + timedelta(minutes=3), address="192.0.2.1")
    log = accounts.audit_log(engine, admin, account_id=seeker.id)
    assert [entry["action"] for entry in log] == [
        "signed_in",
        "sign_in_failed",
        "role_changed",
        "joined",
        "invited",
    ]
    assert log[2]["detail"] == {"from": "seeker", "to": "coach"} and log[2]["actor_id"] == admin.id
    assert log[0]["address"] == "192.0.2.1"
    assert all("wrong" not in str(entry) for entry in log)  # a guess is never written down


def test_the_last_admin_stays_an_admin_and_does_not_remove_themself(engine: Engine, admin: Account) -> None:
    with pytest.raises(AccountError, match="last admin"):
        accounts.change_role(engine, admin, admin.id, "coach", NOW)
    with pytest.raises(AccountError, match="own account"):
        accounts.remove(engine, admin, admin.id, NOW)
    other = joined(engine, admin, "bea@career.example", "admin")
    assert accounts.change_role(engine, other, admin.id, "coach", NOW).role == "coach"


def test_a_removed_account_signs_in_no_more_and_its_sessions_and_links_end(
    engine: Engine, admin: Account
) -> None:
    seeker = joined(engine, admin, "sam@example.org")
    session = accounts.sign_in(engine, "sam@example.org", PASSWORD, NOW).token
    link = accounts.ask_reset(engine, "sam@example.org", NOW)
    assert link is not None
    accounts.remove(engine, admin, seeker.id, NOW)
    assert accounts.signed_in(engine, session, NOW) is None
    with pytest.raises(SignInRefused):
        accounts.sign_in(engine, "sam@example.org", PASSWORD, NOW)
    with pytest.raises(BadToken):
        accounts.reset_password(engine, link.token, "a brand new passphrase", NOW)
    assert accounts.ask_reset(engine, "sam@example.org", NOW) is None


def test_a_hash_of_weaker_parameters_is_made_again_at_sign_in(engine: Engine, admin: Account) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE accounts SET password_hash = :weak WHERE id = :id"), {"weak": weak, "id": admin.id}
        )
    accounts.sign_in(engine, "ada@career.example", PASSWORD, NOW)
    [(kept,)] = rows(engine, f"SELECT password_hash FROM accounts WHERE id = {admin.id}")
    assert str(kept).startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_the_local_account_comes_with_the_store_and_never_signs_in(engine: Engine) -> None:
    assert rows(engine, "SELECT id, email, role, password_hash FROM accounts") == [(1, None, "seeker", None)]
    accounts.first_admin(engine, "ada@career.example", "Ada", PASSWORD, NOW)
    with pytest.raises(AccountError, match="has an admin already"):
        accounts.first_admin(engine, "bea@career.example", "Bea", PASSWORD, NOW)
    assert accounts.people(engine, LOCAL_ACCOUNT) == [LOCAL_ACCOUNT]


def test_tries_sent_at_once_are_counted_as_they_come(engine: Engine, admin: Account) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def guess(number: int) -> str:
        try:
            accounts.sign_in(engine, "ada@career.example", f"guess number {number:04d}", NOW)
        except Throttled:
            return "throttled"
        except SignInRefused:
            return "checked"
        return "signed in"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(guess, range(16)))
    assert outcomes.count("checked") == 5 and outcomes.count("throttled") == 11


def test_a_made_up_link_is_refused_before_any_password_is_hashed(engine: Engine, admin: Account) -> None:
    with pytest.raises(BadToken):  # the token is checked first: "short" would be a WeakPassword
        accounts.join(engine, "made-up-token", "short", NOW)
    with pytest.raises(BadToken):
        accounts.reset_password(engine, "made-up-token", "short", NOW)


def test_the_local_account_is_no_one_an_admin_can_act_on(engine: Engine, admin: Account) -> None:
    coach = joined(engine, admin, "cole@career.example", "coach")
    for act in (
        lambda: accounts.assign(engine, admin, coach.id, LOCAL_ACCOUNT.id, NOW),
        lambda: accounts.change_role(engine, admin, LOCAL_ACCOUNT.id, "admin", NOW),
        lambda: accounts.remove(engine, admin, LOCAL_ACCOUNT.id, NOW),
        lambda: accounts.invite_again(engine, admin, LOCAL_ACCOUNT.id, NOW),
    ):
        with pytest.raises(AccountError, match="no account 1"):
            act()


def test_two_admins_removing_each_other_leave_one(engine: Engine, admin: Account) -> None:
    other = joined(engine, admin, "bea@career.example", "admin")
    accounts.remove(engine, other, admin.id, NOW)
    with pytest.raises(AccountError, match="last admin"):
        accounts.remove(engine, admin, other.id, NOW)  # a removed admin is no admin: Bea is the last


def test_guessing_links_is_throttled_as_guessing_passwords(engine: Engine, admin: Account) -> None:
    link = accounts.invite(engine, admin, "sam@example.org", "Sam", "seeker", NOW)
    for guess in range(20):
        with pytest.raises(BadToken):
            accounts.join(engine, f"made-up-{guess}", PASSWORD, NOW, address="203.0.113.9")
    with pytest.raises(Throttled):  # even the right link, from there, for a while
        accounts.join(engine, link.token, PASSWORD, NOW, address="203.0.113.9")
    assert (
        accounts.join(engine, link.token, PASSWORD, NOW, address="198.51.100.1").account.email
        == "sam@example.org"
    )
