"""Pushing the calendar to a CalDAV calendar (Nextcloud, Radicale, Fastmail, iCloud...): each
planned follow-up and interview becomes one calendar object, `UID.ics`, holding the event and its
time zone (VTIMEZONE), written over whatever the server held under that name; an event pushed
before that is no longer planned and has not started yet is deleted. Events that have started are
left as they are: they are what happened.

What was pushed, to which calendar and as whom, is kept in the `caldav_pushed` setting (never the
password): it tells which events are ours to delete, and lets the next push reuse the address. A
push that fails (a refused password, a server that cannot be reached or fails) records nothing."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.client
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit, urlunsplit
from xml.etree import ElementTree

from icalendar import Calendar, Event, Timezone

from followup.calendar.file import calendar
from followup.casefile import CaseError
from followup.mail.hosts import host_problem
from followup.service.settings import keep_setting, read_setting

if TYPE_CHECKING:
    from sqlalchemy import Engine

PUSHED_SETTING = "caldav_pushed"
PASSWORD_ENVIRONMENT = "FOLLOWUP_CALDAV_PASSWORD"
TIMEOUT_SECONDS = 20.0
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
CALDAV = "urn:ietf:params:xml:ns:caldav"
PROPFIND = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>\n'
)


class PushError(Exception):
    """The server refused the push or could not be reached: its address, and why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass(frozen=True)
class Resource:
    """One calendar object to put on the server: a VCALENDAR with one event and its zones."""

    uid: str
    body: bytes
    start: datetime

    @functools.cached_property
    def fingerprint(self) -> str:
        """What the event says, but for DTSTAMP (the moment it was made, new every time)."""
        kept = [line for line in self.body.splitlines() if not line.startswith(b"DTSTAMP")]
        return hashlib.sha256(b"\n".join(kept)).hexdigest()


@dataclass
class Pushed:
    """What a push did, event UIDs by what happened to them."""

    url: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # no longer planned, but started: history


