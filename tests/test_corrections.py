"""You teach the reader: a correction is kept with the message's template (its words with names,
dates and numbers masked), and the next message of the same template is read as corrected, and
says so; on SQLite and PostgreSQL, after a restart, and through an export and an import."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from followup.casefile.fields import instant
from followup.cli import cli
from followup.reading.templates import Correction, corrected, correction, template_of
from followup.web.app import create_app
from followup.web.dependencies import Clock
from tests.conftest import add_northwind, serving
from tests.test_reading import email_of
from tests.test_web import NORTHWIND

WORKDAY = """Dear {name},

Thank you for your interest in the {role} position at {company}. We have reviewed your
application carefully. While your background is impressive, we will not be moving forward
with your candidacy at this time. Requisition {number} remains open until {day}.

Kind regards,
{company} Talent Acquisition"""

FIRST = WORKDAY.format(
    name="Maria", role="Data Analyst", company="Acme Corp", number="R-10442", day="14 March"
)
SECOND = WORKDAY.format(
    name="Jonathan", role="Senior Backend Engineer", company="Globex", number="JR0099", day="2 June"
)
OTHER = """Dear Maria,

Thank you for your interest in the Data Analyst position at Acme Corp. We have reviewed your
application carefully and would like to invite you to a second interview next week."""


AFTER_THE_INTERVIEW = (
    "Hi Sam, thanks for coming in on Tuesday. The team enjoyed meeting you. We expect to wrap "
    "things up by Friday. Please don't call the office, we will email you."
)


def test_messages_of_one_template_have_one_key_whatever_the_names_dates_and_numbers() -> None:
    first, second, other = template_of(FIRST), template_of(SECOND), template_of(OTHER)
    assert first is not None and second is not None and other is not None
    assert first.key == second.key
    assert other.key != first.key
    assert "maria" not in first.masked and "acme" not in first.masked and "10442" not in first.masked
    assert "we will not be moving forward" in first.masked  # the words that say something stay


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hi Sam, thanks for coming in. Please DO NOT call the office; we will email you our decision.",
         "Hi Sam, thanks for coming in. Please DO call the office; we will email you our decision."),
        ("Don't call us about the result, we will write to you when the panel is done.",
         "Do call us about the result, we will write to you when the panel is done."),
        ("Dear Maria, the status of your application has been updated to: Not Selected. See your page.",
         "Dear Maria, the status of your application has been updated to: Offer Extended. See your page."),
    ],
)  # fmt: skip
def test_words_that_say_something_are_never_masked(one: str, other: str) -> None:
    first, second = template_of(one), template_of(other)
    assert first is not None and second is not None and first.key != second.key


def test_a_role_with_small_words_in_it_masks_as_any_other() -> None:
    finance = FIRST.replace("Data Analyst", "Finance Business Partner")
    head = FIRST.replace("Data Analyst", "Head of Customer Experience")
    assert template_of(finance).key == template_of(head).key  # type: ignore[union-attr]


def test_a_span_of_words_never_takes_in_the_sentence_before() -> None:
    text = "You met Jane Doe from Contoso Analytics. Hang tight while the panel confers, we will write."
    template = template_of(text)
    assert template is not None
    start = text.index("Hang tight")
    begin, end = template.span(template.words_at(start, start + len("Hang tight while the panel confers")))
    assert text[begin:end] == "Hang tight while the panel confers"


def test_a_long_template_is_shown_cut_at_a_word() -> None:
    from followup.reading.templates import SHOWN, shortened

    template = template_of(FIRST * 3)
    assert template is not None and len(template.masked) > SHOWN
    shown = shortened(template.masked)
    assert len(shown) <= SHOWN and shown.endswith("\u2026") and template.masked.startswith(shown[:-1])


def test_words_too_few_or_too_many_are_no_template() -> None:
    assert template_of(FIRST * 200) is None  # a paste of many messages: no one message's template
    assert template_of("Thanks Bob!") is None
    assert template_of("Call me on Friday.") is None


def test_a_span_of_words_is_the_same_span_in_another_message_of_the_template() -> None:
    first, second = template_of(FIRST), template_of(SECOND)
    assert first is not None and second is not None
    start = FIRST.index("we will not be moving forward")
    words = first.words_at(start, start + len("we will not be moving forward"))
    begin, end = second.span(words)
    assert SECOND[begin:end] == "we will not be moving forward"


def read(kind: str, start: int = 0, end: int = 10, **fields: Any) -> dict[str, Any]:
    signal = {"kind": kind, "date": None, "until": None, "channels": [], "channel": None,
              "silence_means_no": False, "released": False, "confidence": 0.5, "maybe": True,
              "evidence": "words", "start": start, "end": end, "corrected": None}  # fmt: skip
    return {**signal, **fields}


MARCH_4 = datetime(2026, 3, 4, 15, tzinfo=UTC)


def test_the_latest_correction_of_a_kind_wins_and_a_sure_signal_kept_as_read_teaches_nothing() -> None:
    template = template_of(FIRST)
    assert template is not None
    said = date(2026, 3, 4)
    sure = read("rejected", maybe=False, confidence=0.9)
    assert correction(sure, sure, said, MARCH_4) is None
    dismissed = correction(sure, None, said, MARCH_4)
    confirmed = Correction(
        "rejected", {"kind": "rejected", "fields": {}, "words": None}, datetime(2026, 3, 5, tzinfo=UTC)
    )
    assert dismissed is not None
    signals, gone = corrected([sure], template, said, [confirmed, dismissed])
    assert signals[0]["corrected"]["words"] == "read as you confirmed on 5 March 2026" and gone == []
    signals, gone = corrected([sure], template, said, [dismissed])
    assert signals == [] and gone[0]["words"] == "not read as rejected: you dismissed it on 4 March 2026"


def test_a_corrected_date_is_the_same_weekday_as_many_weeks_on() -> None:
    template = template_of(FIRST)
    assert template is not None
    wednesday = date(2026, 3, 4)
    found = read("decision_by", date="2026-03-06")
    taught = correction(found, {**found, "date": "2026-03-09"}, wednesday, MARCH_4)  # Monday next week
    assert taught is not None and taught.what == "changed"
    tuesday = date(2026, 5, 5)
    signals, _gone = corrected([read("decision_by", date="2026-05-08")], template, tuesday, [taught])
    assert signals[0]["date"] == "2026-05-11"  # the Monday of the week after, again
    named = read("decision_by", date="2026-05-27")  # the message names another date: it stands
    assert corrected([named], template, tuesday, [taught])[0][0]["date"] == "2026-05-27"


def test_a_corrected_date_never_falls_before_the_day_said() -> None:
    template = template_of(FIRST)
    assert template is not None
    monday = date(2026, 3, 2)
    found = read("decision_by")  # no date read
    taught = correction(found, {**found, "date": "2026-03-06"}, monday, MARCH_4)  # that Friday
    assert taught is not None
    saturday = date(2026, 3, 7)
    signals, _gone = corrected([read("decision_by")], template, saturday, [taught])
    assert signals[0]["date"] is None


def test_a_signal_added_takes_its_words_from_the_new_message() -> None:
    template, other = template_of(FIRST), template_of(SECOND)
    assert template is not None and other is not None
    start = FIRST.index("we will not be moving forward")
    words = list(template.words_at(start, start + 29))
    added = correction(None, {"kind": "rejected", "words_at": words}, date(2026, 3, 4), MARCH_4)
    assert added is not None and added.what == "added"
    signals, _gone = corrected([], other, date(2026, 6, 1), [added])
    assert [(s["kind"], s["evidence"], s["maybe"]) for s in signals] == [
        ("rejected", "we will not be moving forward", False)
    ]


# The command line, on a store of each kind, each command a process of its own.


def followup(*args: str, db: str, now: str = "2026-03-04T15:00:00+00:00") -> subprocess.CompletedProcess[str]:
    """followup in a process of its own: what a correction left is read after a restart."""
    return subprocess.run(
        [sys.executable, "-m", "followup", *args, "--db", db, "--now", now],
        capture_output=True, text=True, timeout=120, env={**os.environ, "TZ": "UTC"},
    )  # fmt: skip


def test_a_corrected_template_is_read_as_corrected_after_a_restart(store_url: str) -> None:
    said = ["--said-at", "2026-03-04T10:00:00+00:00", "--country", "GB", "--timezone", "Europe/London"]
    taught = followup(
        "correct", FIRST, *said,
        "--set", "rejected evidence='we will not be moving forward with your candidacy'",
        db=store_url,
    )  # fmt: skip
    assert taught.returncode == 0, taught.stderr
    assert "Kept 1 correction" in taught.stderr
    later = ["--said-at", "2026-05-06T09:00:00+00:00", "--country", "GB", "--timezone", "Europe/London"]
    shown = followup("read", SECOND, *later, "--json", db=store_url, now="2026-05-06T12:00:00+00:00")
    assert shown.returncode == 0, shown.stderr
    body = json.loads(shown.stdout)
    rejected = [signal for signal in body["signals"] if signal["kind"] == "rejected"]
    assert len(rejected) == 1 and rejected[0]["maybe"] is False
    assert rejected[0]["corrected"]["on"] == "2026-03-04"  # whether the reader had read it or not
    words = followup("read", SECOND, *later, db=store_url, now="2026-05-06T12:00:00+00:00").stdout
    assert "on 4 March 2026" in words
    listed = json.loads(followup("corrections", "--json", db=store_url).stdout)["corrections"]
    assert [one["kind"] for one in listed] == ["rejected"] and listed[0]["what"] in ("added", "confirmed")
    assert "maria" not in listed[0]["words"] and "acme" not in listed[0]["words"]


def test_a_date_is_corrected_in_an_email_of_another_day(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'taught.sqlite3'}"
    words = "Hi Sam, thanks for coming in. The panel meets soon and we expect to wrap things up by Friday."
    said = ["--said-at", "2026-03-04T10:00:00-06:00", "--timezone", "America/Chicago", "--country", "US"]
    done = CliRunner().invoke(
        cli, ["correct", words, *said, "--set", "decision_by date=2026-03-09", "--db", db]
    )
    assert done.exit_code == 0, done.output  # on 7 December, a correction of what was said on 4 March
    assert "date 2026-03-09" in done.stdout


def test_a_dismissal_is_said_and_forgetting_it_reads_as_before(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'taught.sqlite3'}"
    runner = CliRunner()
    words = AFTER_THE_INTERVIEW
    said = ["--said-at", "2026-03-04T10:00:00+00:00", "--db", db, "--now", "2026-03-04T15:00:00+00:00"]
    before = json.loads(runner.invoke(cli, ["read", words, *said, "--json"]).stdout)
    assert "no_contact" in [signal["kind"] for signal in before["signals"]]
    done = runner.invoke(cli, ["correct", words, *said, "--dismiss", "no_contact"])
    assert done.exit_code == 0, done.output
    again = words.replace("Sam", "Lee").replace("Tuesday", "Monday")
    after = runner.invoke(cli, ["read", again, *said])
    assert "not read as no contact: you dismissed it on 4 March 2026" in after.stdout
    assert "no_contact (" not in after.stdout
    forgotten = runner.invoke(cli, ["corrections", "forget", "1", "--db", db])
    assert forgotten.exit_code == 0, forgotten.output
    assert "no_contact (channels phone)" in runner.invoke(cli, ["read", again, *said]).stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--dismiss", "offer"], "no offer was read in these words"),
        (["--set", "banana"], "unknown kind 'banana'"),
        (["--set", "decision_by date=someday evidence='remains open until'"], "expected a date"),
        (["--set", "decision_by colour=red"], "'colour=red' is not field=value"),
        (["--set", "rejected evidence='words that are not there'"], "is not in the words"),
        (["--set", "no_contact channels=fax"], "fax"),
        (["--set", "offer=on_hold"], "no offer was read in these words"),
        (["--set", "offer"], "give the words that say it"),
        (["--set", "rejected channel=phone"], "a rejected has no channel"),
        (["--confirm", "rejected", "--dismiss", "rejected"], "rejected corrected twice"),
        ([], "say what to correct"),
    ],
)
def test_a_correction_that_is_not_one_is_refused_and_nothing_is_kept(
    tmp_path: Path, options: list[str], message: str
) -> None:
    db = f"sqlite:///{tmp_path / 'taught.sqlite3'}"
    run = CliRunner().invoke(cli, ["correct", FIRST, "--db", db, *options])
    assert run.exit_code == 2 and message in run.output and "Traceback" not in run.output
    listed = CliRunner().invoke(cli, ["corrections", "--json", "--db", db])
    assert json.loads(listed.stdout) == {"corrections": []}


def test_corrections_travel_with_an_export_and_an_import(tmp_path: Path) -> None:
    runner = CliRunner()
    first, second = f"sqlite:///{tmp_path / 'one.sqlite3'}", f"sqlite:///{tmp_path / 'two.sqlite3'}"
    taught = runner.invoke(
        cli, ["correct", FIRST, "--db", first, "--set", "rejected evidence='we will not be moving forward'"]
    )
    assert taught.exit_code == 0, taught.output
    exported = tmp_path / "export.json"
    assert runner.invoke(cli, ["export", "--output", str(exported), "--db", first]).exit_code == 0
    assert json.loads(exported.read_text())["corrections"][0]["reading"]["kind"] == "rejected"
    told = []
    for _twice in range(2):  # the second import finds it there already
        imported = runner.invoke(cli, ["import", str(exported), "--db", second])
        assert imported.exit_code == 0, imported.output
        told.append(imported.output)
    assert "Imported 1 correction." in told[0] and "1 correction" in told[1]
    as_csv = tmp_path / "export.csv"
    assert runner.invoke(cli, ["export", "--output", str(as_csv), "--db", first]).exit_code == 0
    assert as_csv.read_text().startswith("record,")  # a .csv is written as CSV
    kept = json.loads(runner.invoke(cli, ["corrections", "--json", "--db", second]).stdout)["corrections"]
    assert len(kept) == 1
    shown = json.loads(runner.invoke(cli, ["read", SECOND, "--db", second, "--json"]).stdout)
    taught = [signal["corrected"] for signal in shown["signals"] if signal["kind"] == "rejected"]
    assert [one["on"] for one in taught] == [kept[0]["corrected_at"][:10]]


def test_an_imported_correction_that_is_not_one_is_named(tmp_path: Path) -> None:
    document = {
        "followup_export": 1,
        "corrections": [
            {"id": 1, "template": "0" * 32, "read_as": "rejected", "words": "w",
             "corrected_at": "2026-03-04T00:00:00+00:00",
             "reading": {"kind": "rejected", "fields": {"confidence": 1}}}
        ],
    }  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    run = CliRunner().invoke(cli, ["import", str(path), "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}"])
    assert run.exit_code == 2 and "corrections[0].reading.fields.confidence" in run.output


# The web app: a maybe ticked is confirmed, a kind dismissed is said so the next time.


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        f"sqlite:///{tmp_path / 'web.sqlite3'}", Clock(instant("2026-03-04T17:00:00-06:00", "now"))
    )
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


def test_what_you_dismiss_on_the_page_is_not_read_again_in_that_template(client: TestClient) -> None:
    application, page = northwind(client)
    words = AFTER_THE_INTERVIEW
    shown = client.post(f"{page}/read", data={"csrf": token(client, page), "text": words})
    assert shown.status_code == 200
    proposed = json.loads(_value(shown.text, "reading"))
    kinds = [signal["kind"] for signal in proposed["signals"]]
    ban = kinds.index("no_contact")
    events = [_value(shown.text, "event", n) for n in range(len(kinds))]
    kept = [event for n, event in enumerate(events) if n != ban]
    form = {"csrf": token(client, page), "reading": json.dumps(proposed), "event": kept, f"kind-{ban}": ""}
    done = client.post(f"{page}/said", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("?done=said-taught")
    assert "your corrections are kept" in client.get(done.headers["location"]).text
    timeline = [item["kind"] for item in client.get(f"/api{page}").json()["timeline"]]
    assert "no_contact" not in timeline and "decision_by" in timeline
    again = client.post(
        f"{page}/read", data={"csrf": token(client, page), "text": words.replace("Sam", "Lee")}
    )
    assert "Not read as no contact: you dismissed it on 4 March 2026" in again.text
    api = client.post("/api/read", json={"text": words.replace("Sam", "Kim"), "application": application})
    assert api.json()["dismissed"][0]["kind"] == "no_contact"


def northwind(client: TestClient) -> tuple[int, str]:
    """Northwind's application, added through the API: its id and its page."""
    application = client.post("/api/applications", json=NORTHWIND).json()["id"]
    return application, f"/applications/{application}"


