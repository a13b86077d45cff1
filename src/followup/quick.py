"""The `followup` command's entry. `followup today` and `followup week` on a SQLite store whose
kept advice is current are answered here, from the standard library alone, in a few
milliseconds; everything else (and any doubt) goes to the full command line, which gives the
same answer after working out what is due."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

AGENDAS = {"today": (1, "Today"), "week": (7, "This week")}


def main() -> None:
    if not quick_agenda(sys.argv[1:]):
        from followup.cli import main as full

        full()


def quick_agenda(args: list[str]) -> bool:
    """Print the agenda asked for, if it can be read as kept; whether it was."""
    if not args or args[0] not in AGENDAS:
        return False
    given = _options(args[1:])
    if given is None:
        return False
    as_json, url, now_text = given
    now = _moment(now_text)
    path = _sqlite_path(url)
    if now is None or path is None or not os.path.isfile(path):
        return False
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return False
    try:
        return _answer(connection, args[0], as_json, now)
    except sqlite3.Error:
        return False  # a store the full command line will explain
    finally:
        connection.close()


def _answer(connection: Any, command: str, as_json: bool, now: datetime) -> bool:
    from followup.kept_agenda import DUE, SCHEMA, read_agenda, sqlite_instant

    connection.row_factory = _as_dict

    def run(sql: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        encoded = {
            key: sqlite_instant(value) if hasattr(value, "tzinfo") else value
            for key, value in parameters.items()
        }
        return list(connection.execute(sql, encoded).fetchall())

    connection.execute("BEGIN")  # one snapshot for every query
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if [row["version_num"] for row in revision] != [SCHEMA] or run(DUE, {"now": now}):
        return False  # a store to migrate, or advice the clock has changed: the full way
    days, title = AGENDAS[command]
    agenda = read_agenda(run, now, days, None)
    from followup import render_agenda

    if as_json:
        import json

        text = json.dumps(render_agenda.agenda_json(agenda), indent=2, ensure_ascii=False)
    else:
        text = render_agenda.agenda_text(agenda, title)
    sys.stdout.write(text + "\n")
    return True


def _as_dict(cursor: Any, row: tuple[Any, ...]) -> dict[str, Any]:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def _options(args: list[str]) -> tuple[bool, str | None, str | None] | None:
    """--json, --db URL and --now MOMENT (or FOLLOWUP_DB, FOLLOWUP_NOW); None for anything else."""
    as_json, values = False, {"--db": os.environ.get("FOLLOWUP_DB"), "--now": os.environ.get("FOLLOWUP_NOW")}
    index = 0
    while index < len(args):
        arg = args[index]
        name, equals, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif name in values and equals:
            values[name] = value
        elif arg in values and index + 1 < len(args):
            values[arg] = args[index + 1]
            index += 1
        else:
            return None
        index += 1
    try:  # not UTF-8 (bytes of another encoding): the full command line refuses it, naming it
        "".join([*args, *(value or "" for value in values.values())]).encode("utf-8")
    except UnicodeEncodeError:
        return None
    return as_json, values["--db"] or None, values["--now"] or None


def _moment(text: str | None) -> datetime | None:
    from datetime import UTC, datetime

    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None and 1900 < moment.year < 2200 else None


def _sqlite_path(url: str | None) -> str | None:
    """The file of a plain SQLite URL (sqlite:///relative or sqlite:////absolute); None for any
    other store, or a URL with options."""
    if url is None:
        from platformdirs import user_data_path

        return str(user_data_path("followup", appauthor=False) / "followup.sqlite3")
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix) and "?" not in url:
            path = os.path.expanduser(url[len(prefix) :])
            return path if path and path != ":memory:" else None
    return None
