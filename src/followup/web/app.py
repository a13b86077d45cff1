"""The local web app: pages for people (server-rendered HTML that works without JavaScript) and
the same data as JSON under /api. It serves one store, on loopback unless told otherwise.

Safety on one machine: requests naming a host other than the one served are refused (DNS
rebinding); every form carries a token that must match the browser's cookie (CSRF); the JSON
API takes JSON bodies only, which another site's page cannot send without asking."""

from __future__ import annotations

import hmac
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from followup.casefile.fields import CaseError, instant
from followup.core.workdays import NoWorkingDay
from followup.store import connect
from followup.store.applications import UnknownRecord
from followup.store.database import version

T = TypeVar("T")
HERE = Path(__file__).parent
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
CSRF_COOKIE = "followup_csrf"
LARGEST_BODY = 2_000_000  # bytes of a request: a pasted email with its HTML fits
TOKEN = "\x00form-token\x00"  # where a kept page takes the browser's form token


class Clock:
    """The moment to act at: the real clock; or a fixed moment (`--now`); or, for tests, the
    moment written in a file, read again on every request."""

    def __init__(self, fixed: datetime | None = None, from_file: Path | None = None) -> None:
        self.fixed, self.from_file = fixed, from_file

    def now(self) -> datetime:
        if self.from_file is not None and self.from_file.exists():
            return instant(self.from_file.read_text(encoding="utf-8").strip(), str(self.from_file))
        return self.fixed or datetime.now(UTC)


def create_app(
    db: str | None = None, clock: Clock | None = None, hosts: frozenset[str] = LOOPBACK
) -> FastAPI:
    """The app on the store at db (default: the embedded SQLite store)."""
    from followup.web import api, editing, feed, invitations, pages

    app = FastAPI(
        title="followup",
        version="1",
        description="When and how to follow up after a job interview: the data of every page as JSON.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = connect(db)
    app.state.clock = clock or Clock()
    app.state.kept = Kept()
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(Guard, hosts=hosts)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        """FastAPI's own checks (a query value, a path id, a body that is no object), said as
        the command line says bad input: the field, and what is wrong."""
        first = error.errors()[0] if error.errors() else {"loc": ["body"], "msg": "invalid"}
        field = ".".join(
            str(part) for part in first.get("loc", ["body"]) if part not in ("body", "query", "path")
        )
        if not request.url.path.startswith("/api/"):  # a page's address with a bad id in it
            return no_page(request)
        return JSONResponse({"error": {"field": field or "body", "message": str(first.get("msg"))}}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        """Errors the framework raises (a body that is not JSON, an unknown path), in the API's
        own form."""
        if request.url.path.startswith("/api/"):
            field = "body" if error.status_code == 400 else "path"
            return JSONResponse(
                {"error": {"field": field, "message": str(error.detail)}},
                error.status_code,
                headers=error.headers,
            )
        if error.status_code == 404:
            return no_page(request)
        return PlainTextResponse(str(error.detail), error.status_code, headers=error.headers)

    @app.exception_handler(UnknownRecord)
    async def unknown(request: Request, error: UnknownRecord) -> Response:
        """An id the store does not hold, wherever it is met: a 404."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": "id", "message": str(error)}}, 404)
        return page_error(request, 404, "Not found", str(error))

    @app.exception_handler(CaseError)
    async def bad_data(request: Request, error: CaseError) -> Response:
        """What the store or the request holds that the rules cannot read, wherever it is met:
        a 400 naming the field, never a server error."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": error.where or "body", "message": error.problem}}, 400)
        return page_error(request, 400, "This cannot be shown", str(error))

    @app.exception_handler(NoWorkingDay)
    async def no_working_day(request: Request, error: NoWorkingDay) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": "employer.hours", "message": str(error)}}, 400)
        return page_error(request, 400, "This cannot be shown", f"employer.hours: {error}")

    @app.exception_handler(NotJson)
    async def not_json(request: Request, _error: NotJson) -> Response:
        return JSONResponse(
            {"error": {"field": "content-type", "message": "send JSON (application/json)"}}, 415
        )

    @app.exception_handler(StaleForm)
    async def stale(request: Request, _error: StaleForm) -> Response:
        return PlainTextResponse(
            "the form is stale or comes from another site: reload the page and try again", 403
        )

    app.openapi = _documented(app)  # type: ignore[method-assign]
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(editing.router)
    app.include_router(feed.router)
    app.include_router(invitations.router)
    return app


