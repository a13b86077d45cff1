"""What a message's template is, and a reading corrected as you corrected its template before.

Most job-search mail comes from a few templates: an applicant-tracking system sends the same
words to every applicant, with their name, the role, dates and numbers changed. A message's
template is its words with those masked: a word holding a digit, an address, a month or a
weekday, and a capitalised word (a name, a company, a role, or a sentence's first word). Two messages of
one template have the same masked words, word for word, so that a span of words in one is the
same span in the other.

A correction says what a reading of one kind should have been: confirmed as read, changed
(another kind, other channels, a date: a weekday so many weeks after the words were said), dismissed, or a
signal the reader missed, added. The next message of the template is read, then corrected so,
each signal corrected saying when."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.casefile.stored import SIGNAL_FIELDS, unsaid_fields

FEWEST_WORDS = 5  # unmasked words a template needs: "Thanks Bob!" is no template
LONGEST_TEMPLATE = 50_000  # characters: a longer text (a paste of many) is no one message's template
WORD = re.compile(r"\S+")
EDGES = "\"'\u201c\u201d\u2018\u2019()[]{}<>\u00ab\u00bb.,;:!?*_-\u2013\u2014\u2026"  # quotes, dashes
ADDRESS = re.compile(r"@|^(?:https?://|www\.)", re.IGNORECASE)
DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thur thurs fri".split()
)  # "may", "mar", "sat" and "sun" are words too: only capitalised are they masked, as names
# Words that say something, kept whatever their case: a template that differs in one of them is
# another template ("Please DO NOT call" is not "Please DO call"; "Not Selected", "Offer
# Extended" and "Interview Scheduled" are three statuses).
SAYING = frozenset(
    "not no never nor don't dont do does did doesn't didn't cannot can't won't will would shall "
    "should must may might can could please kindly unfortunately regret regrettably sorry sadly "
    "pleased delighted happy glad congratulations congrats thank thanks offer offered offering "
    "extended selected unselected shortlisted successful unsuccessful rejected declined decline "
    "hired hire withdrawn withdraw closed cancelled canceled filled paused hold frozen freeze "
    "interview interviews scheduled invited invitation assessment test reference references "
    "background check approved accepted received review reviewed under in progress next final "
    "round stage status update updated decision decided moving forward proceed proceeding other "
    "another candidate candidates position role application call phone ring email text visit "
    "contact reach wait hear soon again yes ok okay sure feel free hesitate".split()
)
JOINING = frozenset("of de la le del da di van von der den du & and y".split())  # within a name
MASKS = ("#", "@", "D", "N")
SHOWN = 300  # characters of a template's masked words kept, to show which it is (casefile.limits)
FIELDS = SIGNAL_FIELDS  # a signal's own


@dataclass(frozen=True, slots=True)
class Template:
    """A text's template: its key (a digest of its masked words) and where each word is."""

    key: str
    spans: tuple[tuple[int, int], ...]  # each word's start and end in the text
    masked: str  # the masked words, one space between: what is kept to show
    text: str = field(repr=False)

    def words_at(self, start: int, end: int) -> tuple[int, int]:
        """The first and last word of the text between start and end."""
        inside = [n for n, (first, last) in enumerate(self.spans) if last > start and first < end]
        return (inside[0], inside[-1]) if inside else (0, len(self.spans) - 1)

    def span(self, words: tuple[int, int] | list[int]) -> tuple[int, int]:
        """Where words first to last (as words_at gives them) stand in the text, without the comma
        or the like after the last."""
        last = len(self.spans) - 1
        first, end = min(max(words[0], 0), last), min(max(words[1], 0), last)
        start, stop = self.spans[first][0], self.spans[max(first, end)][1]
        while stop - 1 > start and self.text[stop - 1] in ",;:":
            stop -= 1
        return start, stop


