"""The documentation keeps up with the code: these tests fail when something is undocumented.

docs/rules.md must have a section for every rule id the engine uses (and none it lacks), and
show every Policy setting with its default and each country's default hours; docs/case-file.md
every setting, event kind, action, purpose, channel, hours key, output field and command-line
option. Every example case must advise, and every case file shown must be one of them. Every
`followup` command shown in README.md and docs/*.md must parse, and every console session in
docs/*.md must show the output the command really prints.

When the wording of the advice changes, refresh the console sessions with
`python tests/test_docs.py`, then read the diff before committing it.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import click
import pytest

from followup.casefile import load_case
from followup.casefile.hours import KEYS as HOURS_KEYS
from followup.casefile.limits import (
    LARGEST_CASE_FILE,
    LARGEST_IMPORT,
    LARGEST_WHOLE,
    LONGEST,
    LONGEST_CELL,
    LONGEST_JSON,
    MANY_LINES,
    MOST_EVENTS,
    MOST_INTERVIEWERS,
    MOST_NESTED,
    OTHER_TEXT,
)
from followup.casefile.stored import STATUSES
from followup.cli import cli, every_command
from followup.core import DEFAULT_POLICY, Action, Channel, Kind, Policy, Purpose, advise
from followup.core.countries import DEFAULT_HOURS
from followup.rendering.advice import advice_json

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RULES = DOCS / "rules.md"
CASE_FILE = DOCS / "case-file.md"
CORE = sorted((ROOT / "src" / "followup" / "core").glob("*.py"))
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
PAGES = sorted(DOCS.glob("*.md")) + [path for path in [ROOT / "README.md"] if path.exists()]

RULE_HEADING = re.compile(r"^### `([a-z_]+\.[a-z_]+)`", re.MULTILINE)
FENCED_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def quoted(name: str) -> str:
    """How a name appears in the docs: as code."""
    return f"`{name}`"


# Rules and settings.


def rule_ids_in_engine() -> set[str]:
    """The ids of the core's rules (core.model.Rule)."""
    from followup.core import Rule

    return {rule.value for rule in Rule}


def test_rule_ids_are_found_in_the_engine() -> None:
    assert {"schedule.first_check_in", "instruction.decision_by", "windows.hours"} <= rule_ids_in_engine()


def test_every_rule_of_the_core_can_decide() -> None:
    from followup.core import Rule

    used = "\n".join(read(module) for module in CORE if module.name != "model.py")
    assert [rule.name for rule in Rule if f"Rule.{rule.name}" not in used] == []


def test_every_rule_id_has_its_section_in_rules_md() -> None:
    documented = set(RULE_HEADING.findall(read(RULES)))
    assert sorted(rule_ids_in_engine() - documented) == []


def test_rules_md_documents_no_rule_the_engine_lacks() -> None:
    documented = set(RULE_HEADING.findall(read(RULES)))
    assert sorted(documented - rule_ids_in_engine()) == []


@pytest.mark.parametrize("page", [RULES, CASE_FILE], ids=lambda page: page.name)
def test_every_policy_setting_is_documented(page: Path) -> None:
    text = read(page)
    missing = [field.name for field in fields(Policy) if quoted(field.name) not in text]
    assert missing == []


@pytest.mark.parametrize("page", [RULES, CASE_FILE], ids=lambda page: page.name)
def test_every_policy_default_shown_is_the_real_default(page: Path) -> None:
    """A table row `| `setting` | default | ...` shows the setting's default."""
    rows = {
        cells[1].strip("` "): cells[2].strip('`" ')
        for cells in (line.split("|") for line in read(page).splitlines() if line.startswith("| `"))
    }
    for setting in fields(Policy):
        default = getattr(DEFAULT_POLICY, setting.name)
        shown = str(default).lower() if isinstance(default, bool) else str(default)
        assert rows.get(setting.name) == shown, f"{page.name}: {setting.name}"


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def week(days: frozenset[int]) -> str:
    """'Mon-Fri' for a run of working days."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    first = next(day for day in sorted(days) if (day - 1) % 7 not in days)
    return f"{names[first]}-{names[(first + len(days) - 1) % 7]}"


@pytest.mark.parametrize("country", sorted(DEFAULT_HOURS))
def test_rules_md_shows_each_countrys_default_hours(country: str) -> None:
    """The row of the country's table in rules.md shows its days, hours, lunch and best spans."""
    rows = [line for line in read(RULES).splitlines() if line.startswith("| ")]
    row = next((row for row in rows if country in re.findall(r"\b[A-Z]{2}\b", row.split("|")[1])), None)
    assert row is not None, f"no row for {country}"
    hours = DEFAULT_HOURS[country]
    lunch = hours.regular.lunch
    shown = [
        week(hours.days),
        f"{clock(hours.regular.open)}-{clock(hours.regular.close)}",
        f"{clock(lunch.start)}-{clock(lunch.end)}" if lunch else "none",
        ", ".join(f"{clock(span.start)}-{clock(span.end)}" for span in hours.best),
        *(f"{clock(variant.hours.open)}-{clock(variant.hours.close)}" for variant in hours.variants),
    ]
    assert [text for text in shown if text not in row] == []


