"""`followup mail connect`, `mail sync` and `mail review`: your mailbox, read for you. What it
proposes is recorded once you confirm it (here, or on the web app's Today and application pages),
except what the [imap] section's `record` says to record when the reader is sure. See
docs/mail.md."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from followup.cli.support import RecordId, fail, open_store, store_options
from followup.core import words
from followup.mail.account import (
    IMAP_PASSWORD_ENV,
    IMAP_SECURITY,
    Imap,
    Secret,
    imap_account,
    secret,
    section,
)
from followup.mail.config import Config, ConfigError, read_config

if TYPE_CHECKING:
    from followup.mail.inbox import Report

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # what a terminal would obey: never printed
FAULT = 2  # the server, the config or the store could not be used: one line says why


@click.group(name="mail")
def mail() -> None:
    """Read your mailbox for you: connect to it once, sync it (by hand, from cron or a systemd
    timer, or in `followup serve --mail-sync`), and review what it proposes. See docs/mail.md."""


@mail.command()
@click.option("--host", help="Your IMAP server, like imap.gmail.com.")
@click.option("--port", type=click.IntRange(1, 65535), help="Its port (default: 993, or 143 with starttls).")
@click.option(
    "--security", type=click.Choice(IMAP_SECURITY), help="ssl (default), starttls, or none (localhost only)."
)
@click.option("--user", "username", help="The user name you sign in with, often your address.")
@click.option("--folder", "folders", multiple=True, help="A folder to watch (repeat; default: INBOX).")
@click.option(
    "--password-env",
    metavar="NAME",
    help=f"The environment variable holding the password (default {IMAP_PASSWORD_ENV}).",
)
@click.option(
    "--keyring",
    is_flag=True,
    default=None,
    help="The password is in the system keyring (service followup, user imap:USER).",
)
@click.option(
    "--password-command", metavar="COMMAND", help="A command that prints the password (as mbsync's PassCmd)."
)
@click.option(
    "--oauth2-command", metavar="COMMAND", help="A command that prints an OAuth2 access token (XOAUTH2)."
)
@click.option("--ca-file", metavar="PEM", help="Certificates to trust besides the system's.")
def connect(
    host: str | None, port: int | None, security: str | None, username: str | None, folders: tuple[str, ...],
    password_env: str | None, keyring: bool | None, password_command: str | None, oauth2_command: str | None,
    ca_file: str | None,
) -> None:  # fmt: skip
    """Connect to your mailbox: sign in, check each folder, and keep the settings in the [imap]
    section of the config file (never the password). With no options, check the settings kept."""
    from followup.mail.imap import FolderGone, Mailbox, MailError

    config = _config()
    given: dict[str, Any] = dict(config.imap or {})
    changes = {
        "host": host, "port": port, "security": security, "username": username,
        "folders": list(folders) if folders else None, "password_env": password_env, "keyring": keyring,
        "password_command": password_command, "oauth2_command": oauth2_command, "ca_file": ca_file,
    }  # fmt: skip
    changes = {key: value for key, value in changes.items() if value is not None}
    if "host" in changes and changes["host"] != given.get("host"):  # another server: its own port and TLS
        for key in ("port", "security", "ca_file"):
            if key not in changes:
                given.pop(key, None)
    if any(key in changes for key in ("keyring", "password_command", "oauth2_command", "password_env")):
        for source in ("keyring", "password_command", "oauth2_command"):
            if source not in changes:
                given.pop(source, None)  # one way to sign in: the one given now
    given.update(changes)
    if not given:
        fail(f"{config.path}: no [imap] section: give --host and --user (see docs/mail.md)")
    trial = Config(config.path, config.smtp, config.remind, given, None if changes else config.lines)
    imap = _imap(trial)
    sign_in = _secret(imap, config.path)
    try:
        with Mailbox(imap, sign_in) as mailbox:
            counted = []
            for name in imap.folders:
                try:
                    counted.append((name, mailbox.open(name).messages))
                except FolderGone:
                    there = ", ".join(mailbox.folders()[:30])
                    fail(f"{imap.server}: no folder {name!r} (its folders: {there}); nothing was saved")
    except MailError as error:
        fail(f"{error}; nothing was saved")
    if changes:
        _write_section(config.path, section(given))
    shown = ", ".join(f"{name} ({count} message{'s' if count != 1 else ''})" for name, count in counted)
    click.echo(f"Signed in to {imap.server} as {imap.username} ({imap.security}); folders: {shown}.")
    if changes:
        click.echo(f"Saved in {config.path} [imap] (no password is kept there). Next: followup mail sync")


@mail.command(name="sync")
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    help="On a folder's first sync, read back to this day (default: 30 days).",
)
@click.option("--quiet", is_flag=True, help="Print nothing unless something is new to review (for cron).")
@click.option("--json", "as_json", is_flag=True, help="Print what the sync did as JSON.")
@store_options
def sync_command(since: str | None, quiet: bool, as_json: bool, db: str | None, now_text: str | None) -> None:
    """Fetch what is new in your mailbox since the last sync, match it to your applications, and
    propose what it says (replies to your follow-ups are their answer). Run it as often as you
    like: each message is read once."""
    from followup.mail.imap import MailError
    from followup.mail.inbox import sync

    first_day = _day(since) if since else None
    config = _config()
    imap = _imap(config)
    sign_in = _secret(imap, config.path)
    engine, now = open_store(db, now_text)
    progress = None if (quiet or as_json or not sys.stderr.isatty()) else _progress
    try:
        report = sync(engine, imap, sign_in, now, since=first_day, progress=progress, yours=_yours())
    except MailError as error:
        fail(f"{error}; what was read before is kept, and the next sync goes on from there")
    except KeyboardInterrupt:
        fail("interrupted: what was read before is kept, and the next sync goes on from there", 1)
    _said(report, quiet, as_json)
    if not report.ok:
        raise SystemExit(FAULT)


REVIEWED = RecordId("followup mail review")


@mail.command()
@click.option(
    "--confirm", "confirmed", multiple=True, type=REVIEWED, metavar="ID", help="Record proposal ID (repeat)."
)
@click.option(
    "--dismiss",
    "dismissed",
    multiple=True,
    type=REVIEWED,
    metavar="ID",
    help="Leave proposal ID unrecorded (repeat).",
)
@click.option("--application", "application_id", type=RecordId(), help="Only this application's.")
@click.option("--all", "every", is_flag=True, help="Also those confirmed, dismissed or recorded.")
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as JSON.")
@store_options
def review(
    confirmed: tuple[int, ...], dismissed: tuple[int, ...], application_id: int | None, every: bool,
    as_json: bool, db: str | None, now_text: str | None,
) -> None:  # fmt: skip
    """What your mail proposes, read from your mail: each with the words that said it; confirm
    records it, dismiss leaves it (and the next message like it is read so)."""
    from followup.casefile import CaseError
    from followup.service import inbox
    from followup.service.stores import UnknownRecord

    both = sorted(set(confirmed) & set(dismissed))
    if both:
        fail(f"proposal {both[0]}: give --confirm or --dismiss, not both")
    engine, now = open_store(db, now_text)
    try:  # every one checked before any is decided
        inbox.check_open(engine, [*confirmed, *dismissed])
        if application_id is not None:
            inbox.check_application(engine, application_id)
    except (CaseError, UnknownRecord) as error:
        fail(f"{error}; nothing was recorded")
    done: list[dict[str, Any]] = []
    for proposal_id in dict.fromkeys([*confirmed, *dismissed]):
        try:
            if proposal_id in confirmed:
                shown, _advice = inbox.confirm(engine, proposal_id, now)
            else:
                shown = inbox.dismiss(engine, proposal_id, now)
        except (CaseError, UnknownRecord) as error:
            said = ", ".join(f"#{item['id']}" for item in done)
            fail(f"{error}{f' ({said} done before it)' if said else ''}")
        done.append(shown)
        if not as_json:
            click.echo(
                f"#{proposal_id} {shown['kind']}: {shown['status']} (application {shown['application']})."
            )
    if done and not as_json:
        return
    status = None if every else "open"
    listed = inbox.proposals(engine, status=status, application_id=application_id)
    total = inbox.count(engine, status=status, application_id=application_id)
    if as_json:
        body = {"decided": done, "proposals": listed, "total": total}
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    if not listed:
        click.echo("Nothing read from your mail to review.")
        return
    click.echo("Read from your mail:")
    for item in listed:
        click.echo(describe(item))
    if total > len(listed):
        click.echo(f"\n(the newest {len(listed)} of {total}: give --application ID to see one application's)")
    click.echo("\nfollowup mail review --confirm ID records one; --dismiss ID leaves it.")


def describe(item: dict[str, Any]) -> str:
    """A proposal for people: what, for which application, from which message, in whose words."""
    what = {"answered": "they answered your email", "invitation": "an interview invitation"}.get(
        item["kind"], item["kind"].replace("_", " ")
    )
    details = [f"{key} {item[key]}" for key in ("date", "until") if item.get(key)]
    if item.get("channels"):
        details.append("channels " + ", ".join(item["channels"]))
    if item.get("channel"):
        details.append(f"channel {item['channel']}")
    maybe = "maybe " if item["maybe"] else ""
    status = "" if item["status"] == "open" else f" [{item['status']}]"
    message = item["message"]
    said = "(date unknown)"
    if message["said_at"]:
        their = datetime.fromisoformat(message["said_at"]).astimezone(ZoneInfo(item["timezone"]))
        said = f"{words.moment(their)} their time"
    hint = "\n      (matched by the employer's name alone: check that it is about this application)"
    return CONTROL.sub(
        " ",
        (
            f"  #{item['id']} {maybe}{what}{' (' + '; '.join(details) + ')' if details else ''}{status}: "
            f"#{item['application']} {item['employer']}, {item['role']}\n"
            f"      {message['sender'] or '(no sender)'}, {said}: {message['subject'] or '(no subject)'}\n"
            f'      "{(item["evidence"] or "").strip()[:300]}"'
            f"{hint if message['matched_by'] == 'name' else ''}"
        ),
    )


def _said(report: Report, quiet: bool, as_json: bool) -> None:
    if as_json:
        body = {
            "account": report.account,
            "folders": [vars(folder) for folder in report.folders],
            "applications": sorted(report.applications),
        }
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    for folder in report.folders:
        if folder.problem:
            click.echo(f"followup: {CONTROL.sub(' ', folder.problem)}; the other folders were read", err=True)
            continue
        if quiet and not folder.proposed and not folder.recorded:
            continue
        renewed = " (its UIDVALIDITY changed: read again, nothing kept twice)" if folder.renewed else ""
        click.echo(
            f"{folder.name}: {folder.new} new, {folder.matched} about your applications{renewed}: "
            f"{folder.proposed} to review, {folder.recorded} recorded."
        )
    if any(folder.proposed for folder in report.folders):
        click.echo("To review: followup mail review (or Today in the web app).")


def _yours() -> tuple[str, ...]:
    """Your address in [smtp], when the section is whole: what you sent is not their word."""
    try:
        smtp = read_config().smtp
    except ConfigError:
        return ()
    return (smtp.sender,) if smtp is not None else ()


def _progress(folder: str, done: int, of: int) -> None:
    click.echo(f"\r{folder}: {done} of {of}", nl=done >= of, err=True)


def _config() -> Config:
    try:
        return read_config(smtp=False)
    except ConfigError as error:
        fail(str(error))


def _imap(config: Config) -> Imap:
    try:
        found = imap_account(config)
    except ConfigError as error:
        fail(str(error))
    if found is None:
        fail(
            f"{config.path}: no [imap] section: connect first with `followup mail connect` (see docs/mail.md)"
        )
    return found


def _secret(imap: Imap, path: Path) -> Secret:
    try:
        return secret(imap, path)
    except ConfigError as error:
        fail(str(error))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--since {text!r}: expected a day as YYYY-MM-DD")


def _write_section(path: Path, written: str) -> None:
    """Put the [imap] section in the config file in place of the one there, the rest as it was,
    through a temporary file in the same folder (never half written)."""
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        source = ""
    except OSError as error:
        fail(f"{path}: cannot read the file ({error.strerror or error})")
    kept, inside = [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") in ("[imap]",)
        if not inside:
            kept.append(line)
    text = "\n".join(kept).rstrip("\n")
    text = (text + "\n\n" if text else "") + written
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except OSError as error:
        fail(f"{path}: cannot write the file ({error.strerror or error})")


COMMANDS = [mail]