def token(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(page).text)
    assert found is not None
    return found.group(1)


def _value(page: str, name: str, index: int = 0) -> str:
    import html

    found = re.findall(rf'name="{name}" value="([^"]*)"', page)
    return html.unescape(found[index])


@pytest.mark.browser
def test_a_dismissal_made_in_the_browser_is_said_the_next_time(tmp_path: Path, browser: Any) -> None:
    now_file = tmp_path / "now"
    now_file.write_text("2026-03-04T17:00:00-06:00", encoding="utf-8")
    with serving(f"sqlite:///{tmp_path / 'taught.sqlite3'}", now_file) as base:
        page = browser.new_page()
        add_northwind(page, base)
        words = AFTER_THE_INTERVIEW
        page.get_by_label("Paste their email").fill(words)
        page.get_by_role("button", name="Read it").click()
        page.get_by_label("Correct “no contact” to").select_option(label="nothing of the kind: dismiss it")
        page.get_by_role("button", name="Confirm and record").click()
        assert "No contact" not in page.get_by_role("region", name="Timeline").inner_text()
        page.get_by_label("Paste their email").fill(words.replace("Sam", "Lee"))
        page.get_by_role("button", name="Read it").click()
        assert page.get_by_text("Not read as no contact: you dismissed it on 4 March 2026").is_visible()
        assert page.get_by_label("Correct “no contact” to").count() == 0
        page.close()


