"""What your mail proposes, in the web app: "Read from your mail" on Today and on an application's
page, its Confirm and Dismiss forms, and the JSON API under /api/mail; through a test client, and
in real Chromium (Debian's, as in tests/test_web.py), axe-core checking the pages it adds to.

The proposals are made as a sync makes them, by the service (followup.service.inbox.take), from
messages given here: no mail server is needed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followup.casefile.fields import instant
from followup.reading.incoming import Incoming, Sent
from followup.service import applications as read_model
from followup.service.inbox import Context, Taken, known_applications, take
from followup.service.stores import open_store
from followup.web.app import create_app
from followup.web.dependencies import Clock
from followup.web.templating import proposal_words
from tests.conftest import serving
from tests.test_accessibility import AS_SERVED_BUT_FOR_THE_POLICY, AXE, violations
from tests.test_accessibility import test_focus_follows_the_page_and_can_always_be_seen as walk_focus
from tests.test_web import BASE, NORTHWIND, SCREENSHOTS, form_token

WEDNESDAY_NOON = "2026-03-04T12:00:00-06:00"  # two days after Northwind's Monday interview, in Chicago
NORTHWIND_SITE = {**NORTHWIND, "employer": {**NORTHWIND["employer"], "website": "https://northwind.example"}}
CONTOSO = {
    **NORTHWIND,
    "employer": {
        "name": "Contoso",
        "country": "US",
        "subdivision": "IL",
        "website": "https://contoso.example",
    },
    "role": "Buyer",
}


def message(uid: int, sender: str, subject: str, said_at: str, text: str) -> Incoming:
    return Incoming(
        uid=uid,
        message_id=f"<m{uid}@{sender.split('@')[1]}>",
        sender=sender,
        subject=subject,
        said_at=instant(said_at, "said_at"),
        text=text,
    )


REJECTION = message(
    1, "dana@northwind.example", "Your interview", "2026-03-04T09:00:00-06:00",
    "Thank you for coming in. Unfortunately we have decided to move forward with other candidates.",
)  # fmt: skip
DECISION = message(
    2, "lee@contoso.example", "Next steps", "2026-03-03T15:00:00-06:00",
    "Thanks for your time on Monday. We will make a decision by Friday.",
)  # fmt: skip
NO_CALLS = message(
    3, "lee@contoso.example", "A request", "2026-03-03T16:00:00-06:00",
    "Please don't call us.",
)  # fmt: skip


def mail(
    engine: Any, batch: list[Incoming], now: str = WEDNESDAY_NOON, record: frozenset[str] = frozenset()
) -> Taken:
    """A batch of messages read from the inbox, as a sync reads them; what it gave."""
    found = Context("riley@mail.example", known_applications(engine), [], record=record)
    return take(engine, found, "INBOX", 1, max(one.uid for one in batch), batch, instant(now, "now"))


# Through a test client.


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """Northwind (1) and Contoso (2), your time New York, the clock on Wednesday noon in Chicago."""
    app = create_app(f"sqlite:///{tmp_path / 'mail.sqlite3'}", Clock(instant(WEDNESDAY_NOON, "now")))
    with TestClient(app, base_url=BASE) as test_client:
        assert test_client.post("/api/applications", json=NORTHWIND_SITE).json() == {"id": 1}
        assert test_client.post("/api/applications", json=CONTOSO).json() == {"id": 2}
        test_client.post("/api/settings", json={"timezone": "America/New_York"})
        yield test_client


def engine_of(client: TestClient) -> Any:
    return client.app.state.engine  # type: ignore[attr-defined]


def proposals(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    answer = client.get(f"/api/mail/proposals{query}")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["proposals"])


def proposal_of(client: TestClient, kind: str) -> dict[str, Any]:
    return next(item for item in proposals(client, "?status=all") if item["kind"] == kind)


def kinds(timeline: list[dict[str, Any]]) -> list[str]:
    return [item["kind"] for item in timeline]


def test_the_api_lists_what_the_mail_proposes_newest_first(client: TestClient) -> None:
    assert proposals(client) == []
    assert mail(engine_of(client), [REJECTION, DECISION, NO_CALLS]).proposed == 3
    listed = proposals(client)
    assert [(item["kind"], item["application"]) for item in listed] == [
        ("rejected", 1), ("no_contact", 2), ("decision_by", 2),
    ]  # fmt: skip
    rejected = listed[0]
    assert rejected["status"] == "open" and rejected["maybe"] is False
    assert rejected["evidence"] == "Unfortunately we have decided to move forward with other candidates"
    assert rejected["message"] == {
        "id": "<m1@northwind.example>", "said_at": "2026-03-04T15:00:00+00:00",
        "sender": "dana@northwind.example", "subject": "Your interview", "matched_by": "domain",
    }  # fmt: skip
    assert rejected["employer"] == "Northwind Traders" and rejected["timezone"] == "America/Chicago"
    assert listed[2]["date"] == "2026-03-06"  # Friday, as Contoso said it on Tuesday
    assert [item["kind"] for item in proposals(client, "?application=2")] == ["no_contact", "decision_by"]
    assert proposals(client, "?status=confirmed") == []
    assert len(proposals(client, "?status=all")) == 3


def test_the_apis_filters_refuse_what_they_cannot_take(client: TestClient) -> None:
    assert client.get("/api/mail/proposals?application=99").json() == {
        "error": {"field": "id", "message": "no application 99"}
    }
    assert client.get("/api/mail/proposals?status=maybe").json()["error"]["field"] == "status"
    assert client.get("/api/mail/proposals?application=abc").status_code == 400


def test_confirming_records_it_and_answers_with_the_advice_after(client: TestClient) -> None:
    mail(engine_of(client), [REJECTION])
    before = client.get("/api/applications/1").json()
    assert before["advice"]["action"] != "move_on"
    rejected = proposal_of(client, "rejected")
    confirmed = client.post(f"/api/mail/proposals/{rejected['id']}/confirm", json={})
    assert confirmed.status_code == 200
    assert confirmed.json()["proposal"]["status"] == "confirmed"
    assert confirmed.json()["proposal"]["decided_at"] == "2026-03-04T18:00:00+00:00"
    assert confirmed.json()["advice"]["action"] == "move_on"  # as GET /api/applications/1 shows it
    after = client.get("/api/applications/1").json()
    assert confirmed.json()["advice"] == after["advice"]
    assert kinds(after["timeline"]) == [*kinds(before["timeline"]), "rejected"]
    assert after["timeline"][-1]["said_by"] == "dana@northwind.example"
    assert after["status"] == "rejected"
    assert proposals(client) == []


def test_dismissing_records_nothing(client: TestClient) -> None:
    mail(engine_of(client), [DECISION])
    before = client.get("/api/applications/2").json()
    decision = proposal_of(client, "decision_by")
    dismissed = client.post(f"/api/mail/proposals/{decision['id']}/dismiss")  # no body at all
    assert dismissed.status_code == 415  # the API takes JSON only, as every change it takes
    dismissed = client.post(
        f"/api/mail/proposals/{decision['id']}/dismiss", headers={"content-type": "application/json"}
    )
    assert dismissed.status_code == 200
    decided = {"status": "dismissed", "decided_at": "2026-03-04T18:00:00+00:00"}
    assert dismissed.json() == {"proposal": {**decision, **decided}}
    assert client.get("/api/applications/2").json() == before
    assert proposals(client) == []


@pytest.mark.parametrize("second", ["confirm", "dismiss"])
@pytest.mark.parametrize("first", ["confirm", "dismiss"])
def test_a_proposal_decided_already_is_a_409_that_says_so(
    client: TestClient, first: str, second: str
) -> None:
    mail(engine_of(client), [REJECTION])
    proposal = proposal_of(client, "rejected")["id"]
    assert client.post(f"/api/mail/proposals/{proposal}/{first}", json={}).status_code == 200
    timeline = client.get("/api/applications/1").json()["timeline"]
    again = client.post(f"/api/mail/proposals/{proposal}/{second}", json={})
    assert again.status_code == 409
    done = "confirmed" if first == "confirm" else "dismissed"
    assert again.json() == {"error": {"field": "id", "message": f"proposal {proposal}: already {done}"}}
    assert client.get("/api/applications/1").json()["timeline"] == timeline  # nothing more recorded


def test_one_recorded_without_asking_cannot_be_confirmed_again(client: TestClient) -> None:
    taken = mail(engine_of(client), [REJECTION], record=frozenset({"answered", "rejected"}))
    assert taken.recorded == 1
    recorded = proposal_of(client, "rejected")
    assert recorded["status"] == "recorded"
    again = client.post(f"/api/mail/proposals/{recorded['id']}/confirm", json={})
    assert again.status_code == 409 and "already recorded" in again.json()["error"]["message"]


@pytest.mark.parametrize("decision", ["confirm", "dismiss"])
def test_an_unknown_proposal_is_a_404_and_a_bad_one_a_400(client: TestClient, decision: str) -> None:
    assert client.post(f"/api/mail/proposals/99/{decision}", json={}).json() == {
        "error": {"field": "id", "message": "no proposal 99"}
    }
    assert client.post(f"/api/mail/proposals/abc/{decision}", json={}).status_code == 400
    assert client.post(f"/api/mail/proposals/0/{decision}", json={}).status_code == 400
    mail(engine_of(client), [REJECTION])
    proposal = proposal_of(client, "rejected")["id"]
    refused = client.post(f"/api/mail/proposals/{proposal}/{decision}", json={"really": True})
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "really"
    assert client.post(f"/api/mail/proposals/{proposal}/{decision}", json=[1]).status_code == 400
    assert proposal_of(client, "rejected")["status"] == "open"  # nothing was done
    page = client.post(f"/mail/proposals/99/{decision}", data={"csrf": form_token(client), "back": "/"})
    assert page.status_code == 404 and "No proposal 99" in page.text


def test_the_openapi_document_describes_the_mail_operations(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/mail/proposals"]["get"]["responses"]) >= {"200", "400", "404"}
    for decision in ("confirm", "dismiss"):
        answers = paths[f"/api/mail/proposals/{{proposal_id}}/{decision}"]["post"]["responses"]
        assert answers["409"]["description"] == "Decided already: confirmed, dismissed or recorded"
        assert answers["404"]["description"] == "No such proposal"
    assert "/api/mail/proposals" in client.get("/api/docs").text


def test_their_answer_to_your_email_is_proposed_and_recorded_as_answered(client: TestClient) -> None:
    sent = Sent(
        "<f1@mail.example>", 1, "Following up", "check_in", instant("2026-03-03T09:00:00-06:00", "at")
    )
    answer = Incoming(
        uid=7, message_id="<r1@northwind.example>", sender="dana@northwind.example",
        subject="Re: Following up", said_at=instant("2026-03-04T08:00:00-06:00", "said_at"),
        replied_to=("<f1@mail.example>",),
    )  # fmt: skip
    found = Context("riley@mail.example", known_applications(engine_of(client)), [sent], record=frozenset())
    take(engine_of(client), found, "INBOX", 1, 7, [answer], instant(WEDNESDAY_NOON, "now"))
    answered = proposal_of(client, "answered")
    item = section(client.get("/").text).split(f'id="proposal-{answered["id"]}"')[1].split("</li>")[0]
    assert ">They answered your email</h3>" in item and "“Re: Following up”" in item
    assert "In their words" not in item  # their subject, said once
    recorded = client.post(f"/api/mail/proposals/{answered['id']}/confirm", json={}).json()
    assert recorded["proposal"]["status"] == "confirmed"
    last = client.get("/api/applications/1").json()["timeline"][-1]
    assert (last["kind"], last["channel"], last["answered"]) == ("contacted", "email", True)


def test_an_invitation_attached_is_imported_when_confirmed(client: TestClient) -> None:
    calendar = (Path(__file__).parent / "data" / "invitations" / "outlook_request.ics").read_text()
    invited = Incoming(
        uid=8, message_id="<i1@northwind.example>", sender="dana@northwind.example",
        subject="Invitation: second round", said_at=instant("2026-03-04T08:00:00-06:00", "said_at"),
        calendars=(calendar,),
    )  # fmt: skip
    mail(engine_of(client), [invited])
    invitation = proposal_of(client, "invitation")
    item = section(client.get("/").text)
    assert ">An interview invitation</h3>" in item and "The invitation: Interview:" in item
    done = client.post(
        f"/mail/proposals/{invitation['id']}/confirm",
        data={"csrf": form_token(client, "/"), "back": "/"},
        follow_redirects=False,
    )
    assert done.headers["location"] == "/?done=mail-confirmed"
    rounds = [
        item for item in client.get("/api/applications/1").json()["timeline"] if item["kind"] == "interview"
    ]
    assert [item["round"] for item in rounds] == [1, 2]
    assert proposal_of(client, "invitation")["status"] == "confirmed"


# The pages and their forms, through the test client.


def section(page: str, heading: str = "mail-heading") -> str:
    """The part of a page under a heading, to its section's end."""
    return page.split(f'id="{heading}"')[1].split("</section>")[0]


