"""Reading what employers say: the hard parts, one rule each; dates on the employer's calendar;
emails (HTML only, quoted replies, footers); and that no text or bytes make the reader crash."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.cli import cli
from followup.reading import patterns as patterns_module
from followup.reading import signals as signals_module
from followup.reading.dates import MONTH_FIRST, DateReader
from followup.reading.learned import model
from followup.reading.message import MessageError, read_email, read_file
from followup.reading.reader import Where, _calendar, holiday_named, read_words
from tests.reading_corpus import load, read, score
from tests.reading_corpus import said as words_of

train_reader = importlib.import_module("tools.train_reader")

CHICAGO = Where("America/Chicago", "US", "IL")
LONDON = Where("Europe/London", "GB", "ENG")
# Wednesday 4 March 2026, 10:00 in Chicago.
SAID = datetime.fromisoformat("2026-03-04T10:00:00-06:00")


def signals(text: str, where: Where = CHICAGO, said: datetime = SAID) -> list[tuple[Any, ...]]:
    """(kind, date, until, channels, channel, silence_means_no, released) of each signal."""
    return [
        (s.kind, s.date, s.until, s.channels, s.channel, s.silence_means_no, s.released)
        for s in read_words(text, said, where)
    ]


def kinds(text: str, where: Where = CHICAGO, said: datetime = SAID) -> list[str]:
    return [signal[0] for signal in signals(text, where, said)]


# Negation and permission.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please don't call the office.", [("no_contact", ("phone",))]),
        ("No phone calls or emails, please.", [("no_contact", ("phone", "email"))]),
        ("Please do not contact the hiring manager directly.", [("no_contact", ())]),
        ("We aren't able to give status updates.", [("no_contact", ())]),
        ("Feel free to call me if anything comes up.", [("ok_to_follow_up", ("phone",))]),
        ("Don't hesitate to reach out with questions.", [("ok_to_follow_up", ())]),
        ("Please don't hesitate to email me.", [("ok_to_follow_up", ("email",))]),
    ],
)
def test_a_ban_and_a_permission_are_told_apart(
    text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert [(found[0], found[3]) for found in signals(text)] == expected


# No-reply footers are not instructions.


@pytest.mark.parametrize(
    "footer",
    [
        "Please do not respond to this email.",
        "This is an automated message; replies to this address are not monitored.",
        "Please do not reply to this message, as this mailbox is not monitored.",
        "This email is sent from an unattended mailbox, please don\u2019t reply directly.",
    ],
)
def test_a_no_reply_footer_is_not_a_no_contact(footer: str) -> None:
    message = EmailMessage()
    message["From"] = "no-reply@jobs.acme.example"
    message["Date"] = "Wed, 04 Mar 2026 10:00:00 -0600"
    message.set_content(f"Thank you for applying. We'll be in touch.\n\n{footer}\n")
    read = read_email(message.as_string())
    assert kinds(read.text) == ["wait_for_us"]


# Soft rejections, silence that means no, releases.


@pytest.mark.parametrize(
    "text",
    [
        "Please do not print this email unless necessary.",
        "Do Not Share This Email.",
        "She never picks up calls.",
        "You don't need to call.",
        "You don't mind me reaching out?",
    ],
)
def test_a_channel_as_a_thing_or_their_own_habit_is_no_ban(text: str) -> None:
    assert "no_contact" not in kinds(text)


def test_keeping_a_resume_on_file_is_a_rejection() -> None:
    assert kinds("We will keep your resume on file should another role open up.") == ["rejected"]
    assert kinds("We'll keep your CV on file and be in touch if a suitable role comes up.") == ["rejected"]


def test_keeping_a_resume_on_file_beside_a_review_under_way_is_an_acknowledgement() -> None:
    acknowledged = (
        "We are currently reviewing your experience and qualifications. "
        "We'll keep your profile and resume in our database where you can update it."
    )
    assert "rejected" not in kinds(acknowledged)
    otherwise = (
        "If we are able to move forward, you will hear from one of our recruiters. "
        "Otherwise, we will keep your resume on file should another opportunity arise."
    )
    assert kinds(otherwise) == ["wait_for_us"]
    assert "rejected" in kinds(
        "Unfortunately the role has been filled. We are reviewing your CV for other roles."
    )


def test_silence_that_means_no_is_a_decision_date() -> None:
    found = signals(
        "If you don't hear from us within two weeks, please consider your application unsuccessful."
    )
    assert found == [("decision_by", date(2026, 3, 18), None, (), None, True, False)]


def test_an_on_hold_notice_that_releases_you_says_so() -> None:
    held = signals(
        "The role is on hold for now; please treat this as a release to pursue other opportunities."
    )
    assert held == [("on_hold", None, None, (), None, False, True)]
    assert signals("We've temporarily paused hiring for this role.")[0][6] is False


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately, on this occasion your application hasn\u2019t been successful.",
        "Unsuccessful on this occasion.",
        'Your status now says "No Longer Under Consideration".',
        "The hiring team has selected a candidate whose background is a closer fit.",
        "Client's gone another way.",
        "The Senior Researcher position has been eliminated.",
        "We're not going to be able to offer you the position.",
        "They took someone internal.",
        "We have to give you a negative answer.",
        "You were not included in the shortlist of qualified applicants.",
        "Role cancelled.",
        "We haven\u2019t been able to progress your application.",
        "After careful review, we have chosen to pursue other candidates who we feel are best qualified.",
        "We have reviewed your background and do not see a fit at this time.",
        "We regret we are unable to consider you for this position.",
        "The University has now decided to withdraw the Lecturer in General Nursing competition.",
        "I'm afraid we are not in a position to offer you a place on the scheme this year.",
        "The Marketing Assistant job has gone to an internal applicant.",
        "We've offered the weekend shifts to somebody with more barista experience.",
        "The hiring manager extended a verbal offer to another applicant, who accepted it this morning.",
        "Following a reorganisation, the Data Engineer role no longer exists.",
        "The recruitment process for this post has been called off.",
        "Your application will progress no further.",
        "We are withdrawing all candidacies, including yours, while the brief is rethought.",
        "Honestly it's just not a fit for the team right now.",
        "They're going with a lady who has run a kitchen before.",
        "The directors decided to appoint another candidate.",
        "Recruiter said they went w/ an internal person.",
        "We've filled all the summer positions now.",
        "The requisition for this opening has been closed.",
        "We have found a candidate whose experience better matches the brief.",
        "I'm writing to let you know the appointment has already been made.",
        "Client came back with a no on the contract role.",
        "Unfortunately the analyst role is now off the table.",
        "We won't be making you an offer on this occasion.",
        "Your application to the Graduate Scheme (2026 intake) has been unsuccessful.",
        "Your candidacy will not be progressed.",
        "Please find enclosed our regret letter.",
        "It has gone to someone with more retail experience.",
        "We have filled the Data, Analytics & Insight (Summer 2027) Internship position.",
        "Your application did not make it past the screening stage.",
        "We'll keep hold of your details? No: we are retaining your CV on our database for future roles.",
        "They took on someone from the agency instead.",
        "In the end they promoted someone internally.",
        "The studentship is withdrawn for this year.",
        "Sadly the coaching job's gone to one of our volunteers.",
        "The selection procedure for this post has been cancelled.",
        'Another "thanks, but no thanks" from the agency.',
        "The panel has now appointed Dr Amara Obi to the lectureship.",
        "All our summer positions have now been taken up.",
        "They went with him because he speaks German.",
        "The successful candidate was one of our own graduates.",
        "We're not taking anyone on until the spring, sorry.",
    ],
)
def test_a_rejection_however_it_is_worded(text: str) -> None:
    assert kinds(text, LONDON) == ["rejected"]


def test_a_tree_of_words_finds_what_the_words_find() -> None:
    words = ["a go", "another", "an", "appoint", "decid", "decision"]
    found = patterns_module.any_of(words)
    for text in ["it's a go", "another one", "an", "we decided", "no", "appointed", "xyz", "aaaa"]:
        assert (found.search(text) is not None) == any(word in text for word in words)


@pytest.mark.parametrize(
    "text",
    [
        "The vacancy closes on 20 March.",
        "We have closed the role to new applications and are reviewing.",
        "Has the role been filled yet?",
        "I wanted to reassure you: your application is not rejected.",
        "We've now closed this vacancy and the team is working through all the applications.",
        "Please be assured nothing has been withdrawn and the position is being held for you.",
        "Applicants who are unsuccessful will be notified by email.",
        "We've made an offer to someone else, but it hasn't been accepted yet, so you are our reserve.",
        "Your email went to the hiring manager this morning.",
        "The invitation went to your old address, sorry!",
        "We hope to have the role filled by the end of March.",
        "The interview for the role was cancelled; we'll rebook it.",
        "I can't make you an offer yet, the budget needs sign-off.",
        "We take on apprentices every spring, so watch this space.",
        "The successful candidate will be notified by phone.",
        "We have not closed the position and no decision has been taken yet.",
        "They want you for the onsite panel next week.",
        "We wanted to let you know that we received your application for the 2027 Graduate Analyst role.",
        "Whether or not this role ends up a fit, we will keep your details on file for other openings.",
        "Regardless of the outcome, we'll keep your CV on file.",
    ],
)
def test_a_closing_date_a_question_or_a_formula_is_no_rejection(text: str) -> None:
    assert "rejected" not in kinds(text, LONDON)


@pytest.mark.parametrize(
    "text",
    [
        "Applicants who are not shortlisted will not be contacted individually.",
        "Those not selected will receive no further communication.",
        "Should you not have heard from us by 1 April, please consider your application as not successful.",
        "Candidates who do not hear from us within 45 days may presume that they have not been shortlisted.",
        "If you have not been contacted within three months of the closing date of this\n"
        "advertisement, please accept that your application was unsuccessful.",
    ],
)
def test_what_silence_will_mean_to_every_applicant_is_no_rejection(text: str) -> None:
    assert not {"rejected", "in_running"} & set(kinds(text, LONDON))


@pytest.mark.parametrize(
    "text",
    [
        "The role is on hold. Please do not let this hold you back from pursuing other opportunities.",
        "The position is on hold due to internal restructuring, you can explore other options.",
        "Hiring is frozen. I'd keep applying elsewhere if I were you.",
        "The search is paused. I'd recommend keeping your search active rather than holding out for us.",
        "The role is on hold. She said no need to wait for them, I can consider other chances.",
    ],
)
def test_a_hold_that_tells_you_to_go_on_with_your_search_releases_you(text: str) -> None:
    assert signals(text) == [("on_hold", None, None, (), None, False, True)]


def test_a_rejection_said_as_a_condition_is_not_one() -> None:
    assert "rejected" not in kinds(
        "If we decide to move forward with other candidates, we will let you know."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Should you be shortlisted for this position, a recruiter will be in contact with you.",
        "If you're selected to move to the next stage of the interview process, a recruiter will call.",
        "Only shortlisted candidates will be contacted.",
        "Shortlisted applicants will be invited to interview in April.",
    ],
)
def test_what_might_happen_to_every_applicant_is_not_news_that_you_are_in_the_running(text: str) -> None:
    assert "in_running" not in kinds(text)


def test_news_that_you_are_shortlisted_is_in_the_running() -> None:
    assert kinds("Good news: you have been shortlisted for the Analyst role.") == ["in_running"]


@pytest.mark.parametrize(
    "text",
    [
        "The job's yours if you want it!",
        "You're hired!",
        "We want you as Head of Operations.",
        "They want me to start 1 February.",
        "You have been selected for the Warehouse Lead position at the Forest Park site.",
        "After much deliberation our choice has fallen on you.",
        "The selection committee has decided to appoint you as Assistant Professor.",
        "I am pleased to advise that you have been successful in your application for the above post.",
        "Please find attached your contract of employment for signature.",
        "Welcome to the team, we are thrilled!",
        "The board would like to appoint you to the position of Deputy Head.",
        "I'm delighted to tell you that you were the successful applicant.",
        "They want me for the junior data analyst grad role!",
        "We'll start you Tuesday on the night shift.",
        "The agency says the hospital wants you for the 8 week theatre contract.",
        "The post of Senior Lecturer in Law is yours if you would like it.",
        "I'm glad to tell you that you were successful at interview for the post of Research Fellow.",
        "This letter is to confirm your employment as Site Manager from 2 March.",
        'He rang and said "we want you".',
        "Your letter of appointment as Staff Nurse is attached.",
        "The trustees approved your name for the post of Finance Director.",
        "The Sous Chef job is mine if I want it!",
        "You've got the Store Assistant role at our Leeds branch.",
        "We are glad to propose you the position of Junior Architect.",
    ],
)
def test_an_offer_need_not_say_offer(text: str) -> None:
    assert "offer" in kinds(text)


def test_a_job_yours_to_lose_is_no_offer() -> None:
    assert "offer" not in kinds("The job is yours to lose: prepare well for the final round.")


@pytest.mark.parametrize(
    "text",
    [
        "We would like to offer you access to a free career development platform.",
        "We are pleased to offer you an interview with the hiring manager.",
        "In the meantime, we welcome you to continue browsing more job opportunities.",
        "You have been successful in progressing to the next stage.",
        "You have been selected for the next round of interviews.",
        "You are selected for the assessment centre for the function of Project Engineer.",
    ],
)
def test_an_offer_of_something_else_is_no_job_offer(text: str) -> None:
    assert "offer" not in kinds(text)


def test_an_offer_of_access_beside_a_rejection_leaves_the_rejection() -> None:
    said = (
        "After careful consideration, we will not be moving you to the next step. As a gesture of support, "
        "we would like to offer you access to a free virtual career development platform."
    )
    assert kinds(said) == ["rejected"]


@pytest.mark.parametrize(
    "text",
    [
        "We encourage you to visit our careers site for other openings.",
        "Feel free to visit our website to learn more about us.",
        "You can also check in on the status of your application in the portal.",
    ],
)
def test_a_visit_to_a_website_is_no_permission_to_visit(text: str) -> None:
    assert "ok_to_follow_up" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Any questions, just give me a shout.", ()),
        ("Give me a bell back when you get this.", ("phone",)),
        ("You can reach me by phone at +49 40 3019 2240.", ("phone",)),
        ("We remain at your disposal for any question.", ()),
        ("If you would like feedback, please contact Alan Rennie.", ()),
        ("Call or email, whatever's handiest for you.", ("phone", "email")),
        ("Email's grand.", ("email",)),
        ("Text me when you arrive.", ("phone",)),
    ],
)
def test_being_asked_to_get_in_touch_is_permission(text: str, channels: tuple[str, ...]) -> None:
    assert signals(text) == [("ok_to_follow_up", None, None, channels, None, False, False)]


@pytest.mark.parametrize(
    "text", ["He said he'd call me tomorrow.", "She'll text me the address.", "Please don't call me."]
)
def test_their_own_call_or_a_ban_is_no_permission(text: str) -> None:
    assert "ok_to_follow_up" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hoping to wrap up interviews this week and let everyone know by the end of the month.",
            date(2026, 3, 31),
        ),
        (
            "Just to let you know where things stand: the partners meet Friday and we'll decide by the 20th.",
            date(2026, 3, 20),
        ),
        (
            "Interviews wrap up this week and all applicants will be notified by the end of next week.",
            date(2026, 3, 13),
        ),
        ("The panel meets Friday but results will be shared only on 18 March.", date(2026, 3, 18)),
    ],
)
def test_a_decision_is_dated_by_the_words_that_promise_it(text: str, expected: date) -> None:
    assert [found[:2] for found in signals(text)] == [("decision_by", expected)]


def test_an_offer_keeps_the_permission_beside_it() -> None:
    said = "We'd like you to join as a Senior Backend Engineer. Call me once you've had a chance to read it."
    assert kinds(said) == ["offer", "ok_to_follow_up"]
    dated = "We offer you the position. Please return the signed offer by 28 March. Do not hesitate to call."
    assert kinds(dated) == ["offer", "call_back", "ok_to_follow_up"]


def test_a_rejection_keeps_the_invitation_to_call_for_feedback_on_a_day() -> None:
    said = "Sorry, we won't be progressing your application. For feedback, give me a ring next Tuesday."
    found = signals(said)
    assert [kind for kind, *_ in found] == ["rejected", "call_back"]
    assert found[1][:3] == ("call_back", date(2026, 3, 10), None)
    assert kinds("Unfortunately you were not successful. We'll be in touch about other roles.") == [
        "rejected"
    ]


def test_a_promise_to_send_the_paperwork_by_a_day_is_a_decision_date() -> None:
    assert signals("She'll send the contract Tuesday.")[0][:3] == ("decision_by", date(2026, 3, 10), None)
    offer = signals("We'd love you to join us! The offer letter will be shared by EOD tomorrow.")
    assert [found[:2] for found in offer] == [("offer", None), ("decision_by", date(2026, 3, 5))]


@pytest.mark.parametrize(
    "text",
    [
        "She'll send the contract.",
        "I'll keep you posted if it reopens.",
        "Leave it with me.",
        "He'll text me times.",
        "We shall revert in due course.",
        "Please kindly await our feedback regarding the date.",
        "I'll give you a bell when I've got something concrete.",
        "Your recruiter will send a calendar invite shortly.",
    ],
)
def test_a_promise_to_be_in_touch_without_a_day_is_waiting_for_them(text: str) -> None:
    assert kinds(text) == ["wait_for_us"]


@pytest.mark.parametrize("text", ["Please send me your CV.", "You will need to send the documents."])
def test_what_the_applicant_is_to_send_is_no_promise_of_theirs(text: str) -> None:
    assert "wait_for_us" not in kinds(text)


def test_a_request_to_answer_by_a_day_is_a_call_back() -> None:
    assert signals("Kindly revert with your acceptance latest by 13/03/2026.", LONDON)[0][:3] == (
        "call_back",
        date(2026, 3, 13),
        None,
    )
    assert signals("Please confirm your attendance by Friday.")[0][:2] == ("call_back", date(2026, 3, 6))


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("I prefer phone over e-mail.", "phone"),
        ("All queries should go by email.", "email"),
        ("Call me instead.", "phone"),
        ("Email only please.", "email"),
        ("Calling is easiest for her.", "phone"),
        ("My cell is the fastest way to reach me.", "phone"),
        ("The best way is to pop into the store.", "visit"),
        ("Geoff prefers candidates email him directly.", "email"),
        ("Text me on 021 448 902 instead.", "phone"),
    ],
)
def test_a_preferred_channel_in_other_words(text: str, channel: str) -> None:
    assert signals(text) == [("prefer_channel", None, None, (), channel, False, False)]


def test_a_preference_stands_beside_a_rejection() -> None:
    said = (
        "We won't be moving ahead with your application. If you have questions, email me rather than calling."
    )
    assert kinds(said) == ["rejected", "prefer_channel"]


@pytest.mark.parametrize(
    ("text", "expected", "channel"),
    [
        ("Swing by Monday after 2.", date(2026, 3, 9), None),
        ("lmk by Thursday", date(2026, 3, 5), None),
        ("Hit me up next week.", date(2026, 3, 9), None),
        ("Please come to our office tomorrow.", date(2026, 3, 5), "visit"),
        ("Return the signed offer by November 28.", date(2026, 11, 28), None),
        ("Feel free to nudge me on the 21st.", date(2026, 3, 21), None),
        ("Let me know your thoughts by end of next week.", date(2026, 3, 13), None),
    ],
)
def test_asked_to_get_back_to_them_on_a_day(text: str, expected: date, channel: str | None) -> None:
    assert [(found[0], found[1], found[4]) for found in signals(text)] == [("call_back", expected, channel)]


def test_a_request_names_its_channel_anywhere_after_it() -> None:
    said = "Please confirm your attendance by return email by 12 noon on Monday 9 March."
    assert signals(said, LONDON) == [("call_back", date(2026, 3, 9), None, (), "email", False, False)]
    assert signals("We are unable to discuss applications by telephone.")[0][:4] == (
        "no_contact",
        None,
        None,
        ("phone",),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please select an interview slot by 17:00 on Tuesday 10 March.", date(2026, 3, 10)),
        ("Please accept or decline this offer within 5 working days.", date(2026, 3, 11)),
        ("Could you send availability by Friday?", date(2026, 3, 6)),
        ("We'll need your answer by 3/7.", date(2026, 3, 7)),
        ("Confirm your attendance by 2026-03-05.", date(2026, 3, 5)),
    ],
)
def test_a_request_to_answer_by_a_day_in_other_words(text: str, expected: date) -> None:
    assert [found[:2] for found in signals(text)] == [("call_back", expected)]


def test_a_date_with_dashes_needs_its_year() -> None:
    assert dates_in("Sign by 16-11-2026.", LONDON, "2026-11-02") == [(date(2026, 11, 16), None)]
    assert dates_in("Call me for 3-5 minutes.", LONDON, "2026-11-02") == []


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Told me to WhatsApp him, not mail.", "phone"),
        ("Revert on mail only.", "email"),
        ("Call is better than mail.", "phone"),
        ("WhatsApp me at +65 9123 4471, faster than LinkedIn one.", "phone"),
    ],
)
def test_a_channel_preferred_over_another(text: str, channel: str) -> None:
    assert [(found[0], found[4]) for found in signals(text)] == [("prefer_channel", channel)]


def test_their_promise_to_let_you_know_is_no_request() -> None:
    assert kinds("They'll let me know by Friday.") == ["decision_by"]
    assert kinds("Feel free to email me if you have questions; we'll decide by Friday.") == [
        "ok_to_follow_up",
        "decision_by",
    ]


def test_a_visit_to_the_office_is_one() -> None:
    assert signals("Feel free to visit us at the office any afternoon.")[0][:4] == (
        "ok_to_follow_up",
        None,
        None,
        ("visit",),
    )


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Please don't come down to the warehouse to ask about your application.", ("visit",)),
        ("Do not turn up at the clinic to chase your result.", ("visit",)),
        ("We ask you not to come to our offices or to call about the process.", ("phone", "visit")),
        ("He'd rather you didn't phone the site office.", ("phone",)),
        ("We cannot give telephonic information on the progress of applications.", ("phone",)),
        ("The manager asked that nobody email her directly about the vacancy.", ("email",)),
        ("Please don't mail me asking for updates.", ("email",)),
    ],
)
def test_a_ban_worded_otherwise_names_its_channels(text: str, channels: tuple[str, ...]) -> None:
    assert [(found[0], found[3]) for found in signals(text)] == [("no_contact", channels)]


# Several signals in one message.


def test_several_signals_in_one_message() -> None:
    found = signals("We'll make a decision by the 15th. In the meantime, please don't call the office.")
    assert found == [
        ("decision_by", date(2026, 3, 15), None, (), None, False, False),
        ("no_contact", None, None, ("phone",), None, False, False),
    ]


def test_a_note_in_reported_speech() -> None:
    found = signals("She said they'd decide by the 15th and not to call")
    assert [(signal[0], signal[1], signal[3]) for signal in found] == [
        ("decision_by", date(2026, 3, 15), ()),
        ("no_contact", None, ("phone",)),
    ]


def test_an_outcome_settles_the_rest() -> None:
    assert kinds(
        "We have decided to move forward with other candidates. We'll be in touch about future roles."
    ) == ["rejected"]


# Dates, resolved on the employer's calendar.


@pytest.mark.parametrize(
    ("words", "expected", "until"),
    [
        ("You'll hear from us by Friday.", date(2026, 3, 6), None),
        ("Call me next Wednesday.", date(2026, 3, 11), None),
        ("We'll get back to you next week.", date(2026, 3, 9), date(2026, 3, 13)),
        ("We will decide within five business days.", date(2026, 3, 11), None),
        ("You'll hear back in two weeks.", date(2026, 3, 18), None),
        ("We'll decide by the end of the month.", date(2026, 3, 31), None),
        ("We'll be done interviewing by the 15th.", date(2026, 3, 15), None),
        ("We plan to decide in one to two weeks.", date(2026, 3, 11), date(2026, 3, 18)),
        ("Expect to hear from us by March 13.", date(2026, 3, 13), None),
        ("We will let you know by 3/13.", date(2026, 3, 13), None),
    ],
)
def test_dates_are_resolved_against_the_day_said(words: str, expected: date, until: date | None) -> None:
    found = signals(words)
    assert [(signal[1], signal[2]) for signal in found] == [(expected, until)]


def dates_in(words: str, where: Where = CHICAGO, said: str = "2026-03-04") -> list[tuple[date, date | None]]:
    """The dates the grammar reads in the words, said on that day at the employer's."""
    day = date.fromisoformat(said)
    calendar = _calendar(where.timezone, where.country, where.subdivision, day.year)
    month_first = (where.country or "US") in MONTH_FIRST
    reader = DateReader(day, calendar.add_business_days, month_first, holiday_named(calendar.holidays))
    return [(found.date, found.until) for found in reader.find(words)]