def test_a_mailbox_is_read_as_corrected_too(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'taught.sqlite3'}"
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(cli, [*args, "--db", db, "--now", "2026-03-06T12:00:00-06:00"])

    added = run("employer", "add", "Acme Corp", "--country", "US", "--subdivision", "IL",
                "--website", "https://www.acme.example")  # fmt: skip
    assert added.exit_code == 0, added.output
    interview = ["--interview", "2026-03-03T10:00:00-06:00"]
    assert run("add", "--employer", "Acme Corp", "--role", "Analyst", *interview).exit_code == 0
    words = AFTER_THE_INTERVIEW
    taught = run("correct", words, "--application", "1", "--said-at", "2026-03-04T10:00:00-06:00",
                 "--dismiss", "no_contact")  # fmt: skip
    assert taught.exit_code == 0, taught.output
    box = tmp_path / "inbox.mbox"
    box.write_text(
        f"From a Wed Mar  4 10:00:00 2026\n{email_of(words.replace('Sam', 'Jo'))}\n", encoding="utf-8"
    )
    done = run("import-mail", str(box), "--yes", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)["messages"][0]
    assert [signal["kind"] for signal in report["signals"]] == ["decision_by"]
    assert report["dismissed"][0]["kind"] == "no_contact"
    timeline = json.loads(run("show", "1", "--json").stdout)["timeline"]
    assert "no_contact" not in [item["kind"] for item in timeline]