# The case-file format.


@pytest.mark.parametrize(
    "names",
    [
        pytest.param([kind.value for kind in Kind], id="event kinds"),
        pytest.param([action.value for action in Action], id="actions"),
        pytest.param([purpose.value for purpose in Purpose], id="purposes"),
        pytest.param([channel.value for channel in Channel], id="channels"),
        pytest.param(sorted(HOURS_KEYS), id="hours keys"),
    ],
)
def test_case_file_md_documents_every_value(names: list[str]) -> None:
    text = read(CASE_FILE)
    assert [name for name in names if quoted(name) not in text] == []


def test_case_file_md_documents_every_output_field() -> None:
    loaded = load_case(read(ROOT / "examples" / "northwind.json"))
    assert loaded.now is not None
    output = advice_json(advise(loaded.case, loaded.now, loaded.policy), loaded.case, loaded.now)
    names = set(output) | set(output["windows"][0]) | set(output["reasons"][0])
    text = read(CASE_FILE)
    assert sorted(name for name in names if quoted(name) not in text) == []


def test_every_command_and_option_is_documented() -> None:
    """`advise` in docs/case-file.md; reading in docs/reading.md; the store's in docs/journal.md."""
    for name, command in every_command().items():
        page = {
            "advise": CASE_FILE,
            "read": DOCS / "reading.md",
            "import-mail": DOCS / "reading.md",
            "correct": DOCS / "reading.md",
            "corrections": DOCS / "reading.md",
            "serve": DOCS / "web.md",
            "admin": DOCS / "server.md",
            "draft": DOCS / "drafts.md",
            "calendar": DOCS / "drafts.md",
            "import-ics": DOCS / "invitations.md",
            "send": DOCS / "mail.md",
            "remind": DOCS / "mail.md",
            "mail": DOCS / "mail.md",
            "feed": DOCS / "calendar-sync.md",
            "caldav-push": DOCS / "calendar-sync.md",
        }.get(name, DOCS / "journal.md")
        text = read(page)
        assert f"followup {name}" in text, f"{name} is not in {page.name}"
        options = [
            option
            for parameter in command.params
            for option in parameter.opts
            if option.startswith("--") and option != "--help"
        ]
        assert [option for option in options if option not in text] == [], f"followup {name}"


def test_every_mail_command_and_option_is_in_mail_md() -> None:
    """`followup mail connect`, `sync` and `review`, and each of their options."""
    text = read(DOCS / "mail.md")
    group = every_command()["mail"]
    assert isinstance(group, click.Group)
    for name, command in group.commands.items():
        assert f"followup mail {name}" in text, f"mail {name} is not in mail.md"
        options = [
            option for parameter in command.params for option in parameter.opts if option.startswith("--")
        ]
        assert [option for option in options if option not in text] == [], f"followup mail {name}"


def test_every_imap_setting_is_in_mail_md() -> None:
    from followup.mail.config import KEYS

    text = read(DOCS / "mail.md")
    assert [key for key in KEYS["imap"] if f"`imap.{key}`" not in text] == []


def test_case_file_md_shows_every_limit() -> None:
    """The Limits section shows the longest text of each field, and the other limits, as the
    code has them."""
    section = read(CASE_FILE).split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[1].strip("` "): cells[2].strip().replace(",", "")
        for cells in (line.split("|") for line in section.splitlines() if line.startswith("| `"))
    }
    assert rows == {field: str(longest) for field, longest in LONGEST.items()}
    words = " ".join(section.split())
    for shown in (
        f"Any other text, an interviewer's name among them, holds at most {OTHER_TEXT} characters",
        f"a list of at most {MOST_INTERVIEWERS} names",
        f"JSON is nested at most {MOST_NESTED} levels deep",
        f"at most {LONGEST_JSON:,} characters written as JSON; a value in the log of edits at most",
        f"edits at most {LONGEST_CELL:,}.",
        f"A CSV cell holds at most {LONGEST_CELL:,} characters",
        f"at most {LARGEST_WHOLE:,}",
        ", ".join(STATUSES[:-1]).replace(", ", "`, `") + "` or `" + STATUSES[-1],
        f"holds at most {LARGEST_CASE_FILE:,} bytes ({LARGEST_CASE_FILE // 10**6} MB) and at most "
        f"{MOST_EVENTS:,} events; an application in the store holds at most {MOST_EVENTS:,} events",
        f"A file to import holds at most {LARGEST_IMPORT:,} bytes ({LARGEST_IMPORT // 10**6} MB)",
        "a note ("
        + ", ".join(f"`{field}`" for field in sorted(MANY_LINES - {"words"}))
        + ") may hold line breaks",
    ):
        assert shown in words
    journal = " ".join(read(DOCS / "journal.md").split())
    assert f"The file itself holds at most {LARGEST_IMPORT:,} bytes ({LARGEST_IMPORT // 10**6} MB;" in journal


