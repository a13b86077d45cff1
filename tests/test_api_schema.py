"""The JSON API against its own OpenAPI document (schemathesis): whatever a client sends, no
server error, and every response as the document says."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from followup.casefile.fields import instant
from followup.web.app import create_app
from followup.web.dependencies import LOOPBACK, Clock

STORE = Path(__file__).resolve().parent.parent / "build" / "schemathesis.sqlite3"
STORE.parent.mkdir(exist_ok=True)
for leftover in STORE.parent.glob("schemathesis.sqlite3*"):
    leftover.unlink()
APP = create_app(
    f"sqlite:///{STORE}", Clock(instant("2026-03-04T12:00:00-06:00", "now")), LOOPBACK | {"testserver"}
)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


# A request the document allows may still be refused for what no schema says (an unknown time
# zone, dates in the wrong order): that is a 400 naming the field, which the checks below accept.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    unsupported_method,
    allow_header_conformance,
]


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
