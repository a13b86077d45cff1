"""Where the interview is: a meeting link (video), a phone number (phone) or an address (onsite),
told from an invitation's conference properties, location, description and summary."""

from __future__ import annotations

import re

MEETING_LINK = re.compile(
    r"https?://(?:"
    r"meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}"
    r"|(?:[\w-]+\.)?zoom\.(?:us|com)/(?:j|my|w|s)/"
    r"|teams\.microsoft\.com/l/meetup-join/|teams\.live\.com/meet/"
    r"|(?:[\w-]+\.)?webex\.com/(?:meet/|join/|[\w-]+/j\.php)"
    r"|whereby\.com/|meet\.jit\.si/|facetime\.apple\.com/join"
    r"|app\.chime\.aws/\d|chime\.aws/\d|(?:global\.|app\.)?gotomeeting\.com/join/|meet\.goto\.com/"
    r"|bluejeans\.com/\d|join\.skype\.com/"
    r")[^\s<>\"']*",
    re.IGNORECASE,
)
VIDEO_WORDS = re.compile(
    r"\b(?:video|zoom|teams meeting|microsoft teams|google meet|webex|skype|facetime|whereby)\b",
    re.IGNORECASE,
)
PHONE_WORDS = re.compile(r"\b(?:phone|telephone|call|tel)\b", re.IGNORECASE)
PHONE_NUMBER = re.compile(r"(?<![\w/=])\+?\(?\d[\d\s().\-/]{6,}\d(?![\w/])")


def meeting(location: str, description: str, summary: str, links: list[str]) -> tuple[str | None, str | None]:
    """The interview's format and place: a video link first, then a phone number or a call, then an
    address (onsite); nothing when none is given."""
    for text in (*links, location, description):
        found = MEETING_LINK.search(text)
        if found:
            return "video", found.group(0).rstrip(".,;)")
    place = ", ".join(part.strip() for part in location.splitlines() if part.strip()) or None
    number = _phone_number(location)
    if number or (place and PHONE_WORDS.search(place)):
        return "phone", number or _phone_number(description) or place
    if place and VIDEO_WORDS.search(place):
        return "video", place
    if place:
        return "onsite", place
    if PHONE_WORDS.search(summary):
        return "phone", _phone_number(description)
    if VIDEO_WORDS.search(summary):
        return "video", None
    return None, None


def _phone_number(text: str) -> str | None:
    import phonenumbers

    for found in PHONE_NUMBER.finditer(text):
        candidate = found.group(0).strip()
        try:
            number = phonenumbers.parse(candidate, None if candidate.startswith("+") else "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return candidate
    return None
