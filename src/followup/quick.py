"""The `followup` command's entry. `followup today` and `followup week` on a SQLite store at the
current revision are answered here: when its kept advice is current, from the standard library
alone, in a few milliseconds; when the clock has changed some advice, through the service, which
works it out again first, without the command line around it. Everything else (and any doubt)
goes to the full command line, which gives the same answer, or says what is wrong."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from followup.store.kept_agenda import Agenda

AGENDAS = {"today": (1, "Today"), "week": (7, "This week")}


def main() -> None:
    if quick_agenda(sys.argv[1:]):
        leave()
    from followup.cli import main as full

    full()


def leave() -> None:
    """Leave at once, the answer written and flushed and the store closed: tearing the
    interpreter down, once the database library is loaded, takes longer than the answer did."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: as the full command line says it
        os._exit(1)
    os._exit(0)


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
    from followup.service.kept import kept_in_file

    days, title = AGENDAS[args[0]]
    agenda, due = kept_in_file(path, now, days)
    if due:  # advice the clock has changed: worked out, without the command line around it
        agenda = _worked_out(url, now, days)
    if agenda is None:
        return False  # a store to migrate, or anything to explain: the full way
    from followup.rendering import agenda as render_agenda

    if as_json:
        import json

        text = json.dumps(render_agenda.agenda_json(agenda), indent=2, ensure_ascii=False)
    else:
        text = render_agenda.agenda_text(agenda, title)
    sys.stdout.write(text + "\n")
    return True


def _worked_out(url: str | None, now: datetime, days: int) -> Agenda | None:
    """The agenda, once the advice the clock has changed is worked out again and kept (in one
    transaction); None if that cannot be done, for the full command line to say why."""
    from followup.service.agenda import agenda
    from followup.service.stores import open_store

    try:
        engine = open_store(url)
        try:
            return agenda(engine, now, days=days)
        finally:
            engine.dispose()
    except Exception:  # a store the full command line explains, in one line
        return None


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
