"""The pages: Today, the applications, one application with its forms, and adding one. Every
form posts back here and redirects (post, redirect, get); bad input shows next to its field."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from followup.calendar.feed import FEED_PATH, has_feed, new_feed_token, revoke_feed
from followup.casefile import CaseError, read_employer
from followup.casefile.fields import DIGITS, parse_json, whole_text
from followup.casefile.limits import LARGEST_WHOLE
from followup.casefile.stored import STATUSES
from followup.core import words
from followup.core.workdays import NoWorkingDay
from followup.reading.reader import KINDS
from followup.reading.templates import Correction, correction, said_day
from followup.service import applications as read_model
from followup.service import inbox, settings
from followup.service.agenda import today as agenda_today
from followup.service.insights import insights as figures
from followup.service.reading import teach_and_record
from followup.service.stores import UnknownRecord
from followup.web import insights as charts
from followup.web import reading_pool
from followup.web.dependencies import engine_of, kept, now_of
from followup.web.forms import ApplicationId, form_of, local_instant
from followup.web.templating import DOING, helpers, render, ruled_out_by_channel

router = APIRouter(include_in_schema=False)
CONTACTS = {  # the one-click contacts: (channel, answered, note)
    "no_answer": ("phone", False, "Called: no answer."),
    "voicemail": ("phone", False, "Called: left a voicemail."),
    "spoke": ("phone", True, "Called: we spoke."),
    "emailed": ("email", False, "Emailed."),
    "visited": ("visit", False, "Visited."),
}
OUTCOMES = ("in_running", "on_hold", "rejected", "offer", "withdrawn")


@router.get("/")
async def today(request: Request, done: str | None = None) -> Response:
    return today_page(request, done=done)


def today_page(request: Request, code: int = 200, **extra: Any) -> Response:
    """Today, with what your mail proposes first; extra: `done` (a notice after a form) and
    `mail_error` (why a proposal could not be recorded)."""
    plan = kept(request, ("today",), lambda: agenda_today(engine_of(request), now_of(request)))
    mail = kept(
        request, ("mail",), lambda: inbox.proposals(engine_of(request))
    )  # each decision moves the version
    keep = None if extra.get("mail_error") else ()
    return render(request, "today.html", code=code, keep=keep, plan=plan, mail=mail,
                  notice=NOTICES.get(str(extra.get("done"))), extra=extra, **helpers(request))  # fmt: skip


NOTICES = {  # what a form for your mail did, said at the top of the page it goes back to
    "mail-confirmed": "Recorded from your mail: the advice follows it.",
    "mail-dismissed": "Dismissed: nothing recorded, and the next message like it is read so.",
    "mail-decided": "That was decided already (in another window, or by another click): nothing changed.",
}


@router.get("/insights")
def insights(request: Request) -> Response:
    data = figures(engine_of(request))
    drawn = {
        "pipeline": charts.bars("Applications by stage", data["pipeline"]),
        "channels": charts.shares("Share of follow-ups answered, by channel", data["replies_by_channel"]),
        "waited": charts.shares("Share answered, by days waited", data["replies_by_days_waited"]),
        "decisions": charts.bars("Decisions, by time taken", data["days_to_decision"]),
    }
    return render(request, "insights.html", data=data, charts=drawn, **helpers(request))


@router.get("/settings")
def settings_page(request: Request, done: str | None = None) -> Response:
    return render(request, "settings.html", shown=settings.current(engine_of(request)), errors={}, given={},
                  done=done, **_feed(request), **helpers(request))  # fmt: skip


@router.post("/settings/feed")
async def calendar_feed(request: Request) -> Response:
    """Turn the calendar feed on (a new secret address, shown once) or off."""
    form = await form_of(request)
    engine = engine_of(request)
    if form.get("feed") == "revoke":
        revoke_feed(engine)
        return RedirectResponse("/settings?done=feed_off", 303)
    if form.get("feed") != "new":
        return RedirectResponse("/settings", 303)
    address = str(request.base_url).rstrip("/") + FEED_PATH.format(token=new_feed_token(engine))
    return render(request, "settings.html", shown=settings.current(engine), errors={}, given={}, done=None,
                  feed_on=True, feed_address=address, **helpers(request))  # fmt: skip


def _feed(request: Request) -> dict[str, Any]:
    return {"feed_on": has_feed(engine_of(request)), "feed_address": None}


@router.post("/settings")
async def change_settings(request: Request) -> Response:
    form = await form_of(request)
    shown = settings.current(engine_of(request))
    policy: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, item in shown["policy"].items():
        if key not in form and not (isinstance(item["value"], bool) and form.get("rules")):
            continue  # not given: left as it is
        if isinstance(item["value"], bool):
            policy[key] = form.get(key) == "on"
        elif isinstance(item["value"], int):
            try:
                policy[key] = whole_text(str(form.get(key, "")), key, low=-LARGEST_WHOLE, high=LARGEST_WHOLE)
            except CaseError:
                errors[key] = "a whole number, please"
        else:
            policy[key] = str(form.get(key) or item["value"])
    if not errors:
        try:
            settings.change(
                engine_of(request),
                {
                    "timezone": str(form.get("timezone") or "").strip(),
                    "policy": policy,
                    **{
                        key: str(form.get(key) or "")
                        for key in ("your_name", "your_phone", "waking_hours")
                        if key in form
                    },
                },
                now_of(request),
            )
        except CaseError as error:
            errors[error.where.removeprefix("policy.")] = error.problem
    if errors:
        return render(
            request,
            "settings.html",
            code=400,
            shown=shown,
            errors=errors,
            given=form,
            done=None,
            **_feed(request),
            **helpers(request),
        )
    return RedirectResponse("/settings?done=saved", 303)


NEXT_STEPS = {action: words.action(action) for action in ("follow_up", "wait", "do_not_contact", "move_on")}


@router.get("/applications")
async def applications(
    request: Request, status: str = "", next: str = "", q: str = "", page: str = "1"
) -> Response:
    """The list, with its filters: status, next step, a word from the employer or the role."""
    filters: dict[str, Any] = {
        "status": status if status in STATUSES else "",
        "next": next if next in NEXT_STEPS else "",
        "q": q.strip()[:200],
        "page": int(page) if DIGITS.fullmatch(page) and 0 < int(page) <= 100_000 else 1,
    }
    listed = kept(
        request,
        ("list", *filters.values()),
        lambda: read_model.application_list(
            engine_of(request),
            now_of(request),
            filters["status"] or None,
            action=filters["next"] or None,
            search=filters["q"] or None,
            page=filters["page"],
        ),
    )
    return render(
        request, "applications.html", keep=tuple(filters.values()), listed=listed, filters=filters,
        statuses=STATUSES, next_steps=NEXT_STEPS, **helpers(request),
    )  # fmt: skip


@router.get("/applications/new")
def new(request: Request) -> Response:
    return render(request, "add.html", given={}, errors={}, **helpers(request))


@router.post("/applications/new")
async def add(request: Request) -> Response:
    form = {key: str(value).strip() for key, value in (await form_of(request)).items()}
    errors: dict[str, str] = {}
    if not form.get("name"):
        errors["name"] = "missing: the employer's name"
    employer = {key: form.get(key) or None for key in ("name", "timezone", "country", "subdivision", "phone")}
    employer = {key: value for key, value in employer.items() if value}
    at = None
    try:
        if errors:
            raise CaseError("name", errors["name"])
        found, _notes = read_employer(employer, now_of(request).year)
        at = local_instant(form.get("interview", ""), found.timezone, "interview")
    except CaseError as error:
        errors[error.where.removeprefix("employer.")] = error.problem
    if at is None and "interview" not in errors and not errors:
        errors["interview"] = "give the day and time of the interview"
    if not errors:
        body = {
            "employer": employer,
            "interview": {"at": at, **({"format": form["format"]} if form.get("format") else {})},
            "role": form.get("role") or "",
            "source": form.get("source") or None,
            "link": form.get("link") or None,
            "notes": form.get("notes") or None,
        }
        try:
            added = read_model.add(engine_of(request), now_of(request), body)
        except (CaseError, NoWorkingDay) as error:
            where = getattr(error, "where", "employer.hours")
            errors[where.removeprefix("employer.").removeprefix("interview.")] = getattr(
                error, "problem", str(error)
            )
        else:
            return RedirectResponse(f"/applications/{added}?done=added", 303)
    return render(request, "add.html", code=400, given=form, errors=errors, **helpers(request))


@router.get("/applications/{application_id}")
async def application(request: Request, application_id: ApplicationId, done: str | None = None) -> Response:
    return application_page(request, application_id, done=done)


def application_page(
    request: Request, application_id: ApplicationId, code: int = 200, **extra: Any
) -> Response:
    try:
        shown = kept(
            request, ("application", application_id),
            lambda: read_model.application(engine_of(request), now_of(request), application_id),
        )  # fmt: skip
    except UnknownRecord as error:
        return render(request, "missing.html", code=404, message=str(error), **helpers(request))
    mail = kept(
        request, ("mail", application_id),
        lambda: inbox.proposals(engine_of(request), status=None, application_id=application_id),
    )  # fmt: skip
    return render(
        request, "application.html", code=code, keep=None if any(extra.values()) else (application_id,),
        app=shown, contacts=CONTACTS, outcomes=OUTCOMES, kinds=KINDS, extra=extra, notices=NOTICES,
        mail=[item for item in mail if item["status"] == "open"],
        mail_recorded=[item for item in mail if item["status"] == "recorded"], **helpers(request),
    )  # fmt: skip


@router.get("/applications/{application_id}/draft")
def draft(request: Request, application_id: ApplicationId, channel: str | None = None) -> Response:
    """What to say: the drafts for the contact the advice calls for, to copy or to email."""
    from urllib.parse import quote

    from followup.drafts import ChannelRuledOut, TemplateProblem
    from followup.service.drafts import drafts

    try:
        shown = read_model.application(engine_of(request), now_of(request), application_id)
    except UnknownRecord as error:
        return render(request, "missing.html", code=404, message=str(error), **helpers(request))
    if channel not in (None, "", "email", "phone", "visit"):
        message = f"no draft for the channel {channel[:40]!r}: the channels are email, phone and visit"
        return render(
            request, "missing.html", code=400, heading="No such channel", message=message, **helpers(request)
        )
    channel = channel or None
    try:
        made = drafts(engine_of(request), application_id, shown["advice"], channel, on_page=True)
    except ChannelRuledOut as refused:
        return render(request, "draft.html", code=409, app=shown, drafts=[], mailto={}, chosen=channel,
                      refused=refused.reason, **helpers(request))  # fmt: skip
    except TemplateProblem as error:
        return render(request, "missing.html", code=500, heading="This draft cannot be made",
                      message=str(error), **helpers(request))  # fmt: skip
    mailto = {
        index: f"mailto:{quote(found.to or '')}?subject={quote(found.subject or '')}&body={quote(found.text)}"
        for index, found in enumerate(made)
        if found.subject is not None
    }
    return render(
        request, "draft.html", app=shown, drafts=made, mailto=mailto, chosen=channel, **helpers(request)
    )


@router.post("/applications/{application_id}/read")
async def read(request: Request, application_id: ApplicationId) -> Response:
    """Read their words and show what was understood, to confirm. The reading runs in a worker
    thread, a long paste in a worker process: it keeps no other page waiting."""
    form = await form_of(request)
    text = str(form.get("text") or "")
    if not text.strip():
        return application_page(
            request, application_id, 400, errors={"text": "paste their email or type a note"}
        )
    try:
        said_at = _said_at(str(form.get("said_at") or ""), request, application_id)
        found = await reading_pool.read(request.app.state, engine_of(request), text, said_at, application_id)
    except CaseError as error:
        field = "text" if error.where == "text" else "said_at"
        return application_page(request, application_id, 400, errors={field: error.problem}, text=text)
    return application_page(request, application_id, found=found, text=text)


def _said_at(text: str, request: Request, application_id: ApplicationId) -> datetime:
    if not text:
        return now_of(request)
    zone = ZoneInfo(read_model.employer_of(engine_of(request), application_id).timezone)
    return datetime.fromisoformat(local_instant(text, zone, "said_at") or "")


@router.post("/applications/{application_id}/said")
async def said(request: Request, application_id: ApplicationId) -> Response:
    """Record the signals confirmed (each a JSON event in a checked box), and keep what was
    corrected of the reading (a maybe ticked, a kind changed or dismissed) with its template."""
    form = await form_of(request)
    given = form.get("event") or []
    changed = {"said": "the form was changed: read their words again"}
    try:
        chosen = [
            parse_json(str(value), "event") for value in (given if isinstance(given, list) else [given])
        ]
        reading = parse_json(str(form["reading"]), "reading") if form.get("reading") else None
    except CaseError:
        return application_page(request, application_id, 400, errors=changed)
    if not all(isinstance(item, dict) for item in chosen):
        return application_page(request, application_id, 400, errors=changed)
    engine, now = engine_of(request), now_of(request)
    try:
        zone = read_model.employer_of(engine, application_id).timezone
        template, taught, events = _lessons(form, chosen, reading, zone, now)
    except (CaseError, ValueError, KeyError, TypeError):
        return application_page(request, application_id, 400, errors=changed)
    except UnknownRecord as error:
        return application_page(request, application_id, 400, errors={"said": str(error)})
    try:
        if template is None:
            read_model.record_all(engine, now, application_id, events)
        else:
            teach_and_record(engine, now, application_id, events, template, taught)
    except (CaseError, UnknownRecord) as error:  # and nothing of the form is recorded
        return application_page(request, application_id, 400, errors={"said": str(error)})
    done = ("said-taught" if events else "taught") if taught else "said"
    return RedirectResponse(f"/applications/{application_id}?done={done}", 303)


TEMPLATE_KEY = re.compile(r"[0-9a-f]{32}")


def _lessons(
    form: Any, chosen: list[dict[str, Any]], reading: Any, zone: str, now: datetime
) -> tuple[dict[str, str] | None, list[tuple[Correction, str | None]], list[dict[str, Any]]]:
    """The template read, the corrections the form makes of its reading, and the events to
    record: a ticked maybe is confirmed; a kind chosen other than read is a change (of the event
    too, if ticked); "nothing of the kind" dismisses it (and it is not recorded)."""
    by_index = {}  # a ticked box's event, by the signal it came from
    for given in chosen:
        index = given.pop("proposed", None)
        if index is not None:
            by_index[index] = given
    if reading is None:
        return None, [], chosen
    template, proposed = reading["template"], reading["signals"]
    if not (isinstance(template, dict) and TEMPLATE_KEY.fullmatch(str(template.get("key")))):
        raise CaseError("reading", "no template")
    template = {"key": str(template["key"]), "words": str(template.get("words") or "")}
    if not isinstance(proposed, list) or not all(
        isinstance(read, dict) and read.get("kind") in KINDS for read in proposed
    ):
        raise CaseError("reading", "not a reading")
    said = said_day(str(reading["said_at"]), zone)
    taught: list[tuple[Correction, str | None]] = []
    for index, read in enumerate(proposed):
        kind = form.get(f"kind-{index}", read["kind"])
        event = by_index.get(index)
        if kind == "":  # dismissed, and not recorded
            one = correction(read, None, said, now)
            chosen = [given for given in chosen if given is not event]
        elif kind not in KINDS:
            raise CaseError(f"kind-{index}", "not a kind")
        else:
            if event is not None:
                event["kind"] = kind
            changed = event is not None or kind != read["kind"]
            one = correction(read, {**read, "kind": kind}, said, now) if changed else None
        if one is not None:
            taught.append((one, read.get("evidence")))
    return template, taught, chosen


@router.post("/applications/{application_id}/contacted")
async def contacted(request: Request, application_id: ApplicationId) -> Response:
    form = await form_of(request)
    how = CONTACTS.get(str(form.get("how")))
    purpose = str(form.get("purpose") or "check_in")
    if how is None:
        return application_page(
            request, application_id, 400, errors={"contacted": "choose how you got in touch"}
        )
    if purpose not in DOING:
        problem = f"unknown purpose {purpose[:40]!r} (expected one of: {', '.join(DOING)})"
        return application_page(request, application_id, 400, errors={"contacted": problem})
    channel, answered, note = how
    shown = read_model.application(engine_of(request), now_of(request), application_id)
    refused = ruled_out_by_channel(shown["advice"]).get(channel)
    if refused is not None:  # its button is not offered: a page from before they said it
        return application_page(request, application_id, 409, errors={"contacted": refused["text"]})
    item = {"kind": "contacted", "channel": channel, "purpose": purpose, "answered": answered, "note": note}
    try:
        read_model.record(engine_of(request), now_of(request), application_id, item)
    except CaseError as error:
        return application_page(request, application_id, 400, errors={"contacted": str(error)})
    return RedirectResponse(f"/applications/{application_id}?done=contacted", 303)


@router.post("/applications/{application_id}/outcome")
async def outcome(request: Request, application_id: ApplicationId) -> Response:
    form = await form_of(request)
    kind = str(form.get("kind"))
    if kind not in OUTCOMES:
        return application_page(request, application_id, 400, errors={"outcome": "choose an outcome"})
    item = {
        "kind": kind,
        "note": str(form.get("note") or "") or None,
        "released": form.get("released") == "on",
    }
    try:
        read_model.record(engine_of(request), now_of(request), application_id, item)
    except CaseError as error:
        return application_page(request, application_id, 400, errors={"outcome": str(error)})
    return RedirectResponse(f"/applications/{application_id}?done=outcome", 303)
