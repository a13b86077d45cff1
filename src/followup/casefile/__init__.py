"""Case files: one interview, what was said and done, the policy and `now`, as JSON. Its readers
are the one checker of every way in: the records kept around a case are checked in stored.py,
with the limits of limits.py."""

from followup.casefile.case import CaseFile, load_case, read_case, read_employer, read_event, read_policy
from followup.casefile.fields import CaseError

__all__ = ["CaseError", "CaseFile", "load_case", "read_case", "read_employer", "read_event", "read_policy"]
