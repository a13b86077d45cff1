"""The web app's guard against hostile input: bodies past the limit however they are sent, the
security headers on every answer, form tokens tied to the store's secret, changes from pages of
other origins refused, and the API's documentation served by the app itself. Through a test
client and the ASGI interface, then against the served app in Chromium, with a page of another
site served on another port of this machine."""

from __future__ import annotations

import asyncio
import json
import re
import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from followup.casefile.fields import instant
from followup.store.transfer import export_document
from followup.web.app import create_app
from followup.web.dependencies import Clock
from followup.web.guard import LARGEST_BODY
from tests.conftest import demo_served

NOW = "2026-03-10T15:00:00+00:00"
BASE = "http://127.0.0.1:8765"
ELSEWHERE = "http://127.0.0.1:9999"  # another program of this machine, on another port
NORTHWIND = {
    "employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
    "interview": {"at": "2026-03-02T10:00:00-06:00"},
    "role": "Category buyer",
}
ACME = {"name": "Acme", "country": "US", "subdivision": "IL", "interview": "2026-03-02T10:00"}
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
STRICT = {
    "default-src": "'none'",
    "style-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
}


def store_of(tmp_path: Path, name: str = "web") -> str:
    return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(app_on(store_of(tmp_path)), base_url=BASE) as test_client:
        yield test_client


def app_on(store: str) -> FastAPI:
    return create_app(store, Clock(instant(NOW, "now")))


def form_token(client: TestClient, page: str = "/applications/new") -> str:
    """The token the page's forms carry for this client's cookie."""
    return client.get(page).text.split('name="csrf" value="')[1].split('"')[0]


def assert_guarded(headers: Any, where: str) -> None:
    """The security headers, and a Content-Security-Policy that lets in nothing but the app's
    own style sheet."""
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, f"{name} on {where}"
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    for directive, value in STRICT.items():
        assert policy.get(directive) == value, f"{directive} on {where}"
    assert "script-src" not in policy and "unsafe" not in headers["content-security-policy"], where


# A body past the limit, however it is sent, is refused with a 413 without being read further.


class Streamed:
    """A request's body arriving in chunks of 64 KB as a client streams it (no length said
    first): its head, then filler, size bytes in all; how much of it the app took."""

    CHUNK = 65_536

    def __init__(self, head: bytes, size: int, filler: bytes = b"a") -> None:
        self.head, self.left, self.taken = head, size, 0
        self.filler = (filler * self.CHUNK)[: self.CHUNK]

    async def __call__(self) -> dict[str, Any]:
        if self.left <= 0:
            return {"type": "http.disconnect"}
        size = min(self.CHUNK, self.left)
        chunk, self.head = self.head[:size], self.head[size:]
        chunk += self.filler[: size - len(chunk)]
        self.left -= len(chunk)
        self.taken += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": self.left > 0}


def post_streamed(
    app: FastAPI, path: str, body: Streamed, content_type: str, length: int | None = None
) -> tuple[int, dict[str, str], bytes]:
    """POST the streamed body to the app through its ASGI interface, as the server would; the
    status, headers and body of the answer."""
    headers = [(b"host", b"127.0.0.1:8765"), (b"content-type", content_type.encode())]
    headers.append(
        (b"content-length", str(length).encode()) if length else (b"transfer-encoding", b"chunked")
    )
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8765),
    }
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, body, send))
    start = [message for message in sent if message["type"] == "http.response.start"]
    assert len(start) == 1, "one answer"
    answer = {name.decode(): value.decode() for name, value in start[0]["headers"]}
    return start[0]["status"], answer, b"".join(message.get("body", b"") for message in sent[1:])


BOUNDARY = "guarded"
BODIES = {  # a path, the content type, the start of a body and what it goes on with
    "/api/read": ("application/json", b'{"application": 1, "text": "', b"a"),
    "/api/applications/1/events": ("application/json", b'{"kind": "wait_for_us", "note": "', b"a"),
    "/applications/1/read": ("application/x-www-form-urlencoded", b"csrf=x", b"&text=" + b"a" * 4000),
    "/applications/import": (
        f"multipart/form-data; boundary={BOUNDARY}",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="invitation"; filename="a.ics"\r\n'
        "Content-Type: text/calendar\r\n\r\n".encode(),
        b"a",
    ),
}


