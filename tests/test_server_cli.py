"""A server from the command line: its first admin, and `followup serve --server` with two app
processes on one PostgreSQL store, signing in over HTTP as a reverse proxy passes it on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
from click.testing import CliRunner
from sqlalchemy import text

from followup.cli import cli
from followup.store.database import connect
from tests.conftest import FORM_TOKEN, PASSWORD, emptied, free_port


def test_the_first_admin_is_made_once_and_on_postgresql_only(server_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    environment = {"FOLLOWUP_ADMIN_PASSWORD": PASSWORD}
    made = runner.invoke(cli, ["admin", "--email", "Ada@Career.example", "--db", server_url], env=environment)
    assert made.exit_code == 0, made.output
    assert "ada@career.example is the admin" in made.output
    again = runner.invoke(
        cli, ["admin", "--email", "bea@career.example", "--db", server_url], env=environment
    )
    assert again.exit_code == 2 and "has an admin already" in again.output
    weak = runner.invoke(
        cli, ["admin", "--email", "x@y.example", "--db", server_url], env={"FOLLOWUP_ADMIN_PASSWORD": "short"}
    )
    assert weak.exit_code == 2 and "at least 12 characters" in weak.output
    local = runner.invoke(
        cli, ["admin", "--email", "x@y.example", "--db", f"sqlite:///{tmp_path}/one.sqlite3"], env=environment
    )
    assert local.exit_code == 2 and "PostgreSQL" in local.output
    engine = connect(server_url)
    emptied(engine)
    engine.dispose()


def test_serve_server_runs_two_processes_that_share_only_the_database(server_url: str) -> None:
    runner = CliRunner()
    assert (
        runner.invoke(
            cli,
            ["admin", "--email", "ada@career.example", "--db", server_url],
            env={"FOLLOWUP_ADMIN_PASSWORD": PASSWORD},
        ).exit_code
        == 0
    )
    port = free_port()
    environment = {**os.environ, "FOLLOWUP_DB": server_url, "FOLLOWUP_HOSTS": "followup.career.example"}
    process = subprocess.Popen(
        [sys.executable, "-m", "followup", "serve", "--server", "--workers", "2", "--port", str(port)],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    said = ""
    try:
        base = f"http://127.0.0.1:{port}"
        proxy = {
            "host": "followup.career.example",
            "x-forwarded-proto": "https",
            "x-forwarded-for": "198.51.100.7",
        }
        for _ in range(150):
            try:
                if httpx.get(f"{base}/readyz", headers=proxy).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not start")
        with httpx.Client(base_url=base, headers=proxy) as browser:
            page = browser.get("/sign-in")
            token = FORM_TOKEN.search(page.text)
            assert token is not None
            nonce = page.headers["set-cookie"].split(";")[0]  # Secure: a client on plain HTTP keeps it not
            assert "Secure" in page.headers["set-cookie"]
            signed = browser.post(
                "/sign-in",
                data={"csrf": token[1], "email": "ada@career.example", "password": PASSWORD},
                headers={"cookie": nonce},
            )
            assert signed.status_code == 303
            session = re.search(r"__Host-followup=([^;]+)", signed.headers["set-cookie"])
            assert session is not None and "Secure" in signed.headers["set-cookie"]
            cookie = {"cookie": f"__Host-followup={session[1]}; {nonce}"}
            seen = {browser.get("/people", headers=cookie).status_code for _ in range(20)}  # either process
            assert seen == {200}
    finally:
        process.terminate()
        said = process.communicate(timeout=20)[0]
    assert "followup serves many" in said
    assert "ada@career.example" not in said and "198.51.100.7" not in said  # its log names no one
    engine = connect(server_url)
    with engine.connect() as connection:
        [(address,)] = connection.execute(text("SELECT address FROM audit WHERE action = 'signed_in'")).all()
    assert address == "198.51.100.7"  # the client's, as the proxy said
    emptied(engine)
    engine.dispose()