def test_today_shows_what_the_mail_proposes_with_its_message_and_words(client: TestClient) -> None:
    assert "Read from your mail" not in client.get("/").text  # nothing to review: no section
    mail(engine_of(client), [REJECTION, DECISION])
    shown = section(client.get("/").text)
    assert "Read from your mail" in shown
    rejected, decision = shown.split('<li class="card proposal"')[1:]
    assert "<h3" in rejected and ">Rejected</h3>" in rejected
    assert '<a href="/applications/1">Northwind Traders, Category buyer</a>' in rejected
    assert "From dana@northwind.example" in rejected and "“Your interview”" in rejected
    assert "Wed 4 Mar 10:00</time> your time" in rejected  # New York
    assert "(09:00 theirs, America/Chicago)" in rejected
    assert "“Unfortunately we have decided to move forward with other candidates”" in rejected
    assert ">A decision by Friday 6 March</h3>" in decision
    assert '<a href="/applications/2">Contoso, Buyer</a>' in decision
    for item in (rejected, decision):
        assert item.count('name="csrf"') == 1 and 'name="back" value="/"' in item
        assert ">Confirm</button>" in item and ">Dismiss</button>" in item


def test_a_message_said_on_another_day_there_says_which_day(client: TestClient) -> None:
    late = message(
        4, "lee@contoso.example", "Late news", "2026-03-03T23:30:00-06:00",
        "We will make a decision by Friday.",
    )  # fmt: skip
    mail(engine_of(client), [late])
    shown = section(client.get("/").text)
    assert "Wed 4 Mar 00:30</time> your time" in shown  # New York, past midnight
    assert "(Tue 3 Mar 23:30 theirs, America/Chicago)" in shown  # their day, said as it is another


