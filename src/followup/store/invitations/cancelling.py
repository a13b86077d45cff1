"""A cancellation: its round removed from the application (and the application too, when the
invitation added it and it holds nothing else); a round already past is kept, and an older
cancellation than the invitation the round holds is ignored. A cancellation that comes before
its invitation is remembered (its UID and SEQUENCE, in the setting CANCELLED), so that the
invitation is not added when it comes later, unless it is a newer version."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, func, select

from followup.calendar.invitations import Invitation
from followup.casefile import CaseError
from followup.store.applications import log_edit, put_setting, refresh_in, setting
from followup.store.invitations._steps import (
    Context,
    advice_shown,
    application_and_employer,
    renumber,
    result,
    rounds,
)
from followup.store.invitations.outcome import Imported
from followup.store.records import deletion_counts
from followup.store.schema import applications, edits, events, interviews

CANCELLED = "cancelled_invitations"  # {UID: SEQUENCE} of cancellations that came before their invitation
REMEMBERED = (
    "a cancellation of an invitation that was never imported (no round holds its UID): nothing to cancel; "
    "it is remembered, so that the invitation is not added if it comes later"
)


def cancel(context: Context, invitation: Invitation, stored: Any | None) -> Imported:
    """A cancellation of the invitation a round holds (stored; None: no round holds its UID)."""
    connection, now = context.connection, context.now
    if stored is None:
        if _logged_sequence(connection, invitation.uid) is not None:
            return Imported(invitation, "unchanged", notes=["cancelled already"])
        held = remembered(connection)
        held[invitation.uid] = max(invitation.sequence, held.get(invitation.uid, invitation.sequence))
        put_setting(connection, CANCELLED, json.dumps(held, sort_keys=True))
        return Imported(invitation, "unchanged", notes=[REMEMBERED], remembered=True)
    if invitation.sequence < (stored.invitation_sequence or 0):
        note = (
            f"an older cancellation (SEQUENCE {invitation.sequence}) than the invitation the round holds "
            f"(SEQUENCE {stored.invitation_sequence}): ignored"
        )
        return result(context, invitation, "unchanged", stored.id, None, notes=[note])
    if stored.at <= now:
        note = (
            "the round was to start before now: it is kept (an organizer tidying their calendar cancels "
            "past meetings too); if it did not take place, change it with `followup edit interview`"
        )
        return result(context, invitation, "kept", stored.id, None, notes=[note])
    application, employer = application_and_employer(connection, stored.application_id)
    done = result(context, invitation, "cancelled", stored.id, None)
    only = len(rounds(connection, stored.application_id)) == 1
    if only and (
        not _made_by(connection, application.id, invitation.uid) or _has_events(connection, application.id)
    ):
        raise CaseError(
            "",
            f"round {stored.round} is the only interview of application {application.id}, which holds "
            "more than this invitation: it is not removed (if the interview will not take place, "
            f"delete the application with `followup delete {application.id}` or move the round with "
            f"`followup edit interview {stored.id} at=...`)",
        )
    record = {key: value for key, value in stored._asdict().items() if key != "id"}
    cancelled = {"invitation_uid": invitation.uid, "invitation_sequence": invitation.sequence}
    log_edit(connection, now, "interview", stored.id, "cancelled", record, cancelled)
    if only:
        gone = deletion_counts(connection, "application", application.id)
        connection.execute(delete(applications).where(applications.c.id == application.id))
        log_edit(connection, now, "application", application.id, "deleted", gone, None)
        done.application_deleted = True
        done.notes.append(
            f"it was the only interview of application {application.id}, which the invitation had added "
            f"and which held nothing else: the application is deleted ({employer.name} is kept)"
        )
        return done
    connection.execute(delete(interviews).where(interviews.c.id == stored.id))
    renumber(context, application.id)
    done.advice = advice_shown(refresh_in(connection, application.id, now))
    return done


def cancelled_sequence(connection: Connection, uid: str) -> int | None:
    """The SEQUENCE of the latest cancellation of this UID: one that removed its round (the log
    holds it) or one that came before its invitation (remembered), if any."""
    found = [
        sequence
        for sequence in (_logged_sequence(connection, uid), remembered(connection).get(uid))
        if sequence is not None
    ]
    return max(found) if found else None


def remembered(connection: Connection) -> dict[str, int]:
    """The cancellations that came before their invitation: {UID: SEQUENCE}."""
    stored = setting(connection, CANCELLED)
    held = json.loads(stored) if stored else {}
    return {str(uid): int(sequence) for uid, sequence in held.items()} if isinstance(held, dict) else {}


def forget(connection: Connection, uid: str) -> None:
    """A remembered cancellation forgotten: a newer version of its invitation came."""
    held = remembered(connection)
    if held.pop(uid, None) is not None:
        put_setting(connection, CANCELLED, json.dumps(held, sort_keys=True) if held else None)


def _logged_sequence(connection: Connection, uid: str) -> int | None:
    """The SEQUENCE of the cancellation of this UID the log holds, if any."""
    rows = connection.execute(
        select(edits.c.new).where(edits.c.subject == "interview", edits.c.field == "cancelled")
    ).scalars()
    found = [
        int(new.get("invitation_sequence") or 0)
        for new in rows
        if isinstance(new, dict) and new.get("invitation_uid") == uid
    ]
    return max(found) if found else None


def _made_by(connection: Connection, application_id: int, uid: str) -> bool:
    """Whether the application was added by this invitation."""
    rows = connection.execute(
        select(edits.c.new).where(
            edits.c.subject == "application",
            edits.c.subject_id == application_id,
            edits.c.field == "invitation",
        )
    ).scalars()
    return any(new == uid for new in rows)


def _has_events(connection: Connection, application_id: int) -> bool:
    query = select(func.count()).select_from(events).where(events.c.application_id == application_id)
    return bool(connection.execute(query).scalar_one())
