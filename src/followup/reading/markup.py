"""An email's HTML as the text a reader sees: blocks on their own lines; no scripts, styles,
hidden preheaders or quoted messages.

The markup is read in one pass, left to right, each character looked at a bounded number of
times: a tag, a comment or a script is found with one search forward, and what is never closed
(a comment, a tag, a quoted attribute) runs to the end, as a browser reads it. What is open is
counted by name, so that closing an element and asking whether a text is hidden cost the same
however deep the markup nests."""

from __future__ import annotations

import html
import re

BLOCKS = frozenset("p div br li tr h1 h2 h3 h4 h5 h6 table ul ol blockquote hr".split())
HIDDEN = frozenset({"script", "style", "head", "title"})
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
RAW = frozenset({"script", "style"})  # their text is not markup, up to their end tag
QUOTES = frozenset({"gmail_quote", "quote", "preheader"})  # the classes of what is not read

# What the markup holds from a place on: (1) text, with any '<' that opens nothing; then (2) a
# comment, (3) a doctype or other markup not read, (4) an end tag, (5) a start tag and (6) its
# attributes, up to the first '>' not in quotes, or (7) a '<' that nothing closes: a comment, a
# tag or a quoted attribute that runs to the end, as a browser reads it; or the end.
TOKEN = re.compile(
    r"""((?:[^<]++|<(?![a-zA-Z/!?]))*+)"""
    r"""(?:(<!--.*?-->)"""
    r"""|(<(?!!--)[!?][^>]*+>|</(?![a-zA-Z])[^>]*+>)"""
    r"""|</([a-zA-Z][^\s/>]*+)[^>]*+>"""
    r"""|<([a-zA-Z][^\s/>]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>"""
    r"""|(<)|\Z)""",
    re.DOTALL,
)
TEXT, COMMENT, OTHER, END, START, ATTRIBUTES, UNCLOSED = range(1, 8)  # TOKEN's groups
NOTHING_CLOSES = re.compile(r"<(?:[a-zA-Z!?]|/[a-zA-Z])")  # after the last '>'
ATTRIBUTE = re.compile(r"""([^\s"'>/=]++)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s"'>]*+))?""")
RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in RAW}
# A numbered character beyond Unicode (&#99999999;) is U+FFFD, as html.unescape makes it; its
# digits are cut first, for int() refuses a number of thousands of digits.
LONG_NUMBER = re.compile(r"&#(\d{8,})")
BEYOND_UNICODE = "1114112"  # 0x110000


def html_text(markup: str) -> str:
    """The text of the HTML, as a reader sees it."""
    parts: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # each open element, and whether it hides its text
    open_names: dict[str, int] = {}  # how many of each name are open
    hiding = 0  # how many of the open elements hide their text
    at, size, last_close = 0, len(markup), markup.rfind(">")
    while at < size:
        if at > last_close:  # nothing closes any more: text, up to a tag that holds the rest
            parts.append("" if hiding else _unclosed_text(markup, at))
            break
        found = TOKEN.match(markup, at)
        assert found is not None  # text, markup, or the end
        text, at, kind = found[TEXT], found.end(), found.lastindex
        if text and not hiding:
            parts.append(_unescape(text) if "&" in text else text)
        if kind == UNCLOSED:
            if found.start(UNCLOSED) > last_close and not hiding:
                parts.append(_unclosed_text(markup, found.start(UNCLOSED)))
            break
        if kind == ATTRIBUTES:  # a start tag
            name, attributes = found[START].lower(), found[ATTRIBUTES]
            if name in BLOCKS:
                parts.append("\n")
            if name not in VOID:
                hides = name in HIDDEN or name == "blockquote" or ("=" in attributes and _hides(attributes))
                open_elements.append((name, hides))
                open_names[name] = open_names.get(name, 0) + 1
                hiding += hides
            if not attributes.endswith("/"):
                if name in RAW:  # a script's text is not markup
                    closing = RAW_END[name].search(markup, at)
                    if closing is None:
                        break
                    at = closing.start()
                continue
            kind = END  # <div/>: closed at once
        elif kind == END:
            name = found[END].lower()
        else:
            continue  # the end, a comment, a doctype
        if name in BLOCKS:
            parts.append("\n")
        if open_names.get(name):  # close it, and what was left open inside
            while True:
                closed, hid = open_elements.pop()
                open_names[closed] -= 1
                hiding -= hid
                if closed == name:
                    break
    text = "".join(parts).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unclosed_text(markup: str, at: int) -> str:
    """After the last '>', where nothing closes: the text up to a tag that holds the rest."""
    cut = NOTHING_CLOSES.search(markup, at)
    return _unescape(markup[at : cut.start() if cut else len(markup)])


def _hides(attributes: str) -> bool:
    """Whether an element's attributes hide it: display:none, or a class of quoted text."""
    style: list[str] = []
    classes: list[str] = []
    for found in ATTRIBUTE.finditer(attributes):
        name = found[1].lower()
        if name in ("style", "class"):
            value = found[2] or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            (style if name == "style" else classes).append(_unescape(value))
    shown = " ".join(style).replace(" ", "").lower()
    return "display:none" in shown or any(name in QUOTES for name in " ".join(classes).split())


def _unescape(text: str) -> str:
    """The text with its character references (&amp;, &#8217;, &rsquo;) made characters."""
    if "&" not in text:
        return text
    return html.unescape(LONG_NUMBER.sub(_beyond_unicode, text))


def _beyond_unicode(found: re.Match[str]) -> str:
    digits = found[1].lstrip("0") or "0"
    return "&#" + (digits if len(digits) < 8 else BEYOND_UNICODE)
