"""`followup send` and `followup remind`: a follow-up email sent through your mail server once
you have read it, and recorded as a contact; and the digest of what is due today, each item
once, by email, on the desktop or printed. The settings are in the config file (docs/mail.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from followup.cli.support import APPLICATION_ID, fail, open_store, store_options
from followup.mail.config import REMIND_HOW, Config, ConfigError, Smtp, read_config, smtp_password

if TYPE_CHECKING:
    from followup.mail.reminders import Digest

NOT_SENT = 1  # the advice says no, or you did: nothing sent, nothing recorded


@click.command()
@click.argument("application", type=APPLICATION_ID, metavar="ID")
@click.option(
    "--channel",
    type=click.Choice(["email"]),
    help="Send an email even though the advice names another channel (never one they ruled out).",
)
@click.option("--to", "to", metavar="ADDRESS", help="The address to send to (default: the contact's).")
@click.option("--yes", is_flag=True, help="Send without asking (the message is still shown).")
@click.option("--json", "as_json", is_flag=True, help="Print what was sent and the advice now as JSON.")
@store_options
def send(
    application: int,
    channel: str | None,
    to: str | None,
    yes: bool,
    as_json: bool,
    db: str | None,
    now_text: str | None,
) -> None:
    """Send the follow-up email the advice for application ID calls for, through the mail server
    of your config file: it is shown, you are asked, and once the server has accepted it, it is
    recorded as a contact. Nothing is sent against the advice. See docs/mail.md."""
    from followup.mail.outbox import Refused, follow_up_email, record_sent
    from followup.mail.sending import SendError
    from followup.mail.sending import send as hand_over
    from followup.rendering.advice import advice_json, advice_text
    from followup.service.applications import application as shown
    from followup.service.applications import load_case

    config = _config()
    smtp = _smtp(config)
    engine, now = open_store(db, now_text)
    advice = shown(engine, now, application)["advice"]
    try:
        made = follow_up_email(
            engine, application, advice, now, sender=smtp.sender, to=to, email_chosen=channel == "email"
        )
    except Refused as refused:
        fail(str(refused), NOT_SENT)
    password = _password(smtp, config)
    preview = f"From: {made.sender}\nTo: {made.to}\nSubject: {made.subject}\n\n{made.text}"
    click.echo(preview, err=as_json, nl=not preview.endswith("\n"))
    if not yes and not click.confirm("Send it?", default=False, err=as_json):
        click.echo("Not sent; nothing recorded.", err=True)
        raise SystemExit(NOT_SENT)
    try:
        hand_over(smtp, password, made.message)
    except SendError as error:
        fail(f"{error}; nothing was sent or recorded")
    try:
        result = record_sent(engine, made, now)
    except Exception as error:  # sent, but the store would not take it: say how to record it by hand
        fail(
            f"sent to {made.to}, but it could not be recorded ({error}): record it with "
            f"`followup contacted {application} --channel email --purpose {made.purpose}`"
        )
    loaded = load_case(engine, application, now=now)
    if as_json:
        body = {
            "id": application,
            "sent": {
                "from": made.sender, "to": made.to, "subject": made.subject,
                "message_id": str(made.message["Message-ID"]), "server": smtp.server,
                "purpose": made.purpose,
            },
            "advice": advice_json(result, loaded.case, now, loaded.notes),
        }  # fmt: skip
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    click.echo(f"\nSent to {made.to} through {smtp.server}, and recorded as a contact.\n")
    click.echo(advice_text(result, loaded.case, now, loaded.notes))


@click.command()
@click.option(
    "--how",
    type=click.Choice(REMIND_HOW),
    help="print, email or desktop (default: the config's, else print).",
)
@click.option("--dry-run", is_flag=True, help="Show the digest; send and record nothing.")
@click.option(
    "--quiet", is_flag=True, help="Print nothing when there is nothing new, nor a line once sent (for cron)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON.")
@store_options
def remind(
    how: str | None, dry_run: bool, quiet: bool, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """Remind you of what is due today: the follow-ups with a good time in the next 24 hours, and
    the interviews in them, each once (running it again sends nothing new). For cron or a
    systemd timer: see docs/mail.md."""
    from followup.mail.desktop import DesktopError, notify
    from followup.mail.reminders import digest, mark_sent
    from followup.mail.sending import SendError, message
    from followup.mail.sending import send as hand_over

    config = _config()
    how = how or config.remind.how
    engine, now = open_store(db, now_text)
    found = digest(engine, now)
    report: dict[str, Any] = {"how": how, "dry_run": dry_run, "sent": False, **found.as_json()}
    if not found.reminders:
        if as_json:
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        elif not quiet:
            click.echo("Nothing new to remind you of.")
        return
    if how == "email":
        smtp = _smtp(config)
        to = config.remind.to or smtp.sender
        outgoing = message(smtp.sender, to, found.subject(), found.text(), now=found.your_now)
        report["to"] = to
    if dry_run:
        if as_json:
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
            return
        if how == "email":
            click.echo(f"From: {outgoing['From']}\nTo: {outgoing['To']}\nSubject: {outgoing['Subject']}\n")
        click.echo(found.text(), nl=False)
        click.echo(
            f"\n(dry run: nothing {'printed as sent' if how == 'print' else 'sent'}, nothing recorded)"
        )
        return
    if how == "email":
        password = _password(smtp, config)
        try:
            hand_over(smtp, password, outgoing)
        except SendError as error:
            fail(f"{error}; no reminder was sent or recorded")
        done = f"Sent a reminder of {_things(found)} to {to}."
    elif how == "desktop":
        try:
            notify(found.subject().removeprefix("followup: "), found.text())
        except DesktopError as error:
            fail(f"{error}; nothing recorded")
        done = f"Showed a reminder of {_things(found)} on the desktop."
    else:
        done = ""
        if not as_json:
            click.echo(found.text(), nl=False)
    mark_sent(engine, found, how, now)
    report["sent"] = True
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif done and not quiet:
        click.echo(done)


def _config() -> Config:
    try:
        return read_config()
    except ConfigError as error:
        fail(str(error))


def _smtp(config: Config) -> Smtp:
    if config.smtp is None:
        missing = "no [smtp] section" if config.path.exists() else "no such file"
        fail(f"{config.path}: {missing}: add your mail server's settings to send email (see docs/mail.md)")
    return config.smtp


def _password(smtp: Smtp, config: Config) -> str | None:
    try:
        return smtp_password(smtp, config.path)
    except ConfigError as error:
        fail(str(error))


def _things(found: Digest) -> str:
    count = len(found.reminders)
    return f"{count} thing{'' if count == 1 else 's'}"


COMMANDS = [send, remind]
