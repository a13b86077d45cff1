"""The records around the applications: employers and the people there, interview rounds,
edits and deletions; your own name, phone, waking hours, time zone and rules."""

from __future__ import annotations

from followup.store.applications import employer_document
from followup.store.lookups import (
    contacts_listed,
    employer_timezone,
    employer_with_people,
    employers_listed,
    exists,
    people_of,
    record_row,
    rounds_of,
    what_deleting_takes,
)
from followup.store.records import (
    EDITABLE,
    YOURS,
    add_contact,
    add_employer,
    add_interview,
    delete_record,
    edit,
    set_policy,
    set_timezone,
    set_yours,
    yours_checked,
)

__all__ = [
    "EDITABLE",
    "YOURS",
    "add_contact",
    "add_employer",
    "add_interview",
    "contacts_listed",
    "delete_record",
    "edit",
    "employer_document",
    "employer_timezone",
    "employer_with_people",
    "employers_listed",
    "exists",
    "people_of",
    "record_row",
    "rounds_of",
    "set_policy",
    "set_timezone",
    "set_yours",
    "what_deleting_takes",
    "yours_checked",
]
