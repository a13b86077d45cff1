"""The web app: a job seeker's week in real Chromium, and the API and the app's safety rules
through a test client. Chromium is Debian's (/usr/bin/chromium); without it the browser test is
skipped with the reason, and under CI=true it fails."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followup.casefile.fields import instant
from followup.web.app import create_app
from followup.web.dependencies import Clock
from tests.conftest import add_northwind, serving

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
MONDAY_EVENING = "2026-03-02T17:00:00-06:00"  # after a 10:00 interview in Chicago
BASE = "http://127.0.0.1:8765"


# The API and the rules of the house, through a test client.


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    clock = Clock(instant(MONDAY_EVENING, "now"))
    app = create_app(f"sqlite:///{tmp_path / 'web.sqlite3'}", clock)
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


NORTHWIND = {
    "employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
    "interview": {"at": "2026-03-02T10:00:00-06:00"},
    "role": "Category buyer",
}


def test_the_api_adds_an_application_and_records_what_was_said(client: TestClient) -> None:
    added = client.post("/api/applications", json=NORTHWIND)
    assert added.status_code == 201
    application = added.json()["id"]
    said = client.post(
        f"/api/applications/{application}/events", json={"kind": "wait_for_us", "note": "We'll be in touch."}
    )
    assert said.status_code == 200
    assert said.json()["timeline"][-1]["kind"] == "wait_for_us"
    today = client.get("/api/today").json()
    assert [item["id"] for item in today["to_do"]] == [application]  # the thank-you is still due
    assert client.get("/api/applications").json()["applications"][0]["employer"] == "Northwind Traders"


def test_the_signals_confirmed_on_a_page_are_recorded_all_or_none(client: TestClient) -> None:
    application = client.post("/api/applications", json=NORTHWIND).json()["id"]
    page = f"/applications/{application}"
    waiting = json.dumps({"kind": "wait_for_us", "at": "2026-03-02T12:00:00-06:00"})
    wrong = json.dumps({"kind": "decision_by", "at": "2026-03-02T12:00:00-06:00", "date": "someday"})
    before = client.get(f"/api{page}").json()["timeline"]
    refused = client.post(f"{page}/said", data={"csrf": form_token(client, page), "event": [waiting, wrong]})
    assert refused.status_code == 400 and "someday" in refused.text
    assert client.get(f"/api{page}").json()["timeline"] == before
    taken = client.post(
        f"{page}/said",
        data={"csrf": form_token(client, page), "event": [waiting, waiting.replace("12:00", "13:00")]},
        follow_redirects=False,
    )
    assert taken.status_code == 303
    timeline = client.get(f"/api{page}").json()["timeline"]
    assert [item["kind"] for item in timeline] == [item["kind"] for item in before] + ["wait_for_us"] * 2


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/api/applications",
            {"employer": {"name": "X"}, "interview": {"at": "2026-03-02T10:00:00Z"}},
            "employer.timezone",
        ),
        (
            "/api/applications",
            {"employer": {"name": "X", "timezone": "Mars/Base"}, "interview": {"at": "2026-03-02T10:00:00Z"}},
            "employer.timezone",
        ),
        ("/api/applications", {"interview": {"at": "2026-03-02T10:00:00Z"}}, "employer"),
        (
            "/api/applications/1/events",
            {"kind": "decision_by", "date": "2026-02-01", "at": "2026-03-02T12:00:00-06:00"},
            "event.date",
        ),
        ("/api/applications/1/events", {"kind": "decided"}, "event.kind"),
        ("/api/read", {"text": 3}, "text"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    client: TestClient, path: str, body: dict[str, Any], field: str
) -> None:
    assert client.post("/api/applications", json=NORTHWIND).status_code == 201
    refused = client.post(path, json=body)
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == field


def test_an_unknown_application_is_a_404(client: TestClient) -> None:
    assert client.get("/api/applications/42").json() == {
        "error": {"field": "id", "message": "no application 42"}
    }
    assert client.get("/applications/42").status_code == 404


def test_a_request_for_another_host_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"host": "localhost"}).status_code == 200


def test_a_form_without_its_token_is_refused(client: TestClient) -> None:
    page = client.get("/applications/new")
    token = form_token(client, "/applications/new")
    assert f'value="{token}"' in page.text and token != client.cookies.get("followup_csrf")
    form = {"name": "Acme", "country": "US", "subdivision": "IL", "interview": "2026-03-02T10:00"}
    assert client.post("/applications/new", data=form).status_code == 403
    assert client.post("/applications/new", data={**form, "csrf": "forged"}).status_code == 403
    added = client.post("/applications/new", data={**form, "csrf": token}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"].startswith("/applications/")


def test_the_api_takes_only_json(client: TestClient) -> None:
    refused = client.post("/api/applications", data={"employer": "x"})
    assert refused.status_code == 415


def test_a_bad_field_in_the_form_is_shown_next_to_it(client: TestClient) -> None:
    token = form_token(client, "/applications/new")
    shown = client.post(
        "/applications/new",
        data={"name": "Acme", "timezone": "Mars/Base", "interview": "2026-03-02T10:00", "csrf": token},
    )
    assert shown.status_code == 400
    assert 'id="timezone-error"' in shown.text and "Mars/Base" in shown.text


def test_the_openapi_document_describes_every_route(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert {"/api/today", "/api/applications", "/api/applications/{application_id}", "/api/read"} <= set(
        document["paths"]
    )


# A job seeker's week, in Chromium.


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    now_file = tmp_path / "now"
    now_file.write_text(MONDAY_EVENING, encoding="utf-8")
    with serving(f"sqlite:///{tmp_path / 'week.sqlite3'}", now_file) as base:  # your time: New York
        yield base, now_file


@pytest.mark.browser
def test_a_job_seekers_week(served: tuple[str, Path], browser: Any) -> None:
    base, now_file = served
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1000, "height": 900})

    page.goto(base + "/")
    assert "Nothing here yet" in page.content()  # the empty state says what to do first
    page.get_by_role("link", name="Add an application").click()
    add_northwind(page)
    assert page.get_by_role("heading", name="Northwind Traders, Category buyer").is_visible()
    assert "Follow up now" in page.content()  # the thank-you note is due

    page.get_by_role("button", name="Emailed").click()  # the thank-you, sent
    page.get_by_label("Paste their email").fill("Thanks for coming in today! We'll call you by Friday.")
    page.get_by_role("button", name="Read it").click()
    assert (
        page.get_by_role("group", name="Found in their words")
        .get_by_text("decision by", exact=True)
        .first.is_visible()
    )
    page.get_by_role("button", name="Confirm and record").click()

    page.goto(base + "/")
    waiting = page.get_by_role("region", name="Waiting")
    assert "Northwind Traders" in waiting.inner_text()
    assert "Tue 10 Mar" in waiting.inner_text()  # two business days after Friday

    now_file.write_text("2026-03-10T08:00:00-05:00", encoding="utf-8")  # the clock moves past Friday
    page.goto(base + "/")
    to_do = page.get_by_role("region", name="To do")
    assert "Check in" in to_do.inner_text()
    assert "your time" in to_do.inner_text() and "America/Chicago" in to_do.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "today.png"), full_page=True)

    to_do.get_by_role("link", name="Open the draft").click()
    assert "Following up on the Category buyer position" in page.content()  # the check-in email
    page.get_by_role("link", name="phone").click()
    assert page.get_by_role("heading", name="Phone script").is_visible()
    page.get_by_role("link", name="Back to the application").click()
    page.get_by_role("button", name="Called: no answer").click()
    assert "Called: no answer" in page.get_by_role("region", name="Timeline").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "application.png"), full_page=True)

    page.get_by_label("What came of it").select_option("rejected")
    page.get_by_role("button", name="Record the outcome").click()
    page.goto(base + "/")
    assert "Northwind Traders" in page.get_by_role("region", name="Let go").inner_text()
    page.goto(base + "/applications?status=rejected")
    assert "Northwind Traders" in page.content()

    page.goto(base + "/insights")
    assert page.get_by_role("img", name="Applications by stage").is_visible()
    assert "phone: 0% answered" in page.content()  # the call with no answer
    page.screenshot(path=str(SCREENSHOTS / "insights.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(base + "/applications/1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
    page.screenshot(path=str(SCREENSHOTS / "application-phone.png"), full_page=True)


def test_settings_change_your_time_zone_and_the_rules_and_the_advice_follows(client: TestClient) -> None:
    application = client.post("/api/applications", json=NORTHWIND).json()["id"]
    assert client.get("/api/settings").json()["policy"]["max_check_ins"]["value"] == 2
    changed = client.post(
        "/api/settings", json={"timezone": "Europe/Berlin", "policy": {"default_channel": "phone"}}
    )
    assert changed.status_code == 200
    assert changed.json()["timezone"] == "Europe/Berlin"
    assert changed.json()["policy"]["default_channel"]["value"] == "phone"
    advice = client.get(f"/api/applications/{application}").json()["advice"]
    assert advice["candidate"]["timezone"] == "Europe/Berlin"  # the advice follows


def test_a_bad_setting_is_named(client: TestClient) -> None:
    refused = client.post("/api/settings", json={"policy": {"max_check_ins": 999}})
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "policy.max_check_ins"
    token = form_token(client, "/settings")
    shown = client.post("/settings", data={"csrf": token, "timezone": "Mars/Base"})
    assert shown.status_code == 400 and 'id="timezone-error"' in shown.text


def form_token(client: TestClient, page: str = "/applications/new") -> str:
    """The token the forms of the page carry (made from the browser's cookie, not the cookie)."""
    shown = client.get(page).text
    if 'name="csrf"' not in shown:  # a page without a form
        shown = client.get("/applications/new").text
    return shown.split('name="csrf" value="')[1].split('"')[0]


def test_an_employer_is_edited_with_its_hours_and_people(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    token = form_token(client, "/edit/employer/1")
    days = {"day_mon": "on", "day_tue": "on", "day_wed": "on", "day_thu": "on"}
    form = {"csrf": token, "name": "Northwind Traders", "country": "US", "subdivision": "IL", **days,
            "open": "08:00", "close": "16:00", "busy": "mon 09:00-11:00", "closed": "2026-03-13"}  # fmt: skip
    saved = client.post("/edit/employer/1", data=form, follow_redirects=False)
    assert saved.status_code == 303
    hours = client.get("/api/applications/1").json()["advice"]["employer"]
    assert hours["timezone"] == "America/Chicago"
    shown = client.get("/edit/employer/1").text
    assert "mon 09:00-11:00" in shown and "2026-03-13" in shown

    bad = client.post("/edit/employer/1", data={**form, "closed": "someday"})
    assert bad.status_code == 400 and 'id="closed-error"' in bad.text
    bad = client.post("/edit/employer/1", data={**form, "busy": "mornings"})
    assert bad.status_code == 400 and 'id="busy-error"' in bad.text

    person = {
        "csrf": token,
        "person_name": "Dana Lee",
        "person_role": "Recruiter",
        "email": "dana@northwind.example",
    }
    assert client.post("/employers/1/contacts", data=person, follow_redirects=False).status_code == 303
    assert "Dana Lee" in client.get("/edit/employer/1").text


def test_an_application_and_its_rounds_are_edited(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    token = form_token(client, "/edit/application/1")
    saved = client.post(
        "/edit/application/1",
        data={"csrf": token, "role": "Senior buyer", "status": "active"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert client.get("/api/applications/1").json()["role"] == "Senior buyer"
    added = client.post(
        "/applications/1/interviews",
        data={"csrf": token, "at": "2026-03-09T14:00", "minutes": "90"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    rounds = [
        item for item in client.get("/api/applications/1").json()["timeline"] if item["kind"] == "interview"
    ]
    assert [item["round"] for item in rounds] == [1, 2] and rounds[1]["at"] == "2026-03-09T19:00:00+00:00"
    refused = client.post(
        "/edit/interview/2", data={"csrf": token, "at": "2026-03-01T09:00", "minutes": "90"}
    )
    assert refused.status_code == 400 and 'id="at-error"' in refused.text  # before round 1


def test_a_link_that_is_not_a_web_address_is_refused(client: TestClient) -> None:
    refused = client.post("/api/applications", json={**NORTHWIND, "link": "javascript:alert(1)"})
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "link"
    client.post("/api/applications", json=NORTHWIND)
    token = form_token(client, "/edit/employer/1")
    form = {
        "csrf": token,
        "name": "Northwind Traders",
        "country": "US",
        "subdivision": "IL",
        "website": "data:text/html,x",
    }
    shown = client.post("/edit/employer/1", data=form)
    assert shown.status_code == 400 and 'id="website-error"' in shown.text


def test_a_form_for_an_unknown_application_is_a_404_not_an_error(client: TestClient) -> None:
    token = form_token(client, "/")
    for action in ("contacted", "outcome", "read", "interviews"):
        assert (
            client.post(
                f"/applications/99/{action}",
                data={"csrf": token, "how": "spoke", "kind": "rejected", "text": "x"},
            ).status_code
            == 404
        )


def test_an_employer_name_is_required(client: TestClient) -> None:
    token = form_token(client, "/applications/new")
    shown = client.post(
        "/applications/new",
        data={"csrf": token, "name": " ", "country": "US", "interview": "2026-03-02T10:00"},
    )
    assert shown.status_code == 400 and 'id="name-error"' in shown.text


def test_an_outcome_in_the_first_record_closes_the_application(client: TestClient) -> None:
    rejected = {"at": "2026-03-02T16:00:00-06:00", "kind": "rejected", "note": "We went with someone else."}
    client.post("/api/applications", json={**NORTHWIND, "events": [rejected]})
    assert client.get("/api/applications?status=rejected").json()["applications"][0]["status"] == "rejected"


def test_the_list_filters_by_status_next_step_and_a_word_and_pages(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    client.post(
        "/api/applications", json={**NORTHWIND, "employer": {**NORTHWIND["employer"], "name": "Contoso"}}
    )
    client.post("/api/applications/2/events", json={"kind": "no_contact", "note": "Please don't contact us."})

    def names(query: str) -> list[str]:
        return [row["employer"] for row in client.get(f"/api/applications?{query}").json()["applications"]]

    assert names("") == ["Contoso", "Northwind Traders"]
    assert names("next=do_not_contact") == ["Contoso"]
    assert names("next=follow_up&q=NORTH") == ["Northwind Traders"]
    assert names("q=buyer") == ["Contoso", "Northwind Traders"]  # the role
    assert names("q=%25") == []  # a wildcard is a plain character
    assert client.get("/api/applications?next=soon").status_code == 400  # as the API documents
    page = client.get("/applications?next=do_not_contact&q=con")
    assert "Contoso" in page.text and "Northwind" not in page.text
    assert "No applications match" in client.get("/applications?q=zzz").text
    assert client.get("/api/applications?page=2").json() == {"applications": [], "page": 2, "more": False}


def test_wrong_input_gets_the_right_message(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    token = form_token(client, "/applications/1")
    bad_purpose = client.post(
        "/applications/1/contacted", data={"csrf": token, "how": "emailed", "purpose": "x"}
    )
    assert bad_purpose.status_code == 400 and "unknown purpose" in bad_purpose.text
    form = {"csrf": token, "name": "Northwind Traders", "country": "US", "subdivision": "IL"}
    backwards = client.post("/edit/employer/1", data={**form, "busy": "mon 14:00-13:00"})
    assert backwards.status_code == 400 and "ends before it starts" in backwards.text
    fax = client.get("/applications/1/draft?channel=fax")
    assert fax.status_code == 400 and "email, phone and visit" in fax.text


def test_text_too_long_to_be_right_is_refused_naming_the_field(client: TestClient) -> None:
    long_name = {**NORTHWIND, "employer": {**NORTHWIND["employer"], "name": "N" * 300}}
    refused = client.post("/api/applications", json=long_name)
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "employer.name"
    client.post("/api/applications", json=NORTHWIND)
    note = client.post("/api/applications/1/events", json={"kind": "wait_for_us", "note": "x" * 30_000})
    assert note.status_code == 400 and note.json()["error"]["field"] == "event.note"
    huge = b'{"text": "' + b"a" * 2_100_000 + b'"}'
    too_large = client.post("/api/read", content=huge, headers={"content-type": "application/json"})
    assert too_large.status_code == 413
    assert len(client.get("/api/applications/1").json()["timeline"]) == 1  # nothing was written


def test_a_date_in_another_year_shows_its_year(client: TestClient) -> None:
    client.post("/api/applications", json={**NORTHWIND, "interview": {"at": "2025-12-15T10:00:00-06:00"}})
    page = client.get("/applications/1").text
    assert "Mon 15 Dec 2025" in page


def test_the_calendar_feed_is_turned_on_and_off_in_the_settings(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    token = form_token(client, "/settings")
    assert "The feed is off" in client.get("/settings").text
    shown = client.post("/settings/feed", data={"csrf": token, "feed": "new"})
    address = shown.text.split('<code class="feed-address">')[1].split("</code>")[0]
    assert address.startswith("http://127.0.0.1:8765/calendar/") and address.endswith(".ics")
    feed = client.get(address.removeprefix("http://127.0.0.1:8765"))
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    assert address not in client.get("/settings").text  # shown once
    client.post("/settings/feed", data={"csrf": token, "feed": "revoke"})
    assert client.get(address.removeprefix("http://127.0.0.1:8765")).status_code == 404


INVITATIONS = Path(__file__).parent / "data" / "invitations"


def upload(client: TestClient, name: str, **fields: str) -> Any:
    token = form_token(client, "/applications/new")
    content = (INVITATIONS / name).read_bytes()
    return client.post(
        "/applications/import",
        data={"csrf": token, **fields},
        files={"invitation": (name, content, "text/calendar")},
        follow_redirects=False,
    )


def test_an_invitation_uploaded_in_the_browser_adds_moves_and_refuses_as_import_ics_does(
    client: TestClient,
) -> None:
    added = upload(client, "outlook_request.ics")
    assert added.status_code == 303
    application = added.headers["location"].split("/applications/")[1].split("?")[0]
    shown = client.get(f"/api/applications/{application}").json()
    first = [item for item in shown["timeline"] if item["kind"] == "interview"][-1]["at"]
    moved = upload(client, "outlook_reschedule.ics")
    assert moved.headers["location"].endswith("?done=rescheduled")
    assert "Imported: the interview is moved." in client.get(moved.headers["location"]).text
    shown = client.get(f"/api/applications/{application}").json()
    assert [item for item in shown["timeline"] if item["kind"] == "interview"][-1]["at"] != first
    again = upload(client, "outlook_reschedule.ics")
    assert again.headers["location"].endswith("?done=unchanged")

    count = len(client.get("/api/applications").json()["applications"])
    for broken, problem in [("not_ics.ics", "not_ics.ics"), ("no_start.ics", "DTSTART")]:
        refused = upload(client, broken)
        assert refused.status_code == 400 and 'id="invitation-error"' in refused.text
        assert problem in refused.text
    token = form_token(client, "/applications/new")
    assert client.post("/applications/import", data={"csrf": token}).status_code == 400  # no file
    assert len(client.get("/api/applications").json()["applications"]) == count  # nothing written


def test_the_calendar_downloads_from_today(client: TestClient) -> None:
    client.post("/api/applications", json=NORTHWIND)
    assert 'href="/calendar.ics"' in client.get("/").text
    downloaded = client.get("/calendar.ics")
    assert downloaded.status_code == 200 and downloaded.headers["content-type"].startswith("text/calendar")
    assert "attachment" in downloaded.headers["content-disposition"]
    assert "BEGIN:VEVENT" in downloaded.text and "TZID=America/Chicago" in downloaded.text


def test_a_cancellation_uploaded_before_its_invitation_is_kept_in_mind_not_an_error(
    client: TestClient,
) -> None:
    remembered = upload(client, "google_cancel.ics")
    assert remembered.status_code == 200 and "it is remembered" in remembered.text
    assert 'id="invitation-error"' not in remembered.text


def test_a_page_that_does_not_exist_is_a_page_that_says_so(client: TestClient) -> None:
    for path in ("/applications/abc", "/nope", "/applications/99", "/edit/application/99"):
        shown = client.get(path)
        assert shown.status_code == 404 and shown.headers["content-type"].startswith("text/html"), path
        assert "<h1>Not found</h1>" in shown.text and 'href="/applications"' in shown.text
    assert client.get("/api/applications/abc").status_code == 400  # the API keeps its JSON


# The seams of the pages.


def test_pages_for_a_moment_before_some_records_are_a_look_back_never_an_error(tmp_path: Path) -> None:
    """`followup serve --now` earlier than what is stored: every page as of that moment."""
    db = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    with TestClient(
        create_app(db, Clock(instant("2026-03-10T10:00:00-05:00", "now"))), base_url=BASE
    ) as later:
        added = later.post("/api/applications", json=NORTHWIND).json()["id"]
        decided = {"kind": "decision_by", "date": "2026-03-13", "note": "We'll let you know by Friday."}
        assert later.post(f"/api/applications/{added}/events", json=decided).status_code == 200
    earlier = create_app(db, Clock(instant("2026-03-02T12:00:00-06:00", "now")))
    with TestClient(earlier, base_url=BASE, raise_server_exceptions=False) as client:
        for path in ("/", "/applications", f"/applications/{added}", f"/applications/{added}/draft",
                     "/insights", "/settings", "/calendar.ics", "/api/today", f"/api/applications/{added}",
                     f"/api/applications/{added}/draft"):  # fmt: skip
            assert client.get(path).status_code == 200, path
        shown = client.get(f"/api/applications/{added}").json()
        assert shown["advice"]["purpose"] == "thank_you"
        assert "decision_by" not in [item["kind"] for item in shown["timeline"]]


def test_the_outcome_menu_preselects_nothing(client: TestClient) -> None:
    added = client.post("/api/applications", json=NORTHWIND).json()["id"]
    page = client.get(f"/applications/{added}").text
    menu = page.split('<select id="kind" name="kind" required>')[1].split("</select>")[0]
    assert '<option value="" selected disabled>Choose what came of it</option>' in menu
    assert menu.count("selected") == 1
    form = {"csrf": form_token(client)}
    refused = client.post(f"/applications/{added}/outcome", data=form)
    assert refused.status_code == 400 and "choose an outcome" in refused.text


def test_todays_times_say_whose_they_are(client: TestClient) -> None:
    added = client.post("/api/applications", json=NORTHWIND).json()["id"]
    thanked = {
        "kind": "contacted",
        "channel": "email",
        "purpose": "thank_you",
        "at": "2026-03-02T16:00:00-06:00",
    }
    client.post(f"/api/applications/{added}/events", json=thanked)
    page = client.get("/").text
    waiting = page.split('id="waiting"')[1].split("</section>")[0]
    assert "check in by email from" in waiting and "your time" in waiting


def test_insights_give_the_counts_behind_each_share(client: TestClient) -> None:
    added = client.post("/api/applications", json=NORTHWIND).json()["id"]
    for at in ("2026-03-02T16:00:00-06:00", "2026-03-02T16:30:00-06:00"):
        contact = {"kind": "contacted", "channel": "phone", "purpose": "check_in", "at": at}
        client.post(f"/api/applications/{added}/events", json=contact)
    page = client.get("/insights").text
    assert "0% answered (0 of 2)" in page


def test_the_api_documents_400_for_bad_input_and_never_422(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    codes = {
        code
        for operations in document["paths"].values()
        for op in operations.values()
        for code in op["responses"]
    }
    assert "422" not in codes and "400" in codes
    assert (
        client.post("/api/applications", json=[1], headers={"content-type": "application/json"}).status_code
        == 400
    )


def test_a_draft_by_a_channel_they_ruled_out_is_a_409_with_the_reason(client: TestClient) -> None:
    added = client.post("/api/applications", json=NORTHWIND).json()["id"]
    banned = {"kind": "no_contact", "channels": ["phone"], "at": "2026-03-02T11:00:00-06:00"}
    client.post(f"/api/applications/{added}/events", json=banned)
    refused = client.get(f"/api/applications/{added}/draft", params={"channel": "phone"})
    assert refused.status_code == 409
    assert refused.json()["error"] == {
        "field": "channel",
        "message": "On 2 March they asked you not to call.",
    }
    made = client.get(f"/api/applications/{added}/draft").json()
    assert made["channel"] == "email" and made["drafts"][0]["subject"]
    page = client.get(f"/applications/{added}").text
    assert (
        "Called:" not in page
        and "<strong>Not by phone:</strong> On 2 March they asked you not to call." in page
    )
    form = {"csrf": form_token(client), "how": "spoke", "purpose": "check_in"}
    stale = client.post(f"/applications/{added}/contacted", data=form)
    assert stale.status_code == 409 and "asked you not to call" in stale.text


def test_serve_on_a_taken_port_says_so_in_one_line(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "followup", "serve", "--port", str(port)]
        store = f"sqlite:///{tmp_path / 's.db'}"
        done = subprocess.run(
            [*command, "--db", store], capture_output=True, text=True, timeout=60, check=False
        )
    assert done.returncode == 2
    taken_words = f"127.0.0.1:{port} is taken (Address already in use): give another --port"
    assert done.stderr == f"followup: --port {port}: {taken_words}\n"


def test_a_missing_page_says_so_in_a_sentence(client: TestClient) -> None:
    page = client.get("/applications/99")
    assert page.status_code == 404 and "<p>No application 99.</p>" in page.text


def test_the_draft_page_offers_the_other_channels_only(client: TestClient) -> None:
    added = client.post("/api/applications", json=NORTHWIND).json()["id"]
    page = client.get(f"/applications/{added}/draft").text  # the thank-you, by email
    assert "draft?channel=email" not in page and "draft?channel=phone" in page
