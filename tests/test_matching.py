"""Which application a message is about: a reply to an email sent decides; a contact's own address
before the employer's domain; a free-mail domain names no employer; the employer's name and the
role in the words; two applications told alike are neither."""

from __future__ import annotations

from datetime import UTC, datetime

from followup.reading.incoming import Incoming, Sent, answered_by, subject_of
from followup.reading.matching import Known, Match, Matcher, employer_domains, match

NORTHWIND = Known(
    1, "Northwind Traders Inc.", "Category buyer",
    domains=frozenset({"northwind.example"}), addresses=frozenset({"dana@northwind.example"}),
)  # fmt: skip
CONTOSO = Known(2, "Contoso", "Analyst", domains=frozenset({"contoso.example"}))
CONTOSO_AGAIN = Known(3, "Contoso", "Data engineer", domains=frozenset({"contoso.example"}))
KNOWN = [NORTHWIND, CONTOSO]


def about(
    sender: str, subject: str = "", text: str = "", known: list[Known] = KNOWN, **more: object
) -> Match | None:
    return match(sender, subject, text, known, **more)  # type: ignore[arg-type]


def test_a_contacts_own_address_tells_the_application() -> None:
    found = about("dana@northwind.example", "Hello")
    assert found is not None and found.application.id == 1 and found.by == "address"


def test_the_employers_domain_tells_it_from_any_of_its_people() -> None:
    found = about("recruiting@mail.northwind.example", "Next steps")
    assert found is not None and found.application.id == 1 and found.by == "domain"


def test_an_applicant_tracking_systems_mail_is_told_by_the_employers_name() -> None:
    found = about("no-reply@greenhouse.example", "Your application to Northwind Traders", "Thank you.")
    assert found is not None and found.application.id == 1 and found.by == "name"


def test_a_name_alone_inside_another_word_is_not_the_employer() -> None:
    assert about("news@example.org", "Contosoland opens", "Visit Contosoland") is None


def test_a_free_mail_domain_names_no_employer() -> None:
    assert employer_domains(["dana@gmail.com", "sam@northwind.example"], None) == frozenset(
        {"northwind.example"}
    )
    assert employer_domains([], "https://www.contoso.example/careers") == frozenset({"contoso.example"})
    friend = Known(4, "Fabrikam", "Buyer", domains=frozenset({"gmail.com"}))
    assert about("someone@gmail.com", "Hi", "", [friend]) is None


def test_two_applications_told_alike_are_neither_and_the_role_decides() -> None:
    both = [CONTOSO, CONTOSO_AGAIN]
    assert about("jo@contoso.example", "Your interview", "", both) is None
    found = about("jo@contoso.example", "Your Data engineer interview", "", both)
    assert found is not None and found.application.id == 3


def test_too_little_tells_nothing() -> None:
    assert about("someone@example.org", "Analyst roles this week") is None  # the role alone: 1 point


def test_a_reply_to_an_email_sent_decides_whoever_writes_it() -> None:
    found = about("assistant@elsewhere.example", "Re: thanks", replied_to=["<m1@riley.example>"],
                  sent={"<m1@riley.example>": 2})  # fmt: skip
    assert found is not None and found.application.id == 2 and found.by == "reply"


def test_a_matcher_made_once_tells_the_same_as_match() -> None:
    matcher = Matcher(KNOWN)
    for sender, subject in [
        ("dana@northwind.example", ""),
        ("x@contoso.example", "Analyst"),
        ("a@b.example", ""),
    ]:
        assert matcher(sender, subject, "") == about(sender, subject)


SENT = [
    Sent("<thanks-1@riley.example>", 1, "Thank you for the Category buyer interview", "thank_you",
         datetime(2026, 3, 3, 19, tzinfo=UTC)),
]  # fmt: skip


def incoming(subject: str, replied_to: tuple[str, ...] = (), at: datetime | None = None) -> Incoming:
    return Incoming(1, "<r@northwind.example>", "dana@northwind.example", subject,
                    at or datetime(2026, 3, 4, 16, tzinfo=UTC), "Thanks!", replied_to)  # fmt: skip


def test_an_answer_names_the_email_it_answers_or_repeats_its_subject() -> None:
    by_header = incoming("Lunch?", ("<thanks-1@riley.example>",))
    assert answered_by(by_header, Match(NORTHWIND, "reply"), SENT) == SENT[0]
    by_subject = incoming("RE: AW: Thank you for the Category buyer interview")
    assert answered_by(by_subject, Match(NORTHWIND, "address"), SENT) == SENT[0]
    assert (
        answered_by(incoming("Thank you for the Category buyer interview"), Match(NORTHWIND, "address"), SENT)
        is None
    )
    earlier = incoming("Re: Thank you for the Category buyer interview", at=datetime(2026, 3, 1, tzinfo=UTC))
    assert answered_by(earlier, Match(NORTHWIND, "address"), SENT) is None
    by_name = incoming("Re: Thank you for the Category buyer interview")
    assert (
        answered_by(by_name, Match(NORTHWIND, "name"), SENT) is None
    )  # a stranger's Re: is not their answer


def test_a_subject_without_its_reply_and_forward_prefixes() -> None:
    assert subject_of("Re: RE:  Fwd: Your  interview") == "your interview"
    assert subject_of("AW: SV: Réf : Next steps") == "next steps"


def test_a_message_from_long_before_the_application_began_is_not_about_it() -> None:
    began = datetime(2026, 3, 1, tzinfo=UTC)
    application = Known(5, "Fabrikam", "Buyer", began=began)
    assert application.about_then(datetime(2026, 2, 20, tzinfo=UTC))  # days before: arranging it
    assert not application.about_then(datetime(2025, 11, 1, tzinfo=UTC))  # an earlier application's
    assert application.about_then(None)


def test_an_applicant_tracking_systems_domain_names_no_employer() -> None:
    assert employer_domains(["talent@greenhouse.io"], "https://jobs.lever.co/northwind") == frozenset()
    lever = Known(6, "Globex", "Analyst", domains=frozenset({"lever.co"}))
    found = about("no-reply@hire.lever.co", "Your application to Contoso", "", [NORTHWIND, CONTOSO, lever])
    assert found is not None and found.application.id == 2 and found.by == "name"


def test_a_role_is_a_whole_word() -> None:
    it = Known(7, "Initech", "IT")
    sales = Known(8, "Initech", "Sales")
    found = about(
        "hr@elsewhere.example", "Initech", "It was a pleasure to meet you about the Sales role.", [it, sales]
    )
    assert found is not None and found.application.id == 8