def template_of(text: str) -> Template | None:
    """The template of a text, or None for words too few (or too many) to be one. A run of masked words of one
    kind within a sentence is one masked word: "Maria" and "Jonathan Smith", "Data Analyst" and
    "Head of Customer Experience" mask alike. A capitalised word that says something ("Not",
    "DO NOT", "Offer", "Unfortunately") is never masked: two messages that differ in it are two
    templates."""
    if len(text) > LONGEST_TEMPLATE:
        return None
    spans: list[tuple[int, int]] = []
    masked: list[str] = []
    plain = 0
    for found in WORD.finditer(text):
        token = found.group()
        core = token.strip(EDGES)
        folded = core.casefold()
        if any(c.isdigit() for c in core):
            shown = "#"
        elif ADDRESS.search(core):
            shown = "@"
        elif folded in DATE_WORDS:
            shown = "D"
        elif core[:1].isupper() and not (core.isupper() and len(core) > 1) and folded not in SAYING:
            shown = "N"  # a name, a company, a role, or a sentence's first word
        else:
            shown = token.casefold()
            plain += any(c.isalpha() for c in core)
        ended = bool(masked) and spans[-1][1] > 0 and text[spans[-1][1] - 1] in ".!?;:"
        if shown in MASKS and masked and masked[-1] == shown and not ended:
            spans[-1] = (spans[-1][0], found.end())
            continue
        if shown == "N" and len(masked) > 1 and masked[-2] == "N" and masked[-1] in JOINING and not ended:
            spans.pop()  # "Head of Customer Experience": the joining word is part of the name
            masked.pop()
            spans[-1] = (spans[-1][0], found.end())
            continue
        spans.append((found.start(), found.end()))
        masked.append(shown)
    if plain < FEWEST_WORDS:
        return None
    joined = " ".join(masked)
    return Template(hashlib.sha256(joined.encode()).hexdigest()[:32], tuple(spans), joined, text)


@dataclass(frozen=True, slots=True)
class Correction:
    """What a signal of a template should be. read_as: the kind the reader gave (None: it gave
    none, the signal was added); reading: the signal as corrected (None: dismissed), its kind,
    the fields changed (a date as a weekday so many weeks after the week said) and the words that say it."""

    read_as: str | None
    reading: dict[str, Any] | None
    corrected_at: datetime

    @property
    def what(self) -> str:
        """confirmed, changed, added or dismissed."""
        if self.reading is None:
            return "dismissed"
        if self.read_as is None:
            return "added"
        changed = self.reading.get("kind") != self.read_as or self.reading.get("fields")
        return "changed" if changed else "confirmed"


def correction(
    read: dict[str, Any] | None, kept: dict[str, Any] | None, said: date, at: datetime
) -> Correction | None:
    """The correction a person made of a signal read (None: one the reader missed) by keeping
    it as `kept` (None: dismissed), both as signal_json gives them; None when nothing is taught
    (a sure signal kept as read)."""
    if read is None and kept is None:
        return None
    if kept is None:
        assert read is not None
        return Correction(read["kind"], None, at)
    changed = {
        name: dated(kept.get(name), None if read is None else read.get(name), said)
        if name in ("date", "until")
        else kept.get(name)
        for name in FIELDS
        if _plain(kept.get(name)) != _plain(None if read is None else read.get(name))
        and (read is not None or kept.get(name) not in (None, [], False))
    }
    if read is not None and kept["kind"] == read["kind"] and not changed and not read.get("maybe"):
        return None
    reading = {"kind": kept["kind"], "fields": changed, "words": kept.get("words_at")}
    return Correction(read["kind"] if read is not None else None, reading, at)


