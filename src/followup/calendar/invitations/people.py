"""The people on an invitation: the organizer and the attendees as the file names them, and of
them the ones on the employer's side, told by their mail domain. An invitation sent by a
scheduling system (Calendly, Greenhouse...) is read with care: its invitee is most likely you,
and one that cannot be told from the employer's people is left out rather than taken for an
interviewer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from followup.calendar.invitations.employers import FREE_MAIL, matches_domain
from followup.calendar.invitations.event import Invitation, Person

NOT_PEOPLE = re.compile(
    r"^(?:no-?reply|do-?not-?reply|noreply|calendar|notifications?|scheduling|invites?|meetings?|"
    r"recruiting|recruitment|talent|careers|jobs|hr|hiring)(?:[.+\-_].*)?@",
    re.IGNORECASE,
)

# The mail domains of scheduling systems: an organizer there is no one at the employer.
SCHEDULING_DOMAINS = (
    "calendly.com", "greenhouse.io", "greenhouse-mail.io", "lever.co", "hire.lever.co", "goodtime.io",
    "ashbyhq.com", "acuityscheduling.com", "youcanbook.me", "doodle.com", "hirevue.com",
    "smartrecruiters.com", "myworkday.com", "icims.com", "zoom-scheduler.com", "paradox.ai",
)  # fmt: skip


def scheduling_system(person: Person | None) -> bool:
    """Whether an organizer is a scheduling system or a shared mailbox rather than a person."""
    if person is None or not person.email:
        return False
    return bool(NOT_PEOPLE.match(person.email)) or _scheduling_domain(person.domain)


def _scheduling_domain(domain: str | None) -> bool:
    return bool(domain) and any(
        domain == known or str(domain).endswith("." + known) for known in SCHEDULING_DOMAINS
    )


def read_person(value: Any) -> Person | None:
    """An ORGANIZER or ATTENDEE property as a Person; None when it names no one."""
    if value is None:
        return None
    address = str(value).strip()
    params = getattr(value, "params", {})
    email = address[7:] if address.lower().startswith("mailto:") else None
    email = email or (str(params["EMAIL"]) if params.get("EMAIL") else None)
    name = str(params.get("CN") or "").strip().strip('"') or None
    if name and email and name.lower() == email.lower():
        name = None  # Google names a guest by their address
    if name is None and email is None:
        return None
    return Person(
        name=name,
        email=email.strip().lower() if email else None,
        role=_upper(params.get("ROLE")),
        status=_upper(params.get("PARTSTAT")),
        kind=_upper(params.get("CUTYPE")),
        rsvp=_upper(params.get("RSVP")) == "TRUE",
    )


def _upper(value: Any) -> str | None:
    return str(value).strip().upper() if value else None


def their_side(invitation: Invitation, you: Iterable[str] = (), your_name: str | None = None) -> list[Person]:
    """The organizer and the attendees on the employer's side, in order, each once: not you (an
    address given in `you`, or your name), not a room, a resource or a non-participant, not one
    who declined, and not a shared mailbox (noreply@, recruiting@...). Only the people at the
    employer's mail domain count (an invitation is sent from the employer to you): the
    organizer's, or when the organizer is a scheduling system, the one the employer's name or
    most attendees share. At a domain anyone can have (gmail.com...), only the organizer counts.
    From a scheduling system, the one attendee asked to answer (RSVP, NEEDS-ACTION) is its
    invitee, you; and when the employer's domain cannot be told, only those who accepted count."""
    mine = {address.strip().lower() for address in you}
    name = your_name.strip().lower() if your_name else None
    system = scheduling_system(invitation.organizer)
    invitee = _invitee(invitation, mine) if system else None
    if invitee is not None and invitee.email:
        mine.add(invitee.email)
    home = _home_domain(invitation, mine)
    found: list[Person] = []
    seen: set[str] = set()
    for person in ([invitation.organizer] if invitation.organizer else []) + list(invitation.attendees):
        key = (person.email or person.name or "").lower()
        if key in seen or person is invitee:
            continue
        seen.add(key)
        if (person.email and person.email in mine) or (name and person.name and person.name.lower() == name):
            continue
        if (
            person.kind in ("ROOM", "RESOURCE")
            or person.role == "NON-PARTICIPANT"
            or person.status == "DECLINED"
        ):
            continue
        if (person is invitation.organizer and system) or (person.email and NOT_PEOPLE.match(person.email)):
            continue
        if home and (person.domain != home or (home in FREE_MAIL and person is not invitation.organizer)):
            continue  # at a domain anyone can have, only the organizer is surely theirs
        if not home and system and person.status not in ("ACCEPTED", "TENTATIVE") and person.role != "CHAIR":
            continue  # cannot tell them from you: left out
        found.append(person)
    return found


def _invitee(invitation: Invitation, mine: set[str]) -> Person | None:
    """The one attendee a scheduling system asks to answer (RSVP=TRUE, PARTSTAT=NEEDS-ACTION),
    when exactly one is, and you are not named among the attendees otherwise."""
    if any(person.email in mine for person in invitation.attendees if person.email):
        return None
    asked = [
        person
        for person in invitation.attendees
        if person.rsvp and person.status in (None, "NEEDS-ACTION") and person.kind not in ("ROOM", "RESOURCE")
    ]
    return asked[0] if len(asked) == 1 else None


def _home_domain(invitation: Invitation, mine: set[str]) -> str | None:
    """The employer's mail domain: the organizer's when it is a person's address or an attendee
    shares it, else the attendees' domain the employer's name matches (contoso.com for Contoso),
    else the domain most attendees (not you) share, when one does."""
    organizer = invitation.organizer
    others = [
        person.domain
        for person in invitation.attendees
        if person.domain and person.email not in mine and person.kind not in ("ROOM", "RESOURCE")
    ]
    home = organizer.domain if organizer is not None and organizer.email else None
    if home and not _scheduling_domain(home) and (not scheduling_system(organizer) or home in others):
        return home
    named = {
        domain for domain in others if invitation.employer and matches_domain(invitation.employer, domain)
    }
    if len(named) == 1:
        return named.pop()
    counted = Counter(others).most_common(2)
    if counted and (len(counted) == 1 or counted[0][1] > counted[1][1]):
        return counted[0][0]
    return None
