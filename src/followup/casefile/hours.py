"""An employer's hours in a case file; keys left out come from the country's defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from followup.casefile import fields
from followup.casefile.fields import CaseError
from followup.core.countries import default_hours
from followup.core.model import Busy, Closures, DayHours, Hours, Span, Variant

KEYS = frozenset({"days", "open", "close", "lunch", "busy", "closed", "best", "variants"})
DAY_KEYS = frozenset({"open", "close", "lunch"})


def read_hours(value: Any, country: str | None, where: str = "employer.hours") -> Hours:
    default = default_hours(country)
    if value is None:
        return default
    given = fields.obj(value, where)
    _no_unknown(given, KEYS, where)
    days = fields.weekdays(given["days"], f"{where}.days") if "days" in given else default.days
    regular = _day_hours(given, default.regular, where)
    busy = tuple(
        _busy(slot, days, f"{where}.busy[{index}]")
        for index, slot in enumerate(fields.array(given.get("busy", []), f"{where}.busy"))
    )
    closed = _closures(given["closed"], f"{where}.closed") if "closed" in given else default.closed
    best = (
        tuple(
            _span(pair, f"{where}.best[{index}]")
            for index, pair in enumerate(fields.array(given["best"], f"{where}.best"))
        )
        if "best" in given
        else default.best
    )
    if "variants" in given:
        variants = tuple(
            _variant(item, regular, f"{where}.variants[{index}]")
            for index, item in enumerate(fields.array(given["variants"], f"{where}.variants"))
        )
    elif given.keys() & (DAY_KEYS | {"days"}):
        variants = ()  # the employer's own day replaces the country's short days
    else:
        variants = default.variants
    return Hours(days=days, regular=regular, busy=busy, closed=closed, best=best, variants=variants)


def _day_hours(given: Mapping[str, Any], default: DayHours, where: str) -> DayHours:
    open_ = fields.clock(given["open"], f"{where}.open") if "open" in given else default.open
    close = fields.clock(given["close"], f"{where}.close") if "close" in given else default.close
    if close <= open_:
        raise CaseError(f"{where}.close", "closing time must come after opening time")
    lunch = default.lunch
    if "lunch" in given:
        lunch = None if given["lunch"] is None else _span(given["lunch"], f"{where}.lunch")
        if lunch is not None and not (open_ <= lunch.start and lunch.end <= close):
            raise CaseError(f"{where}.lunch", "lunch must lie between opening and closing time")
    elif lunch is not None and not (open_ <= lunch.start and lunch.end <= close):
        lunch = None  # the country's usual lunch falls outside these hours: a short day without one
    return DayHours(open_, close, lunch)


def _span(value: Any, where: str) -> Span:
    pair = fields.array(value, where)
    if len(pair) != 2:
        raise CaseError(where, f'expected ["HH:MM", "HH:MM"], got {fields.show(value)}')
    start, end = fields.clock(pair[0], f"{where}[0]"), fields.clock(pair[1], f"{where}[1]")
    if end <= start:
        raise CaseError(where, "the end must come after the start")
    return Span(start, end)


def _busy(value: Any, working_days: frozenset[int], where: str) -> Busy:
    slot = fields.obj(value, where)
    _no_unknown(slot, frozenset({"days", "from", "to"}), where)
    days = fields.weekdays(slot["days"], f"{where}.days") if "days" in slot else working_days
    for key in ("from", "to"):
        if key not in slot:
            raise CaseError(f"{where}.{key}", "missing")
    start, end = fields.clock(slot["from"], f"{where}.from"), fields.clock(slot["to"], f"{where}.to")
    if end <= start:
        raise CaseError(
            f"{where}.to", f"the busy slot ends ({slot['to']}) before it starts ({slot['from']}): swap them"
        )
    return Busy(days, Span(start, end))


def _variant(value: Any, regular: DayHours, where: str) -> Variant:
    given = fields.obj(value, where)
    _no_unknown(given, frozenset({"days", "open", "close", "lunch", "from", "to"}), where)
    if "days" not in given:
        raise CaseError(f"{where}.days", "missing")
    days = fields.weekdays(given["days"], f"{where}.days")
    hours = _day_hours(given, regular, where)
    season = None
    if "from" in given or "to" in given:
        if not ("from" in given and "to" in given):
            raise CaseError(where, "give both from and to (MM-DD), or neither")
        season = (
            fields.month_day(given["from"], f"{where}.from"),
            fields.month_day(given["to"], f"{where}.to"),
        )
    return Variant(days, hours, season)


def _closures(value: Any, where: str) -> Closures:
    dates: set[date] = set()
    ranges: list[tuple[date, date]] = []
    yearly: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for index, item in enumerate(fields.array(value, where)):
        at = f"{where}[{index}]"
        if not isinstance(item, str):
            raise CaseError(at, f"expected a date, a range or a day of the year, got {fields.show(item)}")
        first, _, last = item.partition("/")
        if fields.DATE.fullmatch(first):
            start = fields.day(first, at)
            end = fields.day(last, at) if last else start
            if end < start:
                raise CaseError(at, f"{fields.show(item)}: the range ends before it starts")
            if end == start:
                dates.add(start)
            else:
                ranges.append((start, end))
        else:
            start_md = fields.month_day(first, at)
            yearly.append((start_md, fields.month_day(last, at) if last else start_md))
    return Closures(frozenset(dates), tuple(ranges), tuple(yearly))


def _no_unknown(given: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    for key in given:
        if key not in known:
            raise CaseError(f"{where}.{key}", f"unknown field (expected one of: {', '.join(sorted(known))})")
