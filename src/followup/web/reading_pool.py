"""Long readings in a process of their own. Reading a long paste holds the interpreter for as
long as its patterns run, and a page asked for meanwhile would wait for it: a text longer than
LONG_READING characters is read in one worker process, started on the first such reading and
stopped with the app (stopped_after, its lifespan), while the event loop goes on answering. A
shorter one is read in a worker thread. Both give what service.reading.read gives."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State
from starlette.exceptions import HTTPException

from followup.casefile import CaseError
from followup.reading.limits import TooLong, check_text
from followup.reading.reader import Where
from followup.service import reading
from followup.service.applications import where_of

LONG_READING = 50_000  # characters: a longer text is read in the worker process


def reading_apart(
    text: str,
    said_at: datetime,
    timezone: str,
    country: str | None,
    subdivision: str | None,
    date_order: str | None,
) -> dict[str, Any]:
    """service.reading.reading, in the worker process: plain values in, plain data out."""
    return reading.reading(text, said_at, Where(timezone, country, subdivision), date_order)


async def read(
    state: State,
    engine: Engine,
    text: str,
    said_at: datetime,
    application_id: int | None,
    date_order: str | None = None,
) -> dict[str, Any]:
    """service.reading.read, off the event loop: in the worker process for a long text (started again, and
    the text read again, if it dies; a 503 if it dies twice), else in a worker thread; then as
    your corrections of its template say (service.reading.as_corrected)."""
    where = await run_in_threadpool(where_of, engine, application_id)
    found = await _read(state, text, said_at, where, date_order)
    return await run_in_threadpool(reading.as_corrected, engine, found, where.timezone)


async def _read(
    state: State, text: str, said_at: datetime, where: Where, date_order: str | None
) -> dict[str, Any]:
    if len(text) <= LONG_READING:
        return await run_in_threadpool(reading.read, text, said_at, where, date_order)
    try:
        check_text(text)  # a text too long is refused here, not sent
    except TooLong as error:
        raise CaseError("text", str(error)) from None
    given = (text, said_at, where.timezone, where.country, where.subdivision, date_order)
    for _attempt in range(2):
        try:
            return await asyncio.get_running_loop().run_in_executor(_pool(state), reading_apart, *given)
        except BrokenProcessPool:
            _replace(state)
    raise HTTPException(503, "the reading stopped before it ended: try again")


def _pool(state: State) -> ProcessPoolExecutor:
    pool: ProcessPoolExecutor | None = getattr(state, "reading_pool", None)
    if pool is None:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        state.reading_pool = pool
    return pool


def _replace(state: State) -> None:
    pool: ProcessPoolExecutor | None = getattr(state, "reading_pool", None)
    state.reading_pool = None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


@asynccontextmanager
async def stopped_after(app: Starlette) -> AsyncIterator[None]:
    """The app's lifespan: when it stops, the worker process stops, if one was started."""
    yield
    pool: ProcessPoolExecutor | None = getattr(app.state, "reading_pool", None)
    app.state.reading_pool = None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
