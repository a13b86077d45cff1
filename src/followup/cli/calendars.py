"""Calendar sync: `followup feed` (the calendar as a subscription feed at a secret address of the
web app) and `followup caldav-push` (the calendar put on a CalDAV calendar)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from urllib.parse import urlsplit

import click

from followup.cli.support import Whole, fail, open_store, store_options


@click.command(name="feed")
@click.option(
    "--new", "make_new", is_flag=True, help="Make a new secret address (the old one stops working)."
)
@click.option("--revoke", is_flag=True, help="Stop the feed: its address answers 404 from now on.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="The address `followup serve` listens on."
)
@click.option("--port", type=Whole(1, 65535), default=8765, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@store_options
def feed(
    make_new: bool, revoke: bool, host: str, port: int, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """The calendar as a subscription feed of `followup serve`, at a secret address: --new makes
    the address (shown once), --revoke stops it; with neither, tell whether the feed is on."""
    from followup.calendar.feed import feed_url, has_feed, new_feed_token, revoke_feed

    if make_new and revoke:
        fail("feed: --new and --revoke: give one of them")
    engine, _ = open_store(db, now_text)
    if make_new:
        url = feed_url(new_feed_token(engine), host, port)
        if as_json:
            click.echo(json.dumps({"feed": True, "url": url}))
        else:
            click.echo(url)
            click.echo(
                "Keep this address secret: whoever has it can read your calendar. It is shown once;"
                " `followup feed --new` replaces it, `followup feed --revoke` stops it.",
                err=True,
            )
        return
    if revoke:
        was = revoke_feed(engine)
        if as_json:
            click.echo(json.dumps({"feed": False, "revoked": was}))
        else:
            click.echo(
                "Revoked the feed: its address answers 404 from now on." if was else "There was no feed."
            )
        return
    on = has_feed(engine)
    if as_json:
        click.echo(json.dumps({"feed": on, "url": None}))
    elif on:
        click.echo(
            "The feed is on. Its address was shown when it was made and cannot be shown again "
            "(only a hash of it is kept): `followup feed --new` makes a new one, which stops the old."
        )
    else:
        click.echo("There is no feed: `followup feed --new` makes its address.")


@click.command(name="caldav-push")
@click.argument("url", required=False, metavar="URL")
@click.option(
    "--user",
    envvar="FOLLOWUP_CALDAV_USER",
    help="Your user name on the calendar server (default: the last push's). "
    "The password comes from FOLLOWUP_CALDAV_PASSWORD.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was pushed as JSON.")
@store_options
def caldav_push(
    url: str | None, user: str | None, as_json: bool, db: str | None, now_text: str | None
) -> None:
    """Put every planned follow-up and interview on the CalDAV calendar at URL (default: the
    last one pushed to), one event per follow-up or round, and delete the events pushed before
    that are no longer planned and have not started. The password is read from the environment
    variable FOLLOWUP_CALDAV_PASSWORD (or asked for in a terminal); it is never stored."""
    from followup.calendar.caldav import (
        PASSWORD_ENVIRONMENT,
        PushError,
        calendar_address,
        last_push,
        plain_text_password,
        push,
        user_for,
    )

    engine, now = open_store(db, now_text)
    if url is None:
        url = last_push(engine)
        if url is None:
            fail("caldav-push: URL: missing (give the calendar's address; later pushes remember it)")
    address = calendar_address(url)
    user = user or user_for(engine, address)
    password = os.environ.get(PASSWORD_ENVIRONMENT)
    if user is not None and password is None:
        if not sys.stdin.isatty():
            fail(f"{PASSWORD_ENVIRONMENT}: not set (the password of {user!r} at {address})")
        password = click.prompt(
            f"Password of {user} at {urlsplit(address).hostname}", hide_input=True, err=True
        )
    if plain_text_password(address, user):
        click.echo(f"Warning: {address} is not https: the password crosses the network readable.", err=True)
    try:
        pushed = push(engine, now, address, user, password)
    except PushError as error:
        fail(str(error))
    if as_json:
        click.echo(json.dumps(asdict(pushed), indent=2))
        return
    total = len(pushed.new) + len(pushed.changed) + len(pushed.unchanged)
    counts = f"{len(pushed.new)} new, {len(pushed.changed)} changed, {len(pushed.unchanged)} unchanged"
    click.echo(f"Pushed {total} event{'s' * (total != 1)} to {address} ({counts}).")
    if pushed.removed:
        click.echo(f"Removed {len(pushed.removed)} no longer planned: {', '.join(pushed.removed)}.")
    if pushed.left:
        click.echo(f"Left {len(pushed.left)} that have begun, as a record: {', '.join(pushed.left)}.")


COMMANDS = [feed, caldav_push]
