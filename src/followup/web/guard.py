"""The guard every request passes first, before any route: what it refuses, and what it adds to
every answer.

- A request naming a host other than those served: 400 (DNS rebinding).
- A body over LARGEST_BODY: 413, whether its Content-Length says so or it goes on streaming past
  the limit (a chunked body, or one longer than its Content-Length said). The body is counted as
  it arrives and never held: once it passes the limit nothing more is read, and whatever the app
  was about to answer is replaced by the 413.
- A change (POST, PUT, PATCH, DELETE) sent from a page of another origin: 403. The browser says
  where a request comes from in its Origin header; without one, in Sec-Fetch-Site, and for a
  form in its Referer. Without any of them (a command-line client) it is let through.
- Every answer carries the security headers (HEADERS); the browser gets its form-token cookie
  (a random nonce, see tokens.py) the first time."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "followup_csrf"
LARGEST_BODY = 2_000_000  # bytes of a request: a pasted email with its HTML fits
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
NONCE = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) makes
POLICY = (  # nothing but the app's own style sheet: no script, no frame, no form to elsewhere
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: that would make the forms' Origin null
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
DEFAULT_PORTS = {"http": ":80", "https": ":443"}


class TooLarge(Exception):
    """A request's body that went on past LARGEST_BODY."""


class Guard:
    """The plain ASGI middleware that does the above: it costs next to nothing on each request."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str], *, secure: bool = False) -> None:
        self.app, self.hosts, self.secure = app, hosts, secure  # secure: a server's, over TLS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        nonce = cookie_parser(headers.get("cookie") or "").get(CSRF_COOKIE, "")
        body = Counted(receive)
        exchange = Exchange(scope, send, body, nonce if NONCE.fullmatch(nonce) else None, secure=self.secure)
        scope.setdefault("state", {})["nonce"] = exchange.nonce
        refused = self.refusal(scope, headers)
        if refused is not None:
            await exchange.refuse(refused)
            return
        try:
            await self.app(scope, body, exchange.answer)
        except Exception:
            if not body.over:  # what the app made of a body refused halfway is no error of its own
                raise
        if body.over and not exchange.started:
            await exchange.refuse(too_large(scope))

    def refusal(self, scope: Scope, headers: Headers) -> Response | None:
        """The answer to a request refused before it reaches the app; None for one let through."""
        host = hostname(headers.get("host") or "")
        if host not in self.hosts:
            message = f"unknown host {host!r}: this app answers only for {', '.join(sorted(self.hosts))}"
            return PlainTextResponse(message, 400)
        length = headers.get("content-length") or "0"
        if not length.isdigit() or int(length) > LARGEST_BODY:
            return too_large(scope)
        if scope["method"] not in SAFE_METHODS and from_elsewhere(scope, headers):
            message = "the request comes from a page of another site: it is refused"
            return answer_of(scope, 403, "origin", message)
        return None


class Counted:
    """A request's receive, counting the body as it arrives and raising TooLarge (from then on,
    on every call) once it has gone past LARGEST_BODY; nothing is kept."""

    def __init__(self, receive: Receive) -> None:
        self.receive, self.received, self.over = receive, 0, False

    async def __call__(self) -> Message:
        if self.over:
            raise TooLarge
        message = await self.receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > LARGEST_BODY:
                self.over = True
                raise TooLarge
        return message


class Exchange:
    """The answer to one request on its way out: the security headers added, the form-token
    cookie set when the browser had none, and the app's answer replaced by a 413 if the body
    went past the limit while the app read it (the app may have made a 400 of it)."""

    def __init__(
        self, scope: Scope, send: Send, body: Counted, nonce: str | None, *, secure: bool = False
    ) -> None:
        self.scope, self.out, self.body, self.secure = scope, send, body, secure
        self.new_cookie = nonce is None
        self.nonce = nonce or secrets.token_urlsafe(32)
        self.started = self.refused = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            sent = MutableHeaders(scope=message)
            have = {name for name, _ in sent.raw}
            sent.raw.extend(header for header in HEADERS if header[0] not in have)
            if message["status"] == 405:  # name every method the path takes, not one route's
                sent["allow"] = ", ".join(allowed_methods(self.scope["app"], self.scope["path"]))
            if self.new_cookie:
                secure = "; Secure" if self.secure else ""
                sent.append(
                    "set-cookie", f"{CSRF_COOKIE}={self.nonce}; HttpOnly; Path=/; SameSite=strict{secure}"
                )
        await self.out(message)

    async def answer(self, message: Message) -> None:
        """What the app sends: passed on, unless the body went past the limit before the app
        began to answer (then the 413 goes instead, and the rest of the app's answer nowhere)."""
        if self.body.over and not self.started:
            await self.refuse(too_large(self.scope))
        if not self.refused:
            await self.send(message)

    async def refuse(self, response: Response) -> None:
        """The guard's own answer, in place of the app's."""
        self.refused, self.new_cookie = True, False
        await response(self.scope, _nothing, self.send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


def too_large(scope: Scope) -> Response:
    """The 413; the connection is closed after it, so that the rest of the body is not read."""
    message = f"the request is too large: at most {LARGEST_BODY // 1_000_000} MB"
    refused = answer_of(scope, 413, "body", message)
    refused.headers["connection"] = "close"
    return refused


def answer_of(scope: Scope, code: int, field: str, message: str) -> Response:
    """A refusal in plain words, or in the API's JSON form under /api/."""
    if scope["path"].startswith("/api/"):
        return JSONResponse({"error": {"field": field, "message": message}}, code)
    return PlainTextResponse(message, code)


def from_elsewhere(scope: Scope, headers: Headers) -> bool:
    """Whether a request that changes something was sent by a page of another origin (another
    site, or this machine on another port): its Origin is not this app's own (`null` included);
    without an Origin, the browser says cross-site or same-site in Sec-Fetch-Site; or a form's
    Referer names another origin."""
    own = origin_of(f"{scope['scheme']}://{headers.get('host') or ''}")
    origin = headers.get("origin")
    if origin is not None:
        return origin_of(origin) != own
    if headers.get("sec-fetch-site", "").lower() in ("cross-site", "same-site"):
        return True
    referer = headers.get("referer") or ""
    return bool(referer) and not scope["path"].startswith("/api/") and origin_of(referer) != own


def origin_of(address: str) -> str:
    """The origin of an address: scheme://host:port in lower case, a default port left out;
    '' when there is none (`null`, or not an address)."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return ""
    scheme, netloc = parts.scheme.lower(), parts.netloc.lower().rsplit("@", 1)[-1]
    if scheme not in DEFAULT_PORTS or not netloc:
        return ""
    return f"{scheme}://{netloc.removesuffix(DEFAULT_PORTS[scheme])}"


def allowed_methods(app: Any, path: str) -> list[str]:
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
