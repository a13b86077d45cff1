"""The store's settings, read and kept, each write its own transaction; your settings as the
pages and the API show and change them: your time zone, name, phone and waking hours, and the
numbers the rules use, each with what it does."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from followup.casefile import CaseError, read_policy
from followup.casefile.fields import timezone as read_zone
from followup.core import DEFAULT_POLICY, Policy, words
from followup.core.model import AWAKE
from followup.places.localzone import local_zone
from followup.store.records import YOURS, set_policy, set_timezone, set_yours, yours_checked
from followup.store.settings import keep_setting, read_setting, read_settings, setting_made_once

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = [
    "change",
    "current",
    "keep_setting",
    "read_setting",
    "read_settings",
    "setting_made_once",
]


def current(engine: Engine) -> dict[str, Any]:
    """Your time zone, and every setting of the rules as it stands, with what it does."""
    stored = read_settings(engine, ("timezone", "policy", "your_name", "your_phone", "waking_hours"))
    zone = stored["timezone"]
    policy = read_policy(json.loads(stored["policy"])) if stored["policy"] else DEFAULT_POLICY
    values, defaults = _plain(policy), _plain(DEFAULT_POLICY)
    yours = {key: stored[key] for key in ("your_name", "your_phone")}
    yours["waking_hours"] = stored["waking_hours"] or words.span(AWAKE.start, AWAKE.end)
    return {
        "timezone": zone or local_zone(),
        "timezone_set": zone is not None,
        **yours,
        "policy": {
            setting.name: {
                "value": values[setting.name],
                "default": defaults[setting.name],
                "explanation": setting.metadata["does"],
                "limits": setting.metadata["limits"] if type(values[setting.name]) is int else None,
            }
            for setting in fields(Policy)
        },
    }


def _plain(policy: Any) -> dict[str, Any]:
    return {key: getattr(value, "value", value) for key, value in asdict(policy).items()}


def change(engine: Engine, given: dict[str, Any], now: Any) -> None:
    """Set your time zone and the settings of the rules given; CaseError names a bad one, and
    then none is written: each is checked before the first is."""
    zone = read_zone(given["timezone"], "timezone").key if given.get("timezone") else None
    yours = yours_checked({key: given[key] for key in YOURS if key in given})
    policy = given.get("policy")
    if policy is not None:
        if not isinstance(policy, dict):
            raise CaseError("policy", "expected an object of settings")
        read_policy(policy)
    if zone is not None and read_setting(engine, "timezone") != zone:
        set_timezone(engine, zone, now)
    if yours:
        set_yours(engine, yours, now)
    if policy is not None:
        set_policy(engine, policy, now)
