"""Which application a message is about: a reply to an email followup sent (its In-Reply-To or
References name that email's Message-ID), else who sent it (a contact's own address, the
employer's domain), the employer's name and the role, in its sender, subject and words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
# Domains many employers send from, or host their pages at (applicant-tracking systems, job
# boards, site builders, calendars): they name no one employer.
SHARED = frozenset(
    {
        "greenhouse.io", "greenhouse-mail.io", "lever.co", "hire.lever.co", "myworkday.com", "workday.com",
        "myworkdayjobs.com", "smartrecruiters.com", "icims.com", "taleo.net", "oracle.com",
        "successfactors.com", "successfactors.eu", "jobvite.com", "ashbyhq.com", "bamboohr.com",
        "workable.com", "recruitee.com", "teamtailor.com", "personio.de", "personio.com", "breezy.hr",
        "jazzhr.com", "applytojob.com", "pinpointhq.com", "rippling.com", "gusto.com", "paylocity.com",
        "ultipro.com", "ukg.com", "adp.com", "dayforce.com", "ceridian.com", "hirevue.com",
        "linkedin.com", "indeed.com", "indeedemail.com", "glassdoor.com", "ziprecruiter.com",
        "seek.com.au", "reed.co.uk", "totaljobs.com", "naukri.com", "monster.com", "calendly.com",
        "google.com", "microsoft.com", "office.com", "zoom.us", "github.io", "wixsite.com",
        "squarespace.com", "wordpress.com", "sendgrid.net", "mailchimp.com", "amazonses.com",
    }
)  # fmt: skip
LEGAL_FORMS = re.compile(r"\b(?:inc|llc|ltd|corp|corporation|co|gmbh|sa|plc|pty|bv|ag|kk)\b\.?")
EARLIER = timedelta(days=14)  # a message may come this long before the application was added
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
    began: datetime | None = None  # when it was added, or its first interview if earlier
    awaiting: datetime | None = None  # your last contact they have not answered

    def about_then(self, said_at: datetime | None) -> bool:
        """Whether a message said then may be about this application: not one said more than
        EARLIER before it began (that one is about an earlier application, or none)."""
        return said_at is None or self.began is None or said_at >= self.began - EARLIER

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
    return frozenset(domain for domain in domains if domain and domain not in FREE_MAIL | SHARED)


class Matcher:
    """The applications a message may be about, made ready to look through many messages: their
    addresses and domains looked up, and every employer's name found in one pass over the words."""

    def __init__(self, known: Iterable[Known], sent: Mapping[str, int] | None = None) -> None:
        self.known = list(known)
        self.by_id = {application.id: application for application in self.known}
        self.sent = dict(sent or {})
        self.names: dict[str, list[Known]] = {}
        for application in self.known:
            if application.name:
                self.names.setdefault(application.name, []).append(application)
        alternatives = "|".join(re.escape(name) for name in sorted(self.names, key=len, reverse=True))
        self.named = re.compile(rf"\b(?:{alternatives})\b") if alternatives else None
        self.addresses: dict[str, list[Known]] = {}
        self.domains: dict[str, list[Known]] = {}
        self.roles: dict[re.Pattern[str], list[Known]] = {}
        for application in self.known:
            for address in application.addresses:
                self.addresses.setdefault(address, []).append(application)
            for domain in application.domains - FREE_MAIL - SHARED:
                self.domains.setdefault(domain, []).append(application)
            if application.role:  # a role in capitals (IT, HR, QA) only as it is written
                case = 0 if application.role.isupper() else re.IGNORECASE
                role = re.compile(rf"\b{re.escape(application.role)}\b", case)
                self.roles.setdefault(role, []).append(application)

    def knows(self, sender: str) -> bool:
        """Whether a sender is someone you know at an employer, or writes from an employer's domain."""
        address = sender.lower().strip()
        return address in self.addresses or ("@" in address and sender_domain(address) in self.domains)

    def __call__(self, sender: str, subject: str, text: str, replied_to: Iterable[str] = ()) -> Match | None:
        """The application a message is about: see match."""
        for message_id in replied_to:
            owner = self.sent.get(message_id)
            if owner is not None and owner in self.by_id:
                return Match(self.by_id[owner], "reply")
        address = sender.lower().strip()
        domain = sender_domain(address) if "@" in address else ""
        said = f"{sender} {subject} {text[:WORDS_READ]}"
        words = said.lower()
        points: dict[int, int] = {}
        by: dict[int, str] = {}
        for application in self.domains.get(domain, []) if domain else []:
            points[application.id], by[application.id] = 3, "domain"
        for application in self.addresses.get(address, []) if address else []:
            points[application.id], by[application.id] = 4, "address"
        if self.named is not None:
            for name in {found.group() for found in self.named.finditer(words)}:
                for application in self.names.get(name, []):
                    points[application.id] = points.get(application.id, 0) + 2
        for role, holders in self.roles.items():
            if role.search(said):
                for application in holders:
                    points[application.id] = points.get(application.id, 0) + 1
        ranked = sorted(points.items(), key=lambda pair: -pair[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        best = ranked[0][0]
        return Match(self.by_id[best], by.get(best, "name"))


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
    employer's name (+2) and the role (+1) score, and the best wins with 2 or more, alone. For
    many messages, make a Matcher once."""
    return Matcher(known, sent)(sender, subject, text, replied_to)