@pytest.mark.parametrize(
    ("words", "said", "expected"),
    [
        ("They're hoping to decide mid-month.", "2026-03-04", [(date(2026, 3, 15), None)]),
        ("They're hoping to decide mid-month.", "2026-03-20", [(date(2026, 4, 15), None)]),
        ("An answer by mid-June at the latest.", "2026-03-04", [(date(2026, 6, 15), None)]),
        ("We'll update you early next month.", "2026-03-04", [(date(2026, 4, 1), date(2026, 4, 10))]),
        ("A decision in late March.", "2026-03-04", [(date(2026, 3, 21), date(2026, 3, 31))]),
        ("At the beginning of April.", "2026-03-04", [(date(2026, 4, 1), date(2026, 4, 10))]),
        ("During the latter part of April.", "2026-03-04", [(date(2026, 4, 21), date(2026, 4, 30))]),
        ("Early next week, I hope.", "2026-03-04", [(date(2026, 3, 9), date(2026, 3, 10))]),
        ("By mid next week.", "2026-03-04", [(date(2026, 3, 11), None)]),
        ("You should hear late next week.", "2026-03-04", [(date(2026, 3, 12), date(2026, 3, 13))]),
        ("Later this week.", "2026-03-04", [(date(2026, 3, 6), None)]),
        ("I'll circle back in Q3.", "2026-03-04", [(date(2026, 7, 1), date(2026, 9, 30))]),
        ("Hiring resumes in the third quarter.", "2026-03-04", [(date(2026, 7, 1), date(2026, 9, 30))]),
        ("We'll contact you next quarter.", "2026-03-04", [(date(2026, 4, 1), date(2026, 6, 30))]),
        ("By the end of the quarter.", "2026-03-04", [(date(2026, 3, 31), None)]),
        ("By the end of Q1.", "2026-05-04", [(date(2027, 3, 31), None)]),
        ("Before the end of Q4 2026.", "2026-03-04", [(date(2026, 12, 31), None)]),
        ("Pls call me tmrw.", "2026-03-04", [(date(2026, 3, 5), None)]),
        ("After the weekend.", "2026-03-04", [(date(2026, 3, 9), None)]),
        ("We'll let you know after the long weekend.", "2026-05-22", [(date(2026, 5, 26), None)]),
        ("Decision EOW.", "2026-03-04", [(date(2026, 3, 6), None)]),
        ("I'll ring you later today.", "2026-03-04", [(date(2026, 3, 4), None)]),
        ("She'll email this arvo.", "2026-03-04", [(date(2026, 3, 4), None)]),
        ("The panel meets the day after tomorrow.", "2026-03-04", [(date(2026, 3, 6), None)]),
        ("He's going to check back in 2 wks.", "2026-01-09", [(date(2026, 1, 23), None)]),
        ("They'll decide after Canada Day.", "2026-06-17", [(date(2026, 7, 2), None)]),
        ("I'll email you after Boxing Day.", "2025-12-11", [(date(2025, 12, 29), None)]),
        ("We'll be back to you after Labor Day.", "2026-08-25", [(date(2026, 9, 8), None)]),
        # a calendar week: Monday to Friday, this year's if still to come, else next year's
        ("Decision latest in calendar week 42.", "2026-09-25", [(date(2026, 10, 12), date(2026, 10, 16))]),
        ("Final decision in KW 43.", "2026-10-06", [(date(2026, 10, 19), date(2026, 10, 23))]),
        ("An answer expected in week 2.", "2026-10-06", [(date(2027, 1, 11), date(2027, 1, 15))]),
        ("Expect to hear the week of January fifth.", "2025-12-24", [(date(2026, 1, 5), date(2026, 1, 9))]),
        ("Interviews w/c 16 March.", "2026-03-04", [(date(2026, 3, 16), date(2026, 3, 20))]),
        ("I'll ring on the twenty-first of March.", "2026-03-04", [(date(2026, 3, 21), None)]),
        ("Within two (2) weeks of today.", "2026-03-04", [(date(2026, 3, 18), None)]),
        ("She'll send prep material within 48 hrs.", "2026-03-04", [(date(2026, 3, 6), None)]),
        ("They'd decide in the next week or two.", "2026-03-04", [(date(2026, 3, 11), date(2026, 3, 18))]),
        ("Give it a week or so.", "2026-03-04", [(date(2026, 3, 11), None)]),
        ("結果は2025年12月26日までにお知らせします", "2025-12-10", [(date(2025, 12, 26), None)]),
    ],
)
def test_parts_of_months_weeks_and_quarters_and_closures(
    words: str, said: str, expected: list[tuple[date, date | None]]
) -> None:
    assert dates_in(words, said=said) == expected


