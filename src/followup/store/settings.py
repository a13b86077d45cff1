"""The store's settings (your time zone, name, phone, waking hours and rules; the calendar's
sequences, the feed's token, what was pushed to CalDAV, the form secret), read and kept from an
engine, each write its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from followup.store.applications import put_setting, setting
from followup.store.database import writing


def read_setting(engine: Engine, name: str) -> str | None:
    with engine.connect() as connection:
        return setting(connection, name)


def read_settings(engine: Engine, names: Iterable[str]) -> dict[str, str | None]:
    """Several settings, read together."""
    with engine.connect() as connection:
        return {name: setting(connection, name) for name in names}


def keep_setting(engine: Engine, name: str, value: str | None, *, counted: bool = True) -> str | None:
    """Set a setting (None: remove it), in one transaction; the value it had. `counted`: a change
    the pages must show (a bookkeeping value is not)."""
    with writing(engine, counted=counted) as connection:
        return put_setting(connection, name, value)


def setting_made_once(engine: Engine, name: str, make: Callable[[], str]) -> str:
    """A setting's value, made and kept the first time it is asked for, by whichever process
    asks first: one that loses the race reads the other's."""
    found = read_setting(engine, name)
    if found is None:
        try:
            with writing(engine, counted=False) as connection:
                found = setting(connection, name)
                if found is None:
                    found = make()
                    put_setting(connection, name, found)
        except IntegrityError:  # another process made it meanwhile (PostgreSQL)
            found = read_setting(engine, name)
    if found is None:
        raise RuntimeError(f"the store keeps no {name}")
    return found
