"""The role, the employer and the round an invitation's summary names: "Interview: Category buyer
at Northwind Traders", "Product Designer interview (Fabrikam GmbH)", "Second interview: Coordinator
at Tailspin Toys"."""

from __future__ import annotations

import re

from followup.calendar.invitations.employers import matches_domain

KIND = (
    r"(?:(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:round\s+)?)?"
    r"(?:(?:phone|video|virtual|on-?site|in-person|technical|panel|hr|recruiter|hiring manager|culture|case|"
    r"follow-up|intro(?:ductory)?|job)\s+)?"
    r"(?:interview|screen(?:ing)?|phone call|call|chat|conversation|meeting|assessment(?: day)?)"
    r"(?:\s+(?:round\s+)?(?P<number>\d{1,2}))?|round\s+(?P<alone>\d{1,2})"
)
PREFIXES = re.compile(
    r"^(?:(?:updated invitation(?: with note)?|invitation|updated|canceled event|cancelled|canceled|accepted|"
    r"tentative|fwd?|re|aw|wg)\s*:\s*)+",
    re.IGNORECASE,
)
SEP = r"\s*[:\-\u2013\u2014|]\s*"
SUMMARY_FORMS = [  # in order; each names its parts
    rf"^(?:{KIND}){SEP}(?P<rest>.+)$",
    rf"^(?:{KIND})\s+(?:for|about)\s+(?:the\s+)?(?P<rest>.+)$",
    rf"^(?:{KIND})\s+(?:with|at)\s+(?P<employer>.+?)(?:(?:\s+for\s+|{SEP})(?:the\s+)?(?P<role>.+))?$",
    rf"^(?P<employer>.+?){SEP}(?P<role>.+?)\s+(?:{KIND})$",
    rf"^(?P<role>.+?)\s+(?:{KIND})(?:\s*\(\s*(?P<employer2>[^()]+?)\s*\)|\s+(?:at|with)\s+(?P<employer3>.+)|{SEP}(?P<employer4>.+))?$",
    rf"^(?P<employer>.+?){SEP}(?:{KIND})(?:{SEP}|\s+for\s+(?:the\s+)?)(?P<role>.+)$",
]
LONGEST_SUMMARY = 150  # characters: a longer one names no role, employer or round
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def read_summary(
    summary: str, people: set[str] | frozenset[str] = frozenset(), domain: str | None = None
) -> tuple[str | None, str | None, int | None]:
    """The role, the employer and the round a summary names, each None when it does not say (or
    when it is longer than LONGEST_SUMMARY characters).
    A name that is one of the people invited is not an employer; of two parts split by a dash,
    the one that matches the organizer's mail domain is the employer."""
    text = PREFIXES.sub("", " ".join(summary.split())).strip()
    if len(text) > LONGEST_SUMMARY:  # not a summary: and its forms are tried in a time that grows fast
        return None, None, None
    for form in SUMMARY_FORMS:
        found = re.match(form, text, re.IGNORECASE)
        if found is None:
            continue
        parts = {key: value for key, value in found.groupdict().items() if value}
        round_ = _round(parts)
        role = parts.get("role")
        employer = next(
            (parts[key] for key in ("employer", "employer2", "employer3", "employer4") if key in parts), None
        )
        if "rest" in parts:
            role, employer = _role_and_employer(parts["rest"])
        if (
            role
            and employer
            and domain
            and matches_domain(role, domain)
            and not matches_domain(employer, domain)
        ):
            role, employer = employer, role
        if employer and employer.strip().lower() in people:
            employer = None  # "Interview with Priya Raman"
        return _clean_role(role), _clean(employer), round_
    return None, None, None


def _round(parts: dict[str, str]) -> int | None:
    if parts.get("number") or parts.get("alone"):
        return int(parts.get("number") or parts["alone"])
    return ORDINALS.get(parts.get("nth", "").lower())


def _role_and_employer(rest: str) -> tuple[str | None, str | None]:
    """'Category buyer at Northwind Traders', 'Senior Data Analyst - Contoso', 'Designer (Fabrikam)'."""
    for form in (
        r"^(?P<role>.+?)\s+(?:at|with|@)\s+(?P<employer>.+)$",
        r"^(?P<role>.+?)\s*\(\s*(?P<employer>[^()]+?)\s*\)$",
        r"^(?P<role>.+?)\s+[\-\u2013\u2014|]\s+(?P<employer>.+)$",
        r"^(?P<role>.+?),\s+(?P<employer>.+)$",
    ):
        found = re.match(form, rest, re.IGNORECASE)
        if found:
            return found["role"], found["employer"]
    return rest, None


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip(" \t-:|,.\u2013\u2014")
    return text or None


def _clean_role(text: str | None) -> str | None:
    text = _clean(text)
    if text is None:
        return None
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:role|position|opening|vacancy)$", "", text, flags=re.IGNORECASE)
    return _clean(text)
