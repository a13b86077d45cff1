"""An employer told by name and by mail domain: company names compared without their Inc or GmbH,
a mail domain matched to the company it is for, and the domains anyone can have, which tell no
employer."""

from __future__ import annotations

import re

COMPANY_ENDINGS = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|sarl|bv|nv|plc|pty|kg|se|srl|spa)\b\.?",
    re.IGNORECASE,
)

# Mail domains anyone can have: a recruiter or a contact writing from one says nothing of the employer.
FREE_MAIL = frozenset(
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com icloud.com me.com mac.com "
    "aol.com proton.me protonmail.com gmx.com gmx.de gmx.net web.de mail.com yandex.ru qq.com 163.com".split()
)


def compact_name(name: str) -> str:
    """A company's name to compare: lower case, letters and digits only, without Inc, GmbH..."""
    return _letters_and_digits(_without_ending(name))


def compact_words(text: str) -> str:
    """Lower-case words, without punctuation or company endings: 'Northwind Traders, Inc.' ->
    'northwind traders'."""
    return " ".join(re.sub(r"[^\w\s]+", " ", _without_ending(text)).split())


def matches_domain(name: str, domain: str) -> bool:
    """Whether a mail domain is the company's: contoso.com for Contoso Pharmaceuticals."""
    label = domain_label(domain)
    compact = compact_name(name)
    first = _letters_and_digits((_without_ending(name).split() or [""])[0])
    return bool(label) and (label == compact or (len(label) >= 4 and label == first))


def domain_label(domain: str) -> str:
    """'mail.northwindtraders.com' -> 'northwindtraders'; 'fabrikam.co.uk' -> 'fabrikam'."""
    parts = domain.lower().split(".")
    if len(parts) > 2 and len(parts[-1]) == 2 and len(parts[-2]) <= 3:
        parts = parts[:-1]
    return _letters_and_digits(parts[-2]) if len(parts) >= 2 else ""


def _without_ending(name: str) -> str:
    return COMPANY_ENDINGS.sub("", name.lower())


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)
