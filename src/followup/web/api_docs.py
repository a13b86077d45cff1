"""The API's documentation as a page of the app (/api/docs): every operation of the OpenAPI
document with its method and path, what it does, its parameters, an example body and its
answers. Rendered on the server from /api/openapi.json, in the app's own look, with no script
and nothing from other sites."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from followup.web.templating import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The page that documents the JSON API."""
    from followup.web.templating import helpers

    document = request.app.openapi()
    return render(
        request,
        "api.html",
        info=document.get("info", {}),
        operations=operations(document),
        **helpers(request),
    )


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's operations in its order, each as the page shows it."""
    found = []
    for path, items in document.get("paths", {}).items():
        for method in METHODS:
            operation = items.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                {
                    "id": re.sub(r"[^a-z0-9_]+", "-", f"{method} {path}".lower()).strip("-"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [parameter(item, document) for item in operation.get("parameters", [])],
                    "body": None if body is None else json.dumps(example(body, document), indent=2),
                    "responses": [
                        {"code": code, "description": answer.get("description", ""), "shape": shape(answer)}
                        for code, answer in sorted(operation.get("responses", {}).items())
                    ],
                }
            )
    return found


def parameter(item: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """A parameter as a row of the page: name, where it goes, its kind and limits, what it is."""
    schema = resolved(item.get("schema", {}), document)
    return {
        "name": item.get("name", ""),
        "where": item.get("in", ""),
        "required": bool(item.get("required")),
        "kind": kind(schema, document),
        "limits": limits(schema, document),
        "description": item.get("description") or schema.get("description", ""),
    }


def kind(schema: dict[str, Any], document: dict[str, Any]) -> str:
    """A schema's type in a word or two: 'integer', 'string or null'."""
    if "anyOf" in schema:
        return " or ".join(kind(resolved(part, document), document) for part in schema["anyOf"])
    return str(schema.get("type", "any"))


def limits(schema: dict[str, Any], document: dict[str, Any]) -> str:
    """What a value must be, said shortly: 'from 1 to 31, default 1'."""
    said = []
    for part in [schema, *(resolved(each, document) for each in schema.get("anyOf", []))]:
        if "minimum" in part and "maximum" in part:
            said.append(f"from {part['minimum']} to {part['maximum']}")
        elif "minimum" in part:
            said.append(f"at least {part['minimum']}")
        elif "maximum" in part:
            said.append(f"at most {part['maximum']}")
        if "maxLength" in part:
            said.append(f"at most {part['maxLength']} characters")
        if "pattern" in part:
            said.append(f"one of {part['pattern'].strip('^$()').replace('|', ', ')}")
        if "enum" in part:
            said.append(f"one of {', '.join(str(value) for value in part['enum'])}")
    if "default" in schema:
        said.append(f"default {json.dumps(schema['default'])}")
    return "; ".join(said)


def shape(answer: dict[str, Any]) -> str:
    """The name of what an answer holds, when the document names it ('Error')."""
    schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
    return str(schema.get("$ref", "")).rsplit("/", 1)[-1]


def example(media: dict[str, Any], document: dict[str, Any], depth: int = 0) -> Any:
    """An example of a body: the document's own, else one made from its schema."""
    schema = resolved(media.get("schema", media), document)
    for given in (media.get("example"), schema.get("example"), *(schema.get("examples") or [None])[:1]):
        if given is not None:
            return given
    if depth > 5:
        return None
    if "anyOf" in schema:
        parts = [resolved(part, document) for part in schema["anyOf"]]
        first = next((part for part in parts if part.get("type") != "null"), {})
        return example({"schema": first}, document, depth + 1)
    if "enum" in schema:
        return schema["enum"][0]
    kinds = {"string": "text", "integer": 1, "number": 1.0, "boolean": True, "null": None}
    match schema.get("type"):
        case "object":
            return {
                name: example({"schema": part}, document, depth + 1)
                for name, part in schema.get("properties", {}).items()
            }
        case "array":
            return [example({"schema": schema.get("items", {})}, document, depth + 1)]
        case str(simple) if simple in kinds:
            return schema.get("default", kinds[simple])
    return {}


def resolved(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """A schema, or the one its $ref points to in the document's components."""
    reference = schema.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return schema
    found: Any = document
    for step in reference[2:].split("/"):
        found = found.get(step, {}) if isinstance(found, dict) else {}
    return found if isinstance(found, dict) else {}
