"""Signals in what employers say: which event kind a sentence means, with its channels, dates and
the words that gave it. Readable rules: one list of patterns per kind, checked sentence by
sentence, then a few rules on how signals in one message go together."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from followup.reading.dates import DateReader, Found
from followup.reading.learned import Model
from followup.reading.patterns import (
    ABOUT_THEM,
    ASKED_TO_GET_IN_TOUCH,
    CALL,
    CALL_BACK,
    CONDITION,
    DECIDING,
    EMAIL,
    HEDGE,
    IN_RUNNING,
    KEYWORDS,
    MORE_IN_RUNNING,
    MORE_OFFER,
    MORE_REJECTED,
    NO_CONTACT,
    OFFER,
    OFFER_OF_ELSE,
    OK_TO_FOLLOW_UP,
    ON_FILE,
    ON_HOLD,
    PERMISSION,
    PREFER,
    REACH,
    REJECTED,
    REJECTED_OTHERWISE,
    RELEASED,
    REPLY_BY,
    SENDING,
    SILENCE,
    SILENCE_MEANS_NO,
    THEN,
    VISIT,
    WAIT_FOR_US,
    any_of,
    search,
)

I = re.IGNORECASE  # noqa: E741
LETTERS = re.compile(r"[^\W\d_]{2}")
PLAIN_QUOTES = str.maketrans("\u2018\u2019\u201b\u02bc\u201c\u201d", "''''\"\"")  # one character for one
# How the model's likelihoods count: a kind the rules did not find is added when the model finds
# it at least this likely (PROPOSE, for the kinds a wrong guess costs most; PROPOSED, else); a
# signal the rules found that the model finds less likely than DOUBT is a maybe; a signal less
# sure than MAYBE is shown as a maybe, for the person to confirm, and never recorded unasked.
# Chosen by cross-validation grouped by writer (tools/train_reader.py --cv --try): under MAYBE,
# what is proposed is a maybe, so a lower bar finds more and records nothing unasked; for a ban
# and an offer the bar stays higher (lowering every bar found 8 more rejections of 544 at the
# cost of 7 more false outcomes and a false ban); on 4,987 items a rejection at 0.5 rather than
# 0.6 found 8 more of 929 for 3 more false ones, each shown as a maybe.
PROPOSED = 0.4
PROPOSE = {"no_contact": 0.8, "rejected": 0.5, "offer": 0.7}
DOUBT = 0.05
MAYBE = 0.6
HEDGED = 0.2  # less sure of what is said with a hedge: "we might decide by Friday"
# What only might happen, said to every applicant: "should you be shortlisted", "if you're
# selected to move to the next stage", "only those invited to interview".
SUPPOSED = re.compile(
    r"(?:\b(?:if|unless|whether|once(?!\s+again)|only\s+(?:those|candidates|applicants|people))\b"
    r"|(?:^|[,;:(]\s*)should\b)[^,;:.!?]{0,40}$",
    I,
)
SUPPOSING = re.compile(
    r"\W*(?:if|should|unless|once(?!\s+again)|only\s+(?:those|candidates|applicants)|whether|regardless|no\s+matter"
    r"|in\s+(?:the\s+event|case))\b",
    I,
)
THEY_WILL_CALL = re.compile(
    r"\b(?:he|she|they|we|i)\s*(?:'ll|'d|will|would|is\s+going\s+to|are\s+going\s+to)\s+(?:\w+\s+)?"
    r"(?:call|ring|phone|text|e-?mail|message|contact)\s+(?:me|you)\b",
    I,
)
INVITING = re.compile(
    r"\b(?:you|i)\s+(?:can|could|may|should|are\s+welcome)\b|\bfeel\s+free\b|\bhesitate\b|\bcheck\s+(?:in|back)\b",
    I,
)
NEEDED = re.compile(r"(?:need|require|await)\b", I)
WELCOME_REACH = 25  # characters from a permission to the day it names, for it to be an invitation
ABOUT_THEM_REACH = 120  # characters before an invitation looked at for "we'll", "they will"...
SAID_AGAIN = 10  # dates in a sentence at most, for it to be kept in case it is said again
# Any word one of the patterns cannot do without (patterns.KEYWORDS): a sentence without any, and
# without a date, says nothing.
ANY_KEYWORD_AT_ALL = any_of({word for words in KEYWORDS.values() for word in words})
# A word that every way of saying DECIDING holds (in lower case): a cheap search first, for a
# sentence with a date.
DECIDING_WORDS = any_of(
    (
        "decid decis hear back know touch contact reach update notify finali conclud sign wrap finish "
        "done make timeline respon answer feedback news outcome result word next confirm verdict choose "
        "pick select shortlist meet revert inform send shar releas issu mail courier post forward propos "
        "put out through follow come arrive ready"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Signal:
    """One thing the words say, in the engine's vocabulary, and the words that say it."""

    kind: str
    start: int
    end: int
    evidence: str
    confidence: float
    date: dt.date | None = None
    until: dt.date | None = None
    channels: tuple[str, ...] = ()
    channel: str | None = None
    silence_means_no: bool = False
    released: bool = False

    @property
    def maybe(self) -> bool:
        """Too unsure to record unasked: shown for the person to confirm."""
        return self.confidence < MAYBE


