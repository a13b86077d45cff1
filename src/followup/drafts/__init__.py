"""Drafts: what to say for the contact the advice calls for, fitted to its purpose and channel
(a thank-you or check-in email, a phone script with a voicemail, an office-visit checklist),
personalised from what is stored and never left with a gap to fill.

The templates are Jinja2 files in followup/drafts/templates; a file of the same name in your
config folder's `templates` (on Linux ~/.config/followup/templates) is used instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from platformdirs import user_config_path

from followup.casefile import CaseError
from followup.core import words

# What is stored of an application at a moment (service.drafts.draft_facts): its row, its
# employer's, its rounds, the first person known there, the latest date they gave, your name and
# phone.
Facts = Callable[[datetime], dict[str, Any]]

TEMPLATES = {  # (purpose, channel): the drafts, in order
    ("thank_you", "email"): ("thank_you_email",),
    ("check_in", "email"): ("check_in_email",),
    ("call_back", "email"): ("call_back_email",),
    ("thank_you", "phone"): ("phone_script", "voicemail"),
    ("check_in", "phone"): ("phone_script", "voicemail"),
    ("call_back", "phone"): ("phone_script", "voicemail"),
    ("thank_you", "visit"): ("visit_checklist",),
    ("check_in", "visit"): ("visit_checklist",),
    ("call_back", "visit"): ("visit_checklist",),
}
TITLES = {
    "thank_you_email": "Thank-you email",
    "check_in_email": "Check-in email",
    "call_back_email": "Email, as they asked",
    "phone_script": "Phone script",
    "voicemail": "Voicemail",
    "visit_checklist": "Office visit",
}


LOWERED = {"The", "A", "An", "Your", "Our", "My", "Their", "His", "Her", "How", "What", "Why", "When"}


UNFILLED = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[[A-Z][A-Za-z' ]{1,40}\]|\[[a-z][a-z' ]{1,40} (?:name|here)\]")


class TemplateProblem(CaseError):
    """A template (most likely one of your own) that cannot make a whole draft."""


class ChannelRuledOut(Exception):
    """A draft asked for by a channel that may not be used: they ruled it out, or a visit they did
    not invite (or that you live too far away for)."""

    def __init__(self, application_id: int, channel: str, reason: dict[str, Any]) -> None:
        self.channel, self.reason = channel, reason
        super().__init__(
            f"application {application_id}: no {WHAT[channel]}: {reason['text']} [{reason['rule']}]"
        )


WHAT = {"email": "email", "phone": "phone script", "visit": "visit checklist"}


def ruled_out(advice: dict[str, Any], channel: str) -> dict[str, Any] | None:
    """Why the advice rules a channel out (its rule, its words, when they said it); None when it
    may be used."""
    for reason in advice.get("ruled_out") or []:
        if reason["channel"] == channel:
            return dict(reason)
    return None


@dataclass(frozen=True)
class Draft:
    title: str
    text: str
    subject: str | None = None  # an email's subject line
    to: str | None = None  # an email's address, when a contact's is known


def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(user_config_path("followup") / "templates")),
                PackageLoader("followup.drafts"),
            ]
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # plain text
    )


def drafts(
    facts: Facts,
    application_id: int,
    advice: dict[str, Any],
    channel: str | None = None,
    *,
    on_page: bool = False,
) -> list[Draft]:
    """The drafts for the contact the advice calls for (by `channel` if given), made of `facts`
    (what is stored of the application, at a moment: service.drafts.draft_facts); none when it
    calls for no contact; ChannelRuledOut for a channel that may not be used. `on_page`: read in
    the web app (or a calendar), so what to record afterwards is told as the buttons to press, not
    as commands."""
    purpose = advice.get("purpose")
    channel = channel or advice.get("channel") or "email"
    refused = ruled_out(advice, channel)
    if refused is not None:
        raise ChannelRuledOut(application_id, channel, refused)
    if purpose is None or (purpose, channel) not in TEMPLATES:
        return []
    context = {**personal(facts, application_id, advice, purpose), "on_page": on_page}
    made = []
    for name in TEMPLATES[(purpose, channel)]:
        text = _rendered(f"{name}.txt", context)
        subject = None
        if text.startswith("Subject: "):
            first, _, text = text.partition("\n")
            subject, text = first.removeprefix("Subject: ").strip(), text.strip() + "\n"
        made.append(Draft(TITLES[name], text, subject, context["contact_email"] if subject else None))
    return made


def _rendered(name: str, context: dict[str, Any]) -> str:
    """A template made into text; a TemplateProblem naming the file (and line) when it cannot be,
    or when what it gives still holds something to fill in."""
    where = f"template {name}"
    try:
        template = environment().get_template(name)
        where = f"template {template.filename or name}"
        text = template.render(context).strip() + "\n"
    except TemplateSyntaxError as error:
        raise TemplateProblem(f"{where}, line {error.lineno}", error.message or "not a template") from None
    except UndefinedError as error:
        known = ", ".join(sorted(context))
        raise TemplateProblem(where, f"{error.message} (the names a template can use: {known})") from None
    except TemplateError as error:
        raise TemplateProblem(where, str(error)) from None
    left = UNFILLED.search(text)
    if left is not None:
        raise TemplateProblem(where, f"the draft still holds {left.group(0)!r} to fill in")
    return text


def personal(facts: Facts, application_id: int, advice: dict[str, Any], purpose: str) -> dict[str, Any]:
    """What a draft is made of, from what is stored (`facts`, at the moment the advice is for):
    names, role, the interview, what they said."""
    zone = ZoneInfo(advice["employer"]["timezone"])
    now = datetime.fromisoformat(advice["now"])  # the moment the advice is for, not the clock
    known = facts(now)
    application, employer, rounds = known["application"], known["employer"], known["rounds"]
    person, said = known["person"], known["said"]
    your_name, your_phone = known["your_name"], known["your_phone"]
    held = [round_ for round_ in rounds if round_.at <= now] or rounds  # the rounds that took place
    latest = held[-1]
    when = latest.at.astimezone(zone)
    names = [name for name in (latest.interviewers or []) if isinstance(name, str) and name.strip()]
    contact = person.name if person is not None else None
    first_window = (advice.get("windows") or [{}])[0]
    return {
        "id": application_id,
        "purpose": purpose,
        "employer": employer.name,
        "role": application.role if application.role and application.role != "the role" else "open",
        "address": employer.address,
        "interview_when": f"on {words.day(when)}",
        "interviewers": _joined(names),
        "discussed": _topic(latest.notes),
        "contact": contact,
        "contact_first": contact.split()[0] if contact else None,
        "contact_email": person.email if person is not None else None,
        "greeting": f"Dear {contact}," if contact else "Hello,",
        "timing": _timing(said, purpose),
        "timing_short": _when(said.date) if said is not None and said.date else None,
        "timing_note": _timing_note(said),
        "window": _window(first_window, zone),
        "your_name": your_name,
        "your_phone": your_phone,
        "signature": _signature(your_name, your_phone),
    }


def _topic(notes: str | None) -> str | None:
    """What was discussed, as a phrase that fits "especially ...": the first sentence of the
    round's notes, left out when it is too long to read as one."""
    if not notes or not notes.strip():
        return None
    first = notes.strip().splitlines()[0]
    first = re.split(r"(?<=[.!?])\s", first)[0].strip().rstrip(".!;:,")
    if not first or len(first) > 120:
        return None
    word, _, rest = first.partition(" ")
    return f"{word.lower()} {rest}".strip() if word in LOWERED else first


