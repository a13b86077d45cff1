"""The pages' templates, and what every page is given: the moment, the form token, your time
zone and the words and times it shows; a page that says what went wrong."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from followup.core import words
from followup.rendering.advice import event_words
from followup.service.applications import your_zone
from followup.web.dependencies import engine_of, form_token, kept, now_of

TOKEN = "\x00form-token\x00"  # where a kept page takes the browser's form token
DOING = {purpose: doing.capitalize() for purpose, doing in words.DOING.items()}  # "Check in"


def moment(iso: str | None, zone: ZoneInfo, now: datetime | None = None) -> str:
    """'Tue 10 Mar 10:30' in a zone; with the year ('Tue 10 Mar 2025 10:30') when it is not the
    year of `now` there."""
    if not iso:
        return ""
    local = datetime.fromisoformat(iso).astimezone(zone)
    day = f"{words.DAYS[local.weekday()][:3]} {local.day} {words.MONTHS[local.month - 1][:3]}"
    if now is not None and now.astimezone(zone).year != local.year:
        day += f" {local.year}"
    return f"{day} {words.clock(local)}"


def helpers(request: Request) -> dict[str, Any]:
    zone = kept(request, ("zone",), lambda: your_zone(engine_of(request)))
    year_of = now_of(request).astimezone(zone).date()
    return {
        "zone": zone,
        "mine": lambda iso: moment(iso, zone, now_of(request)),
        "theirs": lambda iso, key: moment(iso, ZoneInfo(key), now_of(request)),
        "doing": DOING,
        "channel": words.channel,
        "said": lambda item: _sentence(event_words(item, year_of)),
        "proposed": lambda item: proposal_words(item, year_of),
        "ruled": ruled_out_by_channel,
    }


PROPOSED = {  # what a message proposes, said shortly where the kind says it all
    "answered": "They answered your email",
    "invitation": "An interview invitation",
    "rejected": "Rejected",
    "offer": "An offer",
    "in_running": "Still in the running",
    "on_hold": "On hold",
    "withdrawn": "Withdrawn",
}


def proposal_words(item: dict[str, Any], year_of: date | None = None) -> str:
    """What a proposal read from your mail says, in plain words: "They answered your email",
    "Rejected", "A decision by Friday 13 March", "No contact by phone"."""
    kind = str(item.get("kind") or "")
    if kind in PROPOSED:
        return PROPOSED[kind]
    try:
        return _sentence(event_words(item, year_of))
    except (KeyError, TypeError, ValueError):  # a date it should hold, missing or unreadable
        return _sentence(kind.replace("_", " "))


def _sentence(text: str) -> str:
    """Its first letter in capitals, the rest as it is ("A decision by Friday 6 March")."""
    return text[:1].upper() + text[1:]


def ruled_out_by_channel(advice: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The channels the advice rules out, each with its reason."""
    return {reason["channel"]: reason for reason in advice.get("ruled_out") or []}


def render(
    request: Request, template: str, code: int = 200, keep: tuple[Any, ...] | None = None, **context: Any
) -> Response:
    """A page, with what every page needs: the moment, the form token. With keep, the page
    itself is kept (for this browser's token) until the store changes or the minute turns."""
    token = form_token(request)
    context.update(request=request, csrf=token, now=now_of(request))
    if keep is None:
        return request.app.state.templates.TemplateResponse(request, template, context, status_code=code)  # type: ignore[no-any-return]

    def page() -> str:  # the same for every browser but for its token, put in below
        return str(request.app.state.templates.get_template(template).render({**context, "csrf": TOKEN}))

    body = kept(request, ("page", template, *keep, request.url.query), page)
    return HTMLResponse(body.replace(TOKEN, token), code)


def no_page(request: Request) -> Response:
    """The page for an address the app has no page at (or one with a bad id in it)."""
    return page_error(request, 404, "Not found", f"There is no page at {request.url.path[:200]}")


def page_error(request: Request, code: int, heading: str, message: str) -> Response:
    """A page that says what went wrong, in the app's own look, with a way back."""
    return render(request, "missing.html", code=code, heading=heading, message=message, **helpers(request))
