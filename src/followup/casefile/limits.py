"""The most that any way in may give, whichever it is: a case file, an import (JSON or CSV), the
API, a form or the command line. docs/case-file.md lists these limits under "Limits", and a test
keeps that list and this one the same.

A text is longer than its limit by mistake (a paste gone wrong) or on purpose (a file made to
fill the store); either way it is refused, naming the field and its limit, and nothing is
written."""

from __future__ import annotations

# The most characters of each text, by the name of its field (an employer's and a contact's
# `name` alike); a text not named here holds at most OTHER_TEXT.
LONGEST: dict[str, int] = {
    "name": 200, "role": 200, "said_by": 200, "your_name": 200,
    "source": 500, "address": 500,
    "link": 2000, "website": 2000, "place": 2000, "invitation_uid": 2000, "value": 2000,
    "notes": 5000,
    "note": 20_000,
    "email": 320,
    "phone": 40, "your_phone": 40,
    "timezone": 64, "candidate_timezone": 64,
    "format": 20, "waking_hours": 20,
    "field": 40,
}  # fmt: skip
OTHER_TEXT = 200
LONGEST_EVIDENCE = 20_000  # of a correction of a reading: the words that say it
LONGEST_TEMPLATE = 300  # of a correction: its template's masked words, to show which it is

LONGEST_JSON = 20_000  # characters of an employer's hours, a policy, interviewers or channels, as JSON
MOST_NESTED = 20  # levels of lists and objects in any JSON: a case file, an import, a request
MOST_INTERVIEWERS = 20  # names in an interview round's interviewers
# Characters of one CSV cell, and of a value in the log of edits written as JSON: enough for any
# field, even a note at its limit with every character escaped (\u0001 is six characters).
LONGEST_CELL = 131_072
LARGEST_WHOLE = 2**31 - 1  # a whole number the store keeps (PostgreSQL's integer; the same on SQLite)
LARGEST_ID = 2**31 - 1  # an id given as text: the largest a PostgreSQL integer column holds

# Texts that may hold line breaks and tabs; every other text is one line. No text holds another
# control character (a bell, an escape, NUL).
MANY_LINES = frozenset({"note", "notes", "words"})

# Files, measured before they are read whole (a file, or standard input).
LARGEST_CASE_FILE = 1_000_000  # bytes of a case file: a hundred times a busy one
MOST_EVENTS = 1_000  # events of one case: a case file's, or an application's in the store
# Bytes of a file to import (JSON or CSV): a store of 10,000 applications exports about 8 MB.
LARGEST_IMPORT = 50_000_000
