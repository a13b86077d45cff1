"""What a request gives: a form's fields (its token checked) and files, a JSON body only where
JSON is taken, and a datetime-local field's value as an instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import unquote_to_bytes
from zoneinfo import ZoneInfo

from fastapi import Path, Request
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from followup.casefile.fields import SURROGATE, CaseError, as_given, record_id, whole_text
from followup.casefile.limits import LARGEST_ID, LARGEST_WHOLE
from followup.web.dependencies import tokens_of


class NotJson(Exception):
    """A body sent to the API that is not JSON."""


async def json_only(request: Request) -> None:
    """The API takes JSON bodies only: another site's page cannot send one without the browser
    asking first (a CORS preflight this app never answers)."""
    if _content_type(request) != "application/json":
        raise NotJson


class StaleForm(Exception):
    """A form whose token is not the one made from the browser's cookie: stale, or from another
    site."""


@dataclass(frozen=True)
class Uploaded:
    """A file sent with a form: its name and what it holds."""

    name: str
    data: bytes


async def form_of(request: Request) -> dict[str, Any]:
    """A posted form's fields, once its token is checked against the browser's cookie; a
    repeated field as a list, a file as Uploaded (read whole: the guard refuses a request over
    2 MB). A form's text is UTF-8: a field holding bytes of another encoding is a CaseError
    naming it (a 400 page), where the framework would have put U+FFFD in their place (or, in a
    multipart form, read the field as Latin-1)."""
    if _content_type(request) == URL_ENCODED:
        fields = url_encoded(await request.body())
        token = fields.pop("csrf", "")
        if not tokens_of(request).holds(request.state.nonce, token if isinstance(token, str) else ""):
            raise StaleForm
        for key, value in fields.items():
            for text in [key, *(value if isinstance(value, list) else [value])]:
                if SURROGATE.search(text):
                    raise CaseError(key, f"{as_given(text)} is not UTF-8 text")
        return fields
    raw = await request.body()  # kept: the form below is read from it
    async with request.form() as form:
        if not tokens_of(request).holds(request.state.nonce, str(form.get("csrf") or "")):
            raise StaleForm
        fields = {}
        for key in form:
            if key != "csrf":
                values = [
                    value if isinstance(value, str) else Uploaded(value.filename or "", await value.read())
                    for value in form.getlist(key)
                ]
                for value in values:  # a part not in UTF-8 is read as Latin-1 by the framework
                    if isinstance(value, str) and not value.isascii() and value.encode() not in raw:
                        raise CaseError(key, "is not UTF-8 text (it holds bytes of another encoding)")
                fields[key] = values if len(values) > 1 else values[0]
    return fields


URL_ENCODED = "application/x-www-form-urlencoded"
MOST_FIELDS = 1000  # in one form, as the framework allows


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def url_encoded(body: bytes) -> dict[str, Any]:
    """The fields of a URL-encoded form, a repeated one as a list. Each name and value is read
    as UTF-8, a byte that is not as a lone surrogate (surrogateescape), to be refused by name."""
    pairs = [part for part in body.split(b"&") if part]
    if len(pairs) > MOST_FIELDS:
        raise CaseError("form", f"{len(pairs):,} fields (at most {MOST_FIELDS:,})")
    found: dict[str, list[str]] = {}
    for pair in pairs:
        name, _equals, value = pair.partition(b"=")
        key, text = (
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8", "surrogateescape")
            for part in (name, value)
        )
        found.setdefault(key, []).append(text)
    return {key: values if len(values) > 1 else values[0] for key, values in found.items()}


def ascii_id(value: Any) -> Any:
    """An id in a path as the store shows it, in ASCII digits: a number as FastAPI reads it would
    take " 1", "1_0" and Arabic-Indic digits too."""
    if not isinstance(value, str):
        return value
    try:
        return record_id(value, "id")
    except CaseError as error:
        raise PydanticCustomError("id", "{problem}", {"problem": error.problem}) from None


def ascii_whole(value: Any) -> Any:
    """A whole number in a query as the command line takes one, in ASCII digits: a number as
    FastAPI reads it would take " 1", "1_0" and Arabic-Indic digits too."""
    if not isinstance(value, str):
        return value
    try:
        return whole_text(value, "value", low=-LARGEST_WHOLE, high=LARGEST_WHOLE)
    except CaseError as error:
        raise PydanticCustomError("whole", "{problem}", {"problem": error.problem}) from None


ApplicationId = Annotated[
    int, BeforeValidator(ascii_id), Path(ge=1, le=LARGEST_ID, description="An application's id.")
]
Whole = BeforeValidator(ascii_whole)


def local_instant(text: str, zone: ZoneInfo, where: str) -> str | None:
    """A datetime-local field's value (no offset) as an instant in the employer's zone."""
    if not text:
        return None
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise CaseError(where, f"{text!r} is not a date and time") from None
    return (local if local.utcoffset() is not None else local.replace(tzinfo=zone)).isoformat()