@pytest.mark.parametrize("path", list(BODIES))
@pytest.mark.parametrize("size", [5_000_000, 50_000_000])
def test_a_streamed_body_past_the_limit_is_refused_and_not_read_further(
    tmp_path: Path, path: str, size: int
) -> None:
    app = app_on(store_of(tmp_path))
    content_type, head, filler = BODIES[path]
    body = Streamed(head, size, filler)
    status, headers, said = post_streamed(app, path, body, content_type)
    assert status == 413
    assert body.taken <= LARGEST_BODY + Streamed.CHUNK, "nothing read past the limit"
    assert headers["connection"] == "close"  # the server reads no more of it either
    assert_guarded(headers, path)
    message = "the request is too large: at most 2 MB"
    if path.startswith("/api/"):
        assert json.loads(said) == {"error": {"field": "body", "message": message}}
    else:
        assert said.decode() == message


def test_a_length_that_says_less_than_the_body_is_no_way_round_the_limit(tmp_path: Path) -> None:
    app = app_on(store_of(tmp_path))
    body = Streamed(b'{"text": "', 5_000_000)
    status, _, _ = post_streamed(app, "/api/read", body, "application/json", length=100)
    assert status == 413 and body.taken <= LARGEST_BODY + Streamed.CHUNK


def test_a_body_within_the_limit_still_goes_through(tmp_path: Path) -> None:
    app = app_on(store_of(tmp_path))
    sent = b" " * 1_900_000 + b'{"timezone": "Europe/Berlin"}'  # in 30 chunks, just under the limit
    body = Streamed(sent, len(sent))
    status, _, said = post_streamed(app, "/api/settings", body, "application/json")
    assert status == 200 and json.loads(said)["timezone"] == "Europe/Berlin"
    assert body.taken == len(sent)


def test_a_length_over_the_limit_is_refused_before_the_body_is_read(client: TestClient) -> None:
    refused = client.post("/api/read", content=b"{}", headers={"content-length": str(LARGEST_BODY + 1)})
    assert refused.status_code == 413 and refused.json()["error"]["field"] == "body"


