"""The decision core: pure functions of a case, a moment and a policy. No I/O, no clock."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: the quick agenda starts without it
if TYPE_CHECKING:
    from typing import Any

    from followup.core.engine import advise
    from followup.core.model import (
        DEFAULT_POLICY,
        Action,
        Advice,
        Busy,
        Candidate,
        Case,
        Channel,
        Closures,
        DayHours,
        Employer,
        Event,
        Hours,
        Interview,
        Kind,
        NoHolidays,
        Policy,
        Purpose,
        Reason,
        Rule,
        Span,
        Variant,
        Window,
    )

__all__ = [
    "DEFAULT_POLICY",
    "Action",
    "Advice",
    "Busy",
    "Candidate",
    "Case",
    "Channel",
    "Closures",
    "DayHours",
    "Employer",
    "Event",
    "Hours",
    "Interview",
    "Kind",
    "NoHolidays",
    "Policy",
    "Purpose",
    "Reason",
    "Rule",
    "Span",
    "Variant",
    "Window",
    "advise",
]


def __getattr__(name: str) -> Any:
    """The core's names, loaded when first used: a command that only reads the kept agenda
    starts without them."""
    if name == "advise":
        from followup.core.engine import advise

        return advise
    if name in __all__:
        from followup.core import model

        return getattr(model, name)
    raise AttributeError(f"module 'followup.core' has no attribute {name!r}")
