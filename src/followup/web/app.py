"""The local web app: pages for people (server-rendered HTML that works without JavaScript) and
the same data as JSON under /api. It serves one store, on loopback unless told otherwise.

Safety on one machine (guard.py): requests naming a host other than the one served are refused
(DNS rebinding), and so are bodies over 2 MB, and changes sent from a page of another origin;
every answer carries the security headers, a strict Content-Security-Policy first. Every form
carries a token made from the browser's cookie with the store's secret (CSRF, tokens.py); the
JSON API takes JSON bodies only, which another site's page cannot send without asking."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote_to_bytes

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from followup.casefile.fields import SURROGATE, CaseError, as_given, instant
from followup.core.workdays import NoWorkingDay
from followup.store import connect
from followup.store.applications import UnknownRecord
from followup.store.database import version
from followup.web.guard import Guard
from followup.web.tokens import FormTokens

T = TypeVar("T")
HERE = Path(__file__).parent
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
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
    from followup.web import api, api_docs, editing, feed, invitations, pages, reading_pool

    app = FastAPI(
        title="followup",
        version="1",
        description="When and how to follow up after a job interview: the data of every page as JSON.",
        docs_url=None,  # the app's own page instead (api_docs.py), not one from another site
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=reading_pool.stopped_after,
    )
    app.state.engine = connect(db)
    app.state.clock = clock or Clock()
    app.state.kept = Kept()
    app.state.form_tokens = FormTokens(app.state.engine)
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
    app.include_router(api_docs.router)
    return app


FOREIGN = "Sent from a page of another site (its Origin, Sec-Fetch-Site or Referer says so)"


def _documented(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document as the API answers: bad input is a 400 naming the field (FastAPI's
    own checks included), never the 422 FastAPI lists by default; a change sent from a page of
    another site is a 403."""
    made = app.openapi

    def document() -> dict[str, Any]:
        schema = made()
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                responses = operation.get("responses", {})
                responses.pop("422", None)
                if method in ("post", "put", "patch", "delete") and "400" in responses:
                    responses.setdefault("403", {**responses["400"], "description": FOREIGN})
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        return schema

    return document


def no_page(request: Request) -> Response:
    """The page for an address the app has no page at (or one with a bad id in it)."""
    return page_error(request, 404, "Not found", f"There is no page at {request.url.path[:200]}")


def page_error(request: Request, code: int, heading: str, message: str) -> Response:
    """A page that says what went wrong, in the app's own look, with a way back."""
    from followup.web.pages import helpers

    return render(request, "missing.html", code=code, heading=heading, message=message, **helpers(request))


class NotJson(Exception):
    """A body sent to the API that is not JSON."""


def json_only(request: Request) -> None:
    """The API takes JSON bodies only: another site's page cannot send one without the browser
    asking first (a CORS preflight this app never answers)."""
    if _content_type(request) != "application/json":
        raise NotJson


class StaleForm(Exception):
    """A form whose token is not the one made from the browser's cookie: stale, or from another
    site."""


@dataclass(frozen=True)
class Uploaded:
    """A file sent with a form: its name and what it holds."""

    name: str
    data: bytes


async def form_of(request: Request) -> dict[str, Any]:
    """A posted form's fields, once its token is checked against the browser's cookie; a
    repeated field as a list, a file as Uploaded (read whole: the guard refuses a request over
    2 MB). A form's text is UTF-8: a field holding bytes of another encoding is a CaseError
    naming it (a 400 page), where the framework would have put U+FFFD in their place (or, in a
    multipart form, read the field as Latin-1)."""
    if _content_type(request) == URL_ENCODED:
        fields = url_encoded(await request.body())
        token = fields.pop("csrf", "")
        if not tokens_of(request).holds(request.state.nonce, token if isinstance(token, str) else ""):
            raise StaleForm
        for key, value in fields.items():
            for text in [key, *(value if isinstance(value, list) else [value])]:
                if SURROGATE.search(text):
                    raise CaseError(key, f"{as_given(text)} is not UTF-8 text")
        return fields
    raw = await request.body()  # kept: the form below is read from it
    async with request.form() as form:
        if not tokens_of(request).holds(request.state.nonce, str(form.get("csrf") or "")):
            raise StaleForm
        fields = {}
        for key in form:
            if key != "csrf":
                values = [
                    value if isinstance(value, str) else Uploaded(value.filename or "", await value.read())
                    for value in form.getlist(key)
                ]
                for value in values:  # a part not in UTF-8 is read as Latin-1 by the framework
                    if isinstance(value, str) and not value.isascii() and value.encode() not in raw:
                        raise CaseError(key, "is not UTF-8 text (it holds bytes of another encoding)")
                fields[key] = values if len(values) > 1 else values[0]
    return fields


URL_ENCODED = "application/x-www-form-urlencoded"
MOST_FIELDS = 1000  # in one form, as the framework allows


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def url_encoded(body: bytes) -> dict[str, Any]:
    """The fields of a URL-encoded form, a repeated one as a list. Each name and value is read
    as UTF-8, a byte that is not as a lone surrogate (surrogateescape), to be refused by name."""
    pairs = [part for part in body.split(b"&") if part]
    if len(pairs) > MOST_FIELDS:
        raise CaseError("form", f"{len(pairs):,} fields (at most {MOST_FIELDS:,})")
    found: dict[str, list[str]] = {}
    for pair in pairs:
        name, _equals, value = pair.partition(b"=")
        key, text = (
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8", "surrogateescape")
            for part in (name, value)
        )
        found.setdefault(key, []).append(text)
    return {key: values if len(values) > 1 else values[0] for key, values in found.items()}


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


def tokens_of(request: Request) -> FormTokens:
    return request.app.state.form_tokens  # type: ignore[no-any-return]


def form_token(request: Request) -> str:
    """The token of this browser's forms, made from the nonce in its cookie (set by the Guard)."""
    return tokens_of(request).token(request.state.nonce)


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