def chunked_post(base: str, path: str, size: int) -> bytes:
    """POST size bytes to the served app in chunks (no Content-Length), as a raw client would,
    stopping when the app answers; what the app answered."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        head = f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\nContent-Type: application/json\r\n"
        connection.sendall(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode())
        chunk = b"%x\r\n%s\r\n" % (65_536, b"a" * 65_536)
        sent = 0
        while sent < size:
            answered, _, _ = select.select([connection], [], [], 0)
            if answered:
                break
            try:
                connection.sendall(chunk)
            except OSError:  # the app closed the connection after answering
                break
            sent += 65_536
        answer = b""
        try:
            while part := connection.recv(65_536):
                answer += part
        except ConnectionResetError:  # closed with some of what was sent unread: as it should
            pass
        return answer


# The security headers on every answer.


def test_every_kind_of_answer_carries_the_security_headers(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    answers = {
        "a page": client.get("/"),
        "a kept page": client.get("/applications/1"),
        "the API": client.get("/api/today"),
        "the API's document": client.get("/api/openapi.json"),
        "the API's documentation": client.get("/api/docs"),
        "a static file": client.get("/static/style.css"),
        "a missing page": client.get("/nowhere"),
        "an API error": client.get("/api/applications/99"),
        "the calendar": client.get("/calendar.ics"),
        "another host": client.get("/", headers={"host": "attacker.example"}),
        "a body too large": client.post("/api/read", content=b"{}", headers={"content-length": "9999999"}),
        "a stale form": client.post("/applications/new", data={"csrf": "x"}),
        "a method not taken": client.delete("/api/today"),
    }
    for where, answer in answers.items():
        assert_guarded(answer.headers, where)
    assert answers["the calendar"].headers["content-type"].startswith("text/calendar")


def test_the_calendar_feed_still_serves_calendar_programs(client: TestClient) -> None:
    shown = client.post("/settings/feed", data={"csrf": form_token(client, "/settings"), "feed": "new"})
    address = shown.text.split('<code class="feed-address">')[1].split("</code>")[0]
    feed = TestClient(client.app, base_url=BASE).get(address.removeprefix(BASE))  # no cookie
    assert feed.status_code == 200 and feed.text.startswith("BEGIN:VCALENDAR")
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert_guarded(feed.headers, "the feed")


# Form tokens: made from the browser's cookie with the store's secret.


def test_a_cookie_and_a_form_token_made_up_together_are_refused(client: TestClient) -> None:
    form = {"how": "emailed", "purpose": "thank_you"}
    client.post("/api/applications", json=NORTHWIND)
    before = len(client.get("/api/applications/1").json()["timeline"])
    planted = TestClient(client.app, base_url=BASE, cookies={"followup_csrf": "x"})
    assert planted.post("/applications/1/contacted", data={**form, "csrf": "x"}).status_code == 403
    nonce = "n" * 43  # one shaped as the app's own
    planted = TestClient(client.app, base_url=BASE, cookies={"followup_csrf": nonce})
    refused = planted.post("/applications/1/contacted", data={**form, "csrf": nonce})
    assert refused.status_code == 403 and "reload the page" in refused.text
    assert len(client.get("/api/applications/1").json()["timeline"]) == before
    own = client.post(
        "/applications/1/contacted", data={**form, "csrf": form_token(client)}, follow_redirects=False
    )
    assert own.status_code == 303 and len(client.get("/api/applications/1").json()["timeline"]) == before + 1


def test_the_cookie_itself_is_no_form_token(client: TestClient) -> None:
    token = form_token(client)
    cookie = client.cookies["followup_csrf"]
    assert token != cookie
    assert client.post("/applications/new", data={**ACME, "csrf": cookie}).status_code == 403


def test_a_token_holds_for_its_store_only_and_for_as_long_as_the_store(tmp_path: Path) -> None:
    first = TestClient(app_on(store_of(tmp_path, "first")), base_url=BASE)
    token, nonce = form_token(first), first.cookies["followup_csrf"]
    other = TestClient(app_on(store_of(tmp_path, "other")), base_url=BASE, cookies={"followup_csrf": nonce})
    assert form_token(other) != token, "another store, another secret"
    form = {"csrf": token, **ACME}
    assert other.post("/applications/new", data=form).status_code == 403
    again = TestClient(app_on(store_of(tmp_path, "first")), base_url=BASE, cookies={"followup_csrf": nonce})
    assert again.post("/applications/new", data=form, follow_redirects=False).status_code == 303


def test_a_kept_page_gives_each_browser_its_own_token(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    other = TestClient(client.app, base_url=BASE)
    mine, theirs = form_token(client, "/applications/1"), form_token(other, "/applications/1")
    assert mine != theirs
    form = {"how": "emailed", "purpose": "thank_you"}
    assert other.post("/applications/1/contacted", data={**form, "csrf": mine}).status_code == 403
    taken = other.post("/applications/1/contacted", data={**form, "csrf": theirs}, follow_redirects=False)
    assert taken.status_code == 303


def test_the_stores_secret_is_never_exported(client: TestClient) -> None:
    form_token(client)
    exported = export_document(client.app.state.engine, instant(NOW, "now"))
    assert "form_secret" not in {row["name"] for row in exported["settings"]}


# Changes sent from a page of another origin are refused; command-line clients go through.


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": ELSEWHERE},
        {"origin": "null"},
        {"origin": "http://localhost:8765"},  # this machine, but not the origin the app is served at
        {"origin": "https://127.0.0.1:8765"},
        {"origin": "http://attacker.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},  # another port of this machine
    ],
)
def test_a_change_from_another_origin_is_refused(client: TestClient, headers: dict[str, str]) -> None:
    refused = client.post("/api/applications", json=NORTHWIND, headers=headers)
    assert refused.status_code == 403
    assert refused.json()["error"]["field"] == "origin"
    form = {"csrf": form_token(client), **ACME}
    page = client.post("/applications/new", data=form, headers=headers)
    assert page.status_code == 403 and "another site" in page.text
    for method in ("PUT", "PATCH", "DELETE"):
        assert client.request(method, "/api/applications/1", headers=headers).status_code == 403
    assert client.get("/api/applications").json()["applications"] == []


@pytest.mark.parametrize(
    "headers",
    [
        {},  # curl, a script
        {"origin": BASE},
        {"origin": BASE, "sec-fetch-site": "same-origin"},
        {"sec-fetch-site": "same-origin"},
        {"sec-fetch-site": "none"},
        {"referer": f"{BASE}/applications/new"},
    ],
)
def test_a_change_from_the_app_itself_or_a_command_line_goes_through(
    client: TestClient, headers: dict[str, str]
) -> None:
    assert client.post("/api/applications", json=NORTHWIND, headers=headers).status_code == 201
    form = {"csrf": form_token(client), **ACME}
    added = client.post("/applications/new", data=form, headers=headers, follow_redirects=False)
    assert added.status_code == 303


def test_a_form_whose_referer_is_another_origin_is_refused(client: TestClient) -> None:
    form = {"csrf": form_token(client), **ACME}
    refused = client.post("/applications/new", data=form, headers={"referer": f"{ELSEWHERE}/page"})
    assert refused.status_code == 403


def test_a_read_from_another_origin_is_still_answered(client: TestClient) -> None:
    assert client.get("/api/today", headers={"origin": ELSEWHERE}).status_code == 200


def test_the_api_documents_the_403(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert "403" in document["paths"]["/api/applications"]["post"]["responses"]
    assert "403" not in document["paths"]["/api/applications"]["get"]["responses"]


# The API's documentation, served by the app.


def test_the_api_documentation_is_the_apps_own_page(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text.lower() and "style=" not in page.text.lower()
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text), "nothing from other sites"
    document = client.get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert f"<code>{method.upper()} {path}</code>" in page.text
            assert operation["summary"].replace("'", "&#39;") in page.text
    assert "&#34;timezone&#34;: &#34;Europe/Berlin&#34;" in page.text  # an example body
    assert "from 1 to 31; default 1" in page.text  # a parameter's limits
    assert 'href="/static/style.css"' in page.text and "<h1>The JSON API</h1>" in page.text


# In Chromium: the served sample job search, and a page of another site on another port.


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_served(tmp_path_factory.mktemp("guards"), NOW) as base:
        yield base


def test_a_streamed_body_past_the_limit_is_refused_by_the_served_app(demo_site: str) -> None:
    answer = chunked_post(demo_site, "/api/read", 50_000_000)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"connection: close" in answer.lower() and b"at most 2 MB" in answer


@contextmanager
def another_site(pages: dict[str, str], cookies: dict[str, str]) -> Iterator[str]:
    """Pages served by another program of this machine, on a port of its own, and the cookies
    some of them set (a cookie is the same for every port of a host)."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages[self.path].encode()
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            if self.path in cookies:
                self.send_header("set-cookie", cookies[self.path])
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def posting(action: str, fields: dict[str, str]) -> str:
    """A page of another site with a form that posts to the app."""
    inputs = "".join(f'<input type="hidden" name="{name}" value="{value}">' for name, value in fields.items())
    form = f'<form method="post" action="{action}">{inputs}<button>Go</button></form>'
    return f"<!doctype html><title>Win a prize</title>{form}"