def _signature(name: str | None, phone: str | None) -> str:
    lines = ["Best regards,", *(part for part in (name, phone) if part)]
    return "\n".join(lines)


def _joined(names: list[str]) -> str | None:
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _when(day: date) -> str:
    return f"on {words.day(day)}"


def _timing_note(said: Any) -> str | None:
    """What they said about timing, as a note to keep in mind before calling or going."""
    if said is None or said.date is None:
        return None
    if said.kind == "decision_by":
        return f"they said they would decide by {words.day(said.until or said.date)}"
    if said.until and said.until != said.date:
        between = f"{words.day(said.date)} and {words.day(said.until)}"
        return f"they asked you to get back to them between {between}"
    return f"they asked you to get back to them on {words.day(said.date)}"


def _timing(said: Any, purpose: str) -> str | None:
    """A sentence on what they said about timing, when they said something."""
    if said is None or said.date is None:
        return None
    day = words.day(said.until or said.date)
    if said.kind == "decision_by" and purpose == "thank_you":
        return f"I understand you hope to decide by {day}, and I look forward to hearing from you."
    if said.kind == "decision_by":
        return f"You mentioned a decision by {day}, so I wanted to check in."
    return None


def _window(window: dict[str, Any], zone: ZoneInfo) -> str:
    if not window.get("start"):
        return "mid-morning or mid-afternoon is best"
    start = datetime.fromisoformat(window["start"]).astimezone(zone)
    end = datetime.fromisoformat(window["end"]).astimezone(zone)
    return f"{words.day(start)}, {words.clock(start)}-{words.clock(end)} their time"
