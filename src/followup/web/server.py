"""The app of a server for many job seekers, their coaches and admins, configured by the
environment, for any number of processes behind a reverse proxy that share nothing but the
PostgreSQL database:

    gunicorn 'followup.web.server:create_server_app()' -k uvicorn.workers.UvicornWorker -w 2

or `followup serve --server`. The environment:

- FOLLOWUP_DB: the PostgreSQL store (postgresql://user@host/database), as a role that is no
  superuser (row-level security keeps each seeker's rows to them, and does not hold a superuser);
- FOLLOWUP_HOSTS: the host names the app answers for, separated by commas (its public name);
- FOLLOWUP_PUBLIC_URL: its address as people reach it (https://...), for the links it gives;
- FOLLOWUP_NOW (for tests and benchmarks only): a fixed moment to act at."""

from __future__ import annotations

import os
from collections.abc import Mapping

from fastapi import FastAPI

from followup.casefile import CaseError
from followup.casefile.fields import instant
from followup.web.app import create_app
from followup.web.dependencies import LOOPBACK, Clock


class NotConfigured(ValueError):
    """A setting of the environment missing or wrong, named."""


def create_server_app(environ: Mapping[str, str] | None = None, clock: Clock | None = None) -> FastAPI:
    environ = os.environ if environ is None else environ
    db = environ.get("FOLLOWUP_DB", "")
    if not db.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        raise NotConfigured("FOLLOWUP_DB: a server needs a PostgreSQL store, postgresql://user@host/database")
    hosts = frozenset(
        host.strip().lower() for host in environ.get("FOLLOWUP_HOSTS", "").split(",") if host.strip()
    )
    public_url = environ.get("FOLLOWUP_PUBLIC_URL", "").rstrip("/") or None
    if public_url is not None and not public_url.startswith("https://"):
        raise NotConfigured(f"FOLLOWUP_PUBLIC_URL: {public_url} is not an https:// address")
    if clock is None and environ.get("FOLLOWUP_NOW"):
        try:
            clock = Clock(instant(environ["FOLLOWUP_NOW"], "FOLLOWUP_NOW"))
        except CaseError as error:
            raise NotConfigured(str(error)) from None
    return create_app(db, clock, hosts | LOOPBACK, server=True, public_url=public_url)
