"""Isolation on a server, route by route: every route and API operation of the app (read from its
route list, so that a new route is tried as soon as it exists), asked for with Sam's ids by
someone else: another seeker, a coach of other seekers, nobody signed in, a forged session and
Sam's own session once expired. Not one answer holds Sam's data, and not one row of Sam's data
is changed."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from starlette.routing import Route

from followup.service import applications, records
from followup.service.demo import add_demo
from followup.service.stores import as_account, for_everyone
from followup.store.database import connect
from followup.web.dependencies import Clock
from followup.web.server import create_server_app
from tests.conftest import FORM_TOKEN, PASSWORD, case_file, emptied, server_people

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
HOST = "followup.career.example"
# Sam's rows, read as the background work reads them: none may change. (Advice is left out: it is
# worked out from the rest, and whoever may read an application keeps it fresh.)
SAMS_ROWS = {
    "accounts": "SELECT id, email, role, password_hash, removed_at FROM accounts WHERE :sam = :sam",
    "coach_seekers": "SELECT coach_id, seeker_id FROM coach_seekers WHERE :sam = :sam",
    "employers": "SELECT * FROM employers WHERE seeker_id = :sam",
    "applications": "SELECT * FROM applications WHERE seeker_id = :sam",
    "contacts": "SELECT c.* FROM contacts c JOIN employers e ON e.id = c.employer_id "
    "WHERE e.seeker_id = :sam",
    "interviews": "SELECT i.* FROM interviews i JOIN applications a ON a.id = i.application_id "
    "WHERE a.seeker_id = :sam",
    "events": "SELECT v.* FROM events v JOIN applications a ON a.id = v.application_id "
    "WHERE a.seeker_id = :sam",
    "edits": "SELECT * FROM edits WHERE seeker_id = :sam",
    "seeker_settings": "SELECT * FROM seeker_settings WHERE seeker_id = :sam",
    "corrections": "SELECT * FROM corrections WHERE seeker_id = :sam",
    "mail_messages": "SELECT * FROM mail_messages WHERE seeker_id = :sam",
    "mail_proposals": "SELECT p.* FROM mail_proposals p JOIN applications a ON a.id = p.application_id "
    "WHERE a.seeker_id = :sam",
}
# What the owner of the data would send to each route that changes something; a new route that
# changes something fails the suite until it is named here. Sam's own requests are checked too
# (test_each_request_is_one_the_owner_makes): the others' are refused, not merely malformed.
EVENT = '{"kind": "wait_for_us", "at": "2026-03-04T09:00:00-06:00", "note": "They will be in touch."}'
WRITES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/applications"): {"json": {**case_file(employer={"name": "Spy employer"}), "role": "Spy"}},
    ("POST", "/api/applications/{application_id}/events"): {"json": {"kind": "wait_for_us"}},
    ("POST", "/api/read"): {"json": {"text": "We will decide by Friday.", "application": "{application_id}"}},
    ("POST", "/api/mail/proposals/{proposal_id}/confirm"): {"json": {}},
    ("POST", "/api/mail/proposals/{proposal_id}/dismiss"): {"json": {}},
    ("POST", "/api/settings"): {"json": {"timezone": "Europe/Berlin"}},
    ("POST", "/applications/new"): {
        "data": {"name": "Acme", "country": "US", "subdivision": "IL", "interview": "2026-03-02T10:00"}
    },
    ("POST", "/applications/{application_id}/read"): {"data": {"text": "We will decide by Friday."}},
    ("POST", "/applications/{application_id}/said"): {"data": {"event": EVENT}},
    ("POST", "/applications/{application_id}/contacted"): {"data": {"how": "emailed", "purpose": "check_in"}},
    ("POST", "/applications/{application_id}/outcome"): {"data": {"kind": "rejected", "note": "spied"}},
    ("POST", "/applications/{application_id}/interviews"): {
        "data": {"at": "2026-03-10T10:00", "minutes": "45"}
    },
    ("POST", "/employers/{employer_id}/contacts"): {
        "data": {"person_name": "Mallory", "email": "m@evil.example"}
    },
    ("POST", "/edit/{subject}/{record_id}"): {"data": {"name": "Spied", "role": "Spied", "notes": "spied"}},
    ("POST", "/applications/import"): {"data": {"role": "Spy"}},
    ("POST", "/mail/proposals/{proposal_id}/confirm"): {"data": {"back": "/"}},
    ("POST", "/mail/proposals/{proposal_id}/dismiss"): {"data": {"back": "/"}},
    ("POST", "/settings"): {"data": {"timezone": "Europe/Berlin"}},
    ("POST", "/settings/feed"): {"data": {"feed": "new"}},
    ("POST", "/sign-in"): {"data": {"email": "sam@example.org", "password": "a guess, not his password"}},
    ("POST", "/join/{token}"): {"data": {"password": PASSWORD, "again": PASSWORD}},
    ("POST", "/people"): {"data": {"name": "Spy", "email": "spy@evil.example", "role": "admin"}},
    ("POST", "/people/{account_id}/role"): {"data": {"role": "admin"}},
    ("POST", "/people/{account_id}/coach"): {"data": {"coach": "{coach}", "action": "unassign"}},
    ("POST", "/people/{account_id}/remove"): {"data": {}},
    ("POST", "/sign-out"): {"data": {}},
    ("POST", "/sign-out-everywhere"): {"data": {}},
}
OWN_WRITES = (  # what anyone signed in may do to their own data, with these requests
    "/api/applications", "/applications/new", "/api/read", "/api/settings", "/settings",
    "/applications/import",
)  # fmt: skip
LAST = ("/sign-out", "/sign-out-everywhere")  # tried last: they end the asker's session
NOT_ON_A_SERVER = {"/settings/feed", "/calendar/{token}.ics"}  # not yet


@pytest.fixture(scope="module")
def world(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    engine = connect(server_url)
    roles = {"sam": "seeker", "tia": "seeker", "cole": "coach", "dee": "coach"}
    people = server_people(engine, NOW, roles, {"cole": "sam", "dee": "tia"})
    sams = as_account(engine, people["sam"])
    first = add_demo(sams, NOW)[0]
    employer_id = applications.application(sams, NOW, first)["employer_id"]
    records.add_contact(
        sams, employer_id, {"name": "Jordan Lee", "email": "jordan.lee@sams-employer.example"}, NOW
    )
    records.set_timezone(sams, "Asia/Tokyo", NOW)  # a setting of his own
    tias = as_account(engine, people["tia"])

    applications.add(tias, NOW, {**case_file(employer={"name": "Tia's own employer"}), "role": "Analyst"})
    moment = tmp_path_factory.mktemp("clock") / "now"
    moment.write_text(NOW.isoformat())
    yield {"engine": engine, "people": people, "clock": Clock(from_file=moment), "url": server_url}
    emptied(engine)
    engine.dispose()


def sams_rows(engine: Engine, sam: int) -> dict[str, list[tuple[Any, ...]]]:
    with for_everyone(engine).connect() as connection:
        return {
            table: sorted(tuple(map(str, row)) for row in connection.execute(text(query), {"sam": sam}))
            for table, query in SAMS_ROWS.items()
        }


def sams_ids(engine: Engine, sam: int) -> dict[str, int]:
    """One id of each kind of Sam's records."""
    with for_everyone(engine).connect() as connection:

        def first(query: str) -> int:
            return int(connection.execute(text(query), {"sam": sam}).scalar_one())

        return {
            "application": first("SELECT min(id) FROM applications WHERE seeker_id = :sam"),
            "employer": first("SELECT min(id) FROM employers WHERE seeker_id = :sam"),
            "contact": first(
                "SELECT min(c.id) FROM contacts c JOIN employers e ON e.id = c.employer_id "
                "WHERE e.seeker_id = :sam"
            ),
            "interview": first(
                "SELECT min(i.id) FROM interviews i JOIN applications a ON a.id = i.application_id "
                "WHERE a.seeker_id = :sam"
            ),
            "proposal": first(
                "SELECT min(p.id) FROM mail_proposals p JOIN applications a ON a.id = p.application_id "
                "WHERE a.seeker_id = :sam"
            ),
        }