def test_a_maybe_is_shown_as_one(client: TestClient) -> None:
    mail(engine_of(client), [REJECTION])
    unsure = {**proposal_of(client, "rejected"), "maybe": True}
    assert proposal_words(unsure) == "Rejected"
    template = client.app.state.templates.get_template("_mail.html")  # type: ignore[attr-defined]
    context = {"mine": str, "theirs": lambda iso, zone: iso, "proposed": proposal_words, "csrf": "t"}
    shown = template.make_module(context).mail_section([unsure], "/")
    assert '<em class="maybe">maybe</em> Rejected</h3>' in str(shown)


@pytest.mark.parametrize(
    ("item", "said"),
    [
        ({"kind": "answered"}, "They answered your email"),
        ({"kind": "invitation"}, "An interview invitation"),
        ({"kind": "rejected"}, "Rejected"),
        ({"kind": "offer"}, "An offer"),
        (
            {"kind": "decision_by", "date": "2026-03-09", "until": "2026-03-13"},
            "A decision by Friday 13 March",
        ),
        ({"kind": "decision_by", "date": "2027-01-08"}, "A decision by Friday 8 January 2027"),
        ({"kind": "no_contact", "channels": ["phone"]}, "No contact by phone"),
        ({"kind": "no_contact", "channels": []}, "No contact at all"),
        ({"kind": "wait_for_us"}, "They will be in touch: no status check"),
        ({"kind": "prefer_channel", "channel": "email"}, "They prefer contact by email"),
        ({"kind": "call_back", "date": "2026-03-10"}, "Get back to them on Tuesday 10 March"),
        ({"kind": "decision_by", "date": None}, "Decision by"),  # a date it lacks: never an error
    ],
)
def test_each_proposal_is_said_in_plain_words(item: dict[str, Any], said: str) -> None:
    assert proposal_words(item, datetime(2026, 3, 4).date()) == said