# The examples.


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_example_loads_and_advises(path: Path) -> None:
    loaded = load_case(path.read_bytes(), clock=datetime(2026, 1, 1, tzinfo=UTC))
    assert loaded.now is not None
    advice = advise(loaded.case, loaded.now, loaded.policy)
    assert advice.reasons


def test_every_case_file_shown_in_case_file_md_is_an_example() -> None:
    """A whole case file shown in the docs is, field for field, one of the example files."""
    examples = {path.name: json.loads(path.read_bytes()) for path in EXAMPLES}
    shown = [
        json.loads(body) for language, body in FENCED_BLOCK.findall(read(CASE_FILE)) if language == "json"
    ]
    cases = [document for document in shown if "interview" in document]
    assert len(cases) >= 4
    for document in cases:
        assert document in examples.values(), f"not in examples/: {json.dumps(document)[:80]}..."


# Commands shown in the docs.


class Shown(NamedTuple):
    """A `followup` command shown in the docs: a whole command line, or a mention in the text."""

    args: list[str]
    whole: bool


def commands_shown(text: str) -> Iterator[Shown]:
    """Every `followup` command in a code block (whole) or an inline code span (a mention)."""
    lines = [
        (line.removeprefix("$ "), True)
        for language, body in FENCED_BLOCK.findall(text)
        if language in ("", "sh", "shell", "bash", "console")
        for line in body.splitlines()
    ]
    lines += [(span, False) for span in INLINE_CODE.findall(text)]
    for line, whole in lines:
        line = line.replace("[", "").replace("]", "")  # a synopsis: [--now ISO-8601] [--json]
        program = line.split(maxsplit=1)[:1]
        if program and Path(program[0]).name == "followup":  # also .venv/bin/followup
            args = shlex.split(line, comments=True)[1:]
            if args:
                yield Shown(args, whole)


def shown_commands() -> list[pytest.ParameterSet]:
    return [
        pytest.param(page, shown, id=f"{page.name}: followup {' '.join(shown.args)}")
        for page in PAGES
        for shown in commands_shown(read(page))
    ]


def test_the_docs_show_commands() -> None:
    assert len(shown_commands()) >= 5


@pytest.mark.parametrize(("page", "shown"), shown_commands())
def test_every_command_shown_is_a_real_command(page: Path, shown: Shown) -> None:
    """A command line parses as `followup` would parse it, and the examples it names exist; a
    mention in the text names a real command and real options."""
    name, *rest = shown.args
    if name.startswith("-"):  # followup --help, followup --version
        with pytest.raises(click.exceptions.Exit):
            cli.make_context("followup", shown.args)
        return
    assert name in every_command(), f"{page.name}: no command {name!r}"
    command = every_command()[name]
    if not shown.whole:
        known = {option for parameter in command.params for option in parameter.opts}
        assert [arg for arg in rest if arg.startswith("-") and arg != "-" and arg not in known] == []
        return
    try:
        command.make_context(name, rest)
    except click.exceptions.Exit:  # --help
        pass
    except click.UsageError as error:
        pytest.fail(f"{page.name}: followup {' '.join(shown.args)}: {error.format_message()}")
    for arg in rest:
        if arg.startswith("examples/"):
            assert (ROOT / arg).is_file(), f"{page.name}: {arg} does not exist"


# Console sessions: the output shown is the output printed.


class Session(NamedTuple):
    command: str  # without the "$ " prompt
    output: str


def sessions(block: str) -> list[Session]:
    """The commands of a console block, each with the lines shown after it."""
    found: list[Session] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append(Session(line[2:], ""))
        elif found:
            found[-1] = found[-1]._replace(output=found[-1].output + line + "\n")
    return found


def run(command: str) -> tuple[str, int]:
    """Run a `followup` command from the project folder: what it prints, and its exit code."""
    program, *args = shlex.split(command)
    assert program == "followup", command
    done = subprocess.run(
        [sys.executable, "-m", "followup", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr, done.returncode


def console_sessions() -> list[pytest.ParameterSet]:
    return [
        pytest.param(session, id=f"{page.name}: {session.command}")
        for page in sorted(DOCS.glob("*.md"))
        for block in CONSOLE_BLOCK.findall(read(page))
        for session in sessions(block)
    ]


@pytest.mark.parametrize("session", console_sessions())
def test_console_sessions_show_the_real_output(session: Session) -> None:
    """An error (a line starting "followup: ") exits with 2, anything else with 0."""
    output, code = run(session.command)
    assert output.rstrip() == session.output.rstrip()
    assert code == (2 if session.output.startswith("followup: ") else 0)


def refresh_console_sessions() -> None:
    """Rewrite the output of every console session in docs/*.md with the real output."""

    def refreshed(match: re.Match[str]) -> str:
        body = "".join(f"$ {command}\n{run(command)[0].rstrip()}\n" for command, _ in sessions(match[1]))
        return f"```console\n{body}```"

    for page in sorted(DOCS.glob("*.md")):
        page.write_text(CONSOLE_BLOCK.sub(refreshed, read(page)), encoding="utf-8")


if __name__ == "__main__":
    refresh_console_sessions()
