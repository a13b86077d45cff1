"""`followup today` answered from the kept advice alone says the same as the full command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from followup.store import head_revision
from followup.store.kept_agenda import SCHEMA, kept_in_file

NOW = "2026-03-04T12:00:00+00:00"
LATER = "2026-03-09T12:00:00+00:00"  # some advice due again
FULL = "from followup.cli import main; main()"
QUICK = (
    "import sys; from followup.quick import quick_agenda; sys.exit(0 if quick_agenda(sys.argv[1:]) else 3)"
)


def followup(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('quick') / 'demo.sqlite3'}"
    assert followup(FULL, "demo", "--db", url, "--now", NOW).returncode == 0
    return url


def copies_of(store: str, tmp_path: Path) -> list[str]:
    """Two copies of the store, one for each way of answering."""
    copies = []
    for name in ("quick", "full"):
        copy = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(store.removeprefix("sqlite:///"), copy)
        copies.append(f"sqlite:///{copy}")
    return copies


def test_the_quick_agenda_and_the_store_know_the_latest_revision() -> None:
    assert head_revision() == SCHEMA


@pytest.mark.parametrize("command", [["today"], ["today", "--json"], ["week"], ["week", "--json"]])
def test_the_quick_agenda_says_what_the_full_command_says(store: str, command: list[str]) -> None:
    args = [*command, "--db", store, f"--now={NOW}"]
    quick = followup(QUICK, *args)
    assert quick.returncode == 0, quick.stderr  # answered quickly: the kept advice is current
    full = followup(FULL, *args)
    assert full.returncode == 0
    assert quick.stdout == full.stdout


@pytest.mark.parametrize("command", [["today"], ["week", "--json"]])
def test_when_advice_is_due_it_is_worked_out_and_kept_with_the_full_commands_answer(
    store: str, tmp_path: Path, command: list[str]
) -> None:
    copies = copies_of(store, tmp_path)
    assert kept_in_file(copies[0].removeprefix("sqlite:///"), datetime.fromisoformat(LATER), 1) == (
        None,
        True,
    )
    quick = followup(QUICK, *command, "--db", copies[0], "--now", LATER)
    assert quick.returncode == 0, quick.stderr  # answered without the command line
    full = followup(FULL, *command, "--db", copies[1], "--now", LATER)
    assert quick.stdout == full.stdout
    agenda, due = kept_in_file(copies[0].removeprefix("sqlite:///"), datetime.fromisoformat(LATER), 1)
    assert agenda is not None and not due  # the advice worked out was kept


@pytest.mark.parametrize(
    "args",
    [
        ["today", "--now", "2026-03-04T12:00:00"],  # no offset: the full command names the error
        ["today", "--db", "postgresql://nowhere/x"],
        ["today", "--db", "sqlite:///no/such/file.sqlite3"],
        ["today", "--verbose"],
        ["list"],
    ],
)
def test_anything_else_goes_to_the_full_command_line(args: list[str]) -> None:
    assert followup(QUICK, *args).returncode == 3


def test_the_rules_the_kept_agenda_names_are_the_cores():
    from followup.core import Rule
    from followup.store.kept_agenda import DECIDING, TIMING

    families = {rule.family for rule in Rule}
    for named in (*TIMING, *DECIDING):
        if named.endswith("."):
            assert named[:-1] in families, named
        else:
            assert named in set(Rule), named


def test_the_command_itself_answers_whole_and_leaves_at_once(store: str, tmp_path: Path) -> None:
    copies = copies_of(store, tmp_path)
    for now in (NOW, LATER):  # the kept advice current, then some of it due
        command = subprocess.run(
            [sys.executable, "-m", "followup", "today", "--json", "--db", copies[0], "--now", now],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        full = followup(FULL, "today", "--json", "--db", copies[1], "--now", now)
        assert command.returncode == 0 and command.stderr == ""
        assert command.stdout == full.stdout