def test_the_forms_confirm_and_dismiss_and_go_back_with_a_notice(client: TestClient) -> None:
    mail(engine_of(client), [REJECTION, DECISION])
    rejected, decision = proposal_of(client, "rejected")["id"], proposal_of(client, "decision_by")["id"]
    token = form_token(client, "/")
    client.get("/")  # Today, kept until the store changes
    confirmed = client.post(
        f"/mail/proposals/{rejected}/confirm", data={"csrf": token, "back": "/"}, follow_redirects=False
    )
    assert confirmed.status_code == 303 and confirmed.headers["location"] == "/?done=mail-confirmed"
    today = client.get(confirmed.headers["location"]).text
    assert '<p class="done" role="status">Recorded from your mail: the advice follows it.</p>' in today
    assert f'id="proposal-{rejected}"' not in today and f'id="proposal-{decision}"' in today
    assert "Northwind Traders" in section(today, "let-go")  # the rejection moved it on
    assert kinds(client.get("/api/applications/1").json()["timeline"])[-1] == "rejected"

    timeline = client.get("/api/applications/2").json()["timeline"]
    dismissed = client.post(
        f"/mail/proposals/{decision}/dismiss",
        data={"csrf": token, "back": "/applications/2"},
        follow_redirects=False,
    )
    assert (
        dismissed.status_code == 303
        and dismissed.headers["location"] == "/applications/2?done=mail-dismissed"
    )
    page = client.get(dismissed.headers["location"]).text
    assert "Dismissed: nothing recorded" in page and "Read from your mail" not in page
    assert client.get("/api/applications/2").json()["timeline"] == timeline
    assert "Read from your mail" not in client.get("/").text  # a kept Today no longer lists it

    again = client.post(
        f"/mail/proposals/{decision}/confirm", data={"csrf": token, "back": "/"}, follow_redirects=False
    )
    assert again.headers["location"] == "/?done=mail-decided"
    assert "That was decided already" in client.get(again.headers["location"]).text
    assert client.get("/api/applications/2").json()["timeline"] == timeline


