"""The local web app: pages for people (server-rendered HTML that works without JavaScript) and
the same data as JSON under /api. It serves one store, on loopback unless told otherwise.

Safety on one machine (guard.py): requests naming a host other than the one served are refused
(DNS rebinding), and so are bodies over 2 MB, and changes sent from a page of another origin;
every answer carries the security headers, a strict Content-Security-Policy first. Every form
carries a token made from the browser's cookie with the store's secret (CSRF, tokens.py); the
JSON API takes JSON bodies only, which another site's page cannot send without asking."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from followup.service.stores import StoreError, nobody, open_store
from followup.web import (
    api,
    api_docs,
    coaching,
    editing,
    feed,
    invitations,
    mail,
    pages,
    people,
    reading_pool,
)
from followup.web.dependencies import LOOPBACK, Clock, Kept
from followup.web.errors import handle_errors
from followup.web.guard import Guard
from followup.web.sessions import SignedIn
from followup.web.tokens import FormTokens

HERE = Path(__file__).parent


def create_app(
    db: str | None = None,
    clock: Clock | None = None,
    hosts: frozenset[str] = LOOPBACK,
    *,
    server: bool = False,
    public_url: str | None = None,
) -> FastAPI:
    """The app on the store at db (default: the embedded SQLite store). With server, the app of
    a server of many accounts (web.server): PostgreSQL only, every request signed in."""
    app = FastAPI(
        title="followup",
        version="1",
        description="When and how to follow up after a job interview: the data of every page as JSON.",
        docs_url=None,  # the app's own page instead (api_docs.py), not one from another site
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=reading_pool.stopped_after,
    )
    engine = open_store(db)
    app.state.clock = clock or Clock()
    app.state.server, app.state.public_url = server, public_url
    if server:
        if engine.dialect.name != "postgresql":
            raise StoreError("a server keeps its accounts in PostgreSQL: give FOLLOWUP_DB=postgresql://...")
        app.state.accounts_engine = engine  # the accounts' own; every route is given a scope
        engine = nobody(engine)
    app.state.engine = engine
    app.state.kept = Kept()
    app.state.form_tokens = FormTokens(app.state.engine)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    if server:
        app.add_middleware(SignedIn, engine=app.state.accounts_engine, clock=app.state.clock)
    app.add_middleware(Guard, hosts=hosts, secure=server)

    handle_errors(app)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(editing.router)
    app.include_router(feed.router)
    app.include_router(invitations.router)
    app.include_router(mail.router)
    app.include_router(api_docs.router)
    if server:
        app.include_router(people.router)
        app.include_router(coaching.router)
    return app