def sams_words(engine: Engine, sam: int) -> set[str]:
    """What would give Sam's data away in an answer: his employers' names and people's emails."""
    with for_everyone(engine).connect() as connection:
        names = connection.execute(text("SELECT name FROM employers WHERE seeker_id = :sam"), {"sam": sam})
        emails = connection.execute(
            text(
                "SELECT c.email FROM contacts c JOIN employers e ON e.id = c.employer_id "
                "WHERE e.seeker_id = :sam AND c.email IS NOT NULL"
            ),
            {"sam": sam},
        )
        return {str(value) for (value,) in [*names, *emails]}


def routes(app: Any) -> list[tuple[str, str]]:
    """Every method and path of the app's routes, its routers' included (its static files and
    API description aside)."""
    found = []

    def walk(routes: list[Any], prefix: str = "") -> None:
        for route in routes:
            if hasattr(route, "original_router"):  # an included router
                context = getattr(route, "include_context", None)
                walk(route.original_router.routes, prefix + str(getattr(context, "prefix", "") or ""))
            elif isinstance(route, APIRoute | Route) and route.path not in ("/api/openapi.json", "/api/docs"):
                methods = sorted(set(route.methods or ()) - {"HEAD"})
                found.extend((method, prefix + route.path) for method in methods)

    walk(app.routes)
    return found


