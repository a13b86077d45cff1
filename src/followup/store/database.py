"""Opening the store: SQLite in the user's data folder by default, or any SQLAlchemy URL
(`--db`, or FOLLOWUP_DB), PostgreSQL included. Opening brings the schema up to date."""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_path
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from followup.store.kept_agenda import SCHEMA  # the latest revision: a store at it opens without Alembic
from followup.store.schema import LOCAL

if TYPE_CHECKING:
    from alembic.config import Config

ENVIRONMENT = "FOLLOWUP_DB"
BUSY_TIMEOUT_MS = 10_000


def default_url() -> str:
    """FOLLOWUP_DB, else followup.sqlite3 in the user's data folder."""
    given = os.environ.get(ENVIRONMENT)
    if given:
        return given
    default_store().parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{default_store()}"


def default_store() -> Path:
    """Where the store is kept unless told otherwise: followup.sqlite3 in the user's data folder
    (it may not be made yet)."""
    return user_data_path("followup", appauthor=False) / "followup.sqlite3"


def connect(url: str | None = None) -> Engine:
    """An engine for the store at url, its schema migrated to the latest revision."""
    engine = create_engine(_driver(url or default_url()))
    if engine.dialect.name == "postgresql":
        logging.getLogger("psycopg").addFilter(QUIET_PIPELINE)
        event.listen(engine, "begin", _postgresql_begin)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings)
        event.listen(engine, "begin", _sqlite_begin)
        _writers[engine] = threading.RLock()
    if revision_of(engine) != SCHEMA:
        migrate(engine)
    return engine


def scoped(
    engine: Engine, *, seeker: int | None = None, coach: int | None = None, everyone: bool = False
) -> Engine:
    """The store as one account sees it: a seeker their own rows, a coach (read-only) the rows of
    the seekers assigned to them, the background work (everyone) all of them. Every transaction
    on the engine given back names that scope to PostgreSQL, whose row-level security keeps the
    rest out of every query (migration 0010). The store of one person (SQLite) has the local
    account alone."""
    if engine.dialect.name != "postgresql":
        if (seeker, coach, everyone) in ((LOCAL, None, False), (None, None, True)):
            return engine
        raise StoreError("the accounts of a server need PostgreSQL: this store is SQLite, of one person")
    return engine.execution_options(followup_scope=(seeker, coach, everyone))


def read_only(connection: Connection) -> bool:
    """Whether the connection's scope reads rows it may not change (a coach's): it takes no lock
    on them, which PostgreSQL grants only to who may change them."""
    seeker, _coach, everyone = _scope(connection)
    return seeker is None and not everyone


def seeker_of(connection: Connection) -> int | None:
    """The seeker a server's connection works for; None for the local account's (or nobody's)."""
    seeker = _scope(connection)[0]
    return None if seeker in (None, LOCAL) else seeker


def _scope(connection: Connection) -> tuple[int | None, int | None, bool]:
    """The (seeker, coach, everyone) a connection's transactions name (`scoped`); the local
    account's when none is named."""
    scope = connection.get_execution_options().get("followup_scope")
    return (LOCAL, None, False) if scope is None else scope


class ReadOnly(PermissionError):
    """A change to rows the scope may read and not change (a coach's of a seeker's data)."""


def _postgresql_begin(connection: Connection) -> None:
    """A transaction's scope, for row-level security: until it ends (set_config's is_local)."""
    if connection.get_execution_options().get("followup_scope") is None:
        return  # the local account's (followup_seeker() says so)
    seeker, coach, everyone = _scope(connection)
    connection.exec_driver_sql(
        "SELECT set_config('followup.seeker', %(seeker)s, true), "
        "set_config('followup.coach', %(coach)s, true), set_config('followup.everyone', %(everyone)s, true)",
        {"seeker": str(seeker or 0), "coach": str(coach or ""), "everyone": "on" if everyone else ""},
    )


@contextmanager
def writing(engine: Engine, *, counted: bool = True) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock at once, so that two
    writers queue instead of one failing halfway; reads take no lock. Unless told otherwise it
    moves the store's version on, so that what was worked out from the store can be kept until
    the store changes.

    Writers of one process take turns on a lock of their own first: one that waits is woken the
    moment the other is done, where SQLite's busy handler would have it sleep and poll."""
    with (
        _writers.get(engine) or nullcontext(),
        engine.connect().execution_options(writes=True) as connection,
        connection.begin(),
    ):
        try:
            yield connection
        except DBAPIError as error:
            said = str(error.orig)
            if "row-level security" in said or "_seeker_id_accounts" in said:  # not theirs; nobody's
                raise ReadOnly("this is not yours to change: you may read it only") from None
            raise
        if counted:
            connection.exec_driver_sql(BUMP)


class _QuietPipeline(logging.Filter):
    """psycopg warns, on leaving a batch of statements that failed, of a second error it let
    pass: the first is raised, and said once (an import that lost a race is done again)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("error ignored terminating")


QUIET_PIPELINE = _QuietPipeline()
_writers: weakref.WeakKeyDictionary[Engine, AbstractContextManager[Any]] = weakref.WeakKeyDictionary()


VERSION = "version"  # a setting: how many writes the store has seen
BUMP = (
    "INSERT INTO settings (name, value) VALUES ('version', '1') ON CONFLICT (name) DO UPDATE "
    "SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)"
)


def version(connection: Connection) -> str:
    """The store's version: it changes with every write."""
    found = connection.exec_driver_sql("SELECT value FROM settings WHERE name = 'version'").first()
    return str(found[0]) if found else "0"


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to revision, in one transaction, recorded in the database.

    SQLite changes a table by making it again: its foreign keys are off meanwhile (else dropping
    the old table would cascade to the rows of others), and checked before the commit."""
    from alembic import command

    config = _alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with (
        _writers.get(engine) or nullcontext(),
        engine.connect().execution_options(writes=True) as connection,
    ):
        if sqlite:  # outside a transaction, where SQLite takes it
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":  # processes opening a new store take turns
                    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4276150)")
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").first()):
                    raise StoreError(f"migrating the store left a row of {broken[0]} naming no {broken[2]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def revision_of(engine: Engine) -> str | None:
    """The revision the store's schema is at (None for a new store), read as Alembic keeps it."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return str(found[0]) if found else None


def head_revision() -> str | None:
    """The latest revision, as the migrations say (SCHEMA says the same, without loading them)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("followup.store") / "migrations"))
    return config


def _driver(url: str) -> str:
    """PostgreSQL through psycopg 3; a SQLite file in a folder that exists."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("sqlite"):
        if parsed.database in (None, "", ":memory:"):
            raise StoreError("an in-memory SQLite store keeps nothing: give a file, sqlite:///path/to/file")
        path = Path(parsed.database).expanduser()
        if not path.parent.is_dir():
            raise StoreError(f"the folder {path.parent} does not exist")
        parsed = parsed.set(database=str(path))
    return parsed.render_as_string(hide_password=False)


class StoreError(ValueError):
    """A store that cannot be used as given."""


def _sqlite_settings(connection: Any, _record: Any) -> None:
    connection.isolation_level = None  # transactions are begun explicitly, below
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut too
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("writes")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
