"""Which application a message is about: a reply to an email followup sent (its In-Reply-To or
References name that email's Message-ID), else who sent it (a contact's own address, the
employer's domain), the employer's name and the role, in its sender, subject and words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from followup.reading.message import sender_domain
from followup.reading.reader import Where

# Domains anyone can have an address at: an address there names one person, never an employer.
FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
        "protonmail.com", "fastmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "zoho.com", "yandex.com", "hey.com", "qq.com", "163.com", "naver.com", "orange.fr",
        "free.fr", "laposte.net", "btinternet.com", "hotmail.co.uk", "yahoo.co.uk", "yahoo.co.jp",
        "bigpond.com", "rediffmail.com", "t-online.de",
    }
)  # fmt: skip
LEGAL_FORMS = re.compile(r"\b(?:inc|llc|ltd|corp|corporation|co|gmbh|sa|plc|pty|bv|ag|kk)\b\.?")
WORDS_READ = 20_000  # of a message's text, the first characters looked through for names


@dataclass(frozen=True)
class Known:
    """An application as a message may name it: its employer's name and domains, the addresses
    of the people you know there, its role, and where the employer is."""

    id: int
    employer: str
    role: str = ""
    domains: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()
    where: Where = field(default_factory=Where)

    @property
    def name(self) -> str:
        """The employer's name without its legal form: 'Northwind Traders Inc.' -> 'northwind traders'."""
        return LEGAL_FORMS.sub("", self.employer.lower()).strip(" ,.&")


@dataclass(frozen=True)
class Match:
    """The application a message is about, and what told it: reply, address, domain or name."""

    application: Known
    by: str


def employer_domains(addresses: Iterable[str | None], website: str | None) -> frozenset[str]:
    """The domains an employer writes from: its people's addresses (not free mail) and its website's."""
    domains = {sender_domain(address) for address in addresses if address and "@" in address}
    if website:
        host = re.sub(r"^[a-z]+://", "", website.lower()).split("/")[0].split(":")[0]
        if host:
            domains.add(sender_domain("x@" + host))
    return frozenset(domain for domain in domains if domain and domain not in FREE_MAIL)


def match(
    sender: str,
    subject: str,
    text: str,
    known: Iterable[Known],
    *,
    replied_to: Iterable[str] = (),
    sent: Mapping[str, int] | None = None,
) -> Match | None:
    """The application a message is about, or None when nothing tells it, or two tell it alike.
    A reply to an email followup sent (a Message-ID of `sent` in `replied_to`, its In-Reply-To
    and References) decides; else the sender's own address (+4), their domain (+3), the
    employer's name (+2) and the role (+1) score, and the best wins with 2 or more, alone."""
    applications = list(known)
    by_id = {application.id: application for application in applications}
    for message_id in replied_to:
        owner = (sent or {}).get(message_id)
        if owner is not None and owner in by_id:
            return Match(by_id[owner], "reply")
    address = sender.lower().strip()
    domain = sender_domain(address) if "@" in address else ""
    words = f"{sender} {subject} {text[:WORDS_READ]}".lower()
    scored: list[tuple[int, str, Known]] = []
    for application in applications:
        points, by = 0, "name"
        if address and address in application.addresses:
            points, by = 4, "address"
        elif domain and domain not in FREE_MAIL and domain in application.domains:
            points, by = 3, "domain"
        name = application.name
        if name and re.search(rf"\b{re.escape(name)}\b", words):
            points += 2
        if application.role and application.role.lower() in words:
            points += 1
        scored.append((points, by, application))
    scored.sort(key=lambda found: -found[0])
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return Match(scored[0][2], scored[0][1])