def test_after_a_closure_that_moves_with_easter_whether_or_not_the_country_names_it() -> None:
    from followup.reading.dates import easter

    assert [easter(year) for year in (2025, 2026, 2027)] == [
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
    ]
    brazil = Where("America/Sao_Paulo", "BR")  # Carnaval 2027: Monday 8 and Tuesday 9 February
    assert dates_in("A final answer only after Carnaval.", brazil, "2027-02-05") == [
        (date(2027, 2, 10), None)
    ]
    berlin = Where("Europe/Berlin", "DE", "BE")  # Whit Monday 2026: 25 May, a holiday
    assert dates_in("Decision only after Whit Monday.", berlin, "2026-05-20") == [(date(2026, 5, 26), None)]
    mexico = Where("America/Mexico_City", "MX")  # Holy Week 2026: up to Easter Sunday, 5 April
    assert dates_in("I will write after Semana Santa.", mexico, "2026-03-27") == [(date(2026, 4, 6), None)]


def test_mid_next_week_with_a_hyphen_is_the_wednesday() -> None:
    assert dates_in("A decision mid-next week.", said="2026-02-12") == [(date(2026, 2, 18), None)]


def test_a_notes_own_date_at_the_head_of_a_line_is_no_signals_date() -> None:
    from datetime import datetime

    from followup.reading.reader import read_message

    note = "Fri 31/10 \u2013 Ananya (HR) on phone: final list will be out by the 7th."
    said = datetime.fromisoformat("2025-10-31T16:40:00+05:30")
    [signal] = read_message(note, said, Where("Asia/Kolkata", "IN"))[1]
    assert (signal.kind, signal.date) == ("decision_by", date(2025, 11, 7))
    ahead = "They will decide by 14/03 - please wait."  # a date ahead, at the head of a line, still counts
    [signal] = read_message(
        ahead, datetime.fromisoformat("2026-03-12T10:00:00+00:00"), Where("Europe/London", "GB")
    )[1]
    assert signal.date == date(2026, 3, 14)


