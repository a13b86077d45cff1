"""Drafts: every template renders for every purpose and channel, with and without the optional
data, personalised, and never with a gap, a placeholder or template syntax left in."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, insert

from followup.cli import cli
from followup.drafts import TEMPLATES, TemplateProblem, environment
from followup.service.applications import application
from followup.service.drafts import drafts
from followup.store import connect
from followup.store.applications import add_application, record_event
from followup.store.records import add_contact, add_interview, edit
from followup.store.schema import settings

NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
LEFT_OVER = re.compile(
    r"\{\{|\}\}|\{%|%\}|\bNone\b|\[|\]|\bTODO\b|\bXXX\b|<[a-z]+>|\(name\)|(?<=\S)  \S| ,| \."
)


@pytest.fixture(params=["bare", "full"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Engine, int, bool]:
    """An application with only what must be known, or with everything that may be."""
    engine = connect(f"sqlite:///{tmp_path / 'drafts.sqlite3'}")
    document = {"employer": {"name": "Northwind Traders", "country": "US", "subdivision": "IL"},
                "interview": {"at": "2026-03-02T10:00:00-06:00"}}  # fmt: skip
    full = request.param == "full"
    application_id = add_application(engine, document, now=NOW, role="Category buyer" if full else "")
    if full:
        add_contact(
            engine, 1, {"name": "Dana Lee", "role": "Recruiter", "email": "dana@northwind.example"}, NOW
        )
        edit(engine, "employer", 1, {"address": "200 W Madison St, Chicago"}, NOW)
        add_interview(
            engine,
            application_id,
            {
                "at": "2026-03-03T14:00:00-06:00",
                "interviewers": ["Sam Ortiz", "Ana Ruiz"],
                "notes": "The spring catalogue and its suppliers. Ask about the team size.",
            },
            NOW,
        )
        record_event(
            engine,
            application_id,
            {"at": NOW.isoformat(), "kind": "decision_by", "date": "2026-03-06"},
            now=NOW,
        )
        with engine.begin() as connection:
            mine = [
                {"name": "your_name", "value": "Riley Chen"},
                {"name": "your_phone", "value": "+1 312 555 0199"},
            ]
            connection.execute(insert(settings), mine)
    return engine, application_id, full


@pytest.mark.parametrize("on_page", [False, True], ids=["command line", "web page"])
@pytest.mark.parametrize(("purpose", "channel"), sorted(TEMPLATES))
def test_every_draft_renders_whole(
    store: tuple[Engine, int, bool], purpose: str, channel: str, on_page: bool
) -> None:
    engine, application_id, full = store
    advice = {**application(engine, NOW, application_id)["advice"], "purpose": purpose, "channel": channel}
    advice["ruled_out"] = []  # every template, even a visit's (an uninvited visit has none: test_channels)
    made = drafts(engine, application_id, advice, on_page=on_page)
    assert [found.title for found in made]
    for found in made:
        assert not LEFT_OVER.search(found.text), found.text
        assert "Northwind Traders" in found.text or found.subject
        if full:
            assert "Category buyer" in found.text + (found.subject or "")
        if on_page:
            assert "followup contacted" not in found.text  # on a page, the buttons to press
        if full and (found.subject is not None or found.title != "Voicemail"):
            assert "the spring catalogue and its suppliers" in found.text  # what was discussed
        if found.subject is not None:
            assert not LEFT_OVER.search(found.subject)
            assert found.to == ("dana@northwind.example" if full else None)
            assert ("Dear Dana Lee," if full else "Hello,") in found.text
            assert found.text.rstrip().endswith(
                "Riley Chen\n+1 312 555 0199".rstrip() if full else "Best regards,"
            )


def test_the_thank_you_mentions_the_interviewers_and_their_date(store: tuple[Engine, int, bool]) -> None:
    engine, application_id, full = store
    advice = {
        **application(engine, NOW, application_id)["advice"],
        "purpose": "thank_you",
        "channel": "email",
    }
    text = drafts(engine, application_id, advice)[0].text
    if full:
        assert "with Sam Ortiz and Ana Ruiz" in text and "decide by Friday 6 March" in text
        assert "on Tuesday 3 March" in text  # the latest round
    else:
        assert "on Monday 2 March" in text


@pytest.mark.parametrize(
    ("notes", "topic"),
    [
        ("The spring catalogue.", "the spring catalogue"),
        ("Kubernetes migration; and more", "Kubernetes migration; and more"),
        ("Your plans for Asia! Then lunch.", "your plans for Asia"),
        ("  \n", None),
        ("x" * 130, None),  # too long to read as a phrase: left out
    ],
)
def test_what_was_discussed_reads_as_a_phrase(notes: str, topic: str | None) -> None:
    from followup.drafts import _topic

    assert _topic(notes) == topic


def test_no_draft_when_the_advice_is_no_contact(store: tuple[Engine, int, bool]) -> None:
    engine, application_id, _full = store
    advice = {
        **application(engine, NOW, application_id)["advice"],
        "purpose": None,
        "action": "do_not_contact",
    }
    assert drafts(engine, application_id, advice) == []


def test_a_template_in_your_config_folder_replaces_the_shipped_one(
    store: tuple[Engine, int, bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, application_id, _full = store
    folder = tmp_path / "config" / "followup" / "templates"
    folder.mkdir(parents=True)
    (folder / "check_in_email.txt").write_text(
        "Subject: Hi\n\nShort and kind, {{ employer }}.\n", encoding="utf-8"
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    advice = {**application(engine, NOW, application_id)["advice"], "purpose": "check_in", "channel": "email"}
    assert drafts(engine, application_id, advice)[0].text == "Short and kind, Northwind Traders.\n"
    assert environment().get_template("phone_script.txt")  # the others still come from followup


def test_followup_draft_prints_the_draft(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    employer = ["--employer", "Northwind Traders", "--country", "US", "--subdivision", "IL"]
    interview = ["--role", "Category buyer", "--interview", "2026-03-02T10:00:00-06:00"]
    discussed = ["--notes", "The new supplier portal"]
    store = ["--db", db, "--now", NOW.isoformat()]
    added = runner.invoke(cli, ["add", *employer, *interview, *discussed, *store])
    assert added.exit_code == 0
    shown = runner.invoke(cli, ["draft", "1", "--db", db, "--now", NOW.isoformat()])
    assert shown.exit_code == 0 and "Subject: Following up on the Category buyer position" in shown.stdout
    assert "in particular in the new supplier portal" in shown.stdout
    second = ["interview", "add", "1", "--at", "2026-03-05T09:00:00-06:00", "--notes", "Pricing models"]
    assert runner.invoke(cli, [*second, "--db", db, "--now", NOW.isoformat()]).exit_code == 0
    later = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    shown = runner.invoke(cli, ["draft", "1", "--db", db, "--now", later.isoformat()])
    assert "in particular in Pricing models" in shown.stdout  # the latest round's
    phone = runner.invoke(
        cli, ["draft", "1", "--channel", "phone", "--json", "--db", db, "--now", later.isoformat()]
    )
    assert [draft["title"] for draft in __import__("json").loads(phone.stdout)["drafts"]] == [
        "Phone script",
        "Voicemail",
    ]


def test_a_thank_you_by_phone_or_in_person_thanks_and_keeps_what_they_said_in_mind(
    store: tuple[Engine, int, bool],
) -> None:
    engine, application_id, full = store
    for channel in ("phone", "visit"):
        advice = {
            **application(engine, NOW, application_id)["advice"],
            "purpose": "thank_you",
            "channel": channel,
            "ruled_out": [],  # as if they had invited it
        }
        text = drafts(engine, application_id, advice)[0].text
        assert "thank you for your time" in text
        assert "where things stand" not in text  # a thank-you asks nothing
        if full:
            assert (
                "you met Sam Ortiz and Ana Ruiz" in text
                and "they said they would decide by Friday 6 March" in text
            )


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("Subject: Hi\n\n{{ employer }\n", "line 3"),  # broken syntax, and where
        ("Subject: Hi\n\n{{ hiring_manager }}\n", "hiring_manager"),  # a name it does not know
        ("Subject: Hi\n\nDear [Your Name],\n", "'[Your Name]' to fill in"),  # a placeholder left
    ],
)
def test_a_broken_template_of_yours_is_named_with_what_is_wrong(
    store: tuple[Engine, int, bool],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    template: str,
    problem: str,
) -> None:
    engine, application_id, _full = store
    folder = tmp_path / "config" / "followup" / "templates"
    folder.mkdir(parents=True)
    (folder / "check_in_email.txt").write_text(template, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    advice = {**application(engine, NOW, application_id)["advice"], "purpose": "check_in", "channel": "email"}
    with pytest.raises(TemplateProblem) as raised:
        drafts(engine, application_id, advice)
    assert "check_in_email.txt" in str(raised.value) and problem in str(raised.value)


def test_the_phone_script_asks_its_question_with_a_question_mark(store: tuple[Engine, int, bool]) -> None:
    engine, application_id, _full = store
    advice = {**application(engine, NOW, application_id)["advice"], "purpose": "check_in", "channel": "phone"}
    script = drafts(engine, application_id, {**advice, "ruled_out": []})[0].text
    assert "Is now a good moment for a quick question?" in script
    assert "question." not in script