def _documented(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document as the API answers: bad input is a 400 naming the field (FastAPI's
    own checks included), never the 422 FastAPI lists by default."""
    made = app.openapi

    def document() -> dict[str, Any]:
        schema = made()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        return schema

    return document


class Guard:
    """Every request passes here first: one for another host is refused (DNS rebinding), one
    too large too; the browser's form token is read from its cookie, or made and set. A plain
    ASGI middleware: it costs next to nothing on each request."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = hostname(headers.get("host") or "")
        if host not in self.hosts:
            message = f"unknown host {host!r}: this app answers only for {', '.join(sorted(self.hosts))}"
            await PlainTextResponse(message, 400)(scope, receive, send)
            return
        length = headers.get("content-length") or "0"
        if not length.isdigit() or int(length) > LARGEST_BODY:
            message = f"the request is too large: at most {LARGEST_BODY // 1_000_000} MB"
            refused: Response = PlainTextResponse(message, 413)
            if scope["path"].startswith("/api/"):
                refused = JSONResponse({"error": {"field": "body", "message": message}}, 413)
            await refused(scope, receive, send)
            return
        token = cookie_parser(headers.get("cookie") or "").get(CSRF_COOKIE)
        csrf = token or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = csrf

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent = MutableHeaders(scope=message)
                if message["status"] == 405:  # name every method the path takes, not one route's
                    sent["allow"] = ", ".join(allowed_methods(scope["app"], scope["path"]))
                if not token:
                    sent.append("set-cookie", f"{CSRF_COOKIE}={csrf}; HttpOnly; Path=/; SameSite=strict")
            await send(message)

        await self.app(scope, receive, answer)


def no_page(request: Request) -> Response:
    """The page for an address the app has no page at (or one with a bad id in it)."""
    return page_error(request, 404, "Not found", f"There is no page at {request.url.path[:200]}")


def page_error(request: Request, code: int, heading: str, message: str) -> Response:
    """A page that says what went wrong, in the app's own look, with a way back."""
    from followup.web.pages import helpers

    return render(request, "missing.html", code=code, heading=heading, message=message, **helpers(request))


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    methods: set[str] = set()
    for route in app.routes:
        pattern = getattr(route, "path_regex", None)
        if pattern is not None and pattern.match(path):
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def hostname(header: str) -> str:
    """The host a Host header names, without its port: '127.0.0.1:8765' -> '127.0.0.1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class NotJson(Exception):
    """A body sent to the API that is not JSON."""


def json_only(request: Request) -> None:
    """The API takes JSON bodies only: another site's page cannot send one without the browser
    asking first (a CORS preflight this app never answers)."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise NotJson


class StaleForm(Exception):
    """A form whose token does not match the browser's cookie: stale, or from another site."""


@dataclass(frozen=True)
class Uploaded:
    """A file sent with a form: its name and what it holds."""

    name: str
    data: bytes


async def form_of(request: Request) -> dict[str, Any]:
    """A posted form's fields, once its token is checked; a repeated field as a list, a file
    as Uploaded (read whole: the request is at most LARGEST_BODY)."""
    async with request.form() as form:
        token = request.cookies.get(CSRF_COOKIE) or ""
        if not token or not hmac.compare_digest(str(form.get("csrf") or ""), token):
            raise StaleForm
        fields: dict[str, Any] = {}
        for key in form:
            if key != "csrf":
                values = [
                    value if isinstance(value, str) else Uploaded(value.filename or "", await value.read())
                    for value in form.getlist(key)
                ]
                fields[key] = values if len(values) > 1 else values[0]
    return fields


class Kept:
    """What pages worked out from the store, kept until the store changes (its version moves
    with every write) or the minute turns; the newest few hundred."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, request: Request, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        changes = getattr(request.state, "version", None)
        if changes is None:  # once a request
            with engine_of(request).connect() as connection:
                changes = request.state.version = version(connection)
        full = (*key, changes, now_of(request).astimezone(UTC).replace(second=0, microsecond=0))
        with self.lock:
            if full in self.entries:
                self.entries.move_to_end(full)
                return self.entries[full]  # type: ignore[no-any-return]
        made = make()
        with self.lock:
            self.entries[full] = made
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return made


def kept(request: Request, key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """make(), or what it gave for the same key, store version and minute."""
    return request.app.state.kept.get(request, key, make)  # type: ignore[no-any-return]


def engine_of(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def now_of(request: Request) -> datetime:
    return request.app.state.clock.now()  # type: ignore[no-any-return]


def render(
    request: Request, template: str, code: int = 200, keep: tuple[Any, ...] | None = None, **context: Any
) -> Response:
    """A page, with what every page needs: the moment, the form token. With keep, the page
    itself is kept (for this browser's token) until the store changes or the minute turns."""
    context.update(request=request, csrf=request.state.csrf, now=now_of(request))
    if keep is None:
        return request.app.state.templates.TemplateResponse(request, template, context, status_code=code)  # type: ignore[no-any-return]

    def page() -> str:  # the same for every browser but for its token, put in below
        return str(request.app.state.templates.get_template(template).render({**context, "csrf": TOKEN}))

    body = kept(request, ("page", template, *keep, request.url.query), page)
    return HTMLResponse(body.replace(TOKEN, request.state.csrf), code)