def timeline(page: Any, base: str, application: int) -> list[Any]:
    return page.request.get(f"{base}/api/applications/{application}").json()["timeline"]  # type: ignore[no-any-return]


@pytest.mark.browser
def test_every_page_carries_the_headers_and_breaks_no_rule_of_its_policy(
    demo_site: str, browser: Any
) -> None:
    page = browser.new_page()
    complaints: list[str] = []

    def heard(message: Any) -> None:
        """An error in the console, but for the icon Chromium looks for (the app has none)."""
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            complaints.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", heard)
    page.on("pageerror", lambda error: complaints.append(str(error)))
    answers: list[Any] = []
    page.on("response", lambda answer: answers.append(answer))
    seen: set[str] = set()
    waiting = ["/", "/api/docs", "/applications?status=waiting", "/nowhere", "/applications/99"]
    while waiting:
        path = waiting.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if path.endswith((".ics", ".json", ".css")):  # a download, a document, a style sheet
            assert_guarded(page.request.get(demo_site + path).headers, path)
            continue
        shown = page.goto(demo_site + path)
        if shown.status == 404:  # a page that says there is none: the browser notes the 404
            complaints[:] = [each for each in complaints if "status of 404" not in each]
        assert complaints == [], f"{path}: {complaints}"
        links = page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
        waiting += [
            link.split("#")[0] for link in links if link.startswith("/") and link.split("#")[0] not in seen
        ]
    assert len(seen) > 40 and {"/calendar.ics", "/api/openapi.json", "/edit/interview/1"} <= seen
    for answer in answers:
        assert_guarded(answer.headers, answer.url)
    assert {urlsplit(answer.url).path for answer in answers} >= {"/static/style.css", "/api/docs"}

    # The listener hears the policy when it is broken: an image from another site is refused.
    page.goto(demo_site + "/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', '<img alt=\"\" src=\"http://127.0.0.2:9/x\">')"
        )
    assert any("Content Security Policy" in complaint for complaint in complaints), complaints
    page.close()


