"""The calendar feed's secret: a token that is the only key to the feed's address
(/calendar/TOKEN.ics), so that a calendar program can subscribe without logging in.

Only the token's SHA-256 is stored (the `calendar_feed` setting): the token is shown once, when it
is made, and a copy of the store does not give the feed away. A new token replaces the old one,
and revoking removes it: either way the old address answers 404 from then on."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from followup.service.settings import keep_setting, read_setting

if TYPE_CHECKING:
    from sqlalchemy import Engine

FEED_SETTING = "calendar_feed"
FEED_PATH = "/calendar/{token}.ics"


def new_feed_token(engine: Engine) -> str:
    """Make a new token for the feed, revoking any old one; the token (it cannot be shown again)."""
    token = secrets.token_urlsafe(24)
    keep_setting(engine, FEED_SETTING, _digest(token))
    return token


def revoke_feed(engine: Engine) -> bool:
    """Stop the feed: its address answers 404 from now on. Whether there was one."""
    return keep_setting(engine, FEED_SETTING, None) is not None


def has_feed(engine: Engine) -> bool:
    """Whether the feed is on (a token exists)."""
    return read_setting(engine, FEED_SETTING) is not None


def opens_feed(engine: Engine, token: str) -> bool:
    """Whether token is the feed's current token, compared in constant time."""
    stored = read_setting(engine, FEED_SETTING)
    return stored is not None and hmac.compare_digest(_digest(token), stored)


def feed_url(token: str, host: str, port: int) -> str:
    """The feed's full address on the app served at host and port."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}" + FEED_PATH.format(token=token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
