"""Signals in what employers say: which event kind a sentence means, with its channels, dates and
the words that gave it. Readable rules: one list of patterns per kind, checked sentence by
sentence, then a few rules on how signals in one message go together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
import datetime as dt
from datetime import date

from followup.reading.dates import DateReader, Found

I = re.IGNORECASE  # noqa: E741
WE = r"(?:we|i|they|he|she|the (?:team|company|recruiter|hiring manager|panel)|[A-Z][a-z]+)"
WILL = r"(?:'ll|’ll| will| would|'d|’d| should| shall| are going to| is going to| am going to| plan to| hope to| aim to| expect to| intend to| want to)"  # noqa: E501
NOT = r"(?:do not|don't|don’t|dont|please don't|never|not to|no need to)"


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), I)


CALL = r"(?:call(?:ing)?|phon(?:e|ing)|ring(?:ing)?|give (?:me|us|her|him|them) a (?:call|ring|buzz))"
EMAIL = r"(?:e-?mail(?:ing)?|writ(?:e|ing)|drop (?:me|us|her|him) (?:a line|an e-?mail|a note)|send (?:me|us) (?:a note|an e-?mail|a message))"  # noqa: E501
VISIT = r"(?:visit(?:ing)?|stop(?:ping)? by|drop(?:ping)? (?:by|in)|com(?:e|ing) (?:by|in)|walk(?:ing)?[- ]ins?|show(?:ing)? up)"  # noqa: E501
REACH = r"(?:contact(?:ing)?|reach(?:ing)? out|get(?:ting)? in touch|follow(?:ing)?[- ]up|check(?:ing)? in|touch(?:ing)? base|chas(?:e|ing))"  # noqa: E501
ANY_WAY = rf"(?:{CALL}|{EMAIL}|{VISIT}|{REACH})"

NO_CONTACT = _any(
    rf"\b{NOT}\s+(?:\w+\s+){{0,2}}?{ANY_WAY}",  # please don't call; asked me not to email
    rf"\b(?:please\s+)?refrain from\s+{ANY_WAY}",
    r"\bno\s+(?:phone\s+)?(?:calls|emails|e-mails|visits|drop-ins|walk-ins|unsolicited)\b(?:\s*(?:,|or|and)\s*(?:calls|emails|e-mails|visits))*",
    r"\b(?:unable|not able|can'?t|cannot|won'?t be able)\s+to\s+(?:give|provide|offer|share)\s+(?:\w+\s+)?(?:status\s+)?updates",  # noqa: E501
    r"\b(?:aren'?t|are not|isn'?t|is not|not)\s+able\s+to\s+(?:give|provide)\s+(?:\w+\s+)?updates",
    r"\bno\s+(?:status\s+)?updates\s+will\s+be\s+(?:given|provided)",
    rf"\b(?:should|must)\s+not\s+{ANY_WAY}",
    r"\bnot\s+to\s+be\s+(?:contacted|called|emailed)",
)
PERMISSION = _any(  # what a ban is not: "don't hesitate", "feel free"
    r"\b(?:do not|don't|don’t|dont|never|please don't)\s+hesitate",
    r"\bfeel free\b",
)
OK_TO_FOLLOW_UP = _any(
    r"\b(?:do not|don't|don’t|dont|never|please don't)\s+hesitate\s+to\s+(?:\w+\s+){0,2}?" + ANY_WAY,
    r"\bfeel free to\s+(?:\w+\s+){0,2}?" + ANY_WAY,
    r"\b(?:you(?:'re| are)|you're)\s+(?:more than\s+)?welcome to\s+(?:\w+\s+){0,2}?" + ANY_WAY,
    r"\b(?:you can|you may|you could|can always|free to)\s+(?:always\s+)?" + ANY_WAY + r"\b",
    rf"\b{ANY_WAY}\s+(?:me|us|her|him)\s+(?:any ?time|whenever)",
    r"\b(?:happy|glad)\s+to\s+hear\s+from\s+you\b",
    r"\b(?:my|our)\s+door\s+is\s+(?:always\s+)?open\b",
    r"\bwelcome\s+(?:a|your)\s+(?:follow-up|check-in|call|email)\b",
    r"\b(?:is|are)\s+(?:fine|okay|ok|welcome)\s+to\s+" + ANY_WAY,
    rf"\b(?:said|told me|mentioned)\s+(?:it(?:'s| is| was)\s+(?:fine|ok|okay)|i\s+(?:can|could|should))\s+(?:to\s+)?{ANY_WAY}",
)
CALL_BACK = _any(  # an invitation to get back to them, at a time they name
    r"\b(?:please\s+|just\s+|then\s+|so\s+)?(?:give\s+(?:me|us|her|him)\s+a\s+(?:call|ring|buzz)|call\s+(?:me|us|her|him|back)|ring\s+(?:me|us)|(?:e-?mail|ping|text|write to)\s+(?:me|us|her|him)|drop\s+(?:me|us|her|him)\s+(?:a line|an e-?mail|a note)|(?:check|touch base|follow up)\s+(?:in\s+)?(?:with\s+(?:me|us|her|him))?|reach\s+(?:back\s+)?out(?:\s+to\s+(?:me|us|her|him))?|get\s+back\s+to\s+(?:me|us|her|him)|(?:stop|drop|come)\s+by)",  # noqa: E501
)
WAIT_FOR_US = _any(
    rf"\b{WE}{WILL}\s+(?:\w+\s+){{0,2}}?(?:be|get)\s+(?:back\s+)?in\s+touch",
    rf"\b{WE}{WILL}\s+(?:\w+\s+){{0,2}}?(?:get\s+back\s+to|reach\s+(?:back\s+)?out\s+to|contact|call|e-?mail|follow\s+up\s+with|update|notify|circle back (?:to|with)|come back to)\s+(?:you|me|her|him|them|candidates|applicants|those|the candidates|successful|shortlisted)",  # noqa: E501
    rf"\b{WE}{WILL}\s+(?:\w+\s+){{0,2}}?let\s+(?:you|me|her|him|them)\s+know",
    r"\b(?:you|i)(?:'ll|’ll| will| would|'d| should)\s+(?:\w+\s+){0,2}?hear\s+(?:back\s+)?(?:from\s+(?:us|them|her|him))?",  # noqa: E501
    r"\bonly\s+(?:be\s+)?(?:contacting|reaching out to|calling|contact|reach out to)\s+(?:the\s+)?(?:candidates|applicants|those|people)",  # noqa: E501
    r"\b(?:will|would|shall)\s+(?:be\s+)?contact(?:ed)?\s+(?:you\s+)?(?:only\s+)?if\b",
    r"\b(?:will|'ll)\s+(?:only\s+)?(?:contact|reach out to)\s+(?:you|candidates|applicants)\s+(?:only\s+)?if\b",
    r"\bno\s+need\s+to\s+(?:follow\s+up|check\s+in|contact|call|email|chase|reach\s+out)",
    r"\b(?:don'?t|do not)\s+(?:call|contact)\s+us,?\s+we(?:'ll| will)\s+(?:call|contact)\s+you",
    r"\b(?:sit tight|hang tight|wait to hear|await (?:our|their) (?:call|email|decision|response))",
    r"\bin\s+touch\s+(?:soon|shortly|in due course)",
    r"\b(?:be|been)\s+in\s+touch\b",
)
DECIDING = _any(  # a decision or news on its way: with a date, a decision_by
    r"\b(?:decid(?:e|ing)|decision|decisions|hear\s+(?:back|from)|get\s+back\s+to|let\s+(?:you|me|her|him|them)\s+know|be\s+in\s+touch|reach\s+out|contact|update|notify|finali[sz]e|conclude|wrap\s+up|finish(?:ed)?\s+(?:interviewing|interviews|the process)|done\s+(?:interviewing|with interviews)|make\s+(?:a|our|their)\s+(?:choice|selection|decision)|timeline|respond|response|answer|feedback|news|outcome|result|word|come back to|circle back|next steps|back to you|back to me|offer)",  # noqa: E501
)
SILENCE = _any(
    r"\b(?:if|should)\s+you\s+(?:do\s+not|don'?t|have\s+not|haven'?t|did\s+not|didn'?t|hear\s+nothing|receive\s+no|are\s+not\s+contacted|have\s+not\s+been\s+contacted|haven'?t\s+been\s+contacted)",
    r"\bif\s+(?:we|they)\s+(?:do\s+not|don'?t|haven'?t|have\s+not)\s+(?:contacted|reached|been\s+in\s+touch|got(?:ten)?\s+back)",
    r"\b(?:no|without)\s+(?:word|news|response|contact)\s+(?:from\s+us\s+)?(?:by|within)",
)
SILENCE_MEANS_NO = _any(
    r"\bunsuccessful\b",
    r"\bnot\s+(?:been\s+)?successful\b",
    r"\b(?:not|won'?t)\s+(?:be\s+)?(?:moving|taking|progressing|proceeding|going)\s+(?:forward|further|ahead)",
    r"\b(?:assume|consider|take it|means?)\b.{0,60}\b(?:not|no|unsuccessful|another|other|filled|declined)\b",
    r"\bnot\s+(?:been\s+)?(?:selected|shortlisted|chosen)",
)
IN_RUNNING = _any(
    r"\bshort-?listed\b",
    r"\b(?:next|second|final|third|2nd|3rd|last|another|onsite|on-site|follow-?up)\s+(?:round|stage|interview)",
    r"\b(?:check(?:ing)?|contact(?:ing)?|call(?:ing)?)\s+(?:your\s+|the\s+)?references\b",
    r"\breference\s+checks?\b",
    r"\b(?:still|remain|are)\s+(?:very\s+much\s+)?(?:in\s+the\s+running|under\s+(?:active\s+)?consideration|in\s+contention|being\s+considered|a\s+(?:strong\s+)?contender)",
    r"\b(?:moving|move|advance|advancing|progress|progressing|taking)\s+(?:you|your\s+(?:application|candidacy))\s+(?:forward|to|through|on)",
    r"\binvite\s+you\s+(?:back|to\s+(?:a|an|the)\s+(?:second|final|further|follow-up|next|onsite|on-site|panel))",
    r"\b(?:meet|speak with|talk to)\s+(?:the\s+)?(?:team|ceo|director|vp|founders?|head of)\b.{0,40}\b(?:next|again)",
    r"\b(?:one of|among)\s+(?:our|the)\s+(?:top|final|last)\s+(?:\w+\s+)?(?:candidates|finalists)",
    r"\bfinalists?\b",
)
ON_HOLD = _any(
    r"\bon\s+hold\b",
    r"\b(?:paused|pausing|suspended|suspending|frozen|freezing|postponed|postponing|delayed)\s+(?:\w+\s+){0,3}?(?:hiring|recruitment|recruiting|the\s+(?:search|role|position|process|opening)|this\s+(?:search|role|position|process|opening))",
    r"\b(?:hiring|recruitment|recruiting)\s+(?:freeze|pause)\b",
    r"\b(?:hiring|recruitment|recruiting|search|role|position|process)\s+(?:has\s+been|is|was|are)\s+(?:temporarily\s+)?(?:paused|suspended|frozen|postponed|on\s+hold)",
    r"\bput\s+(?:\w+\s+){0,3}?on\s+ice\b",
)
RELEASED = _any(
    r"\brelease\b",
    r"\b(?:free|feel free|encourage you|welcome)\s+to\s+(?:pursue|explore|consider|accept|look at)\s+(?:\w+\s+){0,2}(?:other|another|different)",  # noqa: E501
    r"\b(?:don'?t|do not|should not|shouldn'?t|please don'?t)\s+(?:\w+\s+)?wait\s+(?:for|on)\s+(?:us|this|them)",
    r"\bnot\s+(?:to\s+)?(?:hold|put)\s+(?:your|off)\b.{0,40}\b(?:search|plans)",
)
REJECTED = _any(
    r"\b(?:move|moving|go|going|proceed|proceeding|went|gone|decided to go|pursue|pursuing)\s+(?:forward\s+)?(?:ahead\s+)?with\s+(?:\w+\s+){0,2}?(?:other|another|a\s+different|different|more\s+suitable|stronger)\s+(?:\w+\s+)?(?:candidates?|applicants?|profiles?|person|people)",  # noqa: E501
    r"\b(?:not|won'?t|unable to|no longer)\s+(?:be\s+)?(?:moving|move|proceeding|proceed|progressing|progress|going|taking|advance|advancing)\s+(?:forward|further|ahead)?\s*(?:with\s+)?(?:your|you|this)",  # noqa: E501
    r"\b(?:position|role|job|vacancy|opening|post)\s+(?:has\s+)?(?:now\s+)?been\s+filled\b",
    r"\bfilled\s+(?:the|this)\s+(?:position|role|job|vacancy|opening|post)\b",
    r"\b(?:no\s+longer|not\s+currently|are not)\s+(?:recruiting|hiring|looking|considering|accepting)",
    r"\b(?:keep|hold|retain|have)\s+(?:your|you)\s+(?:\w+\s+){0,2}?(?:on\s+file|in\s+mind|in\s+our\s+(?:talent|database|system|pool))",
    r"\bregret\s+to\s+(?:inform|tell|let)",
    r"\bunfortunately\b.{0,80}\b(?:not|unable|won'?t|other candidates?|another candidate|unsuccessful|declined?)\b",
    r"\b(?:not|weren'?t|wasn'?t)\s+(?:been\s+)?(?:selected|successful|shortlisted|chosen)\b",
    r"\b(?:decided|decision)\s+(?:not\s+to|against)\s+(?:proceed|move|progress|offer|hire)",
    r"\b(?:offered|given)\s+(?:the\s+)?(?:position|role|job)\s+to\s+(?:another|someone)",
    r"\b(?:went|gone|going)\s+(?:with|for)\s+(?:someone|somebody|another|an?\s+internal|a\s+different)",
    r"\b(?:didn'?t|did not)\s+get\s+(?:the\s+)?(?:job|role|position|offer)",
    r"\brejected\b|\bturned\s+(?:me|you)\s+down\b",
    r"\bnot\s+(?:a|the)\s+(?:right|good)\s+(?:fit|match)\b",
)
OFFER = _any(
    r"\b(?:extend|extending|make|making|made)\s+(?:you\s+)?(?:a|an|the|our)\s+(?:formal\s+|written\s+|verbal\s+|official\s+)?offer",
    r"\boffer\s+(?:letter|of\s+employment)\b",
    r"\b(?:pleased|happy|delighted|thrilled|excited|glad)\s+to\s+offer\s+you\b",
    r"\b(?:would|'d)\s+like\s+to\s+offer\s+you\b",
    r"\boffered\s+(?:me|you)\s+(?:the\s+)?(?:job|role|position)\b",
    r"\b(?:got|have|received)\s+(?:the|an|a)\s+(?:verbal\s+|formal\s+|written\s+)?(?:job\s+)?offer\b",
    r"\b(?:you(?:'ve| have)|i(?:'ve| have))\s+got\s+the\s+(?:job|role|position)\b",
)
PREFER = _any(
    rf"\b(?:please\s+)?(?P<prefer>{EMAIL}|{CALL})\s+(?:me\s+|us\s+)?(?:rather|instead)\s+(?:than|of)\s+(?P<over>{CALL}|{EMAIL})",
    r"\bprefer(?:s|red)?\s+(?:to\s+be\s+contacted\s+|contact\s+|communication\s+|to\s+communicate\s+|to\s+hear\s+from\s+you\s+|you\s+to\s+(?:reach\s+out|get\s+in\s+touch|contact\s+(?:me|us))\s+)?(?:by|via|through|over|on)\s+(?P<channel>e-?mail|phone|telephone|the\s+phone)",
    r"\b(?:best|easiest|quickest|preferred)\s+(?:way|method|means)\s+to\s+(?:reach|contact|get\s+hold\s+of)\s+(?:me|us|her|him)\s+is\s+(?:by\s+|via\s+|through\s+|over\s+)?(?P<best>e-?mail|phone|telephone|the\s+phone|text)",
    r"\b(?P<only>e-?mail|phone)\s+(?:is|works)\s+(?:best|better)\b",
    r"\b(?:all\s+)?(?:communication|correspondence|contact)\s+(?:should\s+(?:go|be)\s+)?(?:by|via|through)\s+(?P<via>e-?mail)\s*(?:only)?",
    r"\b(?:only\s+)?(?:by|via)\s+(?P<written>e-?mail)\s+only\b",
)
HEDGE = re.compile(r"\b(?:might|may|maybe|perhaps|possibly|probably|hopefully|likely|could)\b", I)
CONDITION = re.compile(r"\b(?:if|whether|unless|once|in case|should we|when we|in the event)\b", I)


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
    extra: dict[str, str] = field(default_factory=dict)


ABBREVIATIONS = frozenset(
    "mr ms mrs dr st vs jr sr inc co ltd corp jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri e.g i.e etc approx no a.m p.m".split()
)
END = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n")


def sentences(text: str) -> list[tuple[int, str]]:
    """The text's sentences with where each starts. A line break ends one too, as in notes; a
    dot after an abbreviation ("Mr.", "Mar.", "a.m.") or an initial does not."""
    found, start = [], 0
    for end in END.finditer(text):
        if end.group(0).startswith("."):
            word = re.search(r"([\w.]+?)\.*$", text[start : end.start()])
            if word is not None and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        if text[start : end.end()].strip():
            found.append((start, text[start : end.end()]))
        start = end.end()
    if text[start:].strip():
        found.append((start, text[start:]))
    return found


def channels_in(text: str) -> tuple[str, ...]:
    """The channels a phrase names: a call, an email, a visit; none for a general 'contact'."""
    named = []
    if re.search(rf"\b{CALL}|\bphone|\bcalls\b|\bringing\b", text, I):
        named.append("phone")
    if re.search(rf"\b{EMAIL}|\bemails?\b|\be-mails?\b|\bmail\b", text, I):
        named.append("email")
    if re.search(rf"\b{VISIT}|\bvisits?\b|in person|drop-ins|walk-ins", text, I):
        named.append("visit")
    return tuple(named)


def read_signals(text: str, dates: DateReader) -> list[Signal]:
    """Every signal in the text, one per kind, in the order they are said."""
    found: list[Signal] = []
    for start, sentence in sentences(text):
        found.extend(_in_sentence(start, sentence, dates))
    return _together(found)


def _in_sentence(offset: int, sentence: str, dates: DateReader) -> list[Signal]:
    signals: list[Signal] = []
    hedged = bool(HEDGE.search(sentence))
    conditional = bool(CONDITION.search(sentence))
    said_dates = dates.find(sentence)

    def signal(kind: str, match: re.Match[str], confidence: float = 0.9, **fields: object) -> Signal:
        start, end = match.start(), match.end()
        for found in fields.pop("_dates", ()):  # type: ignore[attr-defined]
            start, end = min(start, found.start), max(end, found.end)
        if hedged:
            confidence -= 0.2
        return Signal(
            kind=kind, start=offset + start, end=offset + end, evidence=sentence[start:end],
            confidence=round(confidence, 2), **fields,  # type: ignore[arg-type]
        )  # fmt: skip

    def first_date(after: int = 0) -> Found | None:
        later = [found for found in said_dates if found.end > after] or said_dates
        return later[0] if later else None

    outcome = None
    for kind, pattern in (("offer", OFFER), ("rejected", REJECTED)):
        match = pattern.search(sentence)
        if match is None:
            continue
        before = sentence[: match.start()]
        silence = SILENCE.search(sentence)
        if kind == "rejected" and silence is not None:
            continue  # "if you don't hear by..., consider it unsuccessful": a decision_by
        if CONDITION.search(before) and not re.search(r"\bunfortunately\b", before, I):
            continue  # "if we decide to move forward with other candidates, we'll tell you"
        outcome = signal(kind, match, 0.9)
        signals.append(outcome)
        break

    silence = SILENCE.search(sentence)
    if silence is not None and (found := first_date()) is not None:
        means_no = SILENCE_MEANS_NO.search(sentence) is not None
        if means_no:
            signals.append(signal("decision_by", silence, 0.85, date=found.date, until=found.until,
                                  silence_means_no=True, _dates=(found,)))  # fmt: skip
            return signals

    hold = ON_HOLD.search(sentence)
    if hold is not None and outcome is None:
        released = RELEASED.search(sentence) is not None
        signals.append(signal("on_hold", hold, 0.9, released=released))

    running = IN_RUNNING.search(sentence)
    if (
        running is not None
        and outcome is None
        and not (conditional and CONDITION.search(sentence[: running.start()]))
    ):
        signals.append(signal("in_running", running, 0.85))

    banned = NO_CONTACT.search(sentence)
    if banned is not None and not PERMISSION.search(sentence[max(0, banned.start() - 5) : banned.end()]):
        phrase = banned.group(0)
        if (not re.search(r"\bno need to\b", phrase, I) and not WAIT_FOR_US.search(phrase)) or (
            re.search(r"\bcall\b|\bcontact\b", phrase, I)
            and re.search(r"don'?t\s+(?:call|contact)\s+us", phrase, I)
        ):  # noqa: E501
            named = (
                channels_in(phrase)
                if not re.search(rf"\b{REACH}|\bupdates\b|\bunsolicited\b", phrase, I)
                else ()
            )
            if re.search(
                r"\bcontact\b.{0,40}\b(?:by\s+)?(?:phone|email|e-mail)", sentence[banned.start() :], I
            ):
                named = channels_in(sentence[banned.start() :])
            signals.append(signal("no_contact", banned, 0.9, channels=named))

    preferred = PREFER.search(sentence)
    if preferred is not None:
        groups = {key: value for key, value in preferred.groupdict().items() if value}
        named = channels_in(groups.get("prefer") or next(iter(groups.values()), ""))
        if named:
            signals.append(signal("prefer_channel", preferred, 0.85, channel=named[0]))

    invited = CALL_BACK.search(sentence)
    found = first_date()
    if (
        invited is not None
        and found is not None
        and not banned
        and outcome is None
        and not _about_them(sentence, invited)
    ):
        named = channels_in(invited.group(0))
        signals.append(signal("call_back", invited, 0.85, date=found.date, until=found.until,
                              channel=named[0] if named else None, _dates=(found,)))  # fmt: skip
        return signals

    welcome = OK_TO_FOLLOW_UP.search(sentence)
    if welcome is not None and outcome is None:
        signals.append(signal("ok_to_follow_up", welcome, 0.85, channels=channels_in(welcome.group(0))))

    deciding = DECIDING.search(sentence)
    waiting = WAIT_FOR_US.search(sentence)
    if (deciding or waiting) and found is not None and outcome is None and not invited:
        match = deciding or waiting
        assert match is not None
        signals.append(signal("decision_by", match, 0.85, date=found.date, until=found.until,
                              silence_means_no=False, _dates=(found,)))  # fmt: skip
    elif waiting is not None and outcome is None:
        signals.append(signal("wait_for_us", waiting, 0.85))
    return signals


def _about_them(sentence: str, invited: re.Match[str]) -> bool:
    """'We will reach out to you next week' is their promise, not an invitation to you."""
    before = sentence[: invited.start()].lower()
    return bool(re.search(rf"{WE}{WILL}\s*(?:\w+\s+)?$", before, I)) or bool(
        re.search(r"\b(?:we|they)\s+(?:will|'ll|would|'d)\s+(?:\w+\s+){0,2}$", before)
    )


RANK = {"offer": 0, "rejected": 1}


def _together(found: list[Signal]) -> list[Signal]:
    """How the signals of one message go together: an outcome settles the rest; a dated promise
    is a decision_by, not also a wait_for_us; one signal per kind (channels joined, the dated and
    surest kept)."""
    kinds = {signal.kind for signal in found}
    if "offer" in kinds or "rejected" in kinds:
        outcome = "offer" if "offer" in kinds else "rejected"
        found = [signal for signal in found if signal.kind in (outcome, "no_contact")]
    if "decision_by" in kinds:
        found = [signal for signal in found if signal.kind != "wait_for_us"]
    if "on_hold" in kinds:
        found = [signal for signal in found if signal.kind not in ("wait_for_us", "in_running")]
    if "call_back" in kinds:
        found = [signal for signal in found if signal.kind not in ("ok_to_follow_up", "wait_for_us")]
    merged: dict[str, Signal] = {}
    for signal in found:
        kept = merged.get(signal.kind)
        if kept is None:
            merged[signal.kind] = signal
            continue
        channels = tuple(dict.fromkeys(kept.channels + signal.channels))
        if signal.kind == "no_contact" and (not kept.channels or not signal.channels):
            channels = ()
        better = signal if (signal.date is not None and kept.date is None) else kept
        if signal.kind in ("decision_by", "call_back") and signal.date is not None and kept.date is not None:
            better = signal if signal.silence_means_no or signal.date > kept.date else kept
        merged[signal.kind] = replace(
            better, channels=channels, released=kept.released or signal.released,
            silence_means_no=kept.silence_means_no or signal.silence_means_no,
        )  # fmt: skip
    return sorted(merged.values(), key=lambda signal: signal.start)
