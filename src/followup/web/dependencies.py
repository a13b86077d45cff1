"""What every route is given by the app: the store's engine, the moment to act at, the form
tokens, and what pages worked out from the store, kept until the store changes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import Request

from followup.casefile.fields import instant
from followup.service.stores import changes as store_changes

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.web.tokens import FormTokens

T = TypeVar("T")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class Clock:
    """The moment to act at: the real clock; or a fixed moment (`--now`); or, for tests, the
    moment written in a file, read again on every request."""

    def __init__(self, fixed: datetime | None = None, from_file: Path | None = None) -> None:
        self.fixed, self.from_file = fixed, from_file

    def now(self) -> datetime:
        if self.from_file is not None and self.from_file.exists():
            return instant(self.from_file.read_text(encoding="utf-8").strip(), str(self.from_file))
        return self.fixed or datetime.now(UTC)


class Kept:
    """What pages worked out from the store, kept until the store changes (its version moves
    with every write) or the minute turns; the newest few hundred."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, request: Request, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        changes = getattr(request.state, "version", None)
        if changes is None:  # once a request
            changes = request.state.version = store_changes(engine_of(request))
        account = getattr(request.state, "account", None)  # a server's: each account's own
        minute = now_of(request).astimezone(UTC).replace(second=0, microsecond=0)
        full = (*key, changes, minute, account.id if account is not None else None)
        with self.lock:
            if full in self.entries:
                self.entries.move_to_end(full)
                return self.entries[full]  # type: ignore[no-any-return]
        made = make()
        with self.lock:
            self.entries[full] = made
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return made


def kept(request: Request, key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """make(), or what it gave for the same key, store version and minute."""
    return request.app.state.kept.get(request, key, make)  # type: ignore[no-any-return]


def engine_of(request: Request) -> Engine:
    """The store as the request's account sees it: on a server, the signed-in account's scope
    (web.sessions); on one machine, the whole store."""
    scoped = getattr(request.state, "engine", None)
    return scoped if scoped is not None else request.app.state.engine  # type: ignore[no-any-return]


def now_of(request: Request) -> datetime:
    return request.app.state.clock.now()  # type: ignore[no-any-return]


def tokens_of(request: Request) -> FormTokens:
    return request.app.state.form_tokens  # type: ignore[no-any-return]


def form_token(request: Request) -> str:
    """The token of this browser's forms, made from the nonce in its cookie (set by the Guard)."""
    return tokens_of(request).token(request.state.nonce)
