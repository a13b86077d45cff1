"""A whole file of invitations recorded in one transaction: each one, by its UID and SEQUENCE, a
new round (followup.store.invitations.scheduling), a reschedule, nothing new, or a cancellation
(followup.store.invitations.cancelling); on any error, none."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from followup.calendar.invitations import Invitation, InvitationError
from followup.casefile import CaseError
from followup.casefile import fields as check
from followup.places.localzone import local_zone
from followup.store.applications import application_row, employer_document, setting
from followup.store.database import writing
from followup.store.invitations._steps import Context, round_of, stamp_of
from followup.store.invitations.cancelling import cancel, cancelled_sequence, forget
from followup.store.invitations.outcome import Choices, Imported, NothingToCancel
from followup.store.invitations.scheduling import add, reschedule, unchanged


def import_invitations(
    engine: Engine, invitations: list[Invitation], *, source: str, now: datetime, choices: Choices
) -> list[Imported]:
    """Record every invitation of a file, in one transaction: all, or (on any error) none. A file
    that only cancels invitations never imported keeps them in mind, and says so (NothingToCancel)."""
    if choices.timezone is not None:
        check.timezone(choices.timezone, "--timezone")
    with writing(engine) as connection:
        if choices.application_id is not None:
            found = application_row(connection, choices.application_id)  # raises UnknownApplication
            if choices.employer_id is not None and found.employer_id != choices.employer_id:
                raise CaseError(
                    "--employer",
                    f"application {choices.application_id} is with employer {found.employer_id}, "
                    f"not {choices.employer_id}",
                )
        if choices.employer_id is not None:
            employer_document(connection, choices.employer_id)  # raises UnknownRecord
        context = Context(
            connection=connection,
            now=now,
            choices=choices,
            your_zone=setting(connection, "timezone") or local_zone(),
            your_name=setting(connection, "your_name"),
            source=source,
        )
        done: list[Imported] = []
        for invitation in invitations:
            try:
                done.append(_apply(context, invitation))
            except CaseError as error:
                where = f"{source}: {invitation.label}" + (f": {error.where}" if error.where else "")
                kind = NothingToCancel if isinstance(error, NothingToCancel) else InvitationError
                raise kind(where, error.problem) from None
    if done and all(item.remembered for item in done):  # kept, and said so with exit code 1
        first = done[0]
        more = f" (and {len(done) - 1} more cancellations like it)" if len(done) > 1 else ""
        raise NothingToCancel(f"{source}: {first.invitation.label}", first.notes[0] + more)
    return done


def _apply(context: Context, invitation: Invitation) -> Imported:
    """One invitation, told by its UID and SEQUENCE from what the store holds."""
    stored = round_of(context.connection, invitation.uid)
    if invitation.cancelled:
        return cancel(context, invitation, stored)
    if stored is not None:
        held = stored.invitation_sequence or 0
        if invitation.sequence < held or (
            invitation.sequence == held and not _later(context, invitation, stored)
        ):
            return unchanged(context, invitation, stored)
        return reschedule(context, invitation, stored)
    cancelled = cancelled_sequence(context.connection, invitation.uid)
    if cancelled is not None and invitation.sequence <= cancelled:
        return Imported(
            invitation,
            "unchanged",
            notes=[
                f"this invitation was cancelled (SEQUENCE {cancelled}) and this copy is not newer "
                f"(SEQUENCE {invitation.sequence}): not added"
            ],
        )
    forget(context.connection, invitation.uid)
    return add(context, invitation)


def _later(context: Context, invitation: Invitation, stored: Any) -> bool:
    """Whether a copy of the same SEQUENCE as the round's is the newer one: a later DTSTAMP than
    the one kept (RFC 5546); not when either is unknown."""
    kept = stamp_of(context.connection, stored.id)
    return invitation.stamp is not None and kept is not None and invitation.stamp > kept