def test_a_page_kept_until_the_store_changes_never_lists_one_dismissed(client: TestClient) -> None:
    """A dismissal records nothing, yet Today and the application's page shown before it (kept
    until the store changes, or the minute turns) no longer list it."""
    mail(engine_of(client), [DECISION])
    proposal = proposal_of(client, "decision_by")["id"]
    for page in ("/", "/applications/2"):
        assert f'id="proposal-{proposal}"' in client.get(page).text
    dismissed = client.post(
        f"/mail/proposals/{proposal}/dismiss", data={"csrf": form_token(client, "/"), "back": "/"}
    )
    assert dismissed.status_code == 200  # Today, after the redirect
    for page in ("/", "/applications/2"):
        assert "Read from your mail" not in client.get(page).text, page


def test_a_form_without_its_token_or_for_another_site_changes_nothing(client: TestClient) -> None:
    mail(engine_of(client), [REJECTION])
    proposal = proposal_of(client, "rejected")["id"]
    assert client.post(f"/mail/proposals/{proposal}/confirm", data={"back": "/"}).status_code == 403
    forged = {"csrf": "forged", "back": "/"}
    assert client.post(f"/mail/proposals/{proposal}/dismiss", data=forged).status_code == 403
    foreign = {"origin": "http://attacker.example"}
    token = form_token(client, "/")
    refused = client.post(f"/mail/proposals/{proposal}/confirm", data={"csrf": token}, headers=foreign)
    assert refused.status_code == 403
    assert proposal_of(client, "rejected")["status"] == "open"


@pytest.mark.parametrize("back", ["https://attacker.example/", "//attacker.example", "/settings", ""])
def test_a_form_goes_back_only_to_a_page_that_lists_proposals(client: TestClient, back: str) -> None:
    mail(engine_of(client), [REJECTION])
    proposal = proposal_of(client, "rejected")["id"]
    done = client.post(
        f"/mail/proposals/{proposal}/dismiss",
        data={"csrf": form_token(client, "/"), "back": back},
        follow_redirects=False,
    )
    assert done.headers["location"] == "/applications/1?done=mail-dismissed"  # its application's page