ABBREVIATIONS = frozenset(
    "mr ms mrs dr st vs jr sr inc co ltd corp jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri e.g i.e etc approx no a.m p.m".split()
)


def _no_abbreviation_before() -> str:
    """Lookbehinds from just after a dot: not after an abbreviation or an initial (a word of one
    letter; "on December 1." ends a sentence), a word that starts after neither a letter nor a
    dot; one for each length."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(re.escape(word))
    behind = [rf"(?<!(?<![\w.])(?ai:{'|'.join(words)})\.)" for _length, words in sorted(by_length.items())]
    return r"(?<!(?<![\w.])[^\W\d_]\.)" + "".join(behind)


# The end of a sentence: a run of stops, from its first (a dot not after an abbreviation, "Mr.",
# "Mar.", "a.m.", or an initial), followed by a space, a quote or a bracket; or a line break.
STOPS = r"[.!?;]*+(?=[\s\"')\]]|$)"
END = re.compile(rf"\.(?<![.!?;]\.){_no_abbreviation_before()}{STOPS}|[!?;](?<![.!?;].){STOPS}|\n")


WRAPPED_AT = 55  # characters: a line this long, broken mid-sentence, was wrapped by the mail program
GOES_ON = re.compile(r"[ \t>]*[a-z(]")  # the next line goes on in lower case


def _wrapped(text: str, at: int) -> bool:
    """A line break inside a sentence: a long line that ends with no stop, and the next goes on in
    lower case ("If you have not been contacted within three months of the closing date,\nplease
    accept ..."). A note's short lines stay apart."""
    line = text[text.rfind("\n", 0, at) + 1 : at].rstrip()
    return len(line) >= WRAPPED_AT and line[-1:] not in ".!?:;" and GOES_ON.match(text, at + 1) is not None


def sentences(text: str) -> list[tuple[int, str]]:
    """The text's sentences with where each starts. A line break ends one too, as in notes, but
    not where a mail program wrapped a long line; a dot after an abbreviation ("Mr.", "Mar.",
    "a.m.") or an initial does not."""
    found, start = [], 0
    for end in END.finditer(text):
        if end.group(0) == "\n" and _wrapped(text, end.start()):
            continue
        if text[start : end.end()].strip():
            found.append((start, text[start : end.end()]))
        start = end.end()
    if text[start:].strip():
        found.append((start, text[start:]))
    return found


CHANNEL_WORDS = (
    (
        "phone",
        re.compile(
            rf"\b{CALL}|\b(?:tele)?phon(?:e|ic)|\bcalls\b|\bringing\b|\brang\b|\bcalled\b|\btext(?:s|ed|ing)?\b|\bmsg\b"
            r"|\b(?:cell|mobile)(?:\s+(?:phone|number))?\b(?!\s+(?:app|site|device|friendly|version))|\btxts?\b|\bsms\b"
            r"|\bwhats\s?app\b",
            I,
        ),
    ),
    ("email", re.compile(rf"\b{EMAIL}|\bemails?\b|\be-mails?\b|\bmail\b", I)),
    (
        "visit",
        re.compile(
            rf"\b{VISIT}|\bvisits?\b|in person|drop-ins|walk-ins"
            r"|\bcom(?:e|ing) (?:to|into|over to) (?:our|the|my) (?:\w+ )?(?:office|offices|shop|store|site"
            r"|premises|hotel|bakery|studio|clinic|school|branch|depot|yard|restaurant|plant|showroom|warehouse)\b",
            I,
        ),
    ),
)
ANY_CHANNEL = re.compile(rf"\b{REACH}\b|\bupdates\b|\bunsolicited\b|\bfollow-?ups\b", I)


def channels_in(text: str) -> tuple[str, ...]:
    """The channels a phrase names: a call, an email, a visit; none for a general 'contact'."""
    return tuple(channel for channel, words in CHANNEL_WORDS if words.search(text))


def read_signals(text: str, dates: DateReader, model: Model | None = None) -> list[Signal]:
    """Every signal in the text, one per kind, in the order they are said: what the rules find,
    with what the model (when given) finds likely, scoped and dated by the rules."""
    said_as = text
    text = text.translate(PLAIN_QUOTES)  # the patterns' apostrophes: "haven\u2019t" is "haven't"
    found: list[Signal] = []
    last: Found | None = None  # "by then" means the date said before
    # once for the text, in order, then shared out by sentence; a note's own date at the head of
    # a line ("Fri 31/10 - HR rang: ...") is when it was written, not a day anyone named
    every_date = [when for when in dates.find(text) if not _heading(text, when, dates.said)]
    # An acknowledgement's warm words are no news that you are in the running: there the model
    # must be sure of it, no maybe.
    proposing = (
        model if model is None or not ACKNOWLEDGES.search(text) else model.surer_of("in_running", MAYBE)
    )
    next_date = 0
    # A sentence said again, with the same dates and after the same date: read once.
    known: dict[tuple[str, tuple[Found, ...], Found | None], tuple[list[Signal], Found | None]] = {}
    for start, sentence in sentences(text):
        end = start + len(sentence)
        said = []
        while next_date < len(every_date) and every_date[next_date].start < end:
            when = every_date[next_date]
            if start <= when.start and when.end <= end:
                said.append(Found(when.start - start, when.end - start, when.date, when.until))
            next_date += 1
        if len(said) > SAID_AGAIN:
            signals, last = _in_sentence(0, sentence, said, last, dates.said, proposing)
        else:
            key = (sentence, tuple(said), last)
            if key not in known:
                known[key] = _in_sentence(0, sentence, said, last, dates.said, proposing)
            signals, last = known[key]
        found += [
            replace(
                signal,
                start=signal.start + start,
                end=signal.end + start,
                evidence=said_as[signal.start + start : signal.end + start],
            )
            for signal in signals
        ]
    return _together(found, text)


HEADING_BEFORE = re.compile(r"[\s(\[*#>]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?", I)
HEADING_AFTER = re.compile(r"\s*(?:[-\u2013\u2014:|)\]]|\d{1,2}[:.]\d{2}\b)")


def _heading(text: str, when: Found, said_day: date) -> bool:
    """Whether a date heads its line, as the date of a note does: nothing before it but a
    weekday, a dash or a colon (or a time) after it, and not after the day the words were said."""
    line = text.rfind("\n", 0, when.start) + 1
    return (
        when.date <= said_day
        and HEADING_BEFORE.fullmatch(text, line, when.start) is not None
        and HEADING_AFTER.match(text, when.end) is not None
    )


def _in_sentence(
    offset: int, sentence: str, said: list[Found], before: Found | None, said_day: date, model: Model | None
) -> tuple[list[Signal], Found | None]:
    then = THEN.search(sentence)
    if not said and then is not None and before is not None:  # "by then": the date said before
        said = [Found(then.start(), then.end(), before.date, before.until)]
    signals, last = _by_rules(offset, sentence, said, before, said_day)
    if model is not None and LETTERS.search(sentence):
        signals = _with_model(signals, sentence, said, said_day, model.likelihoods(sentence))
    return signals, last


def _with_model(
    signals: list[Signal], sentence: str, said: list[Found], said_day: date, likely: dict[str, float]
) -> list[Signal]:
    """The rules' signals, with what the model finds: a signal it finds unlikely is shown as a
    maybe; a kind it finds likely that the rules did not is added, its channels and dates read
    by the rules."""
    kept = []
    for signal in signals:
        chance = likely.get(signal.kind)
        if chance is not None and chance < DOUBT:
            signal = replace(signal, confidence=min(signal.confidence, round(MAYBE - 0.1, 2)))
        kept.append(signal)
    found = {signal.kind for signal in kept}
    for kind, chance in likely.items():
        if kind in found or chance < PROPOSE.get(kind, PROPOSED):
            continue
        proposed = _proposed(kind, sentence, said, said_day, chance)
        if proposed is not None:
            kept.append(proposed)
    return kept


def _proposed(kind: str, sentence: str, said: list[Found], said_day: date, chance: float) -> Signal | None:
    """A signal the model finds likely in a sentence: the whole sentence its evidence, its
    channels and dates as the rules read them."""
    start = len(sentence) - len(sentence.lstrip())
    end = len(sentence.rstrip())
    if kind in ("in_running", "offer", "rejected") and SUPPOSING.match(sentence, start):
        return None  # "Should you be shortlisted, ...": what might be, said to everyone
    if kind == "offer" and OFFER_OF_ELSE.search(sentence):
        return None  # "we would like to offer you access to a free career platform"
    if kind in ("offer", "rejected") and ACKNOWLEDGES.search(sentence):
        return None  # "we wanted to let you know that we received your application": no outcome
    if kind == "rejected" and (NOT_YET_DECIDED.search(sentence) or CALLED_OFF.search(sentence)):
        return None  # "your application has not been unsuccessful at this point"; an interview moved
    fields: dict[str, Any] = {}
    if kind in ("decision_by", "call_back"):
        dated = [
            when
            for when in said
            if when.date >= said_day and not STARTING.search(sentence, max(0, when.start - 40), when.start)
        ]
        if not dated:
            return None
        if kind == "call_back" and (
            (THEY_WILL_CALL.search(sentence) and not REPLY_BY.search(sentence))
            or not (
                ASKED_WORDS.search(sentence.lower()) or REPLY_BY.search(sentence) or INVITING.search(sentence)
            )
        ):
            return None  # "he said he'd call me tomorrow", "we'll decide by the 20th": no invitation
        fields.update(date=dated[0].date, until=dated[0].until)
    named = channels_in(sentence)
    if kind in ("no_contact", "ok_to_follow_up"):
        fields["channels"] = named
    elif kind == "prefer_channel":
        preferred = _preferred_channel(sentence)
        if preferred is None:
            return None
        fields["channel"] = preferred
    elif kind == "call_back":
        fields["channel"] = named[0] if named else None
    elif kind == "on_hold":
        fields["released"] = RELEASED.search(sentence) is not None
    if kind == "decision_by":
        fields["silence_means_no"] = bool(SILENCE.search(sentence) and SILENCE_MEANS_NO.search(sentence))
    confidence = round(chance - HEDGED * (HEDGE.search(sentence) is not None), 2)
    return Signal(kind, start, end, sentence[start:end], confidence, **fields)


PASSED_OVER = re.compile(r"(?:rather\s+than|instead\s+of|\bnot|\bno|\bover|\bthan)\s+(?:by\s+|via\s+)?$", I)


def _preferred_channel(sentence: str) -> str | None:
    """The channel a sentence prefers: the first it names that is not passed over ("email me
    rather than ringing": email)."""
    named = [
        (match.start(), channel)
        for channel, words in CHANNEL_WORDS
        for match in words.finditer(sentence)
        if not PASSED_OVER.search(sentence, max(0, match.start() - 20), match.start())
    ]
    return min(named)[1] if named else None


def _by_rules(
    offset: int, sentence: str, said: list[Found], before: Found | None, said_day: date
) -> tuple[list[Signal], Found | None]:
    lower = sentence.lower()
    if not said and ANY_KEYWORD_AT_ALL.search(lower) is None:  # no pattern can match: nothing said
        return [], before
    hedged = HEDGE.search(sentence) is not None
    signals: list[Signal] = []

    def signal(
        kind: str, match: re.Match[str], confidence: float, when: Found | None = None, **fields: Any
    ) -> Signal:
        start, end = match.start(), match.end()
        if when is not None:
            start, end = min(start, when.start), max(end, when.end)
            fields.update(date=when.date, until=when.until)
        return Signal(
            kind=kind, start=offset + start, end=offset + end, evidence=sentence[start:end],
            confidence=round(confidence - HEDGED * hedged, 2), **fields,
        )  # fmt: skip

    outcome = _outcome(sentence)
    if outcome is not None:
        signals.append(signal(outcome[0], outcome[1], 0.9))
    silence = search(SILENCE, sentence, lower)
    settled = False  # a silence that means no: the date is theirs, nothing to invite or promise
    if silence is not None and said and search(SILENCE_MEANS_NO, sentence, lower):
        signals.append(signal("decision_by", silence, 0.85, said[0], silence_means_no=True))
        settled = True
    hold = search(ON_HOLD, sentence, lower)
    if hold is not None and NEGATED["on_hold"].search(sentence, 0, hold.start()):
        hold = None  # "we are not pausing the search"
    if (
        hold is not None
        and outcome is not None
        and re.match(r"(?:we\s+)?regret|unfortunately", outcome[1].group(0), I)
    ):
        signals.pop(0)  # "we regret to inform you that the search is suspended": on hold, not rejected
        outcome = None
    if hold is not None and outcome is None:
        signals.append(signal("on_hold", hold, 0.9, released=search(RELEASED, sentence, lower) is not None))
    elif (release := search(RELEASED, sentence, lower)) is not None:
        signals.append(signal("release", release, 0.5))  # of an on-hold notice said elsewhere
    running = search(IN_RUNNING, sentence, lower) or search(MORE_IN_RUNNING, sentence, lower)
    if running is not None and outcome is None and not SUPPOSED.search(sentence, 0, running.start()):
        signals.append(signal("in_running", running, 0.85))
    banned = search(NO_CONTACT, sentence, lower)
    if banned is not None and PERMISSION.search(sentence[max(0, banned.start() - 8) : banned.end()]):
        banned = None  # "don't hesitate to call"
    if banned is not None:
        signals.append(signal("no_contact", banned, 0.9, channels=_banned_channels(sentence, banned)))
    if (preferred := search(PREFER, sentence, lower)) is not None:
        named = channels_in(next((value for value in preferred.groupdict().values() if value), ""))
        if named:
            signals.append(signal("prefer_channel", preferred, 0.85, channel=named[0]))
    if settled:
        return signals, said[-1]
    welcome = search(OK_TO_FOLLOW_UP, sentence, lower) or _asked_to_get_in_touch(sentence, lower)
    if welcome is not None and (
        (banned is not None and welcome.start() < banned.end() and banned.start() < welcome.end())
        or (preferred is not None and ASKED_TO_GET_IN_TOUCH.fullmatch(welcome.group(0)))
    ):
        welcome = None  # "please don't call me": a ban; "text me rather than call": a preference
    invited = _invitation(sentence, said, silence, welcome)
    ruled_out = (
        set(signals[-1].channels or ("phone", "email", "visit")) if banned is not None and signals else set()
    )
    named = ()
    if invited is not None:  # the channel named just after an invitation, or anywhere after a request
        reach = len(sentence) if invited[0].re is REPLY_BY else invited[0].end() + 25
        named = channels_in(sentence[invited[0].start() : reach])
    if invited is not None and not (ruled_out and (not named or named[0] in ruled_out)):
        match, when = invited
        signals.append(signal("call_back", match, 0.85, when, channel=named[0] if named else None))
    elif welcome is not None:
        named = channels_in(sentence[welcome.start() : welcome.end() + 20])
        signals.append(signal("ok_to_follow_up", welcome, 0.85, channels=named))
    deciding = (
        search(DECIDING, sentence, lower) or search(SENDING, sentence, lower)
        if said and DECIDING_WORDS.search(lower)
        else None
    )
    waiting = search(WAIT_FOR_US, sentence, lower) or (
        search(SENDING, sentence, lower) if not said else None  # "she'll send the contract": undated
    )
    dated = [when for when in said if (invited is None or when is not invited[1]) and when.date >= said_day]
    promise = waiting or deciding
    if promise is not None and dated:
        promise = _decisive(sentence, promise)
    if promise is not None and dated and silence is None and invited is None:
        signals.append(signal("decision_by", promise, 0.85, _nearest(dated, promise)))
    elif waiting is not None:
        signals.append(signal("wait_for_us", waiting, 0.85))
    return signals, said[-1] if said else before


# A word that every way of asking to get in touch holds: a cheap search first.
ASKED_WORDS = any_of(
    (
        "give hit shoot nudge swing call ring phone text ping mail messag msg dm whatsapp kakao write "
        "drop come shout yell holler reach remain direct send address please"
    ).split()
)
ELSEWHERE = re.compile(
    r"\b(?:urgent|absence|out\s+of\s+(?:the\s+)?office|accommodations?|accessibility|disability|technical"
    r"|trouble|difficult(?:y|ies)|password|log\s*-?in|unsubscribe|privacy|personal\s+data|data\s+protection)\b",
    I,
)


def _asked_to_get_in_touch(sentence: str, lower: str) -> re.Match[str] | None:
    """Asked to get in touch ("ring me if anything comes up"), unless it is they who will ("he'll
    call me"), or it is what any applicant is told for something else (an out-of-office's urgent
    matters, an accommodation, a technical problem)."""
    if ASKED_WORDS.search(lower) is None or ELSEWHERE.search(sentence):
        return None
    for match in ASKED_TO_GET_IN_TOUCH.finditer(sentence):
        if not ABOUT_THEM.search(sentence, max(0, match.start() - ABOUT_THEM_REACH), match.start()):
            return match
    return None


# The words of a promise that say the decision or the news itself, not what comes before it
# ("interviews wrap up this week and we'll let everyone know by the end of the month").
DECISIVE = re.compile(
    r"\b(?:decid|decision|(?<!\bto\s)let\s+(?:\w+\s+){0,2}?know(?!\s+(?:where|that|how)\b)|notif|hear\b|heard\b|get\s+back|be\s+in\s+touch|results?\b"
    r"|outcome|answer|respon|confirm|revert|inform|contact|verdict)",
    I,
)


def _decisive(sentence: str, promise: re.Match[str]) -> re.Match[str]:
    """Of the promises a sentence makes, the one that says the decision or the news, if it is not
    the first: its date is the date of the decision."""
    if _says_the_decision(sentence, promise):
        return promise
    for match in DECIDING.finditer(sentence, promise.end()):
        if _says_the_decision(sentence, match):
            return match
    return promise


def _says_the_decision(sentence: str, promise: re.Match[str]) -> bool:
    """The promise's words say the decision or the news (read in their sentence: "just to let
    you know where things stand" does not)."""
    found = DECISIVE.search(sentence, promise.start())
    return found is not None and found.start() < promise.end()


def _nearest(dates: list[Found], match: re.Match[str]) -> Found:
    """The date a phrase speaks of: the first after it, else the last before it."""
    after = [when for when in dates if when.start >= match.start()]
    return after[0] if after else dates[-1]


# What, said just before an outcome, takes it back.
NEGATED = {
    "offer": re.compile(r"\b(?:not|no|isn'?t|without|unable|cannot|can'?t|won'?t)\s+(?:\w+\s+){0,5}$", I),
    "rejected": re.compile(
        r"(?:\bnot|\bnever|n't|\bnothing\s+(?:has|have|had|is|was))\s+(?:been\s+|yet\s+)?$", I
    ),
    # "we are not pausing the search", "the role isn't on hold"
    "on_hold": re.compile(r"(?:\bnot|n't|\bnever|\bno\s+plans?\s+to)\s+(?:be\s+|been\s+|currently\s+)?$", I),
}


# An acknowledgement of an application: in a message that says one, the model must be sure to
# find you in the running; in its own words, it proposes no outcome.
ACKNOWLEDGES = re.compile(
    r"\b(?:received|receiving|receipt\s+of|thank\s+you\s+for|thanks\s+for)\s+(?:your|the)\s+(?:\w+\s+)?application\b"
    r"|\bthank(?:s|\s+you)\s+for\s+applying\b|\bsuccessfully\s+(?:submitted|applied|completed\s+the\s+(?:online\s+)?(?:submission|application))",
    I,
)
# A day the job starts on is no day of a decision: "starting Monday", "your first day on 17 August".
STARTING = re.compile(
    r"\b(?:start(?:s|ing)?|starting\s+date|start\s+date|first\s+day|commenc(?:e|es|ing)|join(?:ing)?\s+(?:us\s+)?)"
    r"(?:\s+(?:date\s+)?(?:is|will\s+be|of|on|from|as\s+of))?\s*(?:on\s+)?(?:the\s+)?$",
    I,
)
# A rejection denied, or a decision still to come, in the same sentence: no rejection proposed.
NOT_YET_DECIDED = re.compile(
    r"\b(?:not|n't|never)\s+(?:\w+\s+){0,2}?(?:unsuccessful|rejected|declined|turned\s+down)\b"
    r"|\bno\s+(?:final\s+)?(?:decision|outcome)\s+(?:\w+\s+){0,2}?(?:has|have)\s+(?:yet\s+)?been\s+"
    r"(?:made|determined|reached|taken)\b",
    I,
)
# What was cancelled or filled is not the role itself: "the interview for the role was cancelled".
NOT_THE_ROLE = re.compile(
    r"\b(?:interview|meeting|call|session|chat|test|assessment|event|visit|trial)s?\s+(?:for|of|about|regarding)\s+"
    r"(?:the|this|that|your)\s+(?:[\w-]+\s+){0,3}?$",
    I,
)

# An interview or a call called off or moved is no outcome: "the interview was cancelled; we'll
# rebook it" (the rules read a role cancelled as one; the model, alone, may not tell them apart).
CALLED_OFF = re.compile(
    r"\b(?:interview|meeting|call|session|chat|assessment|visit)s?\b[^.;]{0,60}?"
    r"\b(?:cancell?ed|postponed|called\s+off|moved|rescheduled)\b|\bre-?(?:book|schedul|arrang)",
    I,
)


def _outcome(sentence: str) -> tuple[str, re.Match[str]] | None:
    """An offer or a rejection, unless said as a condition ("if we move forward with other
    candidates"), as what silence will mean, or asked ("has the role been filled?")."""
    if sentence.rstrip(" \t\"')").endswith("?"):
        return None
    for kind, pattern in (
        ("offer", OFFER),
        ("offer", MORE_OFFER),
        ("rejected", REJECTED),
        ("rejected", MORE_REJECTED),
        ("rejected", REJECTED_OTHERWISE),
    ):
        match = search(pattern, sentence, sentence.lower())
        if match is None:
            continue
        if kind == "rejected" and (
            search(SILENCE, sentence, sentence.lower()) or NOT_THE_ROLE.search(sentence, 0, match.start())
        ):
            continue
        if CONDITION.search(sentence[: match.start()]) and not re.search(r"\bunfortunately\b", sentence, I):
            continue
        if NEGATED[kind].search(sentence, 0, match.start()):
            continue  # "this is not a formal offer of employment", "your application is not rejected"
        return kind, match
    return None


def _invitation(
    sentence: str, said: list[Found], silence: re.Match[str] | None, welcome: re.Match[str] | None
) -> tuple[re.Match[str], Found] | None:
    """An invitation to get back to them at a time they name: "call me next week", "if you
    haven't heard by Friday, feel free to email"; not their own promise ("we'll reach out")."""
    if not said:
        return None
    lower = sentence.lower()
    asked = welcome if welcome is not None and ASKED_TO_GET_IN_TOUCH.fullmatch(welcome.group(0)) else None
    reply = REPLY_BY.search(sentence)
    if not any(word in lower for word in KEYWORDS[CALL_BACK]) and welcome is None and reply is None:
        return (welcome, said[0]) if silence is not None and welcome is not None else None
    starts = [when.start for when in said]
    invitations = [*CALL_BACK.finditer(sentence), *(found for found in (asked, reply) if found is not None)]
    if welcome is not None and asked is None:
        invitations.append(welcome)  # "feel free to nudge me on the 21st": the day right after it
    for match in invitations:
        if ABOUT_THEM.search(
            sentence, max(0, match.start() - ABOUT_THEM_REACH), match.start()
        ) and not NEEDED.match(match.group(0)):
            continue  # "we'll call you", but not "we'll need your answer by Friday"
        first_after = bisect_left(starts, match.start() - 3)  # the dates said in order
        after = said[first_after : first_after + 1]
        if match is welcome and after and after[0].start - match.end() > WELCOME_REACH:
            after = []
        before = said[first_after - 1 : first_after] if first_after else []
        if before and match.start() - before[0].end > 12:
            before = []
        near = after or before or (said[:1] if silence is not None else [])
        if near:
            return match, near[0]
    if silence is not None and welcome is not None:
        return welcome, said[0]
    return None


def _banned_channels(sentence: str, banned: re.Match[str]) -> tuple[str, ...]:
    """The channels a ban names; none named (or a general "contact"): every channel."""
    phrase = banned.group(0)
    if ANY_CHANNEL.search(phrase):
        rest = sentence[banned.end() : banned.end() + 40]
        by = re.match(r"\s+(?:\w+\s+){0,3}?(?:by|via|over\s+the)\s+(phone|e-?mail|telephone)", rest, I)
        return channels_in(by.group(1)) if by else ()
    return channels_in(phrase)


REVIEWING = re.compile(
    r"\b(?:we\s+are|we're|are\s+currently|is\s+currently|will\s+be|we\s+will)\s+(?:currently\s+|now\s+|carefully\s+)?"
    r"(?:reviewing|assessing|considering|evaluating|review|assess|consider|evaluate)\s+(?:your|all|each|every|the)\b",
    I,
)


def _only_on_file(found: list[Signal], text: str) -> list[Signal]:
    """Without a rejection said otherwise, "we'll keep your CV on file" beside another sentence
    that says they are reviewing it or will be in touch is no rejection: an acknowledgement."""
    rejections = [signal for signal in found if signal.kind == "rejected"]
    if not rejections or not all(ON_FILE.search(signal.evidence) for signal in rejections):
        return found
    pending = [
        (signal.start, signal.end)
        for signal in found
        if signal.kind in ("wait_for_us", "decision_by", "in_running")
    ] + [match.span() for match in REVIEWING.finditer(text)]

    def apart(one: tuple[int, int], other: tuple[int, int]) -> bool:
        (_, first_end), (second_start, _) = sorted((one, other))
        return first_end <= second_start and END.search(text, first_end, second_start) is not None

    if any(apart((rejection.start, rejection.end), other) for rejection in rejections for other in pending):
        return [signal for signal in found if signal.kind != "rejected"]
    return found


def _overlap(one: Signal, other: Signal) -> bool:
    """The two signals' words overlap."""
    return one.start < other.end and other.start < one.end


def _together(found: list[Signal], text: str = "") -> list[Signal]:
    """How the signals of one message go together: an outcome settles the rest (but a ban, an
    invitation to keep in touch or to ask for feedback by a day, and beside an offer the day its
    paperwork comes); a dated promise is a decision_by, not also a wait_for_us; an on-hold notice
    is not also news that you are in the running; a preference, or an invitation on a day, is not
    also a permission in the same words; one signal per kind."""
    found = _only_on_file(found, text)
    kinds = {signal.kind for signal in found}
    if "offer" in kinds:
        found = [
            signal
            for signal in found
            if signal.kind
            in ("offer", "no_contact", "call_back", "prefer_channel", "decision_by", "ok_to_follow_up")
        ]
    elif "rejected" in kinds:
        found = [
            signal
            for signal in found
            if signal.kind in ("rejected", "no_contact", "ok_to_follow_up", "prefer_channel", "call_back")
        ]
    if "decision_by" in kinds:
        found = [signal for signal in found if signal.kind != "wait_for_us"]
    if "on_hold" in kinds:
        released = any(signal.kind == "release" for signal in found)
        found = [
            replace(signal, released=signal.released or released) if signal.kind == "on_hold" else signal
            for signal in found
            if signal.kind != "in_running"
        ]
    if "call_back" in kinds:
        asked = [signal for signal in found if signal.kind == "call_back"]
        found = [  # "let me know by Friday": their request, not also their promise of that day
            signal
            for signal in found
            if signal.kind != "wait_for_us"
            and not (signal.kind == "ok_to_follow_up" and any(_overlap(signal, other) for other in asked))
            and not (
                signal.kind == "decision_by"
                and any(_overlap(signal, other) and other.date == signal.date for other in asked)
            )
        ]
    preferring = [signal for signal in found if signal.kind == "prefer_channel"]
    found = [  # "text me rather than call": a preference, not also a permission
        signal
        for signal in found
        if signal.kind != "ok_to_follow_up" or not any(_overlap(signal, other) for other in preferring)
    ]
    merged: dict[str, Signal] = {}
    for signal in found:
        if signal.kind == "release":
            continue
        kept = merged.get(signal.kind)
        if kept is None:
            merged[signal.kind] = signal
            continue
        channels = tuple(dict.fromkeys(kept.channels + signal.channels))
        if signal.kind == "no_contact" and (not kept.channels or not signal.channels):
            channels = ()
        better = kept
        if signal.date is not None and (
            kept.date is None or signal.silence_means_no or signal.date > kept.date
        ):
            better = signal
        released, silence_means_no = (
            kept.released or signal.released,
            kept.silence_means_no or signal.silence_means_no,
        )
        if (channels, released, silence_means_no) != (
            better.channels,
            better.released,
            better.silence_means_no,
        ):
            better = replace(better, channels=channels, released=released, silence_means_no=silence_means_no)
        merged[signal.kind] = better
    return sorted(merged.values(), key=lambda signal: signal.start)