def test_after_a_holiday_is_the_first_business_day_after_it() -> None:
    assert dates_in("Ring her after Easter.", LONDON, "2026-04-01") == [(date(2026, 4, 7), None)]
    tokyo = Where("Asia/Tokyo", "JP")  # Golden Week: 29 April, then 3 to 6 May
    assert dates_in("They will contact me after Golden Week.", tokyo, "2026-04-27") == [
        (date(2026, 5, 7), None)
    ]
    assert dates_in("Frozen till after Matariki.", Where("Pacific/Auckland", "NZ"), "2026-07-06") == [
        (date(2026, 7, 13), None)
    ]
    assert dates_in("After the Christmas break.", LONDON, "2026-12-10") == [(date(2026, 12, 29), None)]
    boston = Where("America/New_York", "US", "MA")
    assert dates_in("Check back with me after Labor Day.", boston, "2026-05-27") == [(date(2026, 9, 8), None)]
    singapore = Where("Asia/Singapore", "SG")
    assert dates_in("HR will revert after CNY.", singapore, "2026-01-20") == [(date(2026, 2, 19), None)]
    dublin = Where("Europe/Dublin", "IE")
    assert dates_in("We'll be back to you after Paddy's Day.", dublin, "2026-03-10") == [
        (date(2026, 3, 18), None)
    ]