def addresses(path: str, ids: dict[str, int]) -> list[str]:
    """The path with Sam's ids in it: for /edit/{subject}/{record_id}, one of each subject."""
    if "{subject}" in path:
        return [path.replace("{subject}", subject).replace("{record_id}", str(ids[subject])) for subject in (
            "application", "employer", "contact", "interview"
        )]  # fmt: skip
    filled = (
        path.replace("{application_id}", str(ids["application"]))
        .replace("{employer_id}", str(ids["employer"]))
        .replace("{proposal_id}", str(ids["proposal"]))
        .replace("{account_id}", str(ids["account"]))
        .replace("{token}", secrets.token_urlsafe(16))
    )
    assert "{" not in filled, f"a route whose path this suite cannot fill yet: {path}"
    return [filled]


def client_of(world: dict[str, Any]) -> TestClient:
    app = create_server_app({"FOLLOWUP_DB": world["url"], "FOLLOWUP_HOSTS": HOST}, clock=world["clock"])
    return TestClient(app, base_url=f"https://{HOST}", follow_redirects=False).__enter__()


def signed_in_as(world: dict[str, Any], email: str) -> TestClient:
    client = client_of(world)
    token = FORM_TOKEN.search(client.get("/sign-in").text)
    assert token is not None
    answer = client.post("/sign-in", data={"csrf": token[1], "email": email, "password": PASSWORD})
    assert answer.status_code == 303
    return client


def expired_session_of_sam(world: dict[str, Any]) -> TestClient:
    client = signed_in_as(world, "sam@example.org")
    with world["engine"].begin() as connection:
        connection.execute(
            text("UPDATE sessions SET expires_at = :past WHERE account_id = :sam AND revoked_at IS NULL"),
            {"past": NOW - timedelta(seconds=1), "sam": world["people"]["sam"].id},
        )
    return client


ACTORS = {
    "another seeker": lambda world: signed_in_as(world, "tia@example.org"),
    "a coach of other seekers": lambda world: signed_in_as(world, "dee@example.org"),
    "nobody signed in": client_of,
    "a forged session": lambda world: _forged(client_of(world)),
    "Sam's session, expired": expired_session_of_sam,
}


def _forged(client: TestClient) -> TestClient:
    client.cookies.set("__Host-followup", secrets.token_urlsafe(32), domain=HOST)
    return client


def ask(client: TestClient, method: str, path: str, address: str, ids: dict[str, int], csrf: str) -> Any:
    """The request the route's owner would send, to this address."""
    if method == "GET":
        return client.get(address)
    sent = WRITES.get((method, path))
    assert sent is not None, f"{method} {path} changes something: name what its owner sends in WRITES"

    def filled(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: filled(item) for key, item in value.items()}
        if value == "{application_id}":
            return ids["application"]
        if value == "{coach}":
            return str(ids["coach"])
        return value

    if "json" in sent:
        return client.request(method, address, json=filled(sent["json"]))
    return client.request(method, address, data={**filled(sent["data"]), "csrf": csrf})


