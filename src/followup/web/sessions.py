"""Who is asking, on a server: the session cookie read on every request, and the store given to
the routes as that account sees it (service.stores.as_account). A request with no live session
reaches only the pages of signing in; any other page sends the browser there, and the API
answers 401. An admin keeps the accounts and sees no seeker's data; a coach sees the dashboard of
their seekers (the store lets a coach read their seekers' data and change none of it; their
notes, until they can be shown only where shared, stay out of a coach's pages); a seeker has
their own.

The cookie is `__Host-followup`: HttpOnly (no script reads it), Secure (sent over TLS only),
SameSite=Lax (a link from another site opens the app signed in; a form or a script of another
site does not carry it), for this host alone and every path."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from followup.service import accounts
from followup.service.stores import as_account, nobody

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from starlette.types import ASGIApp, Receive, Scope, Send

    from followup.service.accounts import Account
    from followup.web.dependencies import Clock

COOKIE = "__Host-followup"
PUBLIC = (  # what anyone may read: no one's data
    "/sign-in",
    "/join/",
    "/reset",
    "/static/",
    "/healthz",
    "/readyz",
    "/api/openapi.json",
    "/api/docs",
)
# What a server does not offer yet: a calendar feed of each seeker's own (its address, with no
# session, would have to name the seeker).
STORE_WIDE = ("/settings/feed", "/calendar/")
ADMIN = ("/people", "/audit")
COACH = ("/coach", "/api/coach")


def session_cookie(token: str, max_age: int) -> str:
    return f"{COOKIE}={token}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age={max_age}"


def ended_cookie() -> str:
    return f"{COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0"


class SignedIn:
    """The plain ASGI middleware that finds the account of each request (one read of the store,
    and a write at most every few minutes to keep the session alive)."""

    def __init__(self, app: ASGIApp, engine: Engine, clock: Clock) -> None:
        self.app, self.engine, self.clock = app, engine, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        token = cookie_parser(Headers(scope=scope).get("cookie") or "").get(COOKIE)
        account = (
            await run_in_threadpool(accounts.signed_in, self.engine, token, self.clock.now())
            if token
            else None
        )
        state = scope.setdefault("state", {})
        state["account"] = account
        state["session"] = token if account is not None else None
        state["engine"] = as_account(self.engine, account) if account is not None else nobody(self.engine)
        refused = self.refusal(scope, path, account)
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refusal(self, scope: Scope, path: str, account: Account | None) -> Response | None:
        api = path.startswith("/api/")
        if path.startswith(PUBLIC) or path == "/sign-out":
            return None
        if account is None:
            if api:
                return _error(401, "sign in first", {"www-authenticate": 'Cookie realm="followup"'})
            wanted = path + (
                f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else ""
            )
            return RedirectResponse(f"/sign-in?next={quote(wanted, safe='')}", 303)
        if path == "/sign-out-everywhere":
            return None
        if path.startswith(ADMIN) != account.admin:
            if account.admin and path == "/":
                return RedirectResponse("/people", 303)
            message = (
                "an admin keeps accounts and sees no job search"
                if account.admin
                else "only an admin may see this"
            )
            return _refused(api, message)
        if path.startswith(COACH) != account.coach:  # a coach has the dashboard; a seeker their search
            if account.coach and path == "/":
                return RedirectResponse("/coach", 303)
            return _refused(api, "a coach sees the dashboard" if account.coach else "this is a coach's page")
        if path.startswith(STORE_WIDE):
            return _refused(
                api,
                "on a server, settings, calendars and imported invitations of your own are not offered yet",
            )
        return None


def _refused(api: bool, message: str) -> Response:
    return _error(403, message) if api else _page(403, message[0].upper() + message[1:] + ".")


def _error(code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": {"field": "account", "message": message}}, code, headers=headers)


def _page(code: int, message: str) -> Response:
    """A page of refusal, made here: the middleware answers before any template is reached."""
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>followup</title>'
        '<link rel="stylesheet" href="/static/style.css"></head><body><main id="main">'
        f'<h1>Not here</h1><p>{message}</p><p><a href="/">Back</a></p></main></body></html>'
    )
    return HTMLResponse(body, code)