def test_working_days_are_counted_from_the_date_they_name() -> None:
    words = "We aim to write within ten working days of the closing date, Friday 30 January."
    assert dates_in(words, LONDON, "2026-01-20") == [(date(2026, 2, 13), None)]
    assert dates_in("Within 3-5 working days from 2 March.", LONDON, "2026-02-20") == [
        (date(2026, 3, 5), date(2026, 3, 9))
    ]


def test_working_days_of_the_closing_date_count_from_the_closing_date_named_before() -> None:
    words = (
        "Thank you for applying. The vacancy closes on 27 February 2026. If you have not heard from "
        "us within 10 working days of the closing date, please assume you have not been successful."
    )
    assert dates_in(words, Where("Europe/London", "GB", "SCT"), "2026-02-18")[-1] == (date(2026, 3, 13), None)
    later = "Applications close on 4/30. I will contact you within 10 business days of that date."
    assert dates_in(later, CHICAGO, "2027-04-12")[-1] == (date(2027, 5, 14), None)
    # with no date named, the count runs from the day said
    assert dates_in("We reply within 5 working days of the closing date.", LONDON, "2026-03-02") == [
        (date(2026, 3, 9), None)
    ]


def test_business_days_skip_the_employers_public_holidays() -> None:
    friday = datetime.fromisoformat("2026-05-22T10:00:00-05:00")  # Memorial Day is Monday 25 May
    assert signals("We'll decide within three business days.", said=friday)[0][1] == date(2026, 5, 28)
    easter = datetime.fromisoformat("2026-04-02T10:00:00+01:00")  # Good Friday, Easter Monday
    assert signals("You'll hear within two working days.", LONDON, easter)[0][1] == date(2026, 4, 8)


