"""A server in Chromium, as its people use it: the admin signs in and invites a job seeker and a
coach, and gives the seeker to the coach; the seeker joins from the link, adds an application
and sees it; the coach joins and finds the seeker on the dashboard. Each page passes axe-core.
(`followup serve --server`, on a PostgreSQL store of its own; localhost is a secure context, so
the Secure cookies are kept as over TLS.)"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from followup.cli import cli
from followup.store.database import connect
from tests.conftest import PASSWORD, add_northwind, emptied, followup_serving
from tests.test_accessibility import AS_SERVED_BUT_FOR_THE_POLICY, AXE, violations


@pytest.fixture
def server(server_url: str) -> Iterator[str]:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is needed under CI: npm ci")
        pytest.skip("no axe-core in node_modules (npm ci)")
    made = CliRunner().invoke(
        cli, ["admin", "--email", "ada@career.example", "--name", "Ada Admin", "--db", server_url],
        env={"FOLLOWUP_ADMIN_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    environment = {"FOLLOWUP_DB": server_url, "FOLLOWUP_HOSTS": "localhost"}
    try:
        with followup_serving(["--server"], environment) as port:
            yield f"http://localhost:{port}"
    finally:
        engine = connect(server_url)
        emptied(engine)
        engine.dispose()


def accessible(page: Any) -> None:
    assert violations(page) == [], page.url


def invite(page: Any, name: str, email: str, role: str) -> str:
    """The join link of a new invitation, as the admin's page shows it."""
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Role", exact=True).select_option(role)
    page.get_by_role("button", name="Invite").click()
    link = re.search(
        r"http://localhost:\d+/join/[\w-]+",
        page.get_by_role("region", name=f"Invitation for {name}").inner_text(),
    )
    assert link is not None
    return link[0]


def join(browser: Any, link: str) -> Any:
    page = browser.new_context(**AS_SERVED_BUT_FOR_THE_POLICY).new_page()
    page.goto(link)
    accessible(page)
    page.get_by_label("Password (at least 12 characters: a few words will do)").fill(PASSWORD)
    page.get_by_label("The same again").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()
    return page


@pytest.mark.browser
def test_an_admin_a_seeker_and_a_coach_each_walk_their_part(server: str, browser: Any) -> None:
    admin = browser.new_context(**AS_SERVED_BUT_FOR_THE_POLICY).new_page()
    admin.goto(server + "/")
    assert "/sign-in" in admin.url
    accessible(admin)
    admin.get_by_label("Email").fill("ada@career.example")
    admin.get_by_label("Password").fill("not the password at all")
    admin.get_by_role("button", name="Sign in").click()
    assert admin.get_by_role("alert").inner_text() == "That email and password do not match an account."
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    assert admin.url == server + "/people"
    accessible(admin)
    sam_link = invite(admin, "Sam Seeker", "sam@example.org", "seeker")
    cole_link = invite(admin, "Cole Coach", "cole@example.org", "coach")
    admin.goto(server + "/people")
    admin.get_by_label("Coach of Sam Seeker").select_option(label="Cole Coach")
    sams_row = admin.get_by_role("row", name=re.compile("Sam Seeker"))
    sams_row.get_by_role("button", name="Assign", exact=True).click()
    assert "Cole Coach" in admin.get_by_role("row", name=re.compile("Sam Seeker")).inner_text()
    accessible(admin)

    sam = join(browser, sam_link)
    assert sam.url == server + "/"
    accessible(sam)
    add_northwind(sam, server)
    assert "Northwind Traders" in sam.locator("h1").inner_text()
    accessible(sam)
    sam.goto(server + "/people")
    assert sam.locator("h1").inner_text() == "Not here"

    cole = join(browser, cole_link)
    assert cole.url == server + "/coach"
    row = cole.get_by_role("row", name=re.compile("Sam Seeker"))
    assert row.get_by_role("cell").first.inner_text() == "1"  # one application active
    accessible(cole)
    cole.get_by_role("button", name="Sign out everywhere").click()
    assert "/sign-in" in cole.url
    cole.goto(server + "/coach")
    assert "/sign-in" in cole.url
    for page in (admin, sam, cole):
        page.context.close()