def corrected(
    signals: list[dict[str, Any]], template: Template, said: date, corrections: list[Correction]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The signals of a message (as signal_json gives them, of the text `template` was taken of)
    as the corrections of its template say, the latest of each kind winning; and what they
    dismissed, each with its kind and the day it was dismissed."""
    latest: dict[tuple[str, str | None], Correction] = {}
    for one in sorted(corrections, key=lambda one: one.corrected_at):
        kind = one.read_as if one.read_as is not None else (one.reading or {}).get("kind")
        latest[("read" if one.read_as is not None else "added", kind)] = one
    signals = [dict(signal) for signal in signals]
    dismissed = []
    for (how, kind), one in latest.items():
        found = next((signal for signal in signals if signal["kind"] == kind), None)
        if how == "added" and found is not None and found.get("corrected") is None:
            found = None  # the reader found it this time: theirs, and the added one goes beside it
        if one.reading is None:
            if found is not None:
                signals.remove(found)
                gone = {"kind": kind, "on": one.corrected_at.date().isoformat()}
                dismissed.append({**gone, "words": dismissed_words(gone)})
            continue
        if how == "read" and found is None:
            continue  # the reader did not read it this time: nothing to correct
        made = _made(found, one, template, said)
        signals = [signal for signal in signals if signal is not found and signal["kind"] != made["kind"]]
        signals.append(made)
    signals.sort(key=lambda signal: (signal.get("start") or 0, signal["kind"]))
    return signals, dismissed


def corrected_words(corrected: dict[str, Any]) -> str:
    """How a signal was corrected, for people: "read as you corrected on 4 March 2026"."""
    how = {"confirmed": "confirmed", "added": "added"}.get(corrected["how"], "corrected")
    return f"read as you {how} on {_day(corrected['on'])}"


def dismissed_words(dismissed: dict[str, Any]) -> str:
    """What a correction dismissed, for people."""
    kind = dismissed["kind"].replace("_", " ")
    return f"not read as {kind}: you dismissed it on {_day(dismissed['on'])}"


def _day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _made(found: dict[str, Any] | None, one: Correction, template: Template, said: date) -> dict[str, Any]:
    reading = one.reading or {}
    made: dict[str, Any] = dict(found) if found is not None else {"kind": reading["kind"], **unsaid_fields()}
    made["kind"] = reading["kind"]
    for name, value in (reading.get("fields") or {}).items():
        if name not in FIELDS:
            continue
        if name in ("date", "until"):
            value = _absolute(value, said, made.get(name))
        made[name] = value
    words = reading.get("words")
    if found is None or (words and one.what == "added"):
        start, end = template.span(words) if words else (template.spans[0][0], template.spans[-1][1])
        made.update(start=start, end=end, evidence=template.text[start:end])
    made["confidence"] = 1.0
    made["maybe"] = False
    how = {"how": one.what, "on": one.corrected_at.date().isoformat()}
    made["corrected"] = {**how, "words": corrected_words(how)}
    return made


def shortened(masked: str) -> str:
    """A template's masked words as kept to show which it is: at most SHOWN characters, cut at a
    word, with an ellipsis."""
    if len(masked) <= SHOWN:
        return masked
    return masked[: SHOWN - 1].rsplit(" ", 1)[0] + "\u2026"


def said_day(said_at: str | datetime, timezone: str) -> date:
    """The day words were said, in the employer's zone."""
    moment = datetime.fromisoformat(said_at) if isinstance(said_at, str) else said_at
    return moment.astimezone(ZoneInfo(timezone)).date()


def dated(value: Any, read: Any, said: date) -> Any:
    """A corrected date as a weekday so many weeks after the week said, with the date the reader
    had read (`was`, the same way; None: it read none)."""
    if not isinstance(value, str):
        return value
    return {**_relative(value, said), "was": _relative(read, said) if isinstance(read, str) else None}


def _relative(value: str, said: date) -> dict[str, int]:
    """A date as a weekday so many weeks after the week it was said in: most dates of a template
    are a weekday ("by Friday", "Monday next week"), which falls on a weekday again."""
    day = date.fromisoformat(value)
    weeks = (day - timedelta(days=day.weekday()) - (said - timedelta(days=said.weekday()))).days // 7
    return {"weeks": weeks, "weekday": day.weekday()}


def _absolute(value: Any, said: date, read: Any) -> Any:
    """A corrected date in a message said on `said`, where the reader read `read`. The
    correction stands where the reader read the date as it read the first one (or read none
    in both): a message that names another date is read as it says. Never a day before it was
    said."""
    if not (
        isinstance(value, dict) and isinstance(value.get("weeks"), int) and value.get("weekday") in range(7)
    ):
        return value if not isinstance(value, dict) else read
    if "was" in value and value["was"] != (_relative(read, said) if isinstance(read, str) else None):
        return read
    day = said + timedelta(days=7 * value["weeks"] + value["weekday"] - said.weekday())
    return day.isoformat() if day >= said else read


def _plain(value: Any) -> Any:
    return sorted(value) if isinstance(value, list) else value