def test_written_dates_follow_the_employers_country() -> None:
    assert signals("We will let you know by 3/4.", LONDON)[0][1] == date(2026, 4, 3)
    assert signals("We will let you know by 4/3.", CHICAGO)[0][1] == date(2026, 4, 3)
    assert signals("We will let you know by 13 March.", LONDON)[0][1] == date(2026, 3, 13)


def test_the_day_is_the_employers_even_when_the_email_says_utc() -> None:
    late = datetime.fromisoformat("2026-03-07T02:30:00+00:00")  # still Friday evening in Chicago
    assert signals("You'll hear from us by Monday.", said=late)[0][1] == date(2026, 3, 9)
    assert signals("You'll hear from us tomorrow.", said=late)[0][1] == date(2026, 3, 7)


# Emails: HTML only, quoted replies, signatures and disclaimers.


def email_of(body: str, subtype: str = "plain", date_header: str = "Wed, 04 Mar 2026 10:00:00 -0600") -> str:
    message = EmailMessage()
    message["From"] = "Dana Lee <dana@acme.example>"
    message["To"] = "you@example.com"
    message["Subject"] = "Your interview"
    message["Date"] = date_header
    message.set_content(body, subtype=subtype)
    return message.as_string()


def test_an_html_only_email_is_read_as_its_text() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Hi,</p><p>We&rsquo;ll decide by "
        "<b>Friday</b>.</p><div style='display:none'>please don't call</div></body></html>"
    )
    read = read_email(email_of(html, "html"))
    assert read.said_at == SAID
    assert [(signal[0], signal[1]) for signal in signals(read.text)] == [("decision_by", date(2026, 3, 6))]


def test_a_reply_is_read_without_the_message_it_quotes() -> None:
    body = (
        "Thanks for checking in! We're still deciding and you're still in the running.\n\n"
        "On Tue, Mar 3, 2026 at 9:00 AM You <you@example.com> wrote:\n"
        "> Please don't call me, I'll call you.\n"
        "> We have decided to move forward with other candidates.\n"
    )
    assert kinds(read_email(email_of(body)).text) == ["in_running"]


def test_an_outlook_reply_is_read_without_the_message_it_quotes() -> None:
    body = (
        "Unfortunately, we have decided to go with another candidate.\n\n"
        "-----Original Message-----\nFrom: Dana Lee\nSent: Monday, March 2, 2026 9:00 AM\n"
        "Subject: Interview\n\nFeel free to call me next week.\n"
    )
    assert kinds(read_email(email_of(body)).text) == ["rejected"]


def test_signatures_and_disclaimers_are_not_read() -> None:
    body = (
        "We'll be in touch.\n\n-- \nDana Lee | Recruiter | Call me anytime: +1 312 555 0100\n\n"
        "This email and any attachments are confidential. If you are not the intended recipient, "
        "please do not contact the sender or copy this message.\n"
    )
    assert kinds(read_email(email_of(body)).text) == ["wait_for_us"]


def test_a_mailbox_is_read_message_by_message(tmp_path: Path) -> None:
    box = tmp_path / "inbox.mbox"
    first = email_of("We'll be in touch.")
    second = email_of("We are delighted to extend an offer!", date_header="Thu, 05 Mar 2026 10:00:00 -0600")
    mbox = f"From dana@acme.example Wed Mar  4 10:00:00 2026\n{first}\nFrom dana@acme.example Thu Mar  5 10:00:00 2026\n{second}\n"  # noqa: E501
    box.write_text(mbox, encoding="utf-8")
    messages = read_file(box)
    assert [kinds(message.text) for message in messages] == [["wait_for_us"], ["offer"]]
    assert messages[1].said_at == datetime.fromisoformat("2026-03-05T10:00:00-06:00")


# Nothing crashes the reader.


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_failing(text: str) -> None:
    for signal in read_words(text, SAID, CHICAGO):
        assert text[signal.start : signal.end] == signal.evidence


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_in_an_eml_file_are_read_or_refused_clearly(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("eml") / "message.eml"
    path.write_bytes(raw)
    try:
        messages = read_file(path)
    except MessageError as error:  # a clear error at worst
        if not str(error):
            raise
        return
    for message in messages:
        read_words(message.text, message.said_at or SAID, CHICAGO)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["plain", "html"]))
