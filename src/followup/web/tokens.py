"""Form tokens (CSRF). The browser's cookie holds a random nonce; every form carries the token
made from it, HMAC-SHA256 under the store's own secret; a posted form is taken only if its token
is the one made from the cookie it came with.

A page of another site cannot read the token. One that manages to set the cookie for this host
(another program serving this machine on another port can: cookies do not tell ports apart) or
sees it gains nothing either: the token cannot be made without the secret, which never leaves
the store. The secret (32 random bytes, the `form_secret` setting) is made the first time it is
needed, and kept; it is the store's own bookkeeping, neither exported nor imported."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from typing import TYPE_CHECKING

from followup.service.settings import setting_made_once

if TYPE_CHECKING:
    from sqlalchemy import Engine

SECRET_SETTING = "form_secret"


class FormTokens:
    """The tokens of the forms of one store: its secret read (or made) once, then kept."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.secret: bytes | None = None
        self.lock = threading.Lock()

    def token(self, nonce: str) -> str:
        """The token of the forms of the browser whose cookie holds nonce."""
        digest = hmac.new(self.key(), nonce.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def holds(self, nonce: str, token: str) -> bool:
        """Whether token is the one made from nonce, compared in constant time."""
        return bool(nonce) and hmac.compare_digest(self.token(nonce).encode(), token.encode("utf-8"))

    def key(self) -> bytes:
        if self.secret is None:
            with self.lock:
                if self.secret is None:
                    self.secret = store_secret(self.engine)
        return self.secret


def store_secret(engine: Engine) -> bytes:
    """The store's secret for form tokens, made and kept the first time it is asked for (by
    whichever process asks first: one that loses the race reads the other's)."""
    return bytes.fromhex(setting_made_once(engine, SECRET_SETTING, lambda: secrets.token_hex(32)))
