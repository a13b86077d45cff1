"""followup: when and how to follow up after a job interview."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: the quick agenda starts without it
if TYPE_CHECKING:
    from typing import Any

    from followup.core import DEFAULT_POLICY, Advice, Case, Policy, advise

__version__ = "0.1.0"
__all__ = ["DEFAULT_POLICY", "Advice", "Case", "Policy", "__version__", "advise"]


def __getattr__(name: str) -> Any:
    """The core's names, loaded when first used (the quick agenda starts without them)."""
    if name in __all__:
        import followup.core

        return getattr(followup.core, name)
    raise AttributeError(f"module 'followup' has no attribute {name!r}")