def asked(client: TestClient, ids: dict[str, int]) -> Iterator[tuple[str, str, str, Any]]:
    """Every route of the app asked once for each of its addresses (those that end a session last)."""
    page = FORM_TOKEN.search(client.get("/sign-in").text)
    csrf = page[1] if page else ""
    for method, path in sorted(routes(client.app), key=lambda route: route[1] in LAST):
        for address in addresses(path, ids):
            yield method, path, address, ask(client, method, path, address, ids, csrf)


@pytest.mark.parametrize("actor", list(ACTORS))
def test_no_route_reads_or_writes_sams_data_for_anyone_else(world: dict[str, Any], actor: str) -> None:
    engine, sam = world["engine"], world["people"]["sam"].id
    before, words = sams_rows(engine, sam), sams_words(engine, sam)
    assert words and all(
        before[table] for table in ("applications", "events", "mail_proposals", "seeker_settings")
    )
    ids = {**sams_ids(engine, sam), "account": sam, "coach": world["people"]["cole"].id}
    client = ACTORS[actor](world)
    tried, leaks = [], []
    try:
        for method, path, address, answer in asked(client, ids):
            tried.append((method, path))
            assert answer.status_code < 500, f"{method} {address}: {answer.status_code} {answer.text[:300]}"
            if method != "GET" and answer.status_code < 300 and path not in NOT_ON_A_SERVER:
                assert path in OWN_WRITES, f"{method} {address} taken"
            leaks += [f"{method} {address} shows {word!r}" for word in words if word in answer.text]
        app_routes = routes(client.app)
    finally:
        client.__exit__(None, None, None)
        client.app.state.accounts_engine.dispose()  # type: ignore[attr-defined]
    assert not leaks
    assert len(app_routes) >= 40 and ("POST", "/api/applications/{application_id}/events") in app_routes
    assert set(tried) == set(app_routes)  # every route tried, a new one too
    assert sams_rows(engine, sam) == before


def test_each_request_is_one_the_owner_makes(world: dict[str, Any]) -> None:
    """The requests above reach Sam's records when Sam sends them: none is refused as not his or
    not found (a form the page would fill more fully may be a 400; a decision made already a 409).
    Run last: it changes Sam's data."""
    engine, sam = world["engine"], world["people"]["sam"].id
    ids = {**sams_ids(engine, sam), "account": sam, "coach": world["people"]["cole"].id}
    client = signed_in_as(world, "sam@example.org")
    refused = []
    try:
        for method, path, address, answer in asked(client, ids):
            if path in NOT_ON_A_SERVER or path.startswith(("/people", "/sign-", "/join/")) or method == "GET":
                continue
            if answer.status_code in (401, 403, 404) or answer.status_code >= 500:  # 400, 409: found
                refused.append(f"{method} {address}: {answer.status_code} {answer.text[:200]}")
    finally:
        client.__exit__(None, None, None)
        client.app.state.accounts_engine.dispose()  # type: ignore[attr-defined]
    assert not refused


def test_every_change_needs_this_apps_origin_and_a_form_its_token(world: dict[str, Any]) -> None:
    """Every route that changes something, asked by Tia herself, signed in: from a page of another
    site it is refused (403); a form without its token is refused (403) too."""
    ids = {**sams_ids(world["engine"], world["people"]["sam"].id), "account": 0, "coach": 0}
    client = signed_in_as(world, "tia@example.org")
    unsafe = [(method, path) for method, path in routes(client.app) if method != "GET" and path not in LAST]
    refused: list[str] = []
    try:
        for method, path in unsafe:
            for address in addresses(path, ids):
                sent = WRITES[(method, path)]
                body = {"json": sent["json"]} if "json" in sent else {"data": sent["data"]}
                foreign = client.request(method, address, headers={"origin": "https://evil.example"}, **body)
                if foreign.status_code != 403:
                    refused.append(f"{method} {address} from another site: {foreign.status_code}")
                if "data" in sent:
                    tokenless = client.request(method, address, data=sent["data"])
                    if tokenless.status_code != 403:
                        refused.append(f"{method} {address} without its token: {tokenless.status_code}")
    finally:
        client.__exit__(None, None, None)
        client.app.state.accounts_engine.dispose()  # type: ignore[attr-defined]
    assert len(unsafe) >= 25
    assert not refused