def calendar_address(text: str) -> str:
    """A calendar's address as given, checked: http or https, a host that is a host name or an
    IP address (followup.mail.hosts), a port, no credentials in it; it ends with a slash (it is a
    collection)."""
    # a user name and password written before an @ are never shown
    shown = re.sub(r"^([a-z][a-z0-9+.-]*://)?[^/?#@]*@", r"\1…@", text.strip(), flags=re.IGNORECASE)
    shown = shown if len(shown) <= 100 else shown[:97] + "..."
    try:
        parts = urlsplit(text.strip())
        host, _port = parts.hostname, parts.port  # each raises ValueError when it cannot be read
    except ValueError:
        host = None
    if host is None or parts.scheme not in ("http", "https"):
        raise CaseError("URL", f"{shown!r} is not a web address (give the calendar's https:// address)")
    if parts.username is not None or parts.password is not None:
        raise CaseError(
            "URL",
            f"give the user name with --user and the password in {PASSWORD_ENVIRONMENT}, not in the address",
        )
    if (wrong := host_problem(host)) is not None:
        raise CaseError("URL", f"{shown!r}: the host {wrong}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def plain_text_password(url: str, user: str | None) -> bool:
    """Whether a password would cross the network unencrypted: http to another machine."""
    parts = urlsplit(url)
    return user is not None and parts.scheme == "http" and (parts.hostname or "") not in LOOPBACK


def last_push(engine: Engine) -> str | None:
    """The address of the calendar pushed to last, if any push succeeded."""
    last = _pushed(engine).get("last")
    return str(last) if last else None


def user_for(engine: Engine, url: str) -> str | None:
    """The user name the last push to url took; for a calendar not pushed to yet, the one the
    last push to the same server took."""
    record = _pushed(engine)
    calendars: dict[str, Any] = record["calendars"]
    server = urlsplit(url)[:2]
    latest = [url, record.get("last") or "", *calendars]  # this calendar, then the last pushed to
    same = next((known for known in latest if known in calendars and urlsplit(known)[:2] == server), None)
    user = None if same is None else calendars[same].get("user")
    return None if user is None else str(user)


def push(
    engine: Engine, now: datetime, url: str, user: str | None = None, password: str | None = None
) -> Pushed:
    """Put every planned event on the calendar at url, delete those of ours no longer planned,
    and record what is there. The store is written only once the server has taken it all."""
    server = Server(url, user, password, TIMEOUT_SECONDS)
    server.check_calendar()
    resources = resources_of(calendar(engine, now))
    record = _pushed(engine)
    known: dict[str, Any] = record["calendars"].get(url, {}).get("events", {})
    done = Pushed(url)
    for uid, resource in resources.items():
        server.put(resource)
        seen = known.get(uid)
        if seen is None:
            done.new.append(uid)
        elif seen["fingerprint"] == resource.fingerprint:
            done.unchanged.append(uid)
        else:
            done.changed.append(uid)
    for uid in sorted(set(known) - set(resources)):
        if datetime.fromisoformat(known[uid]["start"]) > now:
            server.delete(uid)
            done.removed.append(uid)
        else:
            done.left.append(uid)
    record["calendars"][url] = {
        "user": user,
        "events": {
            uid: {"fingerprint": resource.fingerprint, "start": resource.start.astimezone(UTC).isoformat()}
            for uid, resource in resources.items()
        },
    }
    record["last"] = url
    keep_setting(engine, PUSHED_SETTING, json.dumps(record, sort_keys=True), counted=False)
    return done


def resources_of(made: Calendar) -> dict[str, Resource]:
    """Each event of a calendar as a calendar object of its own, with the zones it names; by UID.
    No METHOD: a stored calendar object is not a message (RFC 4791, 4.1)."""
    zones = {zone.tz_name: zone for zone in made.timezones}
    found: dict[str, Resource] = {}
    for event in made.events:
        found[str(event["uid"])] = _resource(made, event, zones)
    return found


def _resource(made: Calendar, event: Event, zones: dict[str, Timezone]) -> Resource:
    one = Calendar()
    for name in ("prodid", "version", "calscale"):
        one.add(name, made[name])
    named = {str(event[name].params["TZID"]) for name in ("dtstart", "dtend") if "TZID" in event[name].params}
    for tzid in sorted(named):
        one.add_component(zones[tzid])
    one.add_component(event)
    start = event.start
    if not isinstance(start, datetime):  # the calendar's events all have a time of day
        raise TypeError(f"{event['uid']}: DTSTART is a date, not a moment")
    return Resource(str(event["uid"]), one.to_ical(), start)


def _pushed(engine: Engine) -> dict[str, Any]:
    """The `caldav_pushed` setting: {"last": URL, "calendars": {URL: {"user", "events"}}}."""
    stored = read_setting(engine, PUSHED_SETTING)
    record: dict[str, Any] = json.loads(stored) if stored else {}
    record.setdefault("calendars", {})
    return record


class Server:
    """A CalDAV calendar over HTTP, its answers turned into one line when they are refusals."""

    def __init__(self, url: str, user: str | None, password: str | None, timeout: float) -> None:
        self.url, self.user, self.timeout = url, user, timeout
        self.headers = {"user-agent": "followup"}
        if user is not None:
            pair = f"{user}:{password or ''}".encode()
            self.headers["authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")

    def check_calendar(self) -> None:
        """The address is a calendar that takes us: before anything is written."""
        status, body = self._send(
            "PROPFIND", self.url, PROPFIND, {"depth": "0", "content-type": "application/xml; charset=utf-8"}
        )
        if status != 207:
            raise self._refused("PROPFIND", status)
        try:
            answer = ElementTree.fromstring(body)
        except ElementTree.ParseError:
            raise PushError(self.url, "not a CalDAV server (its answer to PROPFIND is not XML)") from None
        if answer.find(f".//{{DAV:}}resourcetype/{{{CALDAV}}}calendar") is None:
            raise PushError(
                self.url,
                "not a calendar (a folder of the server, but no calendar): give a calendar's address",
            )

    def put(self, resource: Resource) -> None:
        status, _ = self._send(
            "PUT", self.href(resource.uid), resource.body, {"content-type": "text/calendar; charset=utf-8"}
        )
        if status not in (200, 201, 204):
            raise self._refused("PUT", status, resource.uid)

    def delete(self, uid: str) -> None:
        status, _ = self._send("DELETE", self.href(uid), None, {})
        if status not in (200, 204, 404, 410):  # gone already is gone
            raise self._refused("DELETE", status, uid)

    def href(self, uid: str) -> str:
        return self.url + quote(uid, safe="") + ".ics"

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
        request = urllib.request.Request(url, body, {**self.headers, **headers}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return int(response.status), bytes(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return int(error.code), b""
        except urllib.error.URLError as error:
            reason = error.reason
            text = getattr(reason, "strerror", None) or str(reason)
            raise PushError(self.url, f"cannot reach the server ({text})") from None
        except TimeoutError:
            raise PushError(self.url, f"no answer from the server in {self.timeout:g} seconds") from None
        except (OSError, http.client.HTTPException) as error:
            raise PushError(self.url, f"the connection failed ({type(error).__name__}: {error})") from None

    def _refused(self, method: str, status: int, uid: str | None = None) -> PushError:
        said = f"{status} {_phrase(status)}".strip()
        what = f" the event {uid}" if uid else ""
        if status == 401 and self.user is None:
            reason = f"the server asks who you are ({said}): give --user and set {PASSWORD_ENVIRONMENT}"
        elif status == 401:
            reason = f"the server refused the user name {self.user!r} or its password ({said})"
        elif status == 403:
            reason = f"the server does not let {self.user or 'anyone'} change this calendar ({said})"
        elif status == 404 or (status == 409 and method == "PUT"):
            reason = f"no calendar there ({said}): make the calendar, then push to its address"
        elif status >= 500:
            reason = f"the server failed ({said}) on {method}{what}"
        else:
            reason = f"the server refused {method}{what} ({said})"
        return PushError(self.url, reason)


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
