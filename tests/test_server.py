"""The app of a server (followup.web.server): signing in, the session cookie, throttling, form
tokens and origins on every change, and each account kept to what is theirs, page and API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from followup.service.accounts import Account
from followup.web.dependencies import Clock
from followup.web.server import NotConfigured, create_server_app
from tests.conftest import FORM_TOKEN, PASSWORD, case_file, server_people

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
HOST = "followup.career.example"


@pytest.fixture
def engine(server_store: Engine) -> Engine:
    return server_store


@pytest.fixture
def clock(tmp_path: Path) -> Clock:
    moment = tmp_path / "now"
    moment.write_text(NOW.isoformat())
    return Clock(from_file=moment)


@pytest.fixture
def people(engine: Engine) -> dict[str, Account]:
    return server_people(engine, NOW, {"sam": "seeker", "tia": "seeker", "cole": "coach"}, {"cole": "sam"})


@pytest.fixture
def app_for(server_url: str, clock: Clock, people: dict[str, Account]) -> Iterator[object]:
    made: list[TestClient] = []

    def client() -> TestClient:  # a browser of its own, on an app process of its own
        app = create_server_app({"FOLLOWUP_DB": server_url, "FOLLOWUP_HOSTS": HOST}, clock=clock)
        made.append(TestClient(app, base_url=f"https://{HOST}", follow_redirects=False).__enter__())
        return made[-1]

    yield client
    for one in made:
        one.__exit__(None, None, None)
        one.app.state.accounts_engine.dispose()  # type: ignore[attr-defined]


def signed_in(client: TestClient, email: str, password: str = PASSWORD) -> TestClient:
    page = client.get("/sign-in")
    token = FORM_TOKEN.search(page.text)
    assert token is not None
    answer = client.post(
        "/sign-in", data={"csrf": token[1], "email": email, "password": password, "next": "/"}
    )
    assert answer.status_code == 303, answer.text
    return client


def csrf(client: TestClient, path: str = "/sign-in") -> str:
    found = FORM_TOKEN.search(client.get(path).text)
    assert found is not None
    return found[1]


def test_a_server_needs_postgresql_and_an_https_address(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured, match="FOLLOWUP_DB"):
        create_server_app({"FOLLOWUP_DB": f"sqlite:///{tmp_path}/x.sqlite3"})
    with pytest.raises(NotConfigured, match="https"):
        create_server_app(
            {"FOLLOWUP_DB": "postgresql://u@h/d", "FOLLOWUP_PUBLIC_URL": "http://plain.example"}
        )


def test_signed_out_pages_lead_to_signing_in_and_the_api_answers_401(app_for: object) -> None:
    client = app_for()  # type: ignore[operator]
    page = client.get("/applications?status=active")
    assert page.status_code == 303
    assert page.headers["location"] == "/sign-in?next=%2Fapplications%3Fstatus%3Dactive"
    api = client.get("/api/applications")
    assert api.status_code == 401 and api.json()["error"]["message"] == "sign in first"
    client.cookies.set("__Host-followup", "forged-" + "x" * 40, domain=HOST)
    assert client.get("/api/applications").status_code == 401
    assert client.get("/healthz").text == "ok"
    assert client.get("/readyz").text == "ready"


def test_the_session_cookie_is_httponly_secure_samesite_and_for_this_host_alone(app_for: object) -> None:
    client = app_for()  # type: ignore[operator]
    token = csrf(client)
    answer = client.post(
        "/sign-in",
        data={"csrf": token, "email": "sam@example.org", "password": PASSWORD, "next": "/applications"},
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/applications"
    cookie = next(
        value for value in answer.headers.get_list("set-cookie") if value.startswith("__Host-followup=")
    )
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite", "path", "max-age"} <= flags and "domain" not in flags
    assert "samesite=lax" in cookie.lower() and "path=/;" in cookie.lower() + ";"
    assert client.get("/api/applications").status_code == 200


def test_signing_in_elsewhere_than_this_app_is_refused(app_for: object) -> None:
    client = app_for()  # type: ignore[operator]
    token = csrf(client)
    evil = client.post(
        "/sign-in",
        data={
            "csrf": token,
            "email": "sam@example.org",
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert evil.headers["location"] == "/"  # never to another site
    stale = client.post(
        "/sign-in", data={"csrf": "made-up", "email": "sam@example.org", "password": PASSWORD}
    )
    assert stale.status_code == 403
    foreign = client.post(
        "/sign-in",
        data={"csrf": token, "email": "sam@example.org", "password": PASSWORD},
        headers={"origin": "https://evil.example"},
    )
    assert foreign.status_code == 403


def test_repeated_failures_are_throttled_with_a_retry_after(app_for: object) -> None:
    client = app_for()  # type: ignore[operator]
    token = csrf(client)
    for _ in range(5):
        wrong = client.post(
            "/sign-in", data={"csrf": token, "email": "sam@example.org", "password": "not it at all"}
        )
        assert wrong.status_code == 401 and "do not match" in wrong.text
    paused = client.post("/sign-in", data={"csrf": token, "email": "sam@example.org", "password": PASSWORD})
    assert paused.status_code == 429 and int(paused.headers["retry-after"]) > 0


def test_a_seeker_reaches_only_their_own_applications_by_page_and_api(
    app_for: object, people: dict[str, Account]
) -> None:
    sam = signed_in(app_for(), "sam@example.org")  # type: ignore[operator]
    tia = signed_in(app_for(), "tia@example.org")  # type: ignore[operator]
    added = sam.post("/api/applications", json={**case_file(), "role": "Buyer"})
    assert added.status_code in (200, 201), added.text
    sams = added.json()["id"]
    assert sam.get(f"/api/applications/{sams}").status_code == 200
    assert sam.get(f"/applications/{sams}").status_code == 200
    assert tia.get(f"/api/applications/{sams}").status_code == 404
    assert tia.get(f"/applications/{sams}").status_code == 404
    assert tia.get("/api/applications").json()["applications"] == []
    assert tia.post(f"/api/applications/{sams}/events", json={"kind": "rejected"}).status_code == 404
    assert "Buyer" not in tia.get("/").text and "Northwind" not in tia.get("/applications").text


def test_a_coach_sees_the_dashboard_of_their_seekers_and_no_seekers_pages(
    app_for: object, people: dict[str, Account], clock: Clock
) -> None:
    sam = signed_in(app_for(), "sam@example.org")  # type: ignore[operator]
    sams = sam.post("/api/applications", json={**case_file(), "role": "Buyer"}).json()["id"]
    assert sam.post(f"/api/applications/{sams}/events", json={"kind": "offer"}).status_code == 200
    cole = signed_in(app_for(), "cole@example.org")  # type: ignore[operator]
    assert cole.get("/").headers["location"] == "/coach"
    rows = cole.get("/api/coach").json()["seekers"]
    assert [(row["seeker"], row["active"], row["offers_this_week"], row["stuck"]) for row in rows] == [
        ("Sam", 0, 1, False)  # the offer ended the search: no application active
    ]
    page = cole.get("/coach")
    assert page.status_code == 200 and "Sam" in page.text and "Tia" not in page.text
    table = cole.get("/coach.csv")
    assert table.headers["content-type"].startswith("text/csv")
    assert table.text.splitlines()[0].startswith("seeker,email,active,due,overdue,move_on")
    assert table.text.splitlines()[1].startswith("Sam,sam@example.org,0,0,0,0,1,0,")
    assert cole.get(f"/applications/{sams}").status_code == 403  # a seeker's page holds their notes
    assert cole.get(f"/api/applications/{sams}").status_code == 403
    assert cole.post(f"/api/applications/{sams}/events", json={"kind": "rejected"}).status_code == 403
    assert sam.get("/coach").status_code == 403 and sam.get("/api/coach").status_code == 403
    assert clock.from_file is not None
    clock.from_file.write_text((NOW + timedelta(days=15)).isoformat())
    cole_later = signed_in(app_for(), "cole@example.org")  # type: ignore[operator]
    later = cole_later.get("/api/coach")
    assert later.status_code == 200, later.text
    assert later.json()["seekers"][0]["stuck"] is True


def test_an_admin_invites_and_the_invited_joins_then_signs_out(app_for: object, clock: Clock) -> None:
    admin = signed_in(app_for(), "ada@career.example")  # type: ignore[operator]
    assert admin.get("/").headers["location"] == "/people"
    assert admin.get("/api/applications").status_code == 403
    page = admin.post(
        "/people",
        data={"csrf": csrf(admin, "/people"), "name": "Uma", "email": "uma@example.org", "role": "seeker"},
    )
    assert page.status_code == 200
    link = re.search(rf"https://{re.escape(HOST)}(/join/[\w-]+)", page.text)
    assert link is not None
    uma = app_for()  # type: ignore[operator]
    token = csrf(uma, link[1])
    differ = uma.post(link[1], data={"csrf": token, "password": PASSWORD, "again": PASSWORD + "!"})
    assert differ.status_code == 400 and "differ" in differ.text
    joined = uma.post(link[1], data={"csrf": token, "password": PASSWORD, "again": PASSWORD})
    assert joined.status_code == 303
    assert uma.get("/api/applications").status_code == 200
    assert uma.get("/people").status_code == 403
    again = app_for()  # type: ignore[operator]
    assert (
        again.post(
            link[1], data={"csrf": csrf(again, link[1]), "password": PASSWORD, "again": PASSWORD}
        ).status_code
        == 400
    )
    out = uma.post("/sign-out", data={"csrf": csrf(uma, "/sign-in")})
    assert out.status_code == 303
    assert uma.get("/api/applications").status_code == 401


def test_a_session_ends_everywhere_and_after_its_time(app_for: object, clock: Clock) -> None:
    one = signed_in(app_for(), "ada@career.example")  # type: ignore[operator]
    two = signed_in(app_for(), "ada@career.example")  # type: ignore[operator]
    assert two.post("/sign-out-everywhere", data={"csrf": csrf(two, "/people")}).status_code == 303
    assert one.get("/people").status_code == 303  # to signing in
    three = signed_in(app_for(), "sam@example.org")  # type: ignore[operator]
    assert clock.from_file is not None
    clock.from_file.write_text((NOW + timedelta(days=8)).isoformat())  # idle for more than a week
    assert three.get("/api/applications").status_code == 401


def test_each_seeker_keeps_settings_of_their_own(app_for: object, people: dict[str, Account]) -> None:
    sam = signed_in(app_for(), "sam@example.org")  # type: ignore[operator]
    tia = signed_in(app_for(), "tia@example.org")  # type: ignore[operator]
    assert sam.post("/api/settings", json={"timezone": "Asia/Tokyo"}).status_code == 200
    assert tia.post("/api/settings", json={"timezone": "America/Chicago"}).status_code == 200
    assert sam.get("/api/settings").json()["timezone"] == "Asia/Tokyo"
    assert tia.get("/api/settings").json()["timezone"] == "America/Chicago"
    assert "(Asia/Tokyo)" in sam.get("/").text and "(America/Chicago)" in tia.get("/").text
    assert sam.get("/calendar.ics").status_code == 200
    assert sam.post("/settings/feed", data={"csrf": csrf(sam, "/settings"), "feed": "new"}).status_code == 403


def test_a_seekers_today_is_cut_at_their_own_midnight(app_for: object, people: dict[str, Account]) -> None:
    sam = signed_in(app_for(), "sam@example.org")  # type: ignore[operator]
    assert sam.post("/api/settings", json={"timezone": "Pacific/Auckland"}).status_code == 200
    assert sam.get("/api/today").json()["your_timezone"] == "Pacific/Auckland"


def test_a_search_postgresql_cannot_hold_is_a_400_naming_it(
    app_for: object, people: dict[str, Account]
) -> None:
    sam = signed_in(app_for(), "sam@example.org")  # type: ignore[operator]
    refused = sam.get("/api/applications", params={"q": "North\x00wind"})
    assert refused.status_code == 400 and refused.json()["error"] == {
        "field": "q",
        "message": "holds a NUL character",
    }
    assert sam.get("/applications", params={"q": "North\x00wind"}).status_code == 400
