"""What an IMAP server answers to FETCH, parsed (RFC 3501, section 9): each message's items as a
dict, and its BODYSTRUCTURE as the parts worth fetching. imaplib hands a response over as text
with its literals ({n} and the n bytes after it) apart; they are put back in their place here."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

Item = Any  # bytes, None (NIL) or a list of items

TOKEN = re.compile(
    rb"""\s*(?:(?P<open>\()|(?P<close>\))|"(?P<quoted>(?:[^"\\]|\\.)*)"|\{(?P<literal>\d+)\}\s*$"""
    rb"""|(?P<atom>[^\s()"\[\]{]+(?:\[[^\]]*\](?:<\d+>)?)?|\[[^\]]*\]))"""
)


class WireError(ValueError):
    """An answer of the server that is not IMAP as this parser knows it."""


def responses(data: list[Any]) -> list[list[Item]]:
    """Each response of a FETCH, as the list of its items: [sequence number, [name, value, ...]]."""
    parsed, pieces = [], []
    for piece in data:
        if piece is None:
            continue
        if isinstance(piece, tuple):
            pieces += [piece[0], _Literal(piece[1])]
            continue
        pieces.append(piece)
        parsed.append(_items(pieces))
        pieces = []
    if pieces:
        parsed.append(_items(pieces))
    return parsed


def fetched(data: list[Any]) -> dict[int, dict[str, Item]]:
    """The FETCH responses by UID: each one's items by name (upper case, BODY[1]<0> as BODY[1])."""
    found: dict[int, dict[str, Item]] = {}
    for response in responses(data):
        if len(response) < 2 or not isinstance(response[1], list):
            continue
        values = response[1]
        items = {
            _name(values[index]): values[index + 1]
            for index in range(0, len(values) - 1, 2)
            if isinstance(values[index], bytes)
        }
        uid = items.get("UID")
        if isinstance(uid, bytes) and uid.isdigit():
            found[int(uid)] = items
    return found


class _Literal(bytes):
    """A literal's bytes, told apart from the text around it."""


def _items(pieces: list[bytes]) -> list[Item]:
    stack: list[list[Item]] = [[]]
    for piece in pieces:
        if isinstance(piece, _Literal):
            stack[-1].append(bytes(piece))
            continue
        position = 0
        while position < len(piece):
            found = TOKEN.match(piece, position)
            if found is None or found.end() == position:
                if not piece[position:].strip():
                    break
                raise WireError(f"unexpected {piece[position : position + 40]!r}")
            position = found.end()
            if found["open"]:
                stack.append([])
            elif found["close"]:
                if len(stack) == 1:
                    raise WireError("a ')' with no '('")
                done = stack.pop()
                stack[-1].append(done)
            elif found["quoted"] is not None:
                stack[-1].append(re.sub(rb"\\(.)", rb"\1", found["quoted"]))
            elif found["literal"] is not None:
                continue  # its bytes are the next piece
            elif found["atom"] is not None:
                atom = found["atom"]
                stack[-1].append(None if atom.upper() == b"NIL" else atom)
    while len(stack) > 1:  # a response cut short: what it gave
        done = stack.pop()
        stack[-1].append(done)
    return stack[0]


def _name(atom: bytes) -> str:
    name = atom.decode("ascii", "replace").upper()
    return re.sub(r"<\d+>$", "", name)


@dataclass(frozen=True)
class Part:
    """A part of a message worth fetching: its section number (BODY[1.2]), type, charset,
    transfer encoding and size."""

    section: str
    kind: str  # text/plain, text/html, text/calendar
    charset: str | None
    encoding: str
    size: int
    attachment: bool


WANTED = ("text/plain", "text/html", "text/calendar", "application/ics")


DEEPEST = 50  # parts in parts: a structure deeper than this is read down to here


def parts(structure: Item, section: str = "", depth: int = 0) -> list[Part]:
    """The text and calendar parts of a BODYSTRUCTURE, in order (what a message holds inside a
    forwarded message is not its own)."""
    if not isinstance(structure, list) or not structure or depth > DEEPEST:
        return []
    if isinstance(structure[0], list):  # multipart: its parts, then its subtype
        children = []
        for item in structure:
            if not isinstance(item, list):
                break
            children.append(item)
        found: list[Part] = []
        for number, child in enumerate(children, 1):
            found += parts(child, f"{section}.{number}" if section else str(number), depth + 1)
        return found
    kind = f"{_text(structure[0]) or ''}/{_text(structure[1] if len(structure) > 1 else None) or ''}".lower()
    if kind not in WANTED:
        return []
    params = structure[2] if len(structure) > 2 and isinstance(structure[2], list) else []
    charset = next(
        (
            _text(params[index + 1])
            for index in range(0, len(params) - 1, 2)
            if (_text(params[index]) or "").lower() == "charset"
        ),
        None,
    )
    encoding = (_text(structure[5]) if len(structure) > 5 else None) or "7bit"
    size_text = _text(structure[6]) if len(structure) > 6 else None
    size = int(size_text) if size_text and size_text.isdigit() else 0
    extension = 9 if kind.startswith("text/") else 8  # text parts carry their lines first
    disposition = structure[extension] if len(structure) > extension else None
    attachment = isinstance(disposition, list) and (_text(disposition[0]) or "").lower() == "attachment"
    return [Part(section or "1", kind, charset, encoding.lower(), size, attachment)]


def _text(item: Item) -> str | None:
    return item.decode("utf-8", "replace") if isinstance(item, bytes) else None


def folder_name(name: str) -> str:
    """A folder's name as IMAP writes it (RFC 3501, 5.1.3: modified UTF-7), quoted: "Candidatures
    envoyées" is "Candidatures envoy&AOk-es"."""
    written: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            written.append("&" + base64.b64encode(raw).decode("ascii").rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if " " <= char <= "~":
            flush()
            written.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    text = "".join(written)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def folder_of(written: str) -> str:
    """A folder's name as IMAP wrote it (modified UTF-7), as people read it."""

    def undo(found: re.Match[str]) -> str:
        inner = found.group(1)
        if not inner:
            return "&"
        padded = inner.replace(",", "/") + "=" * (-len(inner) % 4)
        try:
            return base64.b64decode(padded).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return found.group()

    return re.sub(r"&([A-Za-z0-9+,]*)-", undo, written)
