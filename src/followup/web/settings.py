"""Your settings: your own time zone, and the numbers the rules use, each with what it does."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine

from followup.casefile import CaseError, read_policy
from followup.casefile.case import POLICY_LIMITS
from followup.casefile.fields import timezone as read_zone
from followup.core import DEFAULT_POLICY, words
from followup.core.model import AWAKE
from followup.localzone import local_zone
from followup.store.applications import setting
from followup.store.records import YOURS, set_policy, set_timezone, set_yours, yours_checked

# Each setting of the rules, with what it does (docs/rules.md has their sources).
EXPLAINED: dict[str, str] = {
    "default_channel": "How to follow up when they named no channel: most employers prefer email.",
    "thank_you_within_hours": "Send your thank-you note within this many hours of the interview.",
    "thank_you_allowed_when_waiting": "A thank-you after the interview is fine, even when they will call.",
    "first_check_in_business_days": "With no timeline from them, check in this many business days after.",
    "after_decision_date_business_days": "When they gave a date, wait this many business days after it.",
    "max_check_ins": "Follow up at most this many times without an answer; then move on.",
    "check_in_spacing_business_days": "Leave this many business days between two follow-ups.",
    "move_on_after_business_days": "Move on this many business days after an unanswered last follow-up.",
    "silent_move_on_business_days": "When they asked for no contact, move on after this much silence.",
    "on_hold_check_in_business_days": "When the position is on hold, check in after this many business days.",
    "avoid_first_minutes": "No contact in the first minutes of their working day: they are settling in.",
    "avoid_last_minutes": "No contact in the last minutes of their working day: they are wrapping up.",
    "window_count": "How many good time windows to list.",
    "window_horizon_business_days": "How many business days ahead to look for good times.",
    "min_window_minutes": "Shorter free stretches are not listed as good times.",
}


def current(engine: Engine) -> dict[str, Any]:
    """Your time zone, and every setting of the rules as it stands, with what it does."""
    with engine.connect() as connection:
        zone = setting(connection, "timezone")
        stored = setting(connection, "policy")
    policy = read_policy(json.loads(stored)) if stored else DEFAULT_POLICY
    values, defaults = _plain(policy), _plain(DEFAULT_POLICY)
    with engine.connect() as connection:
        yours = {key: setting(connection, key) for key in ("your_name", "your_phone")}
        yours["waking_hours"] = setting(connection, "waking_hours") or words.span(AWAKE.start, AWAKE.end)
    return {
        "timezone": zone or local_zone(),
        "timezone_set": zone is not None,
        **yours,
        "policy": {
            key: {
                "value": values[key],
                "default": defaults[key],
                "explanation": text,
                "limits": POLICY_LIMITS.get(key, (0, 250)) if type(values[key]) is int else None,
            }
            for key, text in EXPLAINED.items()
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
    if zone is not None:
        with engine.connect() as connection:
            same = setting(connection, "timezone") == zone
        if not same:
            set_timezone(engine, zone, now)
    if yours:
        set_yours(engine, yours, now)
    if policy is not None:
        set_policy(engine, policy, now)
