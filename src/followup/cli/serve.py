"""`followup serve`: the local web app."""

from __future__ import annotations

import os
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import click

from followup.casefile import CaseError
from followup.casefile.fields import instant
from followup.cli.support import Whole, fail

if TYPE_CHECKING:
    from followup.web.dependencies import Clock

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=Whole(1, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your browser.")
@click.option(
    "--allow-remote", is_flag=True, help="Listen on an address other machines can reach (you are warned)."
)
@click.option(
    "--db", metavar="URL", envvar="FOLLOWUP_DB", help="The store (default: SQLite in your data folder)."
)
@click.option(
    "--now", "now_text", metavar="ISO-8601", envvar="FOLLOWUP_NOW", help="A fixed moment to act at."
)
@click.option(
    "--now-file",
    metavar="FILE",
    envvar="FOLLOWUP_NOW_FILE",
    help="Read the moment to act at from FILE on every request (for tests that move the clock).",
)
@click.option(
    "--mail-sync",
    "mail_minutes",
    type=Whole(1, 1440),
    metavar="MINUTES",
    help="Also sync your mailbox every MINUTES (the [imap] section of the config file; docs/mail.md).",
)
@click.option(
    "--server",
    is_flag=True,
    help="Serve many job seekers, their coaches and admins, from PostgreSQL, behind a reverse proxy "
    "with TLS (docs/server.md).",
)
@click.option(
    "--workers", type=Whole(1, 64), default=1, show_default=True, help="With --server: app processes."
)
def serve(
    host: str, port: int, open_browser: bool, allow_remote: bool, db: str | None, now_text: str | None,
    now_file: str | None, mail_minutes: int | None, server: bool, workers: int,
) -> None:  # fmt: skip
    """Serve the app in your browser, on this machine only (127.0.0.1) unless told otherwise."""
    import uvicorn

    from followup.web.app import create_app
    from followup.web.dependencies import LOOPBACK, Clock

    if server:
        _serve_many(host, port, db, workers)
        return
    if workers != 1:
        fail("--workers: one process serves one person's store; more are for --server")

    if host not in LOOPBACK_HOSTS and not allow_remote:
        fail(
            f"--host {host}: other machines could reach the app and your data; "
            "add --allow-remote if you mean it"
        )
    if host not in LOOPBACK_HOSTS:
        click.echo(
            f"Warning: listening on {host}: anyone who can reach it can read and change your job search.",
            err=True,
        )
    try:
        fixed = instant(now_text, "--now") if now_text else None
    except CaseError as error:
        fail(str(error))
    hosts = LOOPBACK | {host.lower(), f"[{host.lower()}]"}
    _port_is_free(host, port)
    clock = Clock(fixed, Path(now_file) if now_file else None)
    app = create_app(db, clock, frozenset(hosts))
    if mail_minutes is not None:
        _sync_mail(db, mail_minutes, clock)
    address = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    click.echo(f"followup is at {address} (Ctrl+C stops it)", err=True)
    if open_browser and not os.environ.get("CI"):
        webbrowser.open(address)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _serve_many(host: str, port: int, db: str | None, workers: int) -> None:
    """The app of a server, configured by the environment (web.server), in `workers` processes,
    trusting the X-Forwarded-* headers of a reverse proxy on this machine."""
    import uvicorn

    from followup.service.stores import StoreError
    from followup.web.server import NotConfigured, create_server_app

    if db:
        os.environ["FOLLOWUP_DB"] = db  # for every process
    try:  # the settings checked, the store migrated, once, before the processes start
        create_server_app().state.accounts_engine.dispose()
    except (NotConfigured, StoreError) as error:
        fail(str(error))
    _port_is_free(host, port)
    click.echo(f"followup serves many at http://{host}:{port}/ behind your proxy (Ctrl+C stops it)", err=True)
    uvicorn.run(
        "followup.web.server:create_server_app", factory=True, host=host, port=port, workers=workers,
        proxy_headers=True, log_level="warning",
    )  # fmt: skip


def _sync_mail(db: str | None, minutes: int, clock: Clock) -> None:
    """Sync the mailbox in the background every `minutes`, while the app runs."""
    import threading

    from followup.mail.account import imap_account, secret
    from followup.mail.config import ConfigError, read_config
    from followup.mail.inbox import keep_syncing
    from followup.service.stores import open_store

    try:  # a mistake in the settings is told now, not every few minutes
        config = read_config(smtp=False)
        imap = imap_account(config)
        if imap is None:
            fail(f"--mail-sync: {config.path}: no [imap] section: connect first with `followup mail connect`")
        secret(imap, config.path)
    except ConfigError as error:
        fail(f"--mail-sync: {error}")

    engine = open_store(db)
    stop = threading.Event()
    threading.Thread(  # the app's clock: --now and --now-file hold for it too
        target=keep_syncing,
        args=(engine, minutes, stop, lambda line: click.echo(line, err=True), clock.now),
        name="mail-sync",
        daemon=True,
    ).start()
    click.echo(f"Your mailbox is synced every {minutes} minute{'s' if minutes > 1 else ''}.", err=True)


def _port_is_free(host: str, port: int) -> None:
    """One line and exit code 2 when the address is taken (another followup, or another program)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((host, port))
        except OSError as error:
            fail(f"--port {port}: {host}:{port} is taken ({error.strerror or error}): give another --port")


COMMANDS = [serve]
