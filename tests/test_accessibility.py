"""Every page of the web app, checked in Chromium by axe-core (WCAG 2.1 A and AA: labels, names,
contrast, landmarks, headings) and walked with the keyboard: focus goes through the page in the
order it reads and is always visible. axe-core comes from the npm registry (`make test` installs
it into node_modules); without it the checks are skipped with the reason, and under CI=true they
fail."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import demo_served, serving

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
NOW = "2026-03-10T15:00:00+00:00"
STANDARDS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = [
    "/",
    "/applications",
    "/applications?status=waiting",
    "/applications/new",
    "/applications/1",
    "/applications/1/draft",
    "/applications/1/draft?channel=phone",
    "/applications/1/draft?channel=visit",
    "/edit/application/1",
    "/edit/employer/1",
    "/edit/interview/1",
    "/insights",
    "/settings",
    "/api/docs",
]
# axe-core goes into each page as a script of its own, which the app's Content-Security-Policy
# (no script at all) would refuse: the pages checked by it are opened with the policy set aside.
# tests/test_web_guards.py checks the policy itself, on every page.
AS_SERVED_BUT_FOR_THE_POLICY = {"bypass_csp": True}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is needed under CI: npm ci")
        pytest.skip("no axe-core in node_modules (npm ci)")
    with demo_served(tmp_path_factory.mktemp("a11y"), NOW) as base:
        yield base


def violations(page: Any) -> list[str]:
    """What axe-core finds wrong on the page, one line per element."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        STANDARDS,
    )
    lines = []
    for violation in found:
        where = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{violation['id']}: {violation['help']} at {where}")
    return lines


@pytest.mark.parametrize("path", PAGES)
def test_the_page_passes_the_accessibility_checks(demo_site: str, browser: Any, path: str) -> None:
    page = browser.new_page(**AS_SERVED_BUT_FOR_THE_POLICY)
    page.goto(demo_site + path)
    assert page.title()
    assert violations(page) == []
    page.close()


def test_the_empty_state_and_a_form_with_its_errors_pass_too(
    tmp_path: Path, browser: Any, demo_site: str
) -> None:
    now_file = tmp_path / "now"
    now_file.write_text(NOW, encoding="utf-8")
    with serving(f"sqlite:///{tmp_path / 'empty.sqlite3'}", now_file) as base:
        page = browser.new_page(**AS_SERVED_BUT_FOR_THE_POLICY)
        page.goto(base + "/")
        assert "Nothing here yet" in page.content()
        assert violations(page) == []
        page.goto(base + "/applications/new")
        page.get_by_role("button", name="Add").click()  # nothing filled in
        assert page.locator("[aria-invalid=true]").count() > 0
        assert violations(page) == []
        page.close()


def test_what_was_read_to_confirm_and_correct_passes_too(demo_site: str, browser: Any) -> None:
    page = browser.new_page(**AS_SERVED_BUT_FOR_THE_POLICY)
    page.goto(demo_site + "/applications/1")
    words = "Thanks for your time today. We'll decide by Friday. Please don't call, we will email you."
    page.get_by_label("Paste their email").fill(words)
    page.get_by_role("button", name="Read it").click()
    assert page.get_by_role("button", name="Confirm and record").is_visible()
    assert violations(page) == []
    page.close()


FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]'
)).filter(element => !element.disabled && element.tabIndex >= 0 && element.getClientRects().length > 0
    && !element.closest('details:not([open]) > :not(summary)'))"""


@pytest.mark.parametrize("path", ["/", "/applications/1", "/edit/employer/1"])
def test_focus_follows_the_page_and_can_always_be_seen(demo_site: str, browser: Any, path: str) -> None:
    page = browser.new_page()
    page.goto(demo_site + path)
    in_order = page.evaluate(f"() => ({FOCUSABLE})().length")
    assert in_order > 0
    page.evaluate(f"() => {{ window.inOrder = ({FOCUSABLE})(); }}")
    visited: list[int] = []
    while len(visited) < in_order:
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return {index: window.inOrder.indexOf(element), ring: ring || style.boxShadow !== 'none',
                        name: element.outerHTML.slice(0, 80)};
            }"""
        )
        if visited and focused["index"] == visited[-1]:
            continue  # the next part of a date and time field
        assert focused["index"] == len(visited), f"Tab {len(visited) + 1} went to {focused['name']}"
        assert focused["ring"], f"no visible focus on {focused['name']}"
        visited.append(focused["index"])
    page.close()


def test_the_first_tab_offers_to_skip_to_the_content(demo_site: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()