def test_any_body_in_an_email_is_read_without_failing(body: str, subtype: str) -> None:
    try:
        raw = email_of(body, subtype)
    except ValueError:  # a body the email package itself will not write
        return
    read_words(read_email(raw).text, SAID, CHICAGO)


# The command.


def test_followup_read_prints_the_signals_and_their_evidence_as_json() -> None:
    run = CliRunner().invoke(
        cli,
        ["read", "She said they'd decide by the 15th and not to call", "--said-at", SAID.isoformat(),
         "--timezone", "America/Chicago", "--country", "US", "--json"],
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    found = json.loads(run.stdout)["signals"]
    assert [(signal["kind"], signal["date"], signal["channels"]) for signal in found] == [
        ("decision_by", "2026-03-15", []),
        ("no_contact", None, ["phone"]),
    ]
    assert found[1]["evidence"] == "not to call"
    assert set(found[0]) >= {"kind", "date", "until", "channels", "channel", "confidence", "evidence"}


def test_what_was_understood_is_recorded_once_confirmed(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'search.sqlite3'}"
    now = "2026-03-04T12:00:00-06:00"
    runner = CliRunner()
    add = [
        "add",
        "--employer",
        "Acme",
        "--country",
        "US",
        "--subdivision",
        "IL",
        "--interview",
        "2026-03-03T10:00:00-06:00",
    ]
    added = runner.invoke(cli, [*add, "--db", db, "--now", now])
    assert added.exit_code == 0
    words = "We'll decide by the 15th. Please don't call."
    asked = runner.invoke(cli, ["said", "1", "--text", words, "--db", db, "--now", now], input="n\n")
    assert asked.exit_code == 1 and "decision_by" in asked.stdout  # not confirmed: not recorded
    shown = json.loads(runner.invoke(cli, ["show", "1", "--json", "--db", db, "--now", now]).stdout)
    assert [item["kind"] for item in shown["timeline"]] == ["interview"]  # not recorded
    done = runner.invoke(cli, ["said", "1", "--text", words, "--yes", "--db", db, "--now", now])
    assert done.exit_code == 0
    shown = json.loads(runner.invoke(cli, ["show", "1", "--json", "--db", db, "--now", now]).stdout)
    recorded = [(item["kind"], item.get("date"), item.get("note")) for item in shown["timeline"][1:]]
    assert recorded == [
        ("decision_by", "2026-03-15", "decide by the 15th"),
        ("no_contact", None, "Please don't call"),
    ]


def test_a_maybe_is_shown_as_one_and_not_recorded_unasked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'search.sqlite3'}"
    now = "2026-03-04T12:00:00-06:00"
    runner = CliRunner()
    add = ["add", "--employer", "Acme", "--country", "US", "--subdivision", "IL"]
    added = runner.invoke(cli, [*add, "--interview", "2026-03-03T10:00:00-06:00", "--db", db, "--now", now])
    assert added.exit_code == 0, added.output
    words = "We might decide by the 15th. Please don't call."  # a hedge: 0.65 and 0.9 sure
    monkeypatch.setattr(signals_module, "MAYBE", 0.7)
    listed = runner.invoke(cli, ["read", words, "--said-at", now, "--json"])
    assert [(s["kind"], s["maybe"]) for s in json.loads(listed.stdout)["signals"]] == [
        ("decision_by", True),
        ("no_contact", False),
    ]
    shown = runner.invoke(cli, ["read", words, "--said-at", now]).stdout
    assert "  maybe decision_by (date 2026-03-15)" in shown and "  no_contact" in shown
    done = runner.invoke(cli, ["said", "1", "--text", words, "--yes", "--db", db, "--now", now])
    assert done.exit_code == 0
    assert "Not recorded, for you to confirm (maybe): decision_by." in done.stderr
    timeline = json.loads(runner.invoke(cli, ["show", "1", "--json", "--db", db, "--now", now]).stdout)
    assert [item["kind"] for item in timeline["timeline"]] == ["interview", "no_contact"]
    asked = runner.invoke(cli, ["said", "1", "--text", words, "--db", db, "--now", now], input="y\n")
    assert "Not recorded" not in asked.stderr  # asked and confirmed: a maybe is recorded too


# The corpus.


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    cases = load()
    assert len(cases) >= 300
    assert {signal["kind"] for case in cases for signal in case.expected} == {
        "no_contact", "wait_for_us", "decision_by", "call_back", "ok_to_follow_up", "prefer_channel",
        "in_running", "on_hold", "rejected", "offer",
    }  # fmt: skip


# The sets the rules were written against; the sets that joined since are measured by grouped
# cross-validation (make model), for a figure on words a reader has not seen.
TUNED_ON = ("emails", "eml", "later", "later2", "notes")


def test_the_reader_keeps_its_figures_on_the_sets_its_rules_were_written_for() -> None:
    result = score([case for case in load() if case.writer in TUNED_ON])
    assert result.macro_f1() >= 0.95, "\n".join(result.misses[:40])
    assert result.date_accuracy() >= 0.95, "\n".join(result.misses[:40])
    assert result.false_bans <= 1 and result.false_outcomes == 0 and result.missed_rejections == 0


def test_the_model_rebuilds_from_the_corpus_with_the_same_readings() -> None:
    cases = load()
    rebuilt = train_reader.train(cases)
    shipped = model()
    assert rebuilt.kinds == shipped.kinds and len(rebuilt.weights) == len(shipped.weights)
    assert [read(case, rebuilt) for case in cases] == [read(case, shipped) for case in cases]


