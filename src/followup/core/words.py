"""Plain words for dates, times and counts in the reasons a job seeker reads."""

from __future__ import annotations

from datetime import date, datetime

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
NUMBERS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip
CHANNEL_WORDS = {"email": "by email", "phone": "by phone", "visit": "in person"}
ACTION_WORDS = {  # what the advice says to do, as a job seeker says it
    "follow_up": "follow up", "wait": "wait", "do_not_contact": "make no contact", "move_on": "move on",
    "done": "do nothing more",
}  # fmt: skip
DOING = {  # each purpose of a contact, as what to do
    "thank_you": "send a thank-you note", "check_in": "check in", "call_back": "get back to them",
}  # fmt: skip


def day(value: date | datetime, year_of: date | None = None) -> str:
    """'Tuesday 10 March', with the year when it is not the year of year_of."""
    if isinstance(value, datetime):
        value = value.date()
    text = f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]}"
    if year_of is not None and value.year != year_of.year:
        text += f" {value.year}"
    return text


def short_day(value: date | datetime) -> str:
    """'3 March'."""
    return f"{value.day} {MONTHS[value.month - 1]}"


def clock(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def moment(value: datetime, year_of: date | None = None) -> str:
    """'Tuesday 10 March at 09:00'."""
    return f"{day(value, year_of)} at {clock(value)}"


def count(number: int, noun: str) -> str:
    """'two business days', 'one check-in', '25 business days'."""
    word = NUMBERS[number] if 0 <= number < len(NUMBERS) else str(number)
    return f"{word} {noun}" if number == 1 else f"{word} {noun}s"


def channel(name: str) -> str:
    return CHANNEL_WORDS.get(name, name)


def doing(purpose: str) -> str:
    """What to do for a contact's purpose: 'send a thank-you note', 'check in'."""
    return DOING.get(purpose, purpose.replace("_", " "))


def action(name: str) -> str:
    return ACTION_WORDS.get(name, name.replace("_", " "))


def due(value: date, today: date) -> str:
    """When something falls due, said as it stands today: 'from Tuesday 10 March' ahead of it,
    'from today' on the day, 'due since Tuesday 10 March' after it (never a stale 'from')."""
    if value > today:
        return f"from {day(value, today)}"
    if value == today:
        return f"from today, {day(value, today)}"
    return f"due since {day(value, today)}"


def possessive(name: str) -> str:
    """ "Northwind Traders'", "Acme's"."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def span(start: int, end: int) -> str:
    """Minutes since midnight as '08:00-21:00'."""
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
