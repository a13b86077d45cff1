"""What an IMAP server answers to FETCH, as followup reads it: literals put back in their place,
quoted strings, NIL, nested BODYSTRUCTUREs, and only the text and calendar parts worth fetching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.mail.imap import decoded
from followup.mail.imap_wire import Part, WireError, fetched, parts, responses

ALTERNATIVE = (
    b'(("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 120 4 NIL NIL NIL NIL)'
    b'("TEXT" "HTML" ("CHARSET" "utf-8") NIL NIL "BASE64" 300 5 NIL NIL NIL NIL)'
    b' "ALTERNATIVE" NIL NIL NIL NIL)'
)
MIXED = (
    b"("
    + ALTERNATIVE
    + b'("TEXT" "CALENDAR" ("CHARSET" "utf-8" "METHOD" "REQUEST") NIL NIL "BASE64" 900 12 NIL '
    b'("attachment" ("filename" "invite.ics")) NIL NIL)'
    b'("APPLICATION" "PDF" ("NAME" "cv.pdf") NIL NIL "BASE64" 31457280 NIL '
    b'("attachment" ("filename" "cv.pdf")) NIL NIL)'
    b'("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 500 (NIL "Forwarded" NIL NIL NIL NIL NIL NIL NIL NIL) '
    b'("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1 NIL NIL NIL NIL) 20 NIL NIL NIL NIL)'
    b' "MIXED" ("BOUNDARY" "b") NIL NIL NIL)'
)


def test_a_response_with_literals_is_read_whole() -> None:
    data = [
        (
            b"1 (UID 7 RFC822.SIZE 4000 BODY[HEADER.FIELDS (FROM SUBJECT)] {30}",
            b"From: a@b.com\r\nSubject: hi\r\n\r\n",
        ),
        (b" BODY[1]<0> {5}", b"hello"),
        b")",
        b"2 (UID 8 RFC822.SIZE 10)",
    ]
    found = fetched(data)
    assert set(found) == {7, 8}
    assert found[7]["BODY[HEADER.FIELDS (FROM SUBJECT)]"] == b"From: a@b.com\r\nSubject: hi\r\n\r\n"
    assert found[7]["BODY[1]"] == b"hello"  # a partial fetch's <0> is not part of its name
    assert found[8]["RFC822.SIZE"] == b"10"


def test_quoted_strings_nil_and_a_literal_inside_a_bodystructure() -> None:
    data = [
        (b'3 (UID 9 BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "utf-8" "NAME" {11}', b'notes "1".t'),
        b') NIL NIL "7BIT" 10 1 NIL NIL NIL NIL))',
    ]
    structure = fetched(data)[9]["BODYSTRUCTURE"]
    assert structure[2] == [b"CHARSET", b"utf-8", b"NAME", b'notes "1".t']
    assert structure[3] is None
    assert parts(structure) == [Part("1", "text/plain", "utf-8", "7bit", 10, False)]


def test_only_the_text_and_calendar_parts_are_worth_fetching() -> None:
    [[_, items]] = responses([b"1 (UID 1 BODYSTRUCTURE " + MIXED + b")"])
    found = parts(items[3])
    assert [(part.section, part.kind, part.attachment) for part in found] == [
        ("1.1", "text/plain", False),
        ("1.2", "text/html", False),
        ("2", "text/calendar", True),
    ]  # the PDF and the forwarded message are passed over


def test_a_single_part_message_is_section_one() -> None:
    [[_, items]] = responses(
        [b'1 (UID 1 BODYSTRUCTURE ("TEXT" "HTML" NIL NIL NIL "BASE64" 10 1 NIL NIL NIL NIL))']
    )
    assert [part.section for part in parts(items[3])] == ["1"]


def test_an_unbalanced_answer_is_a_wire_error() -> None:
    with pytest.raises(WireError):
        responses([b"1 (UID 1))"])


@given(st.binary(max_size=300))
def test_no_answer_crashes_the_reader(data: bytes) -> None:
    try:
        for response in responses([data]):
            for item in response:
                parts(item)
    except WireError:
        pass


def test_transfer_encodings_are_undone_even_when_cut_short() -> None:
    base64_part = Part("1", "text/plain", "utf-8", "base64", 0, False)
    assert decoded(b"SGVsbG8g\r\nd29ybGQ=", base64_part) == b"Hello world"
    assert decoded(b"SGVsbG8gd29y", base64_part) == b"Hello wor"
    assert decoded(b"SGVsbG8gd2", base64_part) == b"Hello "  # cut inside a group of four
    quoted = Part("1", "text/plain", "utf-8", "quoted-printable", 0, False)
    assert decoded(b"caf=C3=A9 =\r\nnow", quoted) == "café now".encode()


def test_folder_names_in_any_language_are_written_as_imap_writes_them() -> None:
    from followup.mail.imap_wire import folder_name, folder_of

    assert folder_name("INBOX") == '"INBOX"'
    assert folder_name("Candidatures envoyées") == '"Candidatures envoy&AOk-es"'
    assert folder_name("R&D") == '"R&-D"'
    assert folder_name('say "hi"') == '"say \\"hi\\""'
    for name in ("日本語の応募", "Bewerbungen/Gesendet", "R&D", "Ünïcödé & more"):
        assert folder_of(folder_name(name)[1:-1].replace('\\"', '"')) == name
