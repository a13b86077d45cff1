"""Dates in what employers say, resolved against the day the words were said: "by Friday", "next
week", "within five business days", "one to two weeks", "the 15th", "13 March", "3/13".

A small grammar of regular expressions; each match gives the span of text, the date and, for a
range, the last day (`until`). The conventions are in docs/reading.md."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from followup.reading.limits import MOST_DATES, TooLong, too_many_dates

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_NAMES = {day: index for index, day in enumerate(DAYS)} | {
    day[:3]: index for index, day in enumerate(DAYS)
} | {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_NAMES = {month: index + 1 for index, month in enumerate(MONTHS)} | {
    month[:3]: index + 1 for index, month in enumerate(MONTHS)
} | {"sept": 9}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
    "several": 3,
}  # fmt: skip
MONTH_FIRST = frozenset({"US", "CA", "PH", "FM", "MH", "PW"})

WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri)\b\.?"
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
)
COUNT = r"(?:\d{1,3}|a couple(?: of)?|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty)"
# "hrs" in small letters: "an HR colleague" is no hour
UNIT = r"(?:calendar )?(?P<business>business |working |work )?(?P<unit>days?|weeks?|wks?|months?|hours?|(?-i:hrs?|Hrs?|HRS))"
# Read as spaces, so that no stop splits a date: a number's digits after it ("two (2) weeks"),
# an apostrophe inside a word ("Paddy's Day").
AS_SPACES = re.compile(r"(?<=[a-z])\s*\(\d{1,3}\)(?=\s)|(?<=\w)['’](?=\w)", re.IGNORECASE)
WEEK_OF = re.compile(
    r"(?:\b(?:the\s+)?week\s+(?:of|starting|beginning|commencing)|\bw/c|\bwc)\s+(?:the\s+|monday\s+|mon\s+)?$",
    re.IGNORECASE,
)
ORDINAL = r"(?P<nth>[0-3]?\d)(?:st|nd|rd|th)"
ORDINAL_NAMES = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ORDINAL_DAYS = {name: index + 1 for index, name in enumerate(ORDINAL_NAMES)} | {
    f"twenty-{name}": 21 + index for index, name in enumerate(ORDINAL_NAMES[:9])
} | {"thirtieth": 30, "thirty-first": 31}  # fmt: skip
ORDINAL_WORDS = "|".join(sorted((name.replace("-", "[- ]") for name in ORDINAL_DAYS), key=len, reverse=True))
# What closes an office for a few days: "after the long weekend", "after Easter", "after Diwali".
CLOSURE = (
    r"long\s+weekend|(?:bank|public)\s+holidays?(?:\s+weekend)?|holidays?(?:\s+(?:weekend|period|break|season))?"
    r"|easter(?:\s+(?:weekend|break|holidays?))?|christmas(?:\s+(?:break|holidays?|period))?"
    r"|new\s+year(?:\s+(?:break|holidays?))?|festive\s+(?:season|break|period)|the\s+break"
    r"|diwali|deepavali|golden\s+week|matariki|puente|thanksgiving|(?:chinese|lunar)\s+new\s+year|hari\s+raya"
    r"|eid|pongal|obon|shutdown|weekend|boxing\s+day|canada\s+day|anzac\s+day|australia\s+day"
    r"|waitangi\s+day|independence\s+day|semana\s+santa"
    r"|holy\s+week|cny|(?:st\.?\s+)?(?:patrick|paddy)\s?s\s+day|melbourne\s+cup|holi|sallah(?:\s+break)?|spring\s+festival"
    r"|labou?r\s+day|ostern|pfingsten|carnival|carnaval|songkran|chuseok|onam|bridge\s+day|the\s+bridge|ramadan"
    r"|whit\s+monday|whitsun(?:tide)?|pentecost(?:\s+monday)?"
)
# Closures that move with Easter, whether or not the country's public holidays name them: the
# last day of each, in days from Easter Sunday ("after Carnaval": after its Tuesday).
MOVABLE = {
    "carnival": -47, "carnaval": -47, "semana santa": 0, "holy week": 0, "whit monday": 50, "whitsun": 50,
    "whitsuntide": 50, "pentecost": 50, "pentecost monday": 50, "pfingsten": 50, "ostern": 1,
}  # fmt: skip


FLAGS = re.IGNORECASE
GRAMMAR = [  # each pattern, with the DateReader method that resolves its match
    (re.compile(rf"\b(?P<a>{COUNT})\s*(?:to|-|–|or)\s*(?P<b>{COUNT})\s+{UNIT}", FLAGS), "_range"),
    (
        re.compile(rf"\b(?:(?:with)?in|over the next|after|in the next)?\s*(?P<n>{COUNT})\s+{UNIT}\b", FLAGS),
        "_count",
    ),
    (re.compile(r"\b(?:with)?in\s+(?:the\s+next\s+|a\s+|one\s+)?(?P<n>fortnight)\b", FLAGS), "_fortnight"),
    (
        re.compile(
            r"\b(?:a|one|(?:the\s+)?next)\s+(?P<unit>day|week|month)\s+or\s+(?P<more>two|three|2|3|so)\b",
            FLAGS,
        ),
        "_unit_or_more",
    ),
    (
        re.compile(
            rf"\b(?:the\s+)?(?P<part>end|close|middle|start|beginning)\s+of\s+(?:the\s+|this\s+|next\s+)?(?P<what>week|month|day|{MONTH})",
            FLAGS,
        ),
        "_end_of",
    ),
    (
        re.compile(r"\b(?P<early>early|later|late|mid)(?:\s*-\s*|\s+)(?P<which>this|next)\s+week\b", FLAGS),
        "_part_of_week",
    ),
    (
        re.compile(
            rf"\b(?:(?P<early>early|late|mid)(?:\s*-\s*|\s+)|the\s+(?P<latter>latter|later)\s+part\s+of\s+)(?:(?P<which>this|next)\s+month\b|(?P<month>{MONTH})|month\b)",
            FLAGS,
        ),
        "_part_of_month",
    ),
    (
        re.compile(
            r"\b(?:(?P<end>end|close)\s+of\s+(?:the\s+)?)?(?:(?P<q>q[1-4])\b|(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|(?P<which>this|next|the)\s+quarter\b)(?:\s+(?:of\s+)?(?P<year>20\d\d)\b)?",
            FLAGS,
        ),
        "_quarter",
    ),
    (
        re.compile(
            rf"\bafter\s+(?:the\s+|this\s+|next\s+)?(?:[\w-]+\s+){{0,3}}?(?P<what>{CLOSURE})\b", FLAGS
        ),
        "_after_closure",
    ),
    (re.compile(r"\b(?:(?P<which>this|next)|within\s+the)\s+week\b", FLAGS), "_week"),
    (
        re.compile(
            rf"\b(?P<next>next\s+)?(?P<day>{WEEKDAY})(?P<of>\s+of\s+next\s+week|\s+next\s+week|\s+this\s+week)?",
            FLAGS,
        ),
        "_weekday",
    ),
    (re.compile(r"\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw)\b", FLAGS), "_day_after_tomorrow"),
    (
        re.compile(
            r"\b(?P<word>tomorrow|tmrw|tmr|tmw|today|tonight|end of (?:the )?day|eod|cob|eow"
            r"|this\s+(?:morning|afternoon|evening|arvo)|later\s+today)\b",
            FLAGS,
        ),
        "_near",
    ),
    (
        re.compile(
            rf"\b(?P<month>{MONTH})\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s*(?P<year>20\d\d))?", FLAGS
        ),
        "_month_day",
    ),
    (  # 16-Jul-2025, 16-July-25
        re.compile(rf"\b(?P<day>[0-3]?\d)-(?P<month>{MONTH})-(?P<year>(?:20)?\d\d)\b", FLAGS),
        "_month_day",
    ),
    (
        re.compile(
            rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s*(?P<year>20\d\d))?",
            FLAGS,
        ),
        "_month_day",
    ),
    (
        re.compile(
            rf"\b(?P<month>{MONTH})\s+(?:the\s+)?(?P<word>{ORDINAL_WORDS})\b|\b(?:the\s+)?(?P<word2>{ORDINAL_WORDS})\s+of\s+(?P<month2>{MONTH})",
            FLAGS,
        ),
        "_month_day_in_words",
    ),
    (
        re.compile(
            r"\b(?:(?:calendar|cal\.?)\s+week|kw|cw|(?:in|during|by|until|before|from|of|expected|latest)\s+(?:the\s+)?week|wk)\s*(?P<week>[1-5]?\d)\b(?!\s*(?:of\s+(?:the|your|our)\b|days?|weeks?|hours?|%))(?:\s*(?:of\s+)?(?P<year>20\d\d)\b)?",
            FLAGS,
        ),
        "_week_number",
    ),
    (re.compile(r"(?:(?P<year>20\d\d)\s*年\s*)?(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"), "_japanese"),
    # 2026-06-12, and as Korea, Japan and China write it, 2026.06.12 and 2026/6/12
    (re.compile(r"\b(?P<year>20\d\d)(?P<sep>[-./])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)\b"), "_iso"),
    (re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?!\d)"), "_day_month"),  # 14.04. (German)
    (  # "by 15.05": after a word that says a day follows, a month of two digits (not 3.5, a number)
        re.compile(
            r"\b(?:by|on|until|till|for|before|from|after|latest|deadline:?)\s+(?P<d>[0-3]?\d)\.(?P<m>0[1-9]|1[0-2])\b(?![.,]?\d)",
            FLAGS,
        ),
        "_day_month",
    ),
    (
        re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.\-])(?P<b>[0-3]?\d)(?:(?P=sep)(?P<year>(?:20)?\d\d))?\b"),
        "_numeric",
    ),
    (
        re.compile(
            rf"\b(?:the\s+)?{ORDINAL}\b(?!\s+(?:of\s+)?{MONTH})(?!\s+(?:round|interview|time|floor|candidate|century|place))",
            FLAGS,
        ),
        "_nth",
    ),
]
# What each reading needs in its words (case folded): the text is searched for that reading only
# between the stops around each place that has it, for a search costs as much where nothing matches.
DIGIT = re.compile(r"\d")
UNIT_AFTER_SPACE = re.compile(
    r"\s(?:day|week|wk|month|hour|hr|business |working |work |calendar )"
)  # as \s+{UNIT} begins


def _words(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


NEEDS: dict[str, re.Pattern[str]] = {
    "_range": UNIT_AFTER_SPACE, "_count": UNIT_AFTER_SPACE, "_fortnight": _words("fortnight"),
    "_unit_or_more": _words(" or "),
    "_end_of": _words("end", "close", "middle", "start", "beginning"), "_part_of_week": _words("week"),
    "_part_of_month": _words("early", "late", "mid", "latter", "later"),
    "_quarter": _words("q1", "q2", "q3", "q4", "quarter"), "_after_closure": _words("after"),
    "_week": _words("week"), "_weekday": _words("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "_near": _words(
        "tomorrow", "tmr", "tmw", "today", "tonight", "end of", "eod", "cob", "eow", "morning", "afternoon",
        "evening", "arvo",
    ),
    "_day_after_tomorrow": _words("day after"),
    "_month_day": _words(*(month[:3] for month in MONTHS)),
    "_iso": DIGIT, "_day_month": DIGIT, "_numeric": DIGIT, "_nth": DIGIT, "_week_number": DIGIT,
    "_japanese": DIGIT, "_month_day_in_words": _words(*(month[:3] for month in MONTHS)),
}  # fmt: skip
# What no date's words hold, nor what a reading looks at around them: a stop other than ". , / -",
# a quote, a bracket, a sign. A date never spans one of these.
NEAR = 64  # stretches of the text this close are searched as one
APART = re.compile(r"[^\w\s.,/\-–]")
# Letters that match an ASCII letter when case is ignored, but that case folding leaves as they
# are or makes longer: a text holding one is searched whole, as the readings' patterns see it.
ODD_CASES = re.compile("[\u0130\u0131]")
CLOSURE_AHEAD = 60  # days looked ahead for the holiday a closure speaks of
ANCHORED = {  # closures named for a day: the run of holidays holding it
    "christmas": (12, 25), "new year": (1, 1), "boxing day": (12, 26), "canada day": (7, 1),
    "anzac day": (4, 25), "australia day": (1, 26), "waitangi day": (2, 6), "independence day": (7, 4),
}  # fmt: skip  # closures named for a day: the run holding it
# A closure's words less what says it is a break ("easter weekend": "easter"), and the name its
# holiday goes by, for those said otherwise.
HOLIDAY_WORDS = re.compile(r"\b(?:the|weekend|break|holidays?|period|season|festival)\b", re.IGNORECASE)
HOLIDAY_ALIASES = {
    "paddy s day": "patrick", "paddys day": "patrick", "st patrick s day": "patrick", "st. patrick s day": "patrick",
    "patrick s day": "patrick", "labour": "labour day", "labor": "labor day", "sallah": "eid", "cny": "new year",
    "chinese new year": "new year", "lunar new year": "new year", "spring": "new year",
}  # fmt: skip
GENERAL_CLOSURES = frozenset(
    {"long", "bank", "public", "festive", "shutdown", "bridge day", "bridge", "new year"}
)
CLOSURE_GAP = 2  # business days between two holidays of one closure (Golden Week)
# "ten working days of the closing date, Friday 30 January": counted from the date named.
COUNTED_FROM = re.compile(r"\s+(?:of|from|after|following)\s+[^.;!?\n]{0,40}?", FLAGS)
# "within ten working days of the closing date", the date named before ("Applications close on 20
# March"): counted from that date.
OF_THAT_DATE = re.compile(
    r"\s+(?:of|from|after|following)\s+(?:the|that|this|our)\s+(?:(?:posting|vacancy|advert|advertisement|job|role|"
    r"position|application|applications?|campaign)\s+)?(?:(?:clos(?:e|ing)|end)(?:\s+date)?|deadline|date)\b",
    FLAGS,
)
CLOSING_WORDS = re.compile(r"\bclos(?:e|es|ed|ing)\b|\bdeadline\b|\bends?\b|\bopen\s+until\b", FLAGS)
CLOSING_REACH = 80  # characters before a date looked at for the words that make it a closing date
SAME_DAY = re.compile(r"[\s,]*(?:the\s+)?")
DAY_END = re.compile(r"end of (?:the )?day|eod|cob|close of (?:business|play)|tonight", FLAGS)
RANGE_GAP = re.compile(r"\s*(?:and|to|or|-|–|through|thru|until)\s*", FLAGS)


@dataclass(frozen=True, slots=True)
class Found:
    """A date in the text: where it is, and what it means."""

    start: int
    end: int
    date: dt.date
    until: dt.date | None = None
    weekday: bool = False  # a bare weekday ("Thursday"): in a range, of the same week as the other end
    counted: tuple[int, int | None, str, bool] | None = None  # "3-5 working days": (3, 5, "day", True)


def easter(year: int) -> date:
    """Easter Sunday of a year (the Gregorian computus: Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


class DateReader:
    """Reads dates said on `said` (the employer's local day), counting business days with
    `add_business_days`, numeric dates month first or day first."""

    def __init__(
        self,
        said: date,
        add_business_days: Callable[[date, int], date],
        month_first: bool,
        holiday_named: Callable[[str, date], date | None] | None = None,
    ) -> None:
        self.said = said
        self.add_business_days = add_business_days
        self.month_first = month_first
        # the first holiday after a day whose name holds the words ("labor day" in "Labor Day")
        self.holiday_named = holiday_named

    def find(self, text: str) -> list[Found]:
        """Every date in the text, left to right, the longest reading of each span; a range
        said as two dates ("between March 16 and March 20") is one. TooLong for a text of more
        than MOST_DATES of them."""
        found: list[Found] = []
        text = AS_SPACES.sub(lambda said: " " * len(said.group()), text)
        folded = text.casefold()
        whole = len(folded) != len(text) or ODD_CASES.search(text) is not None
        stops = [] if whole else [stop.start() for stop in APART.finditer(text)]
        spans_needing: dict[re.Pattern[str], list[tuple[int, int]]] = {}
        for pattern, name in GRAMMAR:
            needs = NEEDS[name]
            if needs not in spans_needing:
                spans_needing[needs] = _spans(needs, folded, stops, whole)
            spans = spans_needing[needs]
            if not spans:
                continue
            resolve = getattr(self, name)
            known: dict[tuple[str | None, ...], Found | None] = {}  # by the words and their parts: read once
            for start, end in spans:
                for match in pattern.finditer(text, start, end):
                    if len(found) >= MOST_DATES:
                        raise TooLong(too_many_dates())
                    parts = (match.group(0), *match.groups())
                    if parts in known:
                        result = known[parts]
                        if result is not None:
                            found.append(
                                Found(match.start(), match.end(), result.date, result.until, result.weekday)
                            )
                        continue
                    try:
                        result = resolve(match)
                    except (ValueError, OverflowError):  # 31/02, or a count beyond reason
                        result = None
                    known[parts] = result
                    if result is not None:
                        found.append(result)
        found.sort(key=lambda item: (item.start, -(item.end - item.start)))
        kept: list[Found] = []
        for item in found:  # overlapping readings: the first, longest wins
            if kept and item.start < kept[-1].end:
                continue
            if kept and kept[-1].until is None and item.until is None:
                gap = text[kept[-1].end : item.start]
                if SAME_DAY.fullmatch(gap):  # "Wednesday 20 May": the date, not the next Wednesday
                    # but "Monday EOD", "16-Jul-2025 COB": that day, by its end
                    day = kept[-1].date if DAY_END.fullmatch(text, item.start, item.end) else item.date
                    kept[-1] = Found(kept[-1].start, item.end, day)
                    continue
                in_range = RANGE_GAP.fullmatch(gap) is not None
                if in_range and kept[-1].weekday and item.weekday:
                    first = item.date - timedelta(days=(item.date.weekday() - kept[-1].date.weekday()) % 7)
                    kept[-1] = Found(kept[-1].start, item.end, first, item.date)
                    continue
                if in_range and item.date > kept[-1].date:
                    kept[-1] = Found(kept[-1].start, item.end, kept[-1].date, item.date)
                    continue
            kept.append(item)
        return self._counted_from_dates(text, kept)

    def _counted_from_dates(self, text: str, kept: list[Found]) -> list[Found]:
        """A count of days followed by the date it counts from ("within ten working days of the
        closing date, 30 January"): counted from that date, the two one reading."""
        read: list[Found] = []
        for item in kept:
            before = read[-1] if read else None
            if (
                before is not None
                and before.counted is not None
                and item.counted is None
                and item.until is None
                and COUNTED_FROM.fullmatch(text[before.end : item.start])
            ):
                low, high, unit, business = before.counted
                since = self._lately(item.date)
                read[-1] = Found(
                    before.start,
                    item.end,
                    self._after(low, unit, business, since),
                    self._after(high, unit, business, since) if high is not None else None,
                )
                continue
            read.append(item)
        return [
            self._from_date_named(text, read, item) if item.counted else self._week_of(text, item)
            for item in read
        ]

    def _week_of(self, text: str, item: Found) -> Found:
        """ "The week of January 5th": that week, Monday to Friday."""
        if item.until is not None or item.counted is not None:
            return item
        said = WEEK_OF.search(text, max(0, item.start - 30), item.start)
        if said is None:
            return item
        monday = item.date - timedelta(days=item.date.weekday())
        return Found(said.start(), item.end, monday, monday + timedelta(days=4))

    def _from_date_named(self, text: str, read: list[Found], item: Found) -> Found:
        """A count of days from a date named elsewhere ("within 21 days of the closing date"): from
        the closing date said before it (else after it), else from the last date said before it."""
        referent = OF_THAT_DATE.match(text, item.end)
        if referent is None or item.counted is None:
            return item
        before = [other for other in read if other.end <= item.start and other.counted is None]
        after = [other for other in read if other.start >= referent.end() and other.counted is None]
        closing = [
            other
            for other in before[::-1] + after
            if CLOSING_WORDS.search(text, max(0, other.start - CLOSING_REACH), other.start)
        ]
        named = closing[0] if closing else (before[-1] if before else None)
        if named is None:
            return item
        low, high, unit, business = item.counted
        since = self._lately(named.date)
        return Found(
            item.start,
            referent.end(),
            self._after(low, unit, business, since),
            self._after(high, unit, business, since) if high is not None else None,
        )

    def _lately(self, day: date) -> date:
        """A day counted from ("ten business days of your interview, October 14"): one past rather
        than one most of a year ahead, when a day without its year could be either."""
        if (day - self.said).days > 183:
            try:
                earlier = day.replace(year=day.year - 1)
            except ValueError:  # 29 February
                return day
            return earlier if earlier <= self.said else day
        return day

    def _count(self, match: re.Match[str]) -> Found | None:
        count = _number(match["n"])
        if count is None or count > 400:
            return None
        unit, business = match["unit"], bool(match["business"])
        return Found(
            match.start(),
            match.end(),
            self._after(count, unit, business),
            counted=(count, None, unit, business),
        )

    def _unit_or_more(self, match: re.Match[str]) -> Found:
        """ "A week or two": from a week to two weeks; "a week or so": a week."""
        unit, more = match["unit"], match["more"].lower()
        until = None if more == "so" else self._after(_number(more) or 2, unit, False)
        return Found(match.start(), match.end(), self._after(1, unit, False), until)

    def _fortnight(self, match: re.Match[str]) -> Found:
        return Found(match.start(), match.end(), self.said + timedelta(days=14))

    def _range(self, match: re.Match[str]) -> Found | None:
        low, high = _number(match["a"]), _number(match["b"])
        if low is None or high is None or not low < high <= 400:
            return None
        unit, business = match["unit"], bool(match["business"])
        return Found(
            match.start(),
            match.end(),
            self._after(low, unit, business),
            self._after(high, unit, business),
            counted=(low, high, unit, business),
        )

    def _after(self, count: int, unit: str, business: bool, since: date | None = None) -> date:
        """count days (business days), weeks or months after the day said, or since a day."""
        since = since or self.said
        unit = unit.lower().rstrip("s")
        unit = "week" if unit == "wk" else unit
        if unit in ("hour", "hr"):  # "within 48 hours": two days
            return since + timedelta(days=-(-count // 24))
        if unit == "day":
            return self.add_business_days(since, count) if business else since + timedelta(days=count)
        if unit == "week":
            return since + timedelta(weeks=count)
        month = since.month - 1 + count
        year, month = since.year + month // 12, month % 12 + 1
        return date(year, month, min(since.day, calendar.monthrange(year, month)[1]))

    def _end_of(self, match: re.Match[str]) -> Found | None:
        what, part = match["what"].lower().rstrip("."), match["part"].lower()
        text = match.group(0).lower()
        if what == "day":
            return Found(match.start(), match.end(), self.said) if part in ("end", "close") else None
        if what == "week":
            friday = self._friday(next_week="next" in text)
            if part in ("end", "close"):
                return Found(match.start(), match.end(), friday)
            monday = friday - timedelta(days=4)
            if part == "middle":
                return Found(match.start(), match.end(), monday + timedelta(days=2))
            return Found(
                match.start(), match.end(), monday, monday + timedelta(days=1)
            )  # as "early next week"
        if what == "month":
            year, month = self.said.year, self.said.month
            if "next" in text:
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        else:
            month = MONTH_NAMES[what[:4] if what.startswith("sept") else what[:3]]
            year = self.said.year + (month < self.said.month)
        last = calendar.monthrange(year, month)[1]
        if part in ("start", "beginning"):  # its first ten days, as "early March"
            return Found(match.start(), match.end(), date(year, month, 1), date(year, month, 10))
        day = {"end": last, "close": last}.get(part, 15)
        return Found(match.start(), match.end(), date(year, month, day))

    def _friday(self, *, next_week: bool) -> date:
        """The Friday of this week (said on a Friday or at the weekend: the next), or of the next."""
        monday = self.said - timedelta(days=self.said.weekday())
        if next_week:
            return monday + timedelta(days=11)
        friday = monday + timedelta(days=4)
        return friday if self.said < friday else friday + timedelta(days=7)

    def _week(self, match: re.Match[str]) -> Found:
        """This week (its Friday; "within the week" too), or next week (Monday to Friday)."""
        if (match["which"] or "this").lower() == "this":
            return Found(match.start(), match.end(), self._friday(next_week=False))
        monday = self.said - timedelta(days=self.said.weekday()) + timedelta(days=7)
        return Found(match.start(), match.end(), monday, monday + timedelta(days=4))

    def _part_of_week(self, match: re.Match[str]) -> Found:
        next_week = match["which"].lower() == "next"
        friday = self._friday(next_week=next_week)
        monday = self.said - timedelta(days=self.said.weekday()) + timedelta(days=7 if next_week else 0)
        part = match["early"].lower()
        if part == "early":
            return Found(match.start(), match.end(), monday, monday + timedelta(days=1))
        if part == "mid":
            return Found(match.start(), match.end(), monday + timedelta(days=2))
        if next_week:  # late next week: its Thursday and Friday
            return Found(match.start(), match.end(), friday - timedelta(days=1), friday)
        return Found(match.start(), match.end(), friday)

    def _part_of_month(self, match: re.Match[str]) -> Found | None:
        """Early (the 1st to the 10th), mid (the 15th) or late (the 21st to the last day) in a
        month: this one, the next, or one named (its next occurrence)."""
        year, month = self.said.year, self.said.month
        part = "late" if match["latter"] else match["early"].lower()
        if match["month"]:
            name = match["month"].lower().rstrip(".")
            if name == "may" and not match["early"]:
                return None
            month = MONTH_NAMES[name[:4] if name.startswith("sept") else name[:3]]
            year += month < self.said.month
        elif (match["which"] or "").lower() == "next" or (part == "mid" and self.said.day > 15):
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = calendar.monthrange(year, month)[1]
        if part == "early":
            return Found(match.start(), match.end(), date(year, month, 1), date(year, month, 10))
        if part == "mid":
            return Found(match.start(), match.end(), date(year, month, 15))
        return Found(match.start(), match.end(), date(year, month, 21), date(year, month, last))

    def _quarter(self, match: re.Match[str]) -> Found | None:
        """A calendar quarter: its first to its last day; its last day for "the end of" one."""
        current = (self.said.month - 1) // 3 + 1
        year = int(match["year"]) if match["year"] else self.said.year
        which = (match["which"] or "").lower()
        if match["q"]:
            quarter = int(match["q"][1])
        elif match["nth"]:
            quarter = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(
                match["nth"].lower(), 4
            )
        elif which == "next":
            quarter = current + 1
        elif which == "this" or (which == "the" and match["end"]):
            quarter = current
        else:
            return None  # "the quarter": which one is not said
        if not match["year"] and quarter < current:
            year += 1
        year, quarter = year + (quarter - 1) // 4, (quarter - 1) % 4 + 1
        first = date(year, 3 * quarter - 2, 1)
        last = date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
        if match["end"]:
            return Found(match.start(), match.end(), last)
        return Found(match.start(), match.end(), first, last)

    def _after_closure(self, match: re.Match[str]) -> Found | None:
        """The first business day after a closure: the coming weekend, or the coming run of
        public holidays ("after the long weekend", "after Easter", "after Golden Week"), holidays
        a couple of business days apart taken as one run."""
        what = " ".join(match["what"].lower().split())
        day = self.said + timedelta(days=1)
        if what == "weekend":
            while day.weekday() < 5:
                day += timedelta(days=1)
            return Found(match.start(), match.end(), self._next_business(day))
        movable = MOVABLE.get(HOLIDAY_WORDS.sub("", what).strip())
        if movable is not None:  # the coming one: this year's, else next year's
            for year in (self.said.year, self.said.year + 1):
                last = easter(year) + timedelta(days=movable)
                if last >= self.said:
                    return Found(match.start(), match.end(), self._next_business(last))
        anchor = next((day for name, day in ANCHORED.items() if what.startswith(name)), None)
        named = self._holiday_named(what) if anchor is None else None
        if named is not None:  # "after Labor Day", "after Thanksgiving": that holiday, however far
            day = named
        elif anchor is not None:
            day = self._next(*anchor, None)
            if day.weekday() < 5 and self._is_business(day):  # no holiday here: the day after it
                return Found(match.start(), match.end(), self._next_business(day))
        for _ in range(CLOSURE_AHEAD):  # the first weekday that is no business day: a holiday
            if day.weekday() < 5 and not self._is_business(day):
                break
            day += timedelta(days=1)
        else:
            return None
        last, open_days, probe = day, 0, day + timedelta(days=1)
        while open_days <= CLOSURE_GAP:  # holidays close together are one closure
            if self._is_business(probe):
                open_days += 1
            elif probe.weekday() < 5:
                last, open_days = probe, 0
            probe += timedelta(days=1)
        return Found(match.start(), match.end(), self._next_business(last))

    def _holiday_named(self, what: str) -> date | None:
        """The coming public holiday the words name ("labor day", "thanksgiving", "diwali",
        "paddy's day"), by the holiday's own name; none for a closure named in general ("the
        holidays", "the long weekend")."""
        if self.holiday_named is None:
            return None
        words = HOLIDAY_WORDS.sub("", what).strip()
        words = HOLIDAY_ALIASES.get(words, words)
        if not words or words in GENERAL_CLOSURES:
            return None
        return self.holiday_named(words, self.said)

    def _is_business(self, day: date) -> bool:
        return self.add_business_days(day - timedelta(days=1), 1) == day

    def _next_business(self, day: date) -> date:
        """The first business day after day."""
        return self.add_business_days(day, 1)

    def _weekday(self, match: re.Match[str]) -> Found | None:
        name = match["day"].lower().rstrip(".")
        weekday = DAY_NAMES.get(name, DAY_NAMES.get(name[:3]))
        if weekday is None:
            return None
        after = (match["of"] or "").lower()
        if match["next"] or "next" in after:  # the weekday of the following week
            monday = self.said - timedelta(days=self.said.weekday()) + timedelta(days=7)
            return Found(match.start(), match.end(), monday + timedelta(days=weekday), weekday=True)
        ahead = (weekday - self.said.weekday()) % 7 or 7
        return Found(match.start(), match.end(), self.said + timedelta(days=ahead), weekday=True)

    def _near(self, match: re.Match[str]) -> Found:
        word = match["word"].lower()
        if word == "eow":  # the end of the week
            return Found(match.start(), match.end(), self._friday(next_week=False))
        return Found(
            match.start(), match.end(), self.said + timedelta(days=word in ("tomorrow", "tmrw", "tmr", "tmw"))
        )

    def _day_after_tomorrow(self, match: re.Match[str]) -> Found:
        return Found(match.start(), match.end(), self.said + timedelta(days=2))

    def _month_day(self, match: re.Match[str]) -> Found | None:
        name = match["month"].lower().rstrip(".")
        if name == "may" and not match["day"]:
            return None
        month = MONTH_NAMES.get(name[:4] if name.startswith("sept") else name[:3])
        if month is None:
            return None
        return Found(match.start(), match.end(), self._next(month, int(match["day"]), match["year"]))

    def _month_day_in_words(self, match: re.Match[str]) -> Found | None:
        """ "January fifth", "the twenty-first of March"."""
        name = (match["month"] or match["month2"]).lower().rstrip(".")
        month = MONTH_NAMES.get(name[:4] if name.startswith("sept") else name[:3])
        word = " ".join((match["word"] or match["word2"]).lower().replace("-", " ").split()).replace(" ", "-")
        if month is None or word not in ORDINAL_DAYS:
            return None
        return Found(match.start(), match.end(), self._next(month, ORDINAL_DAYS[word], None))

    def _week_number(self, match: re.Match[str]) -> Found | None:
        """A calendar week ("KW 43", "calendar week 42", "in week 12"): its Monday to Friday, of
        the year named, else the next such week."""
        week = int(match["week"])
        if not 1 <= week <= 53:
            return None
        years = [int(match["year"])] if match["year"] else [self.said.year, self.said.year + 1]
        for year in years:
            try:
                monday = date.fromisocalendar(year, week, 1)
            except ValueError:
                continue
            if match["year"] or monday + timedelta(days=4) >= self.said:
                return Found(match.start(), match.end(), monday, monday + timedelta(days=4))
        return None

    def _japanese(self, match: re.Match[str]) -> Found | None:
        """2025年12月26日, 12月26日."""
        month, day = int(match["m"]), int(match["d"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if match["year"]:
            return Found(match.start(), match.end(), date(int(match["year"]), month, day))
        return Found(match.start(), match.end(), self._next(month, day, None))

    def _iso(self, match: re.Match[str]) -> Found | None:
        year, month, day = int(match["year"]), int(match["m"]), int(match["d"])
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            return None
        return Found(match.start(), match.end(), date(year, month, day))

    def _day_month(self, match: re.Match[str]) -> Found | None:
        day, month = int(match["d"]), int(match["m"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return Found(match.start(), match.end(), self._next(month, day, None))

    def _numeric(self, match: re.Match[str]) -> Found | None:
        first, second = int(match["a"]), int(match["b"])
        if match["sep"] in ".-" and not match["year"]:
            return None  # 3.5 is a number, 3-5 a range, not a date
        month, day = (first, second) if self.month_first and match["sep"] in "/-" else (second, first)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return Found(match.start(), match.end(), self._next(month, day, match["year"]))

    def _nth(self, match: re.Match[str]) -> Found | None:
        day = int(match["nth"])
        if not 1 <= day <= 31:
            return None
        year, month = self.said.year, self.said.month
        for _ in range(3):  # the next such day of a month, from the day it was said on
            if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= self.said:
                return Found(match.start(), match.end(), date(year, month, day))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return None

    def _next(self, month: int, day: int, year: str | None) -> date:
        """That day of that month: in the year given, else its next occurrence from the day said."""
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(self.said.year, month, day)
        return found if found >= self.said - timedelta(days=1) else date(self.said.year + 1, month, day)


def _spans(needs: re.Pattern[str], folded: str, stops: list[int], whole: bool) -> list[tuple[int, int]]:
    """Where in the text a reading that needs these words is searched for: from the stop before
    to the stop after each place that has them (stops at the given offsets), the text's
    neighbouring stretches as one; the whole text, if it has them at all, when whole."""
    if whole:
        return [(0, len(folded))] if needs.search(folded) else []
    spans: list[tuple[int, int]] = []
    place = needs.search(folded)
    while place is not None:
        after = bisect_right(stops, place.start())
        start = stops[after - 1] + 1 if after else 0
        end = stops[after] if after < len(stops) else len(folded)
        if spans and start - spans[-1][1] <= NEAR:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        place = needs.search(folded, end)
    return spans


def _number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)
