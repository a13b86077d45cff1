"""followup: when and how to follow up after a job interview."""

from followup.core import DEFAULT_POLICY, Advice, Case, Policy, advise

__version__ = "0.1.0"
__all__ = ["DEFAULT_POLICY", "Advice", "Case", "Policy", "__version__", "advise"]
