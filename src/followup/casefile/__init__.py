"""Case files: one interview, what was said and done, the policy and `now`, as JSON. Its readers
are the one checker of every way in: the records kept around a case are checked in stored.py,
with the limits of limits.py.

The names below are loaded when first used, so that a command that only checks a field
(fields.py) does not load the case reader and its calendars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.casefile.case import CaseFile, load_case, read_case, read_employer, read_event, read_policy
    from followup.casefile.fields import CaseError

__all__ = ["CaseError", "CaseFile", "load_case", "read_case", "read_employer", "read_event", "read_policy"]


def __getattr__(name: str) -> Any:
    if name == "CaseError":
        from followup.casefile import fields

        return fields.CaseError
    if name in __all__:
        from followup.casefile import case

        return getattr(case, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
