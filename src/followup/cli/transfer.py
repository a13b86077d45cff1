"""Commands that move the whole store: export, import (all or nothing) and backup."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from followup.casefile import CaseError
from followup.casefile.limits import LARGEST_IMPORT
from followup.cli.support import fail, open_store, read_at_most, store_options
from followup.service.transfer import (
    Imported,
    backup,
    export_csv,
    export_document,
    import_tables,
    read_csv,
    read_json,
)

# The records an import tells of, in the order it tells them.
TOLD = ("applications", "employers", "contacts", "interviews", "events", "edits", "corrections", "settings")


@click.command(name="export")
@click.option(
    "--format", "format_", type=click.Choice(["json", "csv"]), help="Default: from FILE's ending, else json."
)
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (default: standard output).")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@store_options
def export_command(
    format_: str | None, output: str | None, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """Write every record (employers, contacts, applications, rounds, events, edits, your
    corrections of readings, settings).

    JSON holds a list per table; CSV holds one row per record, its table in the `record` column.
    Both are read back by `followup import`; the header is in docs/journal.md."""
    csv_named = bool(output) and str(output).lower().endswith(".csv")
    format_ = "json" if as_json else format_ or ("csv" if csv_named else "json")
    engine, now = open_store(db, now_text)
    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    except OSError as error:
        fail(f"{output}: cannot write the file ({error.strerror or error})")
    try:
        if format_ == "json":
            out.write(json.dumps(export_document(engine, now), indent=1, ensure_ascii=False) + "\n")
        else:
            export_csv(engine, out)
    finally:
        if output:
            out.close()
    if output:
        click.echo(f"Wrote {output}.", err=True)


@click.command(name="import")
@click.argument("path", metavar="FILE")
@click.option("--format", "format_", type=click.Choice(["json", "csv"]), help="Default: from FILE's ending.")
@click.option("--json", "as_json", is_flag=True, help="Print what was imported as JSON.")
@store_options
def import_command(
    path: str, format_: str | None, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """Add the records of FILE (from `followup export`, JSON or CSV; '-' reads standard input)
    that the store lacks: all of them, or none.

    A record already in the store is skipped, whatever its id: an application of the same
    employer, role and first interview, its rounds and events, employers and contacts of the same
    name, the same edits. The added records keep their ids when the store holds none of them,
    else they are numbered after the store's own."""
    name = "standard input" if path == "-" else path
    try:
        source = read_at_most(path, LARGEST_IMPORT, "a file to import").decode("utf-8-sig")
    except UnicodeDecodeError as error:
        fail(f"{name}: cannot read the file ({error})")
    format_ = format_ or ("csv" if path.lower().endswith(".csv") else "json")
    with naming(name):
        tables = read_csv(source) if format_ == "csv" else read_json(source)
    engine, now = open_store(db, now_text)
    with naming(name):
        done = import_tables(engine, tables, now)
    if as_json:
        click.echo(json.dumps({"imported": done.added, "skipped": done.skipped}, indent=2))
    else:
        click.echo(import_words(done, name))


@contextmanager
def naming(name: str) -> Iterator[None]:
    """Bad input in a file, told with the file's name first."""
    try:
        yield
    except CaseError as error:
        fail(f"{name}: {error}")


def import_words(done: Imported, name: str) -> str:
    """What an import did, for people: 'Imported 2 applications, 1 employer; 3 applications
    already in the store were skipped.'"""
    added, skipped = listed(done.added), listed(done.skipped)
    if not added:
        return f"Nothing imported: every record of {name} is already in the store ({skipped})."
    if not skipped:
        return f"Imported {added}."
    were = "was" if sum(done.skipped.values()) == 1 else "were"
    return f"Imported {added}; {skipped} already in the store {were} skipped."


def listed(counts: dict[str, int]) -> str:
    return ", ".join(counted(counts[table], table[:-1]) for table in TOLD if counts.get(table))


def counted(number: int, noun: str) -> str:
    """'1 application', '2 applications', '0 events'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@click.command(name="backup")
@click.argument("path", metavar="PATH")
@click.option("--json", "as_json", is_flag=True, help="Print what was copied as JSON.")
@store_options
def backup_command(path: str, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Copy the store, while it is in use, into a new SQLite file PATH.

    The copy sees one moment; open it with --db sqlite:///PATH."""
    engine, now = open_store(db, now_text)
    target = Path(path).expanduser().absolute()
    counts = backup(engine, target, now)
    if as_json:
        click.echo(json.dumps({"backup": str(target), "copied": counts}, indent=2))
    else:
        applications, events = (
            counted(counts["applications"], "application"),
            counted(counts["events"], "event"),
        )
        click.echo(f"Backed up {applications} and {events} to {path}.")


COMMANDS = [export_command, import_command, backup_command]
