"""A new invitation matched to the store: the employer it is from (the one --employer or
--application names, the one its summary names, or one whose people or website share the
organizer's mail domain) and that employer's active application; the employer and the
application added when the store has none for it."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, insert, select

from followup.calendar.invitations import (
    FREE_MAIL,
    PHONE_NUMBER,
    Invitation,
    compact_name,
    compact_words,
    domain_label,
    matches_domain,
    their_side,
)
from followup.casefile import CaseError
from followup.casefile.stored import check_record
from followup.places.public_holidays import supported
from followup.places.timezones import country_zones, zone_of_phone
from followup.store.applications import EmployerTaken, insert_employer, log_edit
from followup.store.invitations._steps import Context, application_and_employer, employer_row
from followup.store.invitations.outcome import Choices
from followup.store.schema import applications, contacts, employers


def whose(context: Context, invitation: Invitation) -> tuple[Any | None, int | None]:
    """The employer (its row) and active application a new invitation is for, when stored."""
    connection, choices = context.connection, context.choices
    if choices.application_id is not None:
        application, employer = application_and_employer(connection, choices.application_id)
        return employer, application.id
    if choices.employer_id is not None:
        employer = employer_row(connection, choices.employer_id)
    else:
        employer = _find_employer(connection, invitation, choices)
    if employer is None:
        return None, None
    return employer, _active_application(context, employer, invitation)


def _find_employer(connection: Connection, invitation: Invitation, choices: Choices) -> Any | None:
    """The stored employer an invitation is from: the one the summary names, else the one whose
    name the summary holds, or whose people or website share the organizer's mail domain."""
    stored = list(connection.execute(select(employers).order_by(employers.c.id)))
    if invitation.employer:
        named = [row for row in stored if compact_name(row.name) == compact_name(invitation.employer)]
        if named:
            return named[0]
    summary = f" {compact_words(invitation.summary)} "
    domains = {person.domain for person in their_side(invitation, choices.you) if person.domain} - FREE_MAIL
    emails = connection.execute(select(contacts.c.employer_id, contacts.c.email)).all()
    found = []
    for row in stored:
        words = compact_words(row.name)
        theirs = {email.rpartition("@")[2].lower() for owner, email in emails if owner == row.id and email}
        theirs -= FREE_MAIL
        if row.website:
            theirs.add(re.sub(r"^[a-z]+://", "", row.website.lower()).split("/")[0].removeprefix("www."))
        labels = {domain_label(domain) for domain in theirs}
        if (
            (words and f" {words} " in summary)
            or domains & theirs
            or any(domain_label(domain) in labels or matches_domain(row.name, domain) for domain in domains)
        ):
            found.append(row)
    if len(found) > 1:
        listed = ", ".join(f"{row.name} ({row.id})" for row in found)
        raise CaseError("", f"it could be from several stored employers ({listed}): give --employer ID")
    return found[0] if found else None


def _active_application(context: Context, employer: Any, invitation: Invitation) -> int | None:
    """The employer's active application for this invitation; None: one is to be added."""
    rows = list(
        context.connection.execute(
            select(applications.c.id, applications.c.role)
            .where(applications.c.employer_id == employer.id, applications.c.status == "active")
            .order_by(applications.c.id)
        )
    )
    role = context.choices.role
    if role:
        chosen = [row for row in rows if row.role.strip().lower() == role.strip().lower()]
        return chosen[0].id if chosen else None
    if len(rows) <= 1:
        return rows[0].id if rows else None
    summary = invitation.summary.lower()
    chosen = [row for row in rows if row.role.strip().lower() in summary]
    if len(chosen) == 1:
        return int(chosen[0].id)
    listed = ", ".join(str(row.id) for row in rows)
    raise CaseError(
        "",
        f"{employer.name} (employer {employer.id}) has {len(rows)} active applications ({listed}): "
        "give --application ID",
    )


def new_employer(context: Context, invitation: Invitation, notes: list[str]) -> Any:
    """Add the employer the invitation names, in the time zone --timezone gives, else the
    invitation's, else (for a time in UTC alone) the one of the phone number in its location, else
    yours; the note says which, and how to correct it."""
    name = invitation.employer
    if not name:
        raise CaseError(
            "SUMMARY",
            f"cannot tell the employer from {invitation.summary!r}, and no stored employer matches: "
            "give --employer ID or --application ID (add the employer first with `followup employer add`)",
        )
    zone, told = _employer_zone(context, invitation)
    if zone is None:
        how = (
            "without a time zone"
            if invitation.floating
            else (f"in a time zone ({invitation.zone_written}) that is not known by name")
        )
        raise CaseError(
            "DTSTART",
            f"{name} is not stored yet and the invitation gives its time {how}: give the employer's "
            "time zone with --timezone (like America/Chicago), or add the employer first",
        )
    given: dict[str, Any] = {"name": name, "timezone": zone}
    country = _country_of(zone)
    if country:
        given["country"] = country
    if invitation.format == "onsite" and invitation.place:
        given["address"] = invitation.place
    try:
        employer_id = insert_employer(context.connection, given, context.now)
    except EmployerTaken as taken:  # added meanwhile by another writer
        return employer_row(context.connection, taken.employer_id)
    inferred = f", country {country} from that zone" if country else ""
    notes.append(
        f"added employer {employer_id}, {name}: time zone {zone} from {told}{inferred}; correct it with "
        f"`followup edit employer {employer_id} timezone=...` if it is wrong"
    )
    return employer_row(context.connection, employer_id)


def _employer_zone(context: Context, invitation: Invitation) -> tuple[str | None, str]:
    """The zone of an employer the invitation adds, and where it comes from."""
    if context.choices.timezone:
        return context.choices.timezone, "--timezone"
    if invitation.zone_choices:
        if len(invitation.zone_choices) == 1:
            return invitation.zone_choices[0], "the invitation"
        likeliest = (
            context.your_zone if context.your_zone in invitation.zone_choices else invitation.zone_choices[0]
        )
        return (
            likeliest,
            f"the invitation's clock (its time zone {invitation.zone_written!r} is known by no name)",
        )
    if invitation.floating or invitation.zone_written:
        return None, ""
    for text in (invitation.location, invitation.place if invitation.format == "phone" else None):
        number = _phone_number(text or "")
        by_phone = zone_of_phone(number, None if number.startswith("+") else "US") if number else None
        if by_phone:
            return by_phone, f"the phone number {number} (the invitation gives its time in UTC only)"
    return context.your_zone, "your own time zone (the invitation gives its time in UTC only)"


def _phone_number(text: str) -> str | None:
    found = PHONE_NUMBER.search(text)
    return found.group(0).strip() if found else None


def _country_of(zone: str) -> str | None:
    """The one country a zone lies in (Europe/Berlin: DE), when its public holidays are known."""
    found = [country for country, zones in country_zones().items() if zone in zones]
    return found[0] if len(found) == 1 and supported(found[0]) else None


def new_application(context: Context, employer_id: int, role: str, invitation: Invitation) -> int:
    check_record("application", {"role": role})
    application_id = int(
        context.connection.execute(
            insert(applications)
            .values(
                employer_id=employer_id,
                role=role,
                status="active",
                local_to_employer=False,
                created_at=context.now,
            )
            .returning(applications.c.id)
        ).scalar_one()
    )
    log_edit(
        context.connection, context.now, "application", application_id, "invitation", None, invitation.uid
    )
    return application_id