@pytest.mark.browser
def test_a_form_posted_from_another_site_on_this_machine_is_refused(demo_site: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site + "/applications/1")  # the app is open in the browser: it has its cookie
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    before = timeline(page, demo_site, 1)
    action = f"{demo_site}/applications/1/contacted"
    planted = "p" * 43
    pages = {  # the app's own token, were it to leak; then a cookie and a token of its own
        "/leaked": posting(action, {"csrf": str(token), "how": "emailed", "purpose": "check_in"}),
        "/planted": posting(action, {"csrf": planted, "how": "emailed", "purpose": "check_in"}),
    }
    with another_site(pages, {"/planted": f"followup_csrf={planted}; Path=/"}) as elsewhere:
        for attack in pages:
            page.goto(elsewhere + attack)
            with page.expect_navigation() as sent:
                page.get_by_role("button", name="Go").click()
            assert sent.value.status == 403, attack
            assert "comes from a page of another site" in page.content()
    assert any(each["value"] == planted for each in context.cookies()), "the cookie was planted"
    assert timeline(page, demo_site, 1) == before, "nothing recorded"
    context.close()


@pytest.mark.browser
def test_a_forged_form_token_is_refused_in_the_browser(demo_site: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site + "/applications/2")
    before = timeline(page, demo_site, 2)
    cookie = next(each["value"] for each in context.cookies() if each["name"] == "followup_csrf")
    form = page.locator("form[action$='/contacted']")
    for forged in (cookie, "x"):  # the cookie as the token (taken until now), a pair made up
        if forged == "x":
            context.add_cookies([{"name": "followup_csrf", "value": "x", "url": demo_site}])
        form.locator("input[name=csrf]").evaluate("(input, value) => { input.value = value; }", forged)
        with page.expect_navigation() as sent:
            form.get_by_role("button").first.click()
        assert sent.value.status == 403 and "reload the page" in page.content()
        page.go_back()
    assert timeline(page, demo_site, 2) == before, "nothing recorded"
    page.goto(demo_site + "/applications/2")  # the page as served: its own token
    with page.expect_navigation() as sent:
        page.locator("form[action$='/contacted']").get_by_role("button").first.click()
    assert sent.value.ok
    assert len(timeline(page, demo_site, 2)) == len(before) + 1
    context.close()