def test_a_maybe_on_the_page_is_left_unticked_and_ticked_it_is_confirmed_for_its_template(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.reading import signals as signals_module

    monkeypatch.setattr(signals_module, "MAYBE", 0.7)  # a hedge, 0.65 sure, is a maybe
    application, page = northwind(client)
    words = "Dear Sam, thank you for meeting the team. We might decide by the 15th. Please don't call us."
    shown = client.post(f"{page}/read", data={"csrf": token(client, page), "text": words})
    boxes = re.findall(
        r'<input type="checkbox" id="signal-\d+" name="event" value="[^"]*"\s*(checked)?>', shown.text
    )
    proposed = json.loads(_value(shown.text, "reading"))
    kinds = [(signal["kind"], signal["maybe"]) for signal in proposed["signals"]]
    assert kinds == [("decision_by", True), ("no_contact", False)]
    assert boxes == ["", "checked"] and '<em class="maybe">maybe</em>' in shown.text
    events = [_value(shown.text, "event", n) for n in range(2)]
    form = {"csrf": token(client, page), "reading": json.dumps(proposed), "event": events}
    assert client.post(f"{page}/said", data=form, follow_redirects=False).status_code == 303
    again = client.post("/api/read", json={"text": words.replace("Sam", "Ann"), "application": application})
    decided = next(signal for signal in again.json()["signals"] if signal["kind"] == "decision_by")
    assert decided["maybe"] is False and decided["corrected"]["how"] == "confirmed"