@pytest.mark.parametrize("back", ["/", "/applications/1"])
def test_what_does_not_fit_the_application_is_shown_next_to_it_and_nothing_recorded(
    client: TestClient, back: str
) -> None:
    """A message read at a moment later than the app's clock (`followup serve --now`, a look
    back): its event would be after now."""
    mail(engine_of(client), [message(5, "dana@northwind.example", "Update", "2026-03-05T09:00:00-06:00",
                                     REJECTION.text)], now="2026-03-06T12:00:00-06:00")  # fmt: skip
    proposal = proposal_of(client, "rejected")["id"]
    timeline = client.get("/api/applications/1").json()["timeline"]
    refused = client.post(
        f"/mail/proposals/{proposal}/confirm", data={"csrf": form_token(client, "/"), "back": back}
    )
    assert refused.status_code == 400
    item = refused.text.split(f'id="proposal-{proposal}"')[1].split("</li>")[0]
    assert f'<p class="error" id="proposal-{proposal}-error" role="alert">Not recorded: event.at:' in item
    assert "is after now" in item
    api = client.post(f"/api/mail/proposals/{proposal}/confirm", json={})
    assert api.status_code == 400 and api.json()["error"]["field"] == "event.at"
    assert client.get("/api/applications/1").json()["timeline"] == timeline
    assert proposal_of(client, "rejected")["status"] == "open"


def test_an_applications_page_lists_its_own_and_what_was_recorded_without_asking(client: TestClient) -> None:
    mail(engine_of(client), [REJECTION], record=frozenset({"answered", "rejected"}))
    mail(engine_of(client), [DECISION])
    northwind = client.get("/applications/1").text
    assert "Read from your mail" not in northwind  # nothing left to confirm there
    recorded = section(northwind, "mail-recorded-heading")
    assert "Recorded from your mail" in recorded and "<strong>Rejected</strong>" in recorded
    assert "From dana@northwind.example" in recorded and "<form" not in recorded
    assert "Unfortunately we have decided" in section(northwind, "timeline-heading")
    contoso = client.get("/applications/2").text
    listed = section(contoso)
    assert "A decision by Friday 6 March" in listed and "Rejected" not in listed
    assert 'name="back" value="/applications/2"' in listed
    assert '<a href="/applications/2">' not in listed  # on its own page, no link to itself
    assert "Recorded from your mail" not in contoso


def test_a_proposal_confirmed_on_its_applications_page_goes_back_there(client: TestClient) -> None:
    mail(engine_of(client), [NO_CALLS])
    proposal = proposal_of(client, "no_contact")["id"]
    assert "Called: no answer" in client.get("/applications/2").text
    done = client.post(
        f"/mail/proposals/{proposal}/confirm",
        data={"csrf": form_token(client, "/applications/2"), "back": "/applications/2"},
        follow_redirects=False,
    )
    assert done.headers["location"] == "/applications/2?done=mail-confirmed"
    page = client.get(done.headers["location"]).text
    assert "Recorded from your mail: the advice follows it." in page
    assert "No contact by phone" in section(page, "timeline-heading")
    assert "Called: no answer" not in page  # the advice follows: no call offered


# In Chromium.


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """Northwind and Contoso, with what three messages of theirs propose, served; your time New
    York."""
    db = f"sqlite:///{tmp_path / 'mail.sqlite3'}"
    engine = open_store(db)
    now = instant(WEDNESDAY_NOON, "now")
    read_model.add(engine, now, NORTHWIND_SITE)
    read_model.add(engine, now, CONTOSO)
    mail(engine, [REJECTION, DECISION, NO_CALLS])
    engine.dispose()
    now_file = tmp_path / "now"
    now_file.write_text(WEDNESDAY_NOON, encoding="utf-8")
    with serving(db, now_file) as base:
        yield base


