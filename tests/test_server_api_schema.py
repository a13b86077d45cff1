"""A server's JSON API against its own OpenAPI document (schemathesis), signed in as a job
seeker with applications of his own, beside another seeker's: whatever is sent, no server
error, every response as the document says, and the other seeker's data never in an answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from followup.service import applications
from followup.service.demo import add_demo
from followup.service.stores import as_account
from followup.store.database import connect
from followup.web.dependencies import Clock
from followup.web.server import create_server_app
from tests.conftest import FORM_TOKEN, PASSWORD, case_file, emptied, server_people
from tests.test_api_schema import CHECKS

NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
THEIRS = "Another seeker's own employer"


@pytest.fixture(scope="module")
def signed_in_api(server_url: str) -> Iterator[tuple[object, dict[str, str]]]:
    engine = connect(server_url)
    people = server_people(engine, NOW, {"sam": "seeker", "tia": "seeker"})
    add_demo(as_account(engine, people["sam"]), NOW)
    theirs = {**case_file(employer={"name": THEIRS}), "role": "Analyst"}
    applications.add(as_account(engine, people["tia"]), NOW, theirs)
    app = create_server_app({"FOLLOWUP_DB": server_url, "FOLLOWUP_HOSTS": "testserver"}, clock=Clock(NOW))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as browser:
        page = browser.get("/sign-in")
        token = FORM_TOKEN.search(page.text)
        assert token is not None
        signed = browser.post(
            "/sign-in", data={"csrf": token[1], "email": "sam@example.org", "password": PASSWORD}
        )
        assert signed.status_code == 303
        cookie = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
    yield app, {"cookie": cookie}
    app.state.accounts_engine.dispose()
    emptied(engine)
    engine.dispose()


def test_the_signed_in_api_keeps_to_its_document(signed_in_api: tuple[object, dict[str, str]]) -> None:
    app, session = signed_in_api
    api = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def kept(case: schemathesis.Case) -> None:
            response = case.call_and_validate(headers=session, checks=CHECKS)
            assert THEIRS not in response.text  # the other seeker's employer, never

        kept()
