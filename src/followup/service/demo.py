"""A sample job search, dated from now, so a new user sees a full agenda at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.reading.incoming import Incoming
from followup.store.applications import add_application

if TYPE_CHECKING:
    from sqlalchemy import Engine

ORCHID = "America/New_York"


def _at(now: datetime, zone: str, days: int, hour: int, minute: int = 0) -> str:
    """An instant `days` calendar days from now at hour:minute in the zone, as ISO 8601."""
    local = now.astimezone(ZoneInfo(zone)) + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0).isoformat()


def _employer(name: str, zone: str, country: str, subdivision: str | None = None) -> dict[str, Any]:
    employer = {"name": name, "timezone": zone, "country": country}
    if subdivision:
        employer["subdivision"] = subdivision
    return employer


def demo_applications(now: datetime) -> list[tuple[str, dict[str, Any]]]:
    """(role, case file) of six applications at every stage, relative to now."""
    chicago, denver, london, berlin = "America/Chicago", "America/Denver", "Europe/London", "Europe/Berlin"

    def case(employer: dict[str, Any], interview: str, events: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "employer": employer,
            "interview": {"at": interview},
            "events": events,
        }

    def thanks(zone: str, days: int, hour: int = 8) -> dict[str, Any]:
        return {
            "at": _at(now, zone, days, hour),
            "kind": "contacted",
            "channel": "email",
            "purpose": "thank_you",
        }

    return [
        (
            "Category buyer",
            case(
                _employer("Northwind Traders", chicago, "US", "IL"),
                _at(now, chicago, -12, 10),
                [thanks(chicago, -11)],
            ),
        ),
        (
            "Data analyst",
            case(
                _employer("Bluebird Logistics", denver, "US", "CO"),
                _at(now, denver, -6, 14),
                [
                    thanks(denver, -5),
                    {
                        "at": _at(now, denver, -6, 15),
                        "kind": "call_back",
                        "date": _at(now, denver, 1, 9)[:10],
                        "note": "Call me tomorrow.",
                    },
                ],
            ),
        ),
        (
            "Nurse coordinator",
            case(
                _employer("Harbor Health", london, "GB", "ENG"),
                _at(now, london, -4, 11),
                [
                    thanks(london, -3),
                    {"at": _at(now, london, -4, 12), "kind": "wait_for_us", "note": "We'll be in touch."},
                ],
            ),
        ),
        (
            "Backend developer",
            case(
                _employer("Kestrel Software", berlin, "DE", "BE"),
                _at(now, berlin, -9, 10),
                [
                    thanks(berlin, -8),
                    {
                        "at": _at(now, berlin, -1, 9),
                        "kind": "rejected",
                        "note": "We have decided to move forward with other candidates.",
                    },
                ],
            ),
        ),
        (
            "Store manager",
            case(_employer("Maple & Co", chicago, "US", "IL"), _at(now, chicago, 1, 15), []),
        ),
        (
            "Project manager",
            case(
                _employer("Orchid Partners", ORCHID, "US", "NY"),
                _at(now, ORCHID, -3, 10),
                [
                    thanks(ORCHID, -3, hour=16),
                    {
                        "at": _at(now, ORCHID, -3, 11),
                        "kind": "decision_by",
                        "date": _at(now, ORCHID, 4, 9)[:10],
                    },
                ],
            ),
        ),
    ]


def add_demo(engine: Engine, now: datetime) -> list[int]:
    """Add the sample applications, and a message read from the mail for one of them, for you to
    confirm or dismiss; their ids."""
    added = [
        add_application(engine, document, now=now, role=role, source="sample")
        for role, document in demo_applications(now)
    ]
    from followup.service import inbox  # the sample mail: read as your mail is

    found = inbox.context(engine, "sample", frozenset(), keep_bodies=False)
    said = datetime.fromisoformat(_at(now, ORCHID, -1, 16))
    message = Incoming(
        uid=1, message_id="<sample-1@orchidpartners.example>", sender="jordan.lee@orchidpartners.example",
        subject="Project manager at Orchid Partners: next steps", said_at=said,
        text="Hi, thank you again for coming in. The partners were impressed and would like you back "
        "for a final round with the managing director; I'll be in touch with a few times to choose "
        "from. Please don't call the office; email me if anything comes up. Best, Jordan",
    )  # fmt: skip
    inbox.take(engine, found, "sample", 1, 1, [message], now)
    return added