@pytest.mark.browser
def test_a_job_seeker_confirms_and_dismisses_what_was_read_from_the_mail(served: str, browser: Any) -> None:
    base = served
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.goto(base + "/applications/1")
    assert "Let it go" not in page.get_by_role("region", name="What to do").inner_text()

    page.goto(base + "/")
    read = page.get_by_role("region", name="Read from your mail")
    assert read.get_by_role("listitem").count() == 3
    rejection = read.get_by_role("listitem").filter(has_text="Rejected")
    said = rejection.inner_text()
    assert "Northwind Traders, Category buyer" in said and "dana@northwind.example" in said
    assert "Wed 4 Mar 10:00 your time (09:00 theirs, America/Chicago)" in said
    assert "Unfortunately we have decided to move forward with other candidates" in said
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "today-mail.png"), full_page=True)

    rejection.get_by_role("button", name="Confirm").click()  # recorded
    assert page.get_by_role("status").inner_text() == "Recorded from your mail: the advice follows it."
    assert "Rejected" not in read.inner_text() and read.get_by_role("listitem").count() == 2
    assert "Northwind Traders" in page.get_by_role("region", name="Let go").inner_text()
    page.get_by_role("link", name="Northwind Traders, Category buyer").first.click()
    assert "Let it go" in page.get_by_role("region", name="What to do").inner_text()
    timeline = page.get_by_role("region", name="Timeline").inner_text()
    assert "They are not going ahead with you" in timeline and "Unfortunately we have decided" in timeline

    page.goto(base + "/")
    decision = read.get_by_role("listitem").filter(has_text="A decision by Friday 6 March")
    assert "Contoso, Buyer" in decision.inner_text()
    decision.get_by_role("button", name="Dismiss").click()  # nothing recorded
    assert page.get_by_role("status").inner_text().startswith("Dismissed: nothing recorded")
    assert "A decision by" not in read.inner_text() and read.get_by_role("listitem").count() == 1
    page.goto(base + "/applications/2")
    assert "decision" not in page.get_by_role("region", name="Timeline").inner_text()

    # The last one, on Contoso's own page: it goes back there, and the advice follows.
    read = page.get_by_role("region", name="Read from your mail")
    assert read.get_by_role("listitem").count() == 1
    assert page.get_by_role("button", name="Called: no answer").is_visible()
    read.get_by_role("button", name="Confirm").click()
    assert page.url == base + "/applications/2?done=mail-confirmed"
    assert "No contact by phone" in page.get_by_role("region", name="Timeline").inner_text()
    assert page.get_by_role("button", name="Called: no answer").count() == 0
    assert page.get_by_role("region", name="Read from your mail").count() == 0
    page.goto(base + "/")
    assert page.get_by_role("region", name="Read from your mail").count() == 0  # all decided: gone
    page.close()


@pytest.mark.browser
def test_the_section_fits_a_phone(served: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in ("/", "/applications/2"):
        page.goto(served + path)
        assert page.get_by_role("region", name="Read from your mail").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.close()


@pytest.fixture
def axe() -> None:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is needed under CI: npm ci")
        pytest.skip("no axe-core in node_modules (npm ci)")


@pytest.mark.browser
@pytest.mark.usefixtures("axe")
def test_the_pages_with_what_the_mail_proposes_pass_the_accessibility_checks(
    tmp_path: Path, browser: Any
) -> None:
    db = f"sqlite:///{tmp_path / 'a11y.sqlite3'}"
    engine = open_store(db)
    now = instant(WEDNESDAY_NOON, "now")
    read_model.add(engine, now, NORTHWIND_SITE)
    read_model.add(engine, now, CONTOSO)
    mail(engine, [REJECTION], record=frozenset({"rejected"}))  # recorded without asking
    mail(engine, [DECISION, NO_CALLS])
    engine.dispose()
    now_file = tmp_path / "now"
    now_file.write_text(WEDNESDAY_NOON, encoding="utf-8")
    with serving(db, now_file) as base:
        page = browser.new_page(**AS_SERVED_BUT_FOR_THE_POLICY)
        for path in ("/", "/applications/1", "/applications/2"):
            page.goto(base + path)
            assert violations(page) == [], path
        page.close()
        for path in ("/", "/applications/2"):
            walk_focus(base, browser, path)  # every Confirm and Dismiss in reading order, focus seen
