"""followup: when and how to follow up after a job interview."""

__version__ = "0.1.0"
