"""The pages of a server's accounts: signing in and out (here or everywhere), joining from an
invitation, and the admin's page of people (invite, change a role, give a seeker to a coach,
remove). Health and readiness for the reverse proxy and the process manager."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.service import accounts
from followup.service.accounts import AccountError, BadToken, SignInRefused, Throttled
from followup.service.passwords import WeakPassword
from followup.service.stores import ready
from followup.web.dependencies import now_of
from followup.web.forms import form_of
from followup.web.sessions import ended_cookie, session_cookie
from followup.web.templating import render

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from followup.service.accounts import Account

router = APIRouter(include_in_schema=False)
SESSION_SECONDS = int(accounts.SESSION_LIFE / timedelta(seconds=1))


@router.get("/sign-in")
async def sign_in_page(request: Request, next: str = "/") -> Response:
    return render(request, "sign_in.html", next=_next(next), problem=None, email="")


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    form = await form_of(request)
    email, wanted = _text(form, "email"), _next(_text(form, "next"))
    try:
        signed = await run_in_threadpool(
            accounts.sign_in, _engine(request), email, _text(form, "password"), now_of(request),
            address=_address(request),
        )  # fmt: skip
    except Throttled as error:
        page = render(request, "sign_in.html", 429, next=wanted, problem=str(error), email=email)
        page.headers["retry-after"] = str(int(error.retry_after.total_seconds()))
        return page
    except SignInRefused as error:
        return render(request, "sign_in.html", 401, next=wanted, problem=str(error), email=email)
    return _signed_in(signed.token, wanted)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    await form_of(request)
    if request.state.session:
        accounts.sign_out(_engine(request), request.state.session, now_of(request), address=_address(request))
    answer = RedirectResponse("/sign-in", 303)
    answer.headers.append("set-cookie", ended_cookie())
    return answer


@router.post("/sign-out-everywhere")
async def sign_out_everywhere(request: Request) -> Response:
    await form_of(request)
    accounts.sign_out_everywhere(
        _engine(request), request.state.account, now_of(request), address=_address(request)
    )
    answer = RedirectResponse("/sign-in", 303)
    answer.headers.append("set-cookie", ended_cookie())
    return answer


@router.get("/join/{token}")
async def join_page(request: Request, token: str) -> Response:
    return render(request, "join.html", token=token, problem=None)


@router.post("/join/{token}")
async def join(request: Request, token: str) -> Response:
    form = await form_of(request)
    password = _text(form, "password")
    if password != _text(form, "again"):
        return render(request, "join.html", 400, token=token, problem="the two passwords differ")
    try:
        signed = await run_in_threadpool(
            accounts.join, _engine(request), token, password, now_of(request), address=_address(request)
        )
    except Throttled as error:
        page = render(request, "join.html", 429, token=token, problem=str(error))
        page.headers["retry-after"] = str(int(error.retry_after.total_seconds()))
        return page
    except (WeakPassword, BadToken) as error:
        return render(request, "join.html", 400, token=token, problem=str(error))
    return _signed_in(signed.token, "/")


@router.get("/people")
async def people_page(request: Request) -> Response:
    return _people(request)


@router.post("/people")
async def invite(request: Request) -> Response:
    form = await form_of(request)
    try:
        link = accounts.invite(
            _engine(request), _me(request), _text(form, "email"), _text(form, "name"), _text(form, "role"),
            now_of(request), address=_address(request),
        )  # fmt: skip
    except AccountError as error:
        return _people(request, 400, problem=str(error))
    return _people(request, invited=(link.account, f"{_base(request)}/join/{link.token}"))


@router.post("/people/{account_id}/role")
async def change_role(request: Request, account_id: int) -> Response:
    form = await form_of(request)
    try:
        accounts.change_role(_engine(request), _me(request), account_id, _text(form, "role"), now_of(request))
    except AccountError as error:
        return _people(request, 400, problem=str(error))
    return RedirectResponse("/people", 303)


@router.post("/people/{account_id}/coach")
async def assign(request: Request, account_id: int) -> Response:
    form = await form_of(request)
    coach, now = _text(form, "coach"), now_of(request)
    try:
        if _text(form, "action") == "unassign":
            accounts.unassign(_engine(request), _me(request), int(coach or 0), account_id, now)
        else:
            accounts.assign(_engine(request), _me(request), int(coach or 0), account_id, now)
    except (AccountError, ValueError) as error:
        return _people(request, 400, problem=str(error))
    return RedirectResponse("/people", 303)


@router.post("/people/{account_id}/remove")
async def remove(request: Request, account_id: int) -> Response:
    await form_of(request)
    try:
        accounts.remove(_engine(request), _me(request), account_id, now_of(request))
    except AccountError as error:
        return _people(request, 400, problem=str(error))
    return RedirectResponse("/people", 303)


@router.get("/healthz")
async def alive() -> Response:
    """The process answers."""
    return PlainTextResponse("ok")


@router.get("/readyz")
def readiness(request: Request) -> Response:
    """The store answers, at the schema this version expects."""
    problem = ready(_engine(request))
    return PlainTextResponse(problem or "ready", 503 if problem else 200)


def _people(
    request: Request,
    code: int = 200,
    *,
    problem: str | None = None,
    invited: tuple[Account, str] | None = None,
) -> Response:
    everyone = accounts.people(_engine(request), _me(request))
    coaches = [person for person in everyone if person.role == "coach"]
    assigned = accounts.assignments(_engine(request), _me(request))
    return render(
        request, "people.html", code, people=everyone, coaches=coaches, assigned=assigned,
        roles=accounts.ROLES, problem=problem, invited=invited, me=_me(request),
    )  # fmt: skip


def _signed_in(token: str, wanted: str) -> Response:
    answer = RedirectResponse(wanted, 303)
    answer.headers.append("set-cookie", session_cookie(token, SESSION_SECONDS))
    return answer


def _engine(request: Request) -> Engine:
    return request.app.state.accounts_engine  # type: ignore[no-any-return]


def _me(request: Request) -> Account:
    return request.state.account  # type: ignore[no-any-return]


def _base(request: Request) -> str:
    return request.app.state.public_url or str(request.base_url).rstrip("/")


def _address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _text(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name, "")
    return value.strip() if isinstance(value, str) and name not in ("password", "again") else str(value or "")


def _next(wanted: str) -> str:
    """Where to go after signing in: a path of this app, never another site's address."""
    return wanted if wanted.startswith("/") and not wanted.startswith(("//", "/\\")) else "/"
