"""Errors, wherever they are met, said as the command line says bad input: the field and what
is wrong (as JSON under /api, as a page elsewhere), never a server error for what the store or
the request holds; and the OpenAPI document saying so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from followup.casefile.fields import CaseError
from followup.core.workdays import NoWorkingDay
from followup.service.accounts import NotAllowed
from followup.service.stores import ReadOnly, UnknownRecord
from followup.web.forms import NotJson, StaleForm
from followup.web.templating import no_page, page_error


def handle_errors(app: FastAPI) -> None:
    """Each error the app may meet, answered in the app's own form."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        """FastAPI's own checks (a query value, a path id, a body that is no object), said as
        the command line says bad input: the field, and what is wrong."""
        first = error.errors()[0] if error.errors() else {"loc": ["body"], "msg": "invalid"}
        field = ".".join(
            str(part) for part in first.get("loc", ["body"]) if part not in ("body", "query", "path")
        )
        if not request.url.path.startswith("/api/"):  # a page's address with a bad id in it
            return no_page(request)
        return JSONResponse({"error": {"field": field or "body", "message": str(first.get("msg"))}}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        """Errors the framework raises (a body that is not JSON, an unknown path), in the API's
        own form."""
        if request.url.path.startswith("/api/"):
            field = "body" if error.status_code == 400 else "path"
            return JSONResponse(
                {"error": {"field": field, "message": str(error.detail)}},
                error.status_code,
                headers=error.headers,
            )
        if error.status_code == 404:
            return no_page(request)
        return PlainTextResponse(str(error.detail), error.status_code, headers=error.headers)

    @app.exception_handler(UnknownRecord)
    async def unknown(request: Request, error: UnknownRecord) -> Response:
        """An id the store does not hold, wherever it is met: a 404."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": "id", "message": str(error)}}, 404)
        return page_error(request, 404, "Not found", str(error))

    @app.exception_handler(ReadOnly)
    @app.exception_handler(NotAllowed)
    async def not_yours(request: Request, error: Exception) -> Response:
        """A change the account may not make (a coach's to a seeker's data; a seeker's to an
        account): a 403."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": "account", "message": str(error)}}, 403)
        return page_error(request, 403, "Not yours to change", str(error))

    @app.exception_handler(CaseError)
    async def bad_data(request: Request, error: CaseError) -> Response:
        """What the store or the request holds that the rules cannot read, wherever it is met:
        a 400 naming the field, never a server error."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": error.where or "body", "message": error.problem}}, 400)
        return page_error(request, 400, "This cannot be shown", str(error))

    @app.exception_handler(NoWorkingDay)
    async def no_working_day(request: Request, error: NoWorkingDay) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"field": "employer.hours", "message": str(error)}}, 400)
        return page_error(request, 400, "This cannot be shown", f"employer.hours: {error}")

    @app.exception_handler(NotJson)
    async def not_json(request: Request, _error: NotJson) -> Response:
        return JSONResponse(
            {"error": {"field": "content-type", "message": "send JSON (application/json)"}}, 415
        )

    @app.exception_handler(StaleForm)
    async def stale(request: Request, _error: StaleForm) -> Response:
        return PlainTextResponse(
            "the form is stale or comes from another site: reload the page and try again", 403
        )

    app.openapi = _documented(app)  # type: ignore[method-assign]


FOREIGN = "Sent from a page of another site (its Origin, Sec-Fetch-Site or Referer says so)"


def _documented(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document as the API answers: bad input is a 400 naming the field (FastAPI's
    own checks included), never the 422 FastAPI lists by default; a change sent from a page of
    another site is a 403."""
    made = app.openapi

    def document() -> dict[str, Any]:
        schema = made()
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                responses = operation.get("responses", {})
                responses.pop("422", None)
                if method in ("post", "put", "patch", "delete") and "400" in responses:
                    responses.setdefault("403", {**responses["400"], "description": FOREIGN})
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        return schema

    return document
