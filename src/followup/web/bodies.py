"""What the JSON API's bodies may hold: each field by name, with the type of its value. A field
not named, or a value of another type, is a CaseError naming it (a 400), before anything else
is read: an API that took `"interviewers": 5` and said 201 would have kept nothing of it. What
a value of the right type says is checked by the readers behind (the case file's, the store's).
null is a field not given."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from followup.casefile import CaseError
from followup.casefile.fields import show

ADD_EXAMPLE = {
    "employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
    "interview": {"at": "2026-03-03T10:00:00-06:00", "format": "onsite"},
    "role": "Category buyer",
}
EVENT_EXAMPLE = {"kind": "decision_by", "date": "2026-03-06", "note": "We'll let you know by Friday."}
READ_EXAMPLE = {"text": "We'll decide by the 15th. Please don't call.", "application": 1}
DATE_ORDERS = ("mdy", "dmy")  # how numeric dates are written: month first, or day first

Shape = Mapping[str, Any]  # a field's name, and its type or the Shape of the object it holds

TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "an object"}

EVENT: Shape = {
    "at": str, "kind": str, "date": str, "until": str, "channel": str, "channels": list, "purpose": str,
    "answered": bool, "released": bool, "silence_means_no": bool, "note": str, "words": str,
    "said_by": str, "said_how": str, "minutes": int,
}  # fmt: skip
RECORDED: Shape = {**EVENT, "corrects": int}  # an event of a stored application may correct one
APPLICATION: Shape = {
    "employer": {
        "name": str, "timezone": str, "country": str, "subdivision": str, "phone": str, "hours": dict,
        "allows_visits": bool, "address": str, "website": str,
    },
    "interview": {"at": str, "round": int, "format": str, "minutes": int},
    "candidate": {"timezone": str, "local_to_employer": bool, "waking_hours": str},
    "events": [EVENT],
    "policy": dict,
    "role": str, "source": str, "link": str, "notes": str,
}  # fmt: skip
SETTINGS: Shape = {"timezone": str, "policy": dict, "your_name": str, "your_phone": str, "waking_hours": str}
READ: Shape = {"text": str, "said_at": str, "application": int, "date_order": str}


def check_body(given: Any, shape: Shape, where: str = "") -> None:
    """Every field of the object known to the shape, and of its type; the objects and lists of
    objects it holds, checked alike."""
    if not isinstance(given, Mapping):
        raise CaseError(where or "body", f"expected an object, got {show(given)}")
    for key, value in given.items():
        at = f"{where}.{key}" if where else str(key)
        if key not in shape:
            raise CaseError(at, f"unknown field{_hint(str(key), shape)}")
        if value is not None:
            _check_value(value, shape[key], at)


def _check_value(value: Any, kind: Any, where: str) -> None:
    if isinstance(kind, Mapping):
        check_body(value, kind, where)
    elif isinstance(kind, list):  # a list of objects of one shape
        if not isinstance(value, list):
            raise CaseError(where, f"expected a list, got {show(value)}")
        for index, item in enumerate(value):
            check_body(item, kind[0], f"{where}[{index}]")
    elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CaseError(where, f"expected {TYPE_NAMES[kind]}, got {show(value)}")


def _hint(key: str, shape: Shape) -> str:
    close = difflib.get_close_matches(key, list(shape), n=1, cutoff=0.8)
    return f"; did you mean {close[0]}?" if close else f" (expected one of: {', '.join(shape)})"