def test_the_model_is_read_only_when_words_are() -> None:
    program = (
        "import socket\n"
        "def refused(*args, **kwargs): raise OSError('no network here')\n"
        "class Unplugged(socket.socket):\n"
        "    connect = connect_ex = sendto = refused\n"
        "socket.socket, socket.create_connection, socket.getaddrinfo = Unplugged, refused, refused\n"
        "from followup.cli import cli\n"
        "from followup.reading import learned\n"
        "assert learned.model.cache_info().currsize == 0, 'the model was loaded before any reading'\n"
        "from followup.reading.reader import Where, read_words\n"
        "from datetime import datetime\n"
        "said = datetime.fromisoformat('2026-03-04T10:00:00-06:00')\n"
        "words = 'We regret that you have not been successful.'\n"
        "found = read_words(words, said, Where('America/Chicago', 'US'))\n"
        "assert learned.model.cache_info().currsize == 1\n"
        "print([signal.kind for signal in found])\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['rejected']"


def test_a_mailbox_is_matched_to_applications_and_recorded_all_or_none(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'search.sqlite3'}"
    now = "2026-03-06T12:00:00-06:00"
    runner = CliRunner()

    def run(*args: str, at: str = now) -> Any:
        return runner.invoke(cli, [*args, "--db", db, "--now", at])

    assert run("employer", "add", "Acme Corp", "--country", "US", "--subdivision", "IL",
               "--website", "https://www.acme.example").exit_code == 0  # fmt: skip
    assert (
        run(
            "add", "--employer", "Acme Corp", "--role", "Analyst", "--interview", "2026-03-03T10:00:00-06:00"
        ).exit_code
        == 0
    )
    assert (
        run(
            "add",
            "--employer",
            "Globex",
            "--timezone",
            "Europe/Paris",
            "--interview",
            "2026-03-02T10:00:00+01:00",
        ).exit_code
        == 0
    )
    box = tmp_path / "inbox.mbox"
    acme = email_of("We'll decide by the 13th. Please don't call.")
    unknown = email_of("We are delighted to extend an offer!").replace(
        "dana@acme.example", "hr@initech.example"
    )
    box.write_text(
        f"From a Wed Mar  4 10:00:00 2026\n{acme}\nFrom b Wed Mar  4 10:00:00 2026\n{unknown}\n",
        encoding="utf-8",
    )

    early = run("import-mail", str(box), "--yes", at="2026-03-04T09:00:00-06:00")  # the mail is after now
    assert early.exit_code == 2 and "nothing recorded" in early.stderr
    shown = json.loads(run("show", "1", "--json").stdout)
    assert [item["kind"] for item in shown["timeline"]] == ["interview"]

    done = run("import-mail", str(box), "--yes", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)["messages"]
    assert [entry["application"] for entry in report] == [1, None]  # by the sender's domain
    shown = json.loads(run("show", "1", "--json").stdout)
    recorded = [(item["kind"], item.get("date"), item.get("said_by")) for item in shown["timeline"][1:]]
    assert recorded == [
        ("decision_by", "2026-03-13", "dana@acme.example"),
        ("no_contact", None, "dana@acme.example"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The freeze was announced on December 1. We will notify you if it lifts.", 2),
        ("Mr. J. Smith will call you at 9 a.m. tomorrow.", 1),
        ("See you on Mar. 3 with Dr. Patel.", 1),
        ("Step 1. Complete the form. Step 2. Send it back.", 4),
    ],
)
def test_a_sentence_ends_after_a_number_but_not_after_an_initial_or_an_abbreviation(
    text: str, expected: int
) -> None:
    assert len(signals_module.sentences(text)) == expected


def test_the_beginning_of_next_week_is_its_monday_and_tuesday() -> None:
    assert signals("I will send you dates at the beginning of next week.", LONDON)[0][:3] == (
        "decision_by",
        date(2026, 3, 9),
        date(2026, 3, 10),
    )


def test_days_counted_from_a_day_named_without_its_year_count_from_the_one_just_past() -> None:
    said = datetime.fromisoformat("2026-10-16T08:30:00-04:00")
    found = signals(
        "You will hear within ten business days of your interview date, October 14.", CHICAGO, said
    )
    assert found[0][:2] == ("decision_by", date(2026, 10, 28))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Results will be announced on 2026.03.12 (Thu).", date(2026, 3, 12)),
        ("Please return the signed letter by 2026/3/20.", date(2026, 3, 20)),
        ("You will hear from us within 10 calendar days.", date(2026, 3, 14)),
        ("The contract will come by Monday COB.", date(2026, 3, 9)),
        ("You'll hear from us by Thursday end of day.", date(2026, 3, 5)),
        ("Please wait for our call within the week.", date(2026, 3, 6)),
        ("Kindly confirm by replying before 16-Mar-2026 EOD.", date(2026, 3, 16)),
        ("Final decisions are planned for 18.03 and we will write to everyone.", date(2026, 3, 18)),
    ],
)
def test_a_date_in_the_forms_countries_and_registers_write_it(text: str, day: date) -> None:
    assert signals(text, LONDON)[0][1] == day


def test_a_number_with_a_dot_is_no_date() -> None:
    assert dates_in("The rate is 15.05 per shift, paid weekly.", LONDON) == []


def test_every_match_of_a_pattern_in_the_corpus_holds_one_of_the_words_it_is_searched_for() -> None:
    """A sentence is searched for a pattern only when it holds one of the pattern's words
    (patterns.KEYWORDS): a match without one would never be found."""
    names = {id(value): name for name, value in vars(patterns_module).items()}
    unfound = []
    for case in load():
        text, _ = words_of(case)
        for _start, sentence in signals_module.sentences(text):
            lower = sentence.lower()
            for pattern in patterns_module.KEYWORDS:
                match = pattern.search(sentence)
                if match and not patterns_module.ANY_KEYWORD[id(pattern)].search(lower):
                    unfound.append((names[id(pattern)], match.group(0)))
    assert unfound == []


def test_a_hold_said_not_to_be_one_is_none() -> None:
    assert "on_hold" not in kinds("We are not pausing the search; we'll decide by Friday.", LONDON)


def test_an_acknowledgement_warm_words_are_no_news_but_its_invitation_is() -> None:
    assert kinds("Thank you for your application! You're now one step closer to joining the team.") == []
    assert kinds("Thank you for your application. We'd like to invite you to a video interview.") == [
        "in_running"
    ]


def test_human_resources_are_no_hours() -> None:
    assert signals("An HR colleague will contact you with the next steps.", LONDON)[0][:3] == (
        "wait_for_us",
        None,
        None,
    )
    assert signals("We will decide within 48 HRS.", LONDON)[0][1] == date(2026, 3, 6)


@pytest.mark.parametrize(
    "text",
    [
        "We will look over your CV and contact you if your experience fits.",
        "If your background matches, a recruitment partner will reach out to you.",
        "Because of the volume of applications, it may take us a while to get back to you.",
        "We will assess your application and provide you with an update as soon as we can.",
        "If shortlisted, please expect to hear from us in due course.",
    ],
)
def test_a_promise_to_everyone_to_be_in_touch_is_waiting_for_them(text: str) -> None:
    assert kinds(text, LONDON) == ["wait_for_us"]
