"""The words of each signal, as regular expressions (case-insensitive). One list per kind; a
sentence means the kind when one of its patterns matches (signals.py says how they combine).
Lines here are long on purpose: a pattern reads best whole."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

WE = r"(?:we|they|he|she|the (?:team|company|client|recruiter|hiring manager|panel|committee)|[A-Z][a-z]+)"
WILL = r"(?:'ll|’ll| will| would|'d|’d| should| shall| are going to| is going to| plan to| hope to| aim to| expect to| intend to| want to| promised to)"
NOT = r"(?:do not|don't|don’t|dont|never|not to|please don't|please do not|shouldn't|should not)"
CALL = r"(?:call(?:ing|s)?|phon(?:e|ing)|ring(?:ing)?|give (?:me|us|her|him|them) a (?:call|ring|buzz|bell|tinkle))"
EMAIL = r"(?:e-?mail(?:ing|s)?|mail(?=\s+(?:me|us|him|her|them)\b)|writ(?:e|ing)|drop (?:me|us|her|him) (?:a line|an e-?mail|a note)|send (?:me|us) (?:a note|an e-?mail|a message))"
# A visit to a website, a careers page or a portal is no visit to them.
ONLINE = r"(?!\s+(?:\w+\s+){0,3}?(?:site|web\s*site|web\s*page|page|portal|careers?|jobs?|link|url|profile|dashboard|blog|linkedin|https?:|www\.|faqs?))"
# Going or coming to where they work: "don't come down to the depot", "go to the store to ask".
TO_THE_PLACE = (
    r"(?:com(?:e|ing)|go(?:ing)?|head(?:ing)?|turn(?:ing)?\s+up)\s+(?:down\s+|over\s+|round\s+|back\s+|in\s+)?(?:to|at)\s+(?:the|our|their)\s+"
    r"(?:store|shop|office|offices|boutique|branch|depot|site|restaurant|bar|cafe|café|clinic|ward|school|warehouse|factory|plant"
    r"|premises|reception|front\s+desk|salon|hotel|kitchen|yard|mall|outlet|building|campus)\b"
)
VISIT = rf"(?:visit(?:ing|s)?{ONLINE}|pop(?:ping)? (?:in|by|into)|stop(?:ping)? (?:by|in)|drop(?:ping)? (?:by|in)|com(?:e|ing) (?:by|in)(?! touch)|walk(?:ing)?[- ]ins?|show(?:ing)? up|{TO_THE_PLACE})"
REACH = r"(?:contact(?:ing)?|reach(?:ing)? out|get(?:ting)? in touch|follow(?:ing)?[- ]up|check(?:ing)? in(?!\s+on\s+(?:\w+\s+){0,2}?(?:status|progress)|\s+(?:\w+\s+){0,3}?(?:portal|account|dashboard|online))|touch(?:ing)? base|chas(?:e|ing)|nudg(?:e|ing))"
ANY_WAY = rf"(?:{CALL}|{EMAIL}|{VISIT}|{REACH})"
THEM = r"(?:me|us|her|him|them)"


def any_of(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """Any of the words, as one expression shaped as a tree of their letters ("a(?:go|nother)"):
    a search then tries each place once, not once for each word, even in a megabyte of "aaaa"."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return re.compile(_branches(tree), flags)


def _branches(node: dict[str, Any]) -> str:
    ways = [re.escape(letter) + _branches(rest) for letter, rest in sorted(node.items()) if letter]
    if "" in node:
        return f"(?:{'|'.join(ways)})?" if ways else ""
    return ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


# After "don't": not a ban when the channel is a thing ("do not print this email") or what they do
# themselves ("she never picks up calls", "you don't need to call").
NOT_A_WAY_TO_THEM = (
    rf"(?!(?:\w+\s+){{0,2}}?(?:this|these|those|the|our|my|his|her|any)\s+{ANY_WAY})"
    r"(?!(?:\w+\s+)?(?:take|takes|pick|picks|answer|answers|read|reads|check|checks|hear|hears|need|needs|mind|want|worry|"
    r"wants|print|share|forward|get|gets|receive|receives|really|always)\b)"
)
NO_CONTACT = _any(
    rf"\b{NOT}\s+{NOT_A_WAY_TO_THEM}(?:\w+\s+){{0,2}}?{ANY_WAY}(?!\s+(?:it|this|that|yourself)\b)(?:\s*(?:,|or|and|/)\s*(?:to\s+)?{ANY_WAY})*",  # please don't call; asked me not to email
    rf"\b(?:please\s+)?refrain\s+from\s+{ANY_WAY}(?:\s*(?:,|or|and|/)\s*{ANY_WAY})*",
    r"\bno\s+(?:phone\s+)?(?:calls|emails|e-mails|visits|drop-ins|walk-ins|unsolicited|phoning|calling|emailing|visiting|chasing|follow-?ups)\b(?:\s*(?:,|or|and|/)\s*(?:phone\s+)?(?:calls|emails|e-mails|visits))*",
    r"\b(?:unable\s+to|not\s+able\s+to|can'?t|can’t|cannot|won'?t\s+be\s+able\s+to|aren'?t\s+able\s+to|are\s+not\s+able\s+to|isn'?t\s+able\s+to)\s+(?:give|provide|offer|share|send)\s+(?:\w+\s+){0,2}?(?:status\s+|individual\s+|personal\s+)?(?:updates|feedback on (?:the )?status)",
    r"\bno\s+(?:status\s+)?updates\s+(?:will|can)\s+be\s+(?:given|provided)",
    r"\bnot\s+to\s+be\s+(?:contacted|called|emailed)",
    rf"\b(?:ask|asked|asks|request|requested)\s+that\s+(?:nobody|no\s+one|no-one|none\s+of\s+(?:you|the\s+candidates))\s+{ANY_WAY}",
    rf"\b(?:would|'d|’d)\s+(?:much\s+)?rather\s+(?:i|you|we|people|candidates|applicants)\s+(?:didn'?t|didn’t|did\s+not|don'?t|not)\s+{ANY_WAY}",
    r"\b(?:can\s+not|can'?t|can’t|cannot|unable\s+to|not\s+able\s+to)\s+(?:give|provide|share|offer)\s+(?:any\s+)?(?:telephonic|phone|telephone)\s+(?:information|updates|feedback|enquiries)\b",
    rf"\bask\s+(?:that\s+)?(?:you\s+|candidates\s+|applicants\s+)?(?:do\s+)?not\s+(?:to\s+)?{ANY_WAY}(?:\s*(?:,|or|and|/)\s*(?:to\s+)?{ANY_WAY})*",
    rf"\b(?:you|candidates|applicants)\s+(?:do\s+)?not\s+{ANY_WAY}\s+(?:our|the|any)\s+(?:staff|team|office|hiring|interviewers|panel)",
    r"\b(?:unable\s+to|not\s+able\s+to|aren'?t\s+able\s+to|are\s+not\s+able\s+to|can'?t|cannot|won'?t|will\s+not|do\s+not|don'?t)\s+(?:be\s+able\s+to\s+)?(?:accept|take|return|respond\s+to|reply\s+to|answer|deal\s+with)\s+(?:any\s+|individual\s+)?(?:phone\s+|telephone\s+)?(?:calls|emails|e-mails|inquiries|enquiries|queries|requests)(?:\s+(?:for|about|regarding|on|concerning)\s+(?:\w+\s+){0,3}?(?:status|updates|progress))?",
    rf"\b(?:asked|told)\s+(?:me|us|you)\s+to\s+stop\s+{ANY_WAY}|\bplease\s+stop\s+{ANY_WAY}",
    rf"\b(?:does\s+not|doesn'?t|do\s+not|don'?t)\s+want\s+(?:you|candidates|applicants|people|anyone)\s+(?:to\s+)?{ANY_WAY}",
    r"\b(?:unable|not\s+able|not\s+permitted|not\s+allowed)\s+to\s+discuss\b(?:\s+\S+){0,8}?\s+(?:by|over|via)\s+(?:phone|telephone|e-?mail)(?:\s+or\s+(?:phone|telephone|e-?mail))?",
)
PERMISSION = _any(
    r"\b(?:do not|don't|don’t|dont|never|please don't)\s+hesitate",
    r"\bfeel free\b",
    r"\bnot\s+(?:to\s+)?be\s+shy\b",
)
OK_TO_FOLLOW_UP = _any(
    rf"\b(?:do not|don't|don’t|dont|never|please don't)\s+hesitate\s+to\s+(?:\w+\s+){{0,2}}?{ANY_WAY}",
    rf"\bfeel\s+free\s+to\s+(?:\w+\s+){{0,2}}?{ANY_WAY}",
    rf"\b(?:you(?:'re| are)|you’re|i'?m|i am)\s+(?:more\s+than\s+|always\s+|very\s+)?welcome\s+to\s+(?:\w+\s+){{0,2}}?{ANY_WAY}",
    rf"\b(?:you|i)\s+(?:can|may|could|should)\s+(?:always\s+|certainly\s+|definitely\s+|also\s+)?{ANY_WAY}\b",
    rf"\b{ANY_WAY}\s+{THEM}\s+(?:any ?time|whenever|at any point)",
    r"\b(?:happy|glad)\s+to\s+hear\s+from\s+you\b",
    r"\b(?:my|our|her|his)\s+door\s+is\s+(?:always\s+)?open\b",
    r"\bwelcome\s+(?:a|your|any)\s+(?:follow-up|check-in|call|email)\b",
    rf"\b(?:is|are|'s)\s+(?:fine|okay|ok|welcome|encouraged)\s+to\s+{ANY_WAY}",
    r"\b(?:e-?mail|a call|calling|phoning|a phone call|checking in|following up)(?:'s|’s|\s+is|\s+are)\s+(?:fine|ok|okay|welcome|encouraged|grand|good|great|perfect)\b",
    rf"\bnot\s+(?:to\s+)?be\s+shy\s+about\s+{ANY_WAY}",
    rf"\b(?:encourage|invite)d?\s+(?:you|me)\s+to\s+{ANY_WAY}",
)
# Asked, in so many words, to get in touch: "give me a shout", "ring me if anything comes up",
# "you can reach me at ...", "we remain at your disposal" (not "he'll call me": signals.py looks).
ASKED_TO_GET_IN_TOUCH = _any(
    rf"\bgive\s+{THEM}\s+a\s+(?:call|ring|buzz|bell|shout|text|tinkle|holler|nudge|ping)\b",
    rf"\bhit\s+{THEM}\s+up\b|\bshoot\s+{THEM}\s+(?:an?\s+)?(?:e-?mail|text|message|note|line|dm)\b|\bnudge\s+{THEM}\b|\bswing\s+by\b",
    rf"\b(?:call|ring|phone|text|ping|e-?mail|message|msg|dm|whatsapp|kakao|write\s+to|drop\s+(?:by|in\s+on)|come\s+(?:by|and\s+see))\s+{THEM}\b(?!\s+(?:know|up\s+on|out|a\s+(?:copy|list)))",
    r"\b(?:just\s+)?(?:shout|yell|holler)\s+(?:if|when|whenever|any\s*time)\b",
    r"\b(?:can|may)\s+(?:always\s+|also\s+)?(?:be\s+reached|reach\s+(?:me|us|her|him|them))\s+(?:\w+\s+){0,2}?(?:at|on|by|via|under|through)\b",
    r"\bremain\s+(?:\w+\s+)?(?:at\s+your\s+(?:\w+\s+)?disposal|available\s+(?:for|to|should|if))",
    r"\b(?:direct|send|address)\s+(?:all\s+|any\s+)?(?:enquiries|inquiries|questions)\s+to\b",
    r"\bplease\s+(?:contact|call|e-?mail|ring|phone|write\s+to|get\s+in\s+touch\s+with|reach\s+out\s+to)\b",
    r"(?<!\bour\s)(?<!\bthe\s)(?<!\ba\s)(?<!\bmy\s)(?<!\bfor\s)(?<!\byour\s)\b(?:call|email|e-mail|text|message)\s+or\s+(?:call|email|e-mail|text|message)\b",
)
# Asked to answer by a day they name: with that day, a call_back ("kindly revert with your
# acceptance by 13/02", "please confirm by Friday").
REPLY_BY = re.compile(
    r"\b(?:kindly|please|pls|plz)\s+(?:\w+\s+)?(?:revert|reply|respond|confirm|sign|return|accept|send|select|choose|book|indicate|tell\s+(?:me|us)"
    r"|get\s+back\s+to\s+(?:me|us)|come\s+(?:to|in|by|over)|visit|pop\s+in)\b"
    r"|\b(?:lmk|let\s+(?:me|us)\s+know|tell\s+(?:me|us))\b|^\W*(?:do\s+)?(?:return|send|sign|accept|confirm|select|choose|book|indicate)\b"
    r"|\b(?:could|can|would|will)\s+you\s+(?:please\s+|kindly\s+)?(?:send|confirm|let|reply|return|sign|select|choose|book|indicate|accept)\b"
    r"|\b(?:need|require|await)\s+your\s+(?:answer|reply|response|decision|confirmation|acceptance)\b"
    r"|\baccept\s+or\s+decline\b|\bindicate\s+whether\b|\bconfirm\s+your\s+(?:attendance|availability|acceptance|place|slot)\b",
    re.IGNORECASE,
)
CALL_BACK = _any(  # an invitation to get back to them; with a time they name, a call_back
    rf"\b(?:give\s+{THEM}\s+a\s+(?:call|ring|buzz)|(?:call|phone|ring|text)\s+{THEM}(?!\s+know)|try\s+{THEM}\s+(?:again|back)|(?:send|shoot|flick|drop)\s+{THEM}\s+(?:an?\s+|a\s+quick\s+)?(?:e-?mail|note|message|line|text)|call\s+back|(?:e-?mail|ping|write\s+to|message)\s+{THEM}|drop\s+{THEM}\s+(?:a line|an e-?mail|a note)|(?:check\s+in|touch\s+base|follow\s+up|check\s+back|reach\s+(?:back\s+)?out)\s+(?:with|back\s+with|to)\s+{THEM}|(?:(?:you|i)\s+(?:can|could|may|should)|please|feel\s+free\s+to|free\s+to|welcome\s+to|just|(?:said|says|told\s+me|asked\s+me)(?:\s+to)?)\s+(?:\w+\s+)?(?:check\s+in|touch\s+base|follow\s+up|check\s+back|reach\s+(?:back\s+)?out)|get\s+back\s+(?:in\s+touch\s+)?(?:to|with)\s+{THEM}|(?:stop|drop|come)\s+by)\b",
)
ABOUT_THEM = re.compile(
    rf"\b{WE}{WILL}\s*(?:\w+\s+){{0,2}}$|\b(?:we|they|i)\s*(?:will|'ll|’ll|would|'d|’d)\s+(?:\w+\s+){{0,2}}$",
    re.IGNORECASE,
)
WAIT_FOR_US = _any(
    rf"\b{WE}{WILL}\s+(?:\w+\s+){{0,2}}?(?:be|get)\s+(?:back\s+)?in\s+(?:touch|contact)",
    rf"\b{WE}{WILL}\s+(?:\w+\s+){{0,2}}?(?:get\s+back\s+to|reach\s+(?:back\s+)?out\s+(?:to|again)|contact|call|e-?mail|follow\s+up\s+with|update|notify|circle\s+back\s+(?:to|with)|come\s+back\s+to)\s+(?!you\s+(?:at|on)\s+(?:the|your|\d))(?:you|me|candidates|applicants|those|the\s+candidates|successful|shortlisted|everyone|all|the\s+finalists|finalists|people|the\s+people)",
    rf"\b(?:we|they|he|she|the (?:team|company|client|recruiter|hiring manager)|[A-Z][a-z]+){WILL}\s+(?:\w+\s+){{0,2}}?(?:reach\s+out|call|contact\s+me|(?:call|phone|ring|e-?mail)\s+(?:me|you)|be\s+in\s+contact|circle\s+back)\s*(?:[.,;!]|$|\s+(?:soon|shortly|once|when|if|with|as\s+soon))",
    r"\bi(?:'ll|’ll| will)\s+(?:\w+\s+){0,2}?(?:reach\s+out|be\s+in\s+touch|get\s+in\s+touch|call\s+you|email\s+you|let\s+you\s+know)\s*(?:,\s*)?(?:as\s+soon\s+as|once|when|if|the\s+moment)\b",
    r"\b(?:successful|shortlisted|selected)\s+(?:candidates|applicants)\s+will\s+be\s+(?:contacted|notified|invited|called)",
    r"\bonly\s+(?:those\s+)?(?:candidates|applicants)\b.{0,60}?\bwill\s+be\s+(?:contacted|notified|called|invited)",
    r"\b(?:candidates|applicants)\s+(?:\w+\s+){1,4}?will\s+be\s+(?:contacted|notified|called|invited)\b",
    r"\b(?:candidates|applicants|those|anyone)\s+(?:\w+\s+){1,4}?will\s+(?:not\s+be\s+(?:contacted|notified)|receive\s+no\s+(?:further\s+)?(?:communication|correspondence|response|contact|notification))",
    r"\b(?:team|recruiters?|someone|hr|member\s+of\s+(?:our|the)\s+(?:\w+\s+)?team|one\s+of\s+our\s+(?:\w+\s+)?(?:recruiters|team))\s+will\s+(?:\w+\s+){0,2}?(?:contact|reach\s+out(?:\s+to)?|call|email|get\s+in\s+touch\s+with)\s+(?:you|to)\b(?!\s+(?:at|on)\s+(?:the|your|\d))",
    r"\bi(?:'ll|’ll| will)\s+(?:\w+\s+){0,2}?(?:get\s+back\s+to|reach\s+out\s+to|contact|update|be\s+in\s+touch\s+with|circle\s+back\s+(?:to|with)|come\s+back\s+to|let)\s+you\b",
    rf"\b{WE}{WILL}\s+(?:\w+\s+){{0,2}}?let\s+(?:you|me|candidates|everyone|all\s+candidates)\s+know",
    r"\b(?:you|i)(?:'ll|’ll| will| would|'d| should)\s+(?:\w+\s+){0,2}?hear\s+(?:back\s+)?(?:from\s+(?:us|them|her|him))?",
    r"\bonly\s+(?:be\s+)?(?:contacting|reaching\s+out\s+to|calling|contact|reach\s+out\s+to)\s+(?:the\s+)?(?:candidates|applicants|those|people|shortlisted)",
    r"\b(?:will|would|shall)\s+(?:be\s+)?contact(?:ed)?\s+(?:you\s+)?(?:only\s+)?if\b",
    r"\b(?:will|'ll)\s+(?:only\s+)?(?:contact|reach\s+out\s+to)\s+(?:you|candidates|applicants)\s+(?:only\s+)?if\b",
    rf"\b{WE}{WILL}\s+(?:review|assess|look\s+(?:at|over|through)|consider|go\s+through)\b[^.;!?]{{0,60}}?\band\s+(?:will\s+|may\s+)?(?:contact|reach\s+out\s+to|get\s+back\s+to|be\s+in\s+touch\s+with|follow\s+up\s+with|notify)\s+you\b",
    rf"\b{WE}{WILL}\s+(?:[\w,&-]+\s+){{0,14}}?(?:provide|send|give)\s+(?:you\s+)?(?:with\s+)?an?\s+(?:\w+\s+)?update\b|\bexpect\s+to\s+hear\s+(?:back\s+)?from\s+(?:us|me|them|our)\b",
    r"\b(?:representative|recruiter|colleague|recruitment\s+partner|talent\s+partner|team\s+member)s?\s+(?:may|might|will|would|shall)\s+(?:\w+\s+)?(?:contact|reach\s+out\s+to|call|e-?mail|be\s+in\s+touch\s+with|get\s+in\s+touch\s+with)\s+you\b",
    r"\b(?:may|might|could|will|can)\s+take\s+(?:us\s+)?(?:some\s+|a\s+little\s+|a\s+bit\s+of\s+|a\s+)?(?:time|while|longer)\s+(?:\w+\s+){0,3}?to\s+(?:get\s+back|respond|reply|revert|come\s+back)\s+to\s+you\b",
    r"\bno\s+need\s+to\s+(?:follow\s+up|check\s+in|contact|call|email|chase|reach\s+out)",
    r"\b(?:sit|hang)\s+tight\b|\bwait\s+to\s+hear\b|\bawait\s+(?:our|their)\s+(?:call|email|decision|response)",
    r"\bin\s+touch\s+(?:soon|shortly|in\s+due\s+course)",
    rf"\b(?:not|n't|never)\s+(?:to\s+)?get\s+back\s+to\s+{THEM}.{{0,40}}\b(?:contact|call|reach|get\s+in\s+touch)",
    r"\b(?:keep|keeping)\s+you\s+(?:posted|updated|informed|in\s+the\s+loop)\b|\bleave\s+it\s+with\s+me\b",
    rf"\b(?:{WE}|i){WILL}\s+(?:\w+\s+){{0,2}}?(?:revert|ping\s+(?:you|me)|text\s+(?:you|me)|ring\s+(?:you|me)|give\s+(?:you|me)\s+a\s+(?:bell|call|ring|shout|buzz)|drop\s+(?:you|me)\s+(?:a|an)\s+(?:line|message|note|email|text)|update\s+(?:you|me)|be\s+back\s+(?:to|in\s+touch\s+with)\s+(?:you|me))\b",
    r"\b(?:await|wait\s+for)\s+(?:our|their|my|his|her)\s+(?:feedback|response|reply|decision|call|email|update|news)\b",
)
# What they send: with a date, a promise of it ("she'll send the contract Tuesday", "the offer
# letter will be released by EOD tomorrow").
THINGS = r"(?:offer|contract|letter|paperwork|agreement|times|time\s+slots|slots|dates|invite|invitation|link|details|documents|material|numbers|appointments|options|confirmation|schedule)"
SENDING = _any(
    rf"(?:'ll|’ll|\bwill|\bshall|\bgoing\s+to|\bgonna|'s|’s|\bis|\bare|'re|’re)(?<!\byou'll)(?<!\byou\swill)(?<!\byou\sshall)(?<!\byou're)(?<!\byou\sare)\s+(?:\w+\s+){{0,2}}?(?:send|sending|share|sharing|release|releasing|issue|issuing|mail|mailing|courier|post|posting|forward|email|e-mail|propose|proposing|put)\s+(?:(?:you|me|it|them|over|out|through|across)\s+)?(?:\w+\s+){{0,3}}?{THINGS}",
    rf"\b{THINGS}\s+(?:\w+\s+){{0,2}}?(?:will|should|'ll|’ll|is\s+going\s+to|are\s+going\s+to)\s+(?:\w+\s+)?(?:be\s+)?(?:sent|shared|released|issued|mailed|posted|emailed|out|through|follow|come|arrive|ready)\b",
    rf"\b{THINGS}\s+(?:\w+\s+){{0,2}}?to\s+follow\b",
)
DECIDING = _any(  # news on its way; with a date, a decision_by
    r"\b(?:decid(?:e|es|ing)|decision|decisions|hear\s+(?:back|from|something|anything)|get\s+back\s+to|(?:will|'ll|’ll|would|'d|’d|(?:hope|aim|expect|plan|intend|able)\s+to)\s+(?:\w+\s+){0,2}?let\s+(?:\w+\s+){0,2}?know|(?<!\bto\s)let\s+(?:you|candidates|everyone|all)\s+(?:\w+\s+)?know|be\s+in\s+(?:touch|contact)|reach\s+out|contact\s+(?:you|me|candidates|everyone)|update|notif(?:y|ied|ies|ication)|finali[sz](?:e|ed|es|ing)|conclud(?:e|ed|es|ing)|sign(?:s)?\s+off|wrap\s+(?:\w+\s+)?up|finish(?:ed)?\s+(?:interviewing|interviews|the\s+process)|done\s+(?:interviewing|with\s+interviews)|make\s+(?:a|our|their|the|his|her|its)\s+(?:final\s+)?(?:choice|selection|decision|call)|make\s+up\s+(?:their|our|his|her)\s+minds?|timeline|respond|response|answer|feedback|news|outcomes?|results?|word|come\s+back\s+to|circle\s+back|next\s+steps|back\s+to\s+(?:you|me)|(?:will|'ll|to|then)\s+confirm|confirm\s+(?:one\s+way|either\s+way|the\s+outcome|a\s+decision|whether)|verdict|choose|pick|select|shortlist(?:ing)?|(?:committee|panel|board|team|partners)\s+meets?\b|make\s+(?:an|the)\s+appointment|know\s+where\s+(?:you|i)\s+stand|(?:have|had|give|get)\s+(?:an?\s+)?(?:answer|update|decision|news)\s+for\s+(?:you|me))\b",
    r"\b(?:will|'ll|shall|to|going\s+to|gonna)\s+(?:\w+\s+)?(?:revert|inform\s+(?:you|me|candidates|everyone|all|the\s+result)|(?:come|be|get)\s+back\s+(?:to|towards)\s+(?:you|me)|give\s+(?:you|me)\s+(?:an?\s+)?(?:answer|update|decision))\b|\brevert(?:ing)?\s+(?:back\s+)?to\s+you\b",
)
SILENCE = _any(
    r"\bshould\s+(?:you|i|we)\s+not\s+(?:have\s+)?(?:hear|heard|receive|received|be\s+contacted|been\s+contacted|get|got)",
    r"\bin\s+(?:case|the\s+event)\s+(?:that\s+)?(?:you|i|we)\s+(?:do\s+not|don'?t|have\s+not|haven'?t|did\s+not|didn'?t)",
    r"\b(?:applicants|candidates|those|anyone|people|persons|individuals)\s+(?:(?:who|that)\s+)?(?:(?:are|were|have|has|is|do|did|will)\s+)?(?:been\s+)?(?:not|n't)\b",
    r"\bif\s+(?:you|i|we)(?:'ve|’ve)\s+not\b|\bif\s+(?:you|i|we)\s+still\s+(?:haven'?t|have\s+not)\b",
    r"\b(?:if|should|when)\s+(?:you|i|we)\s+(?:do\s+not|don'?t|have\s+not|haven'?t|had\s+not|hadn'?t|'ve\s+not|’ve\s+not|did\s+not|didn'?t|hear\s+nothing|receive\s+no|are\s+not\s+contacted|have\s+not\s+been\s+contacted|haven'?t\s+been\s+contacted|get\s+no|still\s+haven'?t)",
    r"\bif\s+(?:we|they)\s+(?:do\s+not|don'?t|haven'?t|have\s+not)\s+(?:contacted|reached|been\s+in\s+touch|got(?:ten)?\s+back)",
    r"\b(?:no|without)\s+(?:word|news|response|contact)\s+(?:from\s+us\s+)?(?:by|within)",
    r"\bif\s+(?:nothing|no\s+news|no\s+word)\b",
)
SILENCE_MEANS_NO = _any(
    r"\bunsuccessful\b",
    r"\bnot\s+(?:been\s+)?successful\b",
    r"\b(?:not|won'?t)\s+(?:be\s+)?(?:moving|taking|progressing|proceeding|going)\s+(?:\w+\s+)?(?:forward|further|ahead)",
    r"\b(?:assume|consider|take\s+it|means?|safe\s+to\s+say)\b.{0,60}\b(?:not|no|unsuccessful|another|other|filled|declined|didn'?t|did\s+not|wasn'?t|weren'?t|gone)\b",
    r"\bnot\s+(?:been\s+)?(?:selected|shortlisted|chosen|considered)",
    r"\b(?:unable\s+to|not\s+(?:be\s+)?able\s+to|cannot|can'?t)\s+(?:consider|take\s+(?:your\s+application|you)\s+(?:further|forward))",
    r"\b(?:went|go|going|gone)\s+(?:in\s+)?(?:a\s+|another\s+)?different\s+direction",
)
IN_RUNNING = _any(
    r"\bshort-?listed\b(?<!not\sshortlisted)(?<!not\sshort-listed)(?<!n't\sshortlisted)(?<!not\sbeen\sshortlisted)(?!\s+(?:candidates?|applicants?|applications?|people|persons?|individuals?|ones?|profiles?|will|shall|would)\b)|\bmade\s+(?:it\s+(?:on)?to\s+)?the\s+short-?list\b|\bon\s+(?:the|our)\s+short-?list\b",
    r"\b(?:invite|invited|inviting|bring|bringing|move|moving|moved|advance|advancing|advanced|progress|progressing|progressed|put|putting|take|taking|schedule|set\s+up|arrange)\s+(?:you|me|him|her)\b(?:\s+(?:\w+\s+){0,4}?)(?:to|for|through\s+to|into|forward\s+to|on\s+to)?\s*(?:a|an|the)?\s*(?:next|second|final|third|2nd|3rd|last|another|further|onsite|on-site|follow-?up|panel)\s+(?:round|stage|interview|step)",
    r"\b(?:you(?:'re|’re| are| have been| were|'ve been| have)|i(?:'m| am| was|'ve been| have been| have))\s+(?:\w+\s+){0,3}?(?:through|invited|moving|going|progressing|progressed|advancing|advanced|selected|chosen|move|moved)\s+(?:\w+\s+){0,3}?(?:next|second|final|third|another|further)\s+(?:round|stage|interview)",
    r"\b(?:like|love|want)\s+to\s+(?:invite|bring|have)\s+(?:you|me)\s+(?:back|in)\b",
    r"\b(?:want|wants|like|would\s+like|'d\s+like)\s+(?:you|me)\s+(?:to\s+come\s+)?back\s+(?:for|in)\b",
    r"\b(?:check(?:ing)?|contact(?:ing)?|call(?:ing)?|take\s+up|taking\s+up|run(?:ning)?|reach(?:ing)?\s+out\s+to)\s+(?:your\s+|my\s+|the\s+)?references\b",
    r"\breference\s+checks?\s+(?:on|for)\s+(?:you|me)\b|\b(?:your|my)\s+reference\s+checks?\b|\b(?:contacting|contact|checking|calling)\s+(?:your\s+|my\s+)?referees\b",
    r"\bchoosing\s+between\s+(?:you|me)\b|\b(?:you|me)\s+and\s+(?:one|two|three|\w+)\s+other\s+(?:person|people|candidates?|finalists?)\b",
    r"\brecommended\s+(?:you\s+)?for\s+(?:appointment|the\s+(?:role|position|post))\b",
    r"\b(?:application|candidacy|profile)\s+has\s+(?:been\s+)?(?:advanced|progressed|moved|passed)\s+(?:forward\s+|on\s+)?to\s+(?:the\s+)?(?:next|\w+)\s+(?:stage|round|step)",
    r"\bstill\s+(?:very\s+much\s+)?in\s+the\s+(?:process|running|race)\b",
    r"\b(?:would\s+like|'d\s+like|want|invite)\s+(?:you\s+)?to\s+meet\s+(?:with\s+)?(?:our|the)\b",
    r"\b(?:still|remain|remains|are|'re|’re)\s+(?:very\s+much\s+|definitely\s+)?(?:in\s+the\s+(?:running|mix|frame)|under\s+(?:active\s+)?consideration|in\s+contention|being\s+considered|a\s+(?:strong\s+|top\s+)?contender)",
    r"\b(?:moving|move|advance|advancing|progress|progressing|taking|pass(?:ing)?)\s+(?:you|your\s+(?:application|candidacy|profile)|me|my\s+(?:application|candidacy))\s+(?:forward|through|on)\b",
    r"\b(?:you(?:'re|’re| are)|i(?:'m| am))\s+(?:one\s+of\s+(?:the\s+|our\s+|their\s+)?(?:\w+\s+)?)?finalists?\b",
    r"\b(?:one\s+of|among)\s+(?:our|the|their)\s+(?:top|final|last)\s+(?:\w+\s+)?(?:candidates|finalists)",
)
# Other news that you are in the running: the checks before a hire under way, an invitation to a
# test, a round confirmed, the top pick.
MORE_IN_RUNNING = _any(
    r"\b(?:started|starting|begun|begin|began|initiated|initiating|doing|running|run|ongoing|underway|under\s+way|in\s+progress)\s+(?:the\s+|your\s+|my\s+|a\s+)?(?:reference|background|pre-?employment|criminal|credit|security)\s+(?:\w+\s+)?(?:checks?|screening|verification|investigation|vetting)\b",
    r"\b(?:reference|background|pre-?employment)\s+(?:checks?|screening|verification|investigation)\s+(?:is\s+|are\s+)?(?:already\s+)?(?:ongoing|underway|under\s+way|in\s+progress|happening|started|done|complete|completed|cleared)\b|\bBGV\b",
    r"\b(?:refs|references|referees)\s+(?:\w+\s+)?(?:came\s+back|are\s+out|checked|contacted)\b|\b(?:asked|asking)\s+(?:me\s+|you\s+)?for\s+(?:my|your|the)\s+(?:\w+\s+)?(?:referees|references)\b",
    # invited to a test, an assessment, a further interview
    r"\b(?:you(?:'ve|’ve|\s+have)\s+been|you\s+are|you(?:'re|’re)|i(?:'ve|’ve|\s+have)\s+been|i(?:'m|’m|\s+am))\s+(?:\w+\s+)?(?:invited|scheduled|booked|shortlisted)\s+(?:to\s+(?:take|complete|sit|appear\s+for|attend|do)\s+|for\s+)(?:the|an|a|our|your)\s+(?:\w+\s+){0,3}?(?:assessment|test|exam|interview|challenge|task|case|round|CBT)\b",
    r"\b(?:2nd|second|3rd|third|4th|fourth|final|next|further)\s+(?:round|interview|stage)\s+(?:is\s+)?(?:confirmed|on|booked|scheduled|a\s+go|set|locked\s+in)\b",
    r"\b(?:you(?:'re|’re|\s+are)|i(?:'m|’m|\s+am))\s+(?:still\s+)?(?:our|my|their|the)\s+(?:top|first|preferred|number\s+one|#1|strongest|lead(?:ing)?)\s+(?:pick|choice|candidate)\b",
    r"\bnarrowed\s+(?:it\s+)?(?:down\s+)?to\s+(?:you|me)\s+(?:and|\+|&)\b",
    r"\b(?:application|candidacy|profile|status)\s+(?:\w+\s+){0,3}?(?:moved|progressed|advanced|changed)\s+(?:from\s+.{1,40}?\s+)?to:?\s+['\"‘“]?(?:the\s+)?(?:interview|assessment|hiring\s+manager|final|next)\b",
)
ON_HOLD = _any(
    r"\bon\s+hold\b|\bon\s+ice\b|\bon\s+pause\b|\bon\s+standby\b",
    r"\b(?:paused|pausing|pause|suspended|suspending|frozen|freezing|froze|postponed|postponing|delayed|delaying)\s+(?:\w+\s+){0,3}?(?:hiring|recruitment|recruiting|the\s+(?:search|role|position|process|opening|req|requisition|vacancy)|this\s+(?:search|role|position|process|opening|vacancy)|req|requisition|headcount)",
    r"\b(?:hiring|recruitment|recruiting)\s+(?:freeze|pause)\b",
    r"\b(?:not|won'?t)\s+be\s+(?:filled|filling\s+(?:the|this|that)\s+(?:role|position))\s+(?:\w+\s+){0,3}?(?:for\s+the\s+time\s+being|for\s+now|at\s+(?:the|this)\s+moment|until\s+further\s+notice)",
    r"\b(?:hiring|recruitment|recruiting|search|role|position|process|req|requisition|vacancy|opening|job|post)(?:'s|’s)?\s+(?:has\s+been\s+|is\s+|was\s+|are\s+|were\s+)?(?:\w+\s+)?(?:paused|suspended|frozen|postponed)\b",
)
RELEASED = _any(
    r"\breleas(?:e|ing)\b",
    r"\b(?:free|feel\s+free|encourage\s+you|welcome)\s+to\s+(?:pursue|explore|consider|accept|look\s+at|keep\s+looking)\s*(?:\w+\s+){0,2}(?:other|another|different|elsewhere)?",
    r"\b(?:don'?t|do\s+not|should\s+not|shouldn'?t|please\s+don'?t|not\s+to)\s+(?:\w+\s+)?wait\s+(?:for|on|around\s+for)\s+(?:us|this|them|the\s+role)",
    r"\b(?:not|n't)\s+(?:to\s+)?(?:hold|put)\s+(?:\w+\s+){0,2}(?:search|plans|life)\s+on\s+hold",
    r"\bkeep\s+(?:looking|searching|interviewing)\b|\bmove\s+on\b|\bcontinue\s+(?:your|my)\s+search\b",
    # told to go on with the rest of the search: other offers, options kept open, no waiting
    r"\b(?:pursu\w*|explor\w*|consider\w*|accept\w*|go\s+(?:ahead\s+)?(?:with|for)|continu\w*(?:\s+with)?|keep\s+applying(?:\s+to|\s+for)?"
    r"|apply\w*\s+(?:to|for)|look(?:ing)?\s+(?:at|for)|take\s+up|crack\s+on\s+with|carry\s+on\s+(?:with|exploring))\s+(?:\w+\s+){0,2}?"
    r"(?:other|another)\s+(?:\w+\s+)?(?:opportunit\w*|offers?|options?|process\w*|applications?|interviews?|jobs?|things|roles?"
    r"|positions?|companies|stuff|openings?|chances?)",
    r"\b(?:keep|keeping)\s+(?:your|my)\s+(?:options\s+open|search\s+(?:active|going|open))\b|\b(?:look\w*|apply\w*|search\w*)\s+elsewhere\b",
    r"\b(?:don'?t|do\s+not|not\s+to|shouldn'?t|should\s+not|no\s+need\s+to|rather\s+than|no\s+point)\s+(?:\w+\s+){0,2}?"
    r"(?:wait(?:ing)?|hold(?:ing)?\s+(?:off|out|your\s+breath)|hang(?:ing)?\s+(?:about|around))\b",
    r"\b(?:continue|keep\s+up)\s+(?:with\s+)?(?:your|my)\s+(?:job\s+)?(?:search|applications)\b|\bkeep\s+applying\b",
)
# "We'll keep your CV on file": a rejection when it is the only news, not beside "we are
# reviewing your application" (signals.py looks).
ON_FILE_WORDS = r"\b(?:keep(?:ing)?|hold(?:ing)?(?:\s+on\s+to)?|hang(?:ing)?\s+on\s+to|retain(?:ing)?|stor(?:e|ing)|have)\s+(?:your|my)\s+(?:\w+\s+){0,2}?(?:resume|résumé|cv|c\.v\.|details|application|profile|information|info)\s+(?:\w+\s+){0,3}?(?:on\s+file|in\s+mind|for\s+future|(?:in|on)\s+(?:our|their)\s+(?:talent|database|system|pool|records|books)|in\s+case|should\s+(?:another|a\s+(?:suitable|similar))|if\s+(?:another|a\s+(?:suitable|similar)|something\s+(?:else\s+)?(?:opens|comes|pops)\s+up))"
ON_FILE = re.compile(ON_FILE_WORDS, re.IGNORECASE)
REJECTED = _any(
    r"\b(?:move|moving|moved|go|going|proceed|proceeding|went|gone|decided\s+to\s+go|pursue|pursuing|progress|progressing|continue|continuing)\s+(?:forward\s+)?(?:ahead\s+)?with\s+(?:\w+\s+){0,2}?(?:other|another|a\s+different|different|more\s+suitable|stronger|an?\s+internal|the\s+other)\s+(?:\w+\s+)?(?:candidates?|applicants?|profiles?|person|people|hire|applicant)",
    r"\b(?:not|won'?t|unable\s+to|no\s+longer|cannot|can'?t)\s+(?:be\s+)?(?:moving|move|proceeding|proceed|progressing|progress|going|taking|advance|advancing|continuing|continue)\s+(?:forward|further|ahead)?\s*(?:with\s+)?(?:your|you|this|my|me)\b",
    r"\b(?:position|role|job|vacancy|opening|post)(?:'s|’s|\s+has|\s+have)?\s+(?:now\s+|already\s+|since\s+)?been\s+(?:filled|closed)\b",
    r"\bfilled\s+(?:the|this|that)\s+(?:position|role|job|vacancy|opening|post)\b",
    r"\b(?:proceed|proceeding|move\s+(?:forward|ahead)|moving\s+(?:forward|ahead)|go\s+(?:ahead|forward)|going\s+(?:ahead|forward)|continue|continuing)\s+with\s+(?:other\s+|a\s+|another\s+|an\s+)?(?:candidates?|applicants?|individuals?|person|people)\s+(?:who|whose|that|with)\b",
    r"\b(?:no\s+longer|not\s+currently|are\s+not)\s+(?:recruiting|hiring|looking\s+to\s+fill|considering|accepting|reviewing|interviewing)",
    r"\b(?:decided|decision)\s+(?:not\s+to|against)\s+(?:proceed|move|progress|offer|hire|recruit|fill|pursue|go\s+ahead)",
    r"\bnot\s+to\s+(?:recruit|hire|fill)\s+(?:for\s+)?(?:the|this)\s+(?:role|position)",
    ON_FILE_WORDS,
    r"\bregret\s+to\s+(?:inform|tell|let|advise)",
    r"\bunfortunately\b.{0,80}\b(?:not|unable|won'?t|other\s+candidates?|another\s+candidate|unsuccessful|declined?|no\s+longer|filled|pass|\w+n't)\b",
    r"\b(?:not|weren'?t|wasn'?t|haven'?t|have\s+not|has\s+not)\s+(?:been\s+)?(?:selected|successful|shortlisted|chosen)\b",
    r"\b(?:offered|offer|given|give|giving|offering)\s+(?:the\s+)?(?:position|role|job|post)\s+to\s+(?:another|someone|somebody|a\s+different|an?\s+internal|an?\s+other)",
    r"\b(?:went|gone|going|decided\s+to\s+go)\s+(?:with|for)\s+(?:someone|somebody|another|an?\s+internal|a\s+different|the\s+other)",
    r"\b(?:didn'?t|did\s+not)\s+get\s+(?:the\s+)?(?:job|role|position|offer)",
    r"\brejected\b|\bturned\s+(?:me|you)\s+down\b|\b(?:pass|passing)\s+on\s+(?:you|me|your|my)\b",
    r"\bnot\s+(?:a|the)\s+(?:right|good|strong)\s+(?:enough\s+)?(?:fit|match)\b",
    r"\b(?:went|go|going|gone|decided\s+to\s+go)\s+(?:in\s+)?(?:a\s+|another\s+)?different\s+direction",
    r"\bdecided\s+in\s+favou?r\s+of\s+(?:another|a\s+different|other|an\s+internal)",
    r"\b(?:selected|chosen|hired|picked|appointed|identified)\s+(?:another|a\s+different|an?\s+other|someone\s+else|an?\s+internal)\s+(?:\w+\s+)?(?:candidate|applicant|person)",
)
# Other ways a rejection is said: not successful, the role gone, someone else chosen.
MORE_REJECTED = _any(
    r"\b(?:position|role|job|vacancy|post|place|opening)\b(?:\s+\S+){0,6}?\s+(?:was|has\s+been|have\s+been|is|got)\s+(?:already\s+|now\s+)?covered\s+(?:with|by)\s+(?:an?\s+|the\s+)?(?:other|another|different|internal|more\s+\w+)\b",
    r"\b(?:has|have|had|is|are|was|were)(?:n't|n’t|\s+not)\s+(?:been\s+)?(?:selected|successful|shortlisted|chosen|progressed|recommended|included|qualified|offered)\b",
    r"\b(?:you|your\s+(?:application|candidacy|candidature))\s+(?:were|was|has\s+been|have\s+been|is|are)\s+(?:\w+\s+)?unsuccessful\b|\bunsuccessful\s+(?:on|at)\s+this\s+(?:occasion|time|stage)\b|^\W*unsuccessful\b",
    r"\b(?:position|role|job|vacancy|opening|post|posting|requisition|req|application|candidacy)\b.{0,60}?\bno\s+longer\s+(?:open|active|available|under\s+consideration|being\s+considered|in\s+consideration|considered)\b|\bno\s+longer\s+under\s+consideration\b",
    r"\b(?:position|role|job|vacancy|opening|post|requisition|req|competition|recruitment|search)(?:'s|’s|\s+has|\s+have|\s+was|\s+were|\s+is|\s+got)?\s+(?:(?:now|been|since|unfortunately|already|finally|just)\s+)*(?:eliminated|cancell?ed|withdrawn|pulled|cut|closed|scrapped|abolished|suppressed|removed|filled)\b(?!\s+(?:on|at|until|till|for\s+applications|to\s+(?:new\s+|further\s+)?applica|by|before|within|soon|quickly|asap|in\s+(?:the\s+)?(?:next|coming|new)))",
    r"\bclosed\s+(?:the\s+)?(?:role|position|req|requisition|vacancy|job|opening)\b(?!\s+to\s+(?:new\s+|further\s+)?applica)",
    r"\b(?:pulled|cancell?ed|withdrew|withdrawn|withdraw|eliminated|scrapped|cut)\s+(?!(?:your|my)\s+(?:\w+\s+)?(?:application|candidacy|candidature|interest)\b)(?:the\s+)?(?:(?!and\b|but\b)[\w-]+\s+){0,4}?(?:role|position|req|requisition|vacancy|job|opening|competition|recruitment|campaign)\b",
    r"\b(?:went|gone|going|go|decided\s+to\s+go|took|taken|hired|chose|chosen|picked|appointed|selected)\s+(?:w/|with|for)?\s*(?:someone\s+|somebody\s+|an?\s+)?internal(?:ly)?\b|\bfill(?:ed)?\s+(?:it|the\s+(?:\w+\s+)?(?:position|role|job|vacancy|post))\s+internally\b|\b(?:filled|covered)\s+(?:by|through|via)\s+(?:an?\s+)?internal\b",
    r"\b(?:hired|chose|chosen|picked|appointed|selected|took|taken|offered\s+it\s+to|gave\s+it\s+to|went\s+with)\s+(?:someone|somebody|another|a\s+different|the\s+other)(?:\s+(?:else|one|person|candidate|profile|applicant))?\b",
    r"\b(?:selected|chosen|identified|found|hired|appointed)\s+(?:a|another|the)\s+candidate\s+(?:whose|who|with)\b",
    r"\b(?:go|going|gone|went)\s+(?:a\s+different|another)\s+(?:way|direction|route)\b|\bpass(?:ing)?\s+on\s+(?:this|it)\b",
    r"\b(?:didn'?t|did\s+not|won'?t|not)\s+(?:get(?:ting)?|be\s+getting|(?:been\s+)?offered)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:job|role|position|post|offer)\b",
    r"\b(?:not|unable|cannot|can'?t|won'?t)\s+(?:\w+\s+){0,5}?offer\s+(?:you\s+)?(?:the|this|a|an|any)\s+(?:[\w-]+\s+){0,3}?(?:position|role|job|post|place|contract|employment|appointment|traineeship|internship|apprenticeship|interview|spot|seat|vacancy)\b",
    r"\b(?:negative|unfavou?rable)\s+(?:answer|response|outcome|decision)\b|\bnegative\s+feedback\s+(?:on|regarding|about|concerning|to)\s+your\s+(?:application|candidacy|candidature)\b",
    r"\b(?:stop|end|close|discontinue|don'?t\s+continue|do\s+not\s+continue)\s+(?:the\s+)?(?:process|recruitment|application)?\s*(?:with|for)\s+(?:you|your\s+(?:application|candidacy))\b",
    r"(?:\bunable|\bnot\s+(?:been\s+)?able|n't\s+been\s+able|\bcannot|\bcan'?t)\s+(?:to\s+)?(?:progress|proceed\s+with|take\s+forward|move\s+forward\s+with)\s+(?:your|you)\b",
    r"\b(?:don'?t|do\s+not|didn'?t|did\s+not)\s+see\s+(?:a|the)\s+(?:\w+\s+)?(?:fit|match)\b",
    r"\b(?:pursue|pursuing)\s+(?:other|another|different)\s+(?:\w+\s+)?(?:candidates?|applicants?|profiles?)\b",
    r"\b(?:unable|not\s+able|cannot|can'?t|won'?t\s+be\s+able)\s+to\s+(?:further\s+)?consider\s+(?:you|your\s+(?:application|candidacy|candidature))\b",
)
# Rejections in yet other words: someone else chosen or promoted, the job gone to them, the role
# or the process gone, an application that goes no further. Apart from MORE_REJECTED, for their
# own words (KEYWORDS): a sentence holding none of them is not searched for them.
REJECTED_OTHERWISE = _any(
    # someone else chosen, in other words
    r"\b(?:hire|appoint|select|choose|pick|go\s+with|proceed\s+with|pursue|move\s+forward\s+with|offer\s+(?:it|the\s+(?:role|job|position))\s+to)\s+(?:the\s+other|another|a\s+different|other|(?:\w+\s+)?(?:applicants|candidates))\s+(?:[\w-]+\s+)?(?:applicants?|candidates?|persons?|individuals?|profiles?|whose|who|with)\b",
    r"\b(?:went|gone|going|go)\s+w/\s*(?:someone|somebody|another|an?\s+|the\s+other)",
    r"\bfilled\s+(?:all\s+)?(?:the|this|that|our|those|these)\s+(?:[\w,&/()-]+\s+){0,8}?(?:positions?|roles?|jobs?|vacanc(?:y|ies)|openings?|posts?|spots?|places?|shifts?|seats?)\b(?!\s+(?:by|before|within|soon|in\s+(?:the\s+)?(?:next|coming)))",
    r"\b(?:req|requisition|headcount|opening)\b(?:\s+\S+){0,6}?\s+(?:has\s+been|have\s+been|was|were|got)\s+(?:\w+\s+)?(?:cancell?ed|withdrawn|scrapped|closed|eliminated)\b",
    r"\b(?:identified|found|selected|chosen|hired|appointed)\s+(?:a|another|the)\s+candidate\s+(?:more|better|closer|whose|who)\b",
    r"\bappointment\s+has\s+(?:now\s+|already\s+)?been\s+made\b",
    r"\b(?:come|came|coming)\s+back\s+(?:with\s+an?\s+)?(?:negative|no)\b",
    r"\b(?:role|position|job|req|opening|vacancy|post)\b(?:\s+\S+){0,3}?\s+(?:is|was|'s|’s)\s+(?:now\s+)?off\s+the\s+table\b",
    r"\bregret\s+letter\b|\bthanks,?\s+but\s+no\s+thanks\b",
    r"\b(?:have|has)\s+(?:now\s+|just\s+)?appointed\s+(?:mr|mrs|ms|miss|dr|prof)\.?\s",
    r"\b(?:positions?|roles?|spots?|places?|vacancies|shifts?|jobs?)\b(?:\s+(?!(?:and|but|or|no|decision|decisions)\b)\S+){0,6}?\s+(?:have|has)\s+(?:now\s+|all\s+|already\s+)*been\s+(?:taken(?:\s+up)?|snapped\s+up)\b",
    r"\b(?:went|gone|going|go)\s+(?:with|for)\s+(?:her|him|them)\s+(?:because|as|since|instead|over)\b",
    r"\bthe\s+successful\s+(?:candidate|applicant)\s+(?:was|has|had)\b",
    r"\bnot\s+taking\s+(?:anyone|anybody|people|staff|new\s+staff|on\s+(?:anyone|anybody|new\s+staff))\b",
    r"\b(?:took|taken|take|taking)\s+on\s+(?:the\s+|a\s+|an\s+)?(?:lad|lass|guy|girl|person|chap|fella|fellow|bloke|woman|man|lady|someone|somebody|another|other\s+(?:candidate|applicant)|an?\s+internal)\b",
    r"\bpromot(?:ed|ing|e)\s+(?:one\s+of\s+(?:their|our|his|her)\s+own|someone|somebody|an?\s+internal|from\s+within)",
    r"\bdifficult\s+to\s+(?:continue|proceed|move\s+forward|progress)\s+with\s+(?:you|your\s+(?:application|candidacy))\b",
    r"\b(?:pass|passing)\s+on\s+the\s+(?:[\w-]+\s+){0,3}?(?:role|position|job|opportunity)\b",
    r"\b(?:did\s+not|didn'?t|didn’t)\s+(?:progress|proceed|advance|move|make\s+it)\s+(?:past|beyond|through)\b",
    r"\b(?:it|the\s+(?:job|role|position|post))(?:'s|’s|\s+has)\s+gone\s+to\s+(?:a|an|another|someone|somebody|one\s+of)\b",
    r"\b(?:won'?t|will\s+not|not|unable\s+to|cannot|can'?t)\s+(?:be\s+)?(?:extending|extend|making|make)\s+(?:you\s+)?(?:an?\s+|the\s+)?(?:job\s+|formal\s+)?offer\b(?!\s+(?:yet|just\s+yet|until|till|before|at\s+this\s+(?:point|stage)\s+(?:yet|but)))",
    r"\byour\s+(?:application|candidacy|candidature)\b[^.;!?]{0,120}?\s(?:was|were|has\s+been|have\s+been|is)\s+(?:\w+\s+)?unsuccessful\b",
    r"\b(?:application|candidacy|candidature)\s+(?:will|would|shall|can|could)\s+not\s+(?:be\s+)?(?:proceed|progress|advance|move\s+forward|go\s+forward|progressed|advanced|taken\s+forward)\b",
    # the job gone to someone else: "the deli lead spot went to one of our own", "we've given the shifts to someone who"
    r"\b(?:job|role|position|post|spot|vacancy|opening|place|shifts?|gig|contract|seat|appointment|nod)(?:'s|’s)?\s+(?:has\s+|have\s+)?(?:now\s+|already\s+|eventually\s+|ultimately\s+)?(?:went|gone|was\s+given|were\s+given|been\s+given|was\s+offered|been\s+offered|was\s+awarded|been\s+awarded)\s+to\s+(?!you\b|me\b|the\s+(?:next|final|panel|committee|board)\b)",
    r"\b(?:given|gave|giving|offered|offering|awarded)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}?(?:job|role|position|post|spot|shifts?|place|contract|gig|seat)\s+to\s+(?:someone|somebody|another|an?\s+|one\s+of|the\s+other|a\s+colleague|an\s+internal)",
    r"\b(?:extended|made|given|gave|offered)\s+(?:an?\s+|the\s+)?(?:job\s+|formal\s+|verbal\s+)?offer\s+to\s+(?:another|a\s+different|an?\s+other|someone|somebody|the\s+other|one\s+of|an?\s+(?:internal|external|different)|an?\s+(?:\w+\s+)?(?:candidate|applicant|person)\s+(?:who|whose|with))(?![^.;]*\b(?:but|though|however|pending|not\s+(?:yet\s+)?(?:been\s+)?accepted|yet\s+to\s+accept)\b)",
    r"\b(?:going|gone|went|go|decided\s+to\s+go)\s+(?:with|for)\s+(?:a|an|the\s+other)\s+(?:guy|girl|man|woman|lady|gentleman|person|chap|fellow|lad|bloke|candidate|applicant|colleague)\b",
    # the role gone: no longer exists, the process cancelled, the budget gone
    r"\b(?:position|role|job|vacancy|opening|post|posting|requisition|req|headcount)\b(?:\s+\S+){0,4}?\s+no\s+longer\s+(?:exists?|needed|required)\b",
    r"\b(?:process|procedure|posting|advert(?:isement)?|intake|recruitment\s+drive|hiring|competition|search|campaign|exercise|vacancies|positions|roles|posts|openings|phd|studentship|scholarship|fellowship|traineeship|internship|apprenticeship)\b(?:\s+\S+){0,8}?\s+(?:has\s+been|have\s+been|was|were|is|are|is\s+being|got)\s+(?:\w+\s+)?(?:cancell?ed|withdrawn|scrapped|abandoned|called\s+off|discontinued|terminated)\b",
    # not going further: "your application will go no further", "will not be taken any further"
    r"\b(?:application|candidacy|candidature|you|profile)\s+(?:will|would|shall|can|could|is\s+going\s+to)\s+(?:go|progress|proceed|move|advance)\s+no\s+further\b",
    r"\b(?:application|candidacy|candidature|profile)\s+(?:will|would|shall|can|could)\s+not\s+(?:be\s+)?(?:go|going|progress\w*|proceed\w*|mov\w+|advanc\w+|taken|considered)\s+(?:any\s+)?further\b",
    r"\b(?:clos|withdraw|cancel|declin|reject|archiv)\w*\s+(?:\w+\s+){0,3}?(?:applications?|candidacies|candidates),?\s+(?:including|incl\.?)\s+(?:yours|you|your\s+own)\b",
    r"\b(?:not|isn'?t|wasn'?t|no\s+longer)\s+(?:quite\s+|really\s+|exactly\s+|just\s+)?(?:a|the)\s+(?:fit|match)\s+(?:for\s+(?:us|the\s+(?:team|role|position|company))|at\s+this\s+(?:time|stage|point)|right\s+now|this\s+time)\b",
)
# What is offered that is not the job: access, a free course, an interview, a chance.
ELSE_OFFERED = (
    r"(?:access|a\s+free|free|complimentary|resources|support|tips|an?\s+(?:\w+\s+){0,2}?"
    r"(?:interview|call|chat|meeting|assessment|opportunity|chance|slot|place\s+in|spot\s+in|invitation|discount|membership"
    r"|subscription)|the\s+(?:\w+\s+)?(?:chance|opportunity)|some\s+(?:feedback|advice))"
)
OFFER = _any(
    r"\b(?:extend|extending|extended|make|making|made)\s+(?:you\s+|me\s+)?(?:a|an|the|our)\s+(?:formal\s+|written\s+|verbal\s+|official\s+|conditional\s+)?(?:job\s+)?offer(?!\s+to\s+(?:the|our|a|an|another|one|whoever|somebody|someone)\b)",
    r"\b(?:want|wants|would\s+love|'d\s+love)\s+(?:you|to\s+have\s+you)\s+(?:on|to\s+join|join)\s+(?:the|our)\s+team\b",
    r"\boffer\s+(?:letter|of\s+employment|pack(?:age)?|details)\b|\b(?:your\s+)?letter\s+of\s+appointment\b",
    rf"\b(?:pleased|happy|delighted|thrilled|excited|glad)\s+to\s+offer\s+you\b(?!\s+{ELSE_OFFERED})",
    rf"\b(?:would|'d)\s+(?:like|love)\s+to\s+offer\s+you\b(?!\s+{ELSE_OFFERED})",
    r"\b(?:offered|offer|offering)\s+(?:me|you)\s+(?:the\s+)?(?:job|role|position|post)\b",
    r"\b(?:got|have|received|with|gave\s+me|give\s+you)\s+(?:the|an|a)\s+(?:verbal\s+|formal\s+|written\s+|conditional\s+)?(?:job\s+)?offer\b",
    r"\boffer\s+from\b|\bjob\s+offer\b",
    r"\b(?:you(?:'ve| have)|i(?:'ve| have))\s+got\s+the\s+(?:[\w&-]+\s+){0,4}?(?:job|role|position)\b",
    r"\b(?:welcome|welcoming)\s+you\s+(?:to|aboard|on\s+board)\b(?!\s+(?:continue|apply|browse|visit|explore|check|submit|contact|reach|learn|keep|follow|stay|re-?apply|join\s+our\s+talent|our\s+talent|update|create|sign|register|share|ask|attend))",
)
# Offers that never say "offer": the job is theirs, they are wanted for it, appointed, hired.
# An offer of something else (for the model's proposals: signals.py).
OFFER_OF_ELSE = re.compile(rf"\boffer(?:s|ed|ing)?\s+(?:you\s+)?{ELSE_OFFERED}", re.IGNORECASE)
MORE_OFFER = _any(
    r"\b(?:the\s+)?job(?:'s|’s|\s+is)\s+(?:yours|all\s+yours)\b(?!\s+(?:to\s+lose|if\s+you\s+can))|\b(?:role|position|post|place|spot|contract|job)\b[^.;!?]{0,80}?\s(?:is|will\s+be)\s+(?:all\s+)?(?:yours|mine)\b(?!\s+(?:to\s+lose|if\s+you\s+can))|\bit(?:'s|’s|\s+is)\s+(?:all\s+)?yours\s+if\b|\byou(?:'re|’re|\s+are)\s+hired\b|\b(?:i|you)\s+got\s+the\s+(?:job|role|position)\b",
    r"\bwelcome\s+to\s+the\s+team\b",
    r"\b(?:want|wants|would\s+like|'d\s+like|’d\s+like|love|'d\s+love)\s+(?:to\s+(?:have|bring|count\s+on)\s+)?(?:you|me)\s+(?:on\s+board\s+)?(?:as\s+(?:our\s+|the\s+|a\s+|an\s+)?(?!(?:a\s+)?(?:candidate|finalist)\b)\w|for\s+the\s+(?:[\w-]+\s+){0,4}?(?:role|position|job|post|contract|placement|assignment|vacancy)\b|to\s+(?:start|join\s+(?:us|the|our))\b)",
    r"\b(?:bring|have)\s+you\s+on\s*board\b",
    r"\b(?:you(?:'re|’re|'ve\s+been|’ve\s+been|\s+are|\s+have\s+been)|i(?:'m|’m|\s+am|'ve\s+been|\s+have\s+been|\s+was|\s+got))\s+(?:\w+\s+)?(?:selected|chosen)\s+(?:as|for)\s+(?:the|our|this|a|an)\s+(?!(?:\w+\s+){0,5}?(?:interview|assessment|round|stage|test|screening|shortlist|call|next)\b)(?:\w+\s+){0,5}?(?:role|position|job|post|assignment|function|vacancy|opening)\b",
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:chosen|selected)\s+you\s+(?:as|for\s+the\s+(?:\w+\s+){0,4}?(?:role|position|job|post))\b|\b(?:our|the|their)\s+choice\s+has\s+fallen\s+on\s+(?:you|me)\b",
    r"\b(?:we|they|he|she)\s+(?:really\s+)?want(?:s)?\s+(?:you|u|me)(?=\s*[.!'\"”’]|\s*$)|\bpropose\s+(?:to\s+)?you\s+the\s+(?:[\w-]+\s+){0,2}?(?:position|role|job|post|contract)\b",
    r"\bsuccessful\s+at\s+interview\s+for\s+the\s+(?:post|position|role|job)\b|\bconfirm\s+your\s+(?:employment|appointment|engagement|hiring)\s+(?:as|with)\b",
    r"\bselected\s+your\s+(?:application|candidacy|candidature)\s+for\s+the\s+(?:[\w-]+\s+){0,4}?(?:position|role|post|job|place|contract)\b",
    r"\b(?:'ll|’ll|will|can|could|going\s+to|gonna|wanna|want\s+to)\s+start\s+you\s+(?:on\s+|off\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|next|tomorrow|on\s+the|from|this)\b",
    r"\b(?:appoint|appointed|hire|hired|employ|engage)\s+you\s+(?:as|to\s+(?:the|this)\s+(?:[\w-]+\s+){0,4}?(?:post|position|role|job|vacancy))\b|\byou\s+(?:were|are|have\s+been)\s+(?:(?:the|our)\s+successful\s+(?:candidate|applicant)|selected\s+as\s+the\s+successful\s+(?:candidate|applicant))\b|\byour\s+(?:appointment|hiring|engagement)\s+as\b|\bapproved\s+your\s+(?:appointment|hiring|hire|name)\b",
    r"\b(?:you(?:'ve|’ve|\s+have)\s+been|i(?:'ve|’ve|\s+have)\s+been)\s+successful\s+(?:in\s+(?:your|my)\s+application|for\s+the\s+(?:\w+\s+){0,5}?(?:role|position|job|post))\b(?!\s+(?:to|for)\s+(?:the\s+)?(?:next|interview|shortlist))",
    r"\b(?:contract\s+of\s+employment|employment\s+contract|(?:your|the)\s+contract)\s+(?:is\s+)?(?:attached|enclosed|for\s+(?:your\s+)?signature)\b|\b(?:attached|enclosed)\s+(?:you\s+(?:will\s+)?find\s+|is\s+|please\s+find\s+)?(?:your|the)\s+(?:employment\s+)?contract\b",
    # an agency's client takes them on: accepted, approved or selected for an assignment, moving ahead with them
    r"\b(?:has|have|'ve|’ve)\s+(?:\w+\s+)?(?:accepted|approved|confirmed|selected|chosen|booked)\s+you\s+for\s+(?:the|this|a|an|their|our)\s+(?:[\w'’&-]+\s+){0,6}?(?:assignment|contract|placement|locum|temp|booking|spot)\b",
    r"\b(?:want|wants|keen|happy|ready)\s+to\s+(?:move|go)\s+(?:forward|ahead)\s+with\s+you\s+(?:for|on)\s+(?:the|this|a|an|their)\s+(?:[\w'’&-]+\s+){0,6}?(?:contract|assignment|placement|locum|temp|booking)\b",
    r"\b(?:decided|agreed)\s+to\s+(?:move|go)\s+ahead\s+with\s+you\b(?!\s+(?:to|for|in|into|with|through)\s+(?:the\s+|a\s+)?(?:next|interview|second|final|further|assessment|stage|round|process|shortlist))",
    r"\b(?:they(?:'re|’re|\s+are)|we(?:'re|’re|\s+are)|client(?:'s|’s|\s+is))\s+(?:all\s+)?(?:good|happy|ok|okay)\s+to\s+go\s+(?:ahead\s+)?with\s+you\b",
    r"\byou\s+(?:may|can)\s+start\s+(?:work\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next\s+week)\s+as\b",
    r"\b(?:contract|employment|offer|onboarding|new\s+hire)\s+(?:documents?|paperwork|papers|pack)\b[^.;!?]{0,80}?\b(?:ready|available)\s+(?:for\s+(?:your\s+)?(?:e-?)?signature|to\s+(?:be\s+)?(?:e-?)?sign(?:ed)?)\b",
    r"\b(?:excited|delighted|thrilled|pleased|happy|glad)\s+(?:that\s+)?you(?:'ll|’ll|\s+will|\s+are|'re|’re)\s+(?:be\s+)?joining\s+(?:us|the\s+team|our\s+team)\b",
    r"\bsee\s+you\s+on\s+your\s+first\s+day\b",
)
PREFER = _any(
    rf"\b(?:please\s+)?(?P<prefer>{EMAIL}|{CALL})\s+(?:to\s+)?(?:{THEM}\s+)?(?:rather|instead)\s+(?:than|of)\s+(?P<over>{CALL}|{EMAIL})",
    r"\b(?:would|'d|’d)\s+(?:much\s+|far\s+)?rather\s+(?:i|you|we|people|candidates)\s+(?P<rather>e-?mail(?:ed)?|wrote|write|call(?:ed)?|phoned?|ring|rang|text(?:ed)?)\s+(?:\w+\s+)?(?:than|instead)",
    r"\bprefer(?:s|red)?\s+(?:to\s+be\s+contacted\s+|contact\s+|communication\s+|to\s+communicate\s+|to\s+hear\s+from\s+you\s+|you\s+to\s+(?:reach\s+out|get\s+in\s+touch|contact\s+(?:me|us))\s+|it\s+)?(?:by|via|through|over|on)\s+(?P<channel>e-?mail|phone|telephone|the\s+phone)",
    r"\bprefer(?:s|red)?\s+(?P<noun>e-?mails?|phone\s+calls?|calls?|a\s+call|an\s+e-?mail)\b",
    r"\b(?:best|easiest|quickest|preferred)\s+(?:way|method|means)\s+to\s+(?:reach|contact|get\s+hold\s+of)\s+(?:me|us|her|him)\s+is\s+(?:by\s+|via\s+|through\s+|over\s+|to\s+)?(?P<best>e-?mail|phone|telephone|the\s+phone|text|call|ring)",
    r"\b(?P<only>e-?mail|phone|a\s+call)(?:'s|’s|\s+is|\s+works)\s+(?:\w+\s+)?(?:best|better|preferred|easier)\b",
    r"\b(?P<quick>e-?mail|phone|a\s+call|text)(?:\s+\w+)?\s+is\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:best|quickest|easiest|fastest|surest|most\s+reliable)\s+(?:way|method|means)",
    r"\b(?:easier|easiest|best|quicker|quickest|better|simplest)\s+(?:to\s+)?(?:reach|contact|get\s+hold\s+of|get)\s+(?:\w+\s+)?(?:by|via|on|over)\s+(?P<easier>phone|e-?mail|text)",
    r"\b(?:all\s+)?(?:communication|correspondence|contact)\s+(?:should\s+(?:go|be)\s+)?(?:by|via|through)\s+(?P<via>e-?mail)\s*(?:only)?",
    r"\b(?:only\s+)?(?:by|via)\s+(?P<written>e-?mail)\s+only\b",
    # other ways: "call me instead", "email only", "text is best", "best to pop into the store"
    rf"\b(?P<instead>{EMAIL}|{CALL}|text(?:ing)?|whatsapp|drop\s+a\s+mail|pop\s+in(?:to)?|come\s+by|drop\s+by)\s+(?:\w+\s+){{0,5}}?(?:instead\b|rather\s+than)",
    r"\b(?P<alone>e-?mails?|mail|phone|calls?|texts?|msg|messages?|whatsapp)\s+only\b",
    rf"\b(?P<not_that>{EMAIL}|{CALL}|text(?:ing)?|whatsapp)\s+(?:\w+\s*){{0,2}}?,?\s*not\s+(?:by\s+|on\s+)?(?:e-?mail|mail|phone|calls?|linkedin|text|whatsapp)\b",
    rf"\b(?P<than>{EMAIL}|{CALL}|text(?:ing)?|whatsapp|calling|phoning)\b[^.;!?]{{0,40}}?\b(?:better|faster|quicker|easier)\s+than\b",
    r"\bprefers?\s+(?P<above>phone|calls?|e-?mails?|texts?|whatsapp)\s+(?:over|to|rather)\b",
    r"\bprefers?\s+(?:that\s+)?(?:you|candidates|applicants|i|people)\s+(?P<verb>e-?mail|call|phone|ring|text|write)\b",
    r"\b(?:best|easiest|quickest|fastest|simplest)\s+(?:way\s+)?(?:is\s+)?(?:to\s+)?(?:just\s+)?(?P<best_to>call|phone|ring|text|e-?mail|pop\s+in(?:to)?|come\s+by|drop\s+by|stop\s+by|visit)\b",
    r"\b(?P<is_best>calling|phoning|texting|text|txt|sms|e-?mail(?:ing)?|phone|(?:(?:my|his|her|their)\s+)?(?:cell|mobile)|whatsapp)\s+is\s+(?:\w+\s+)?(?:best|easiest|quickest|fastest|the\s+(?:best|fastest|quickest|easiest))\b",
    r"\b(?:quickest|easiest|fastest|best|quicker|easier)\s+(?:to\s+(?:reach|contact|get)\s+)?(?:by|via|on|over)\s+(?P<by_way>text|txt|sms|whatsapp|phone|e-?mail)\b",
    r"\b(?:queries|questions|enquiries|inquiries|comms|communications?)\s+(?:\w+\s+){0,3}?(?:by|via|per|through|->)\s+(?:her\s+|his\s+|my\s+|our\s+)?(?P<about>e-?mail|phone|text)\b",
    r"\bcontact\s+(?:me|us|her|him)\s+(?:by|via)\s+(?P<by>e-?mail|phone|text)\b",
)
HEDGE = re.compile(r"\b(?:might|maybe|perhaps|possibly|probably|hopefully|likely)\b", re.IGNORECASE)
CONDITION = re.compile(
    r"\b(?:if|whether|unless|once|in case|should we|when we|in the event|otherwise|regardless|no matter)\b",
    re.IGNORECASE,
)
THEN = re.compile(
    r"\b(?:by\s+then|at\s+that\s+point|after\s+that|after\s+then|that\s+day|by\s+that\s+(?:date|day|time))\b",
    re.IGNORECASE,
)
OUT_OF_OFFICE = re.compile(  # an automatic reply: it opens by saying so
    r"\A\s*(?:(?:thank\s+you|thanks)\s+for\s+your\s+(?:e-?mail|message)[.!,]?\s*)?(?:i\s+am|i'm|i\s+will\s+be)\s+(?:currently\s+)?(?:out\s+of\s+(?:the\s+)?office|on\s+(?:annual\s+)?leave|away)\b"
    r"|\A\s*(?:automatic|auto)[- ]?reply\b",
    re.IGNORECASE,
)

# Words each kind's patterns cannot do without: a sentence holding none of them is not searched.
# Only a shortcut: every pattern above needs one of its kind's words.
KEYWORDS: dict[re.Pattern[str], tuple[str, ...]] = {
    NO_CONTACT: (
        "nobody",
        "no one",
        "no-one",
        "rather",
        "want",
        "discuss",
        "not",
        "n't",
        "n’t",
        "no ",
        "refrain",
        "unable",
        "cannot",
        "stop",
        "dont",
        "never",
    ),
    OK_TO_FOLLOW_UP: (
        "hesitate",
        "free",
        "welcome",
        "can ",
        "may ",
        "could",
        "should",
        "time",
        "whenever",
        "glad",
        "happy",
        "door",
        "fine",
        " ok",
        "shy",
        "encourag",
        "invit",
        "point",
        "grand",
        "good",
        "great",
        "perfect",
        "may\n",
        "can\n",
    ),
    CALL_BACK: (
        "try",
        "call",
        "phon",
        "ring",
        "text",
        "mail",
        "ping",
        "writ",
        "message",
        "drop",
        "check",
        "touch",
        "follow",
        "reach",
        "back",
        "by",
        "send",
        "shoot",
        "flick",
        "give",
        "buzz",
    ),
    SENDING: (  # the things sent: a promise to send names one
        "offer",
        "contract",
        "letter",
        "paperwork",
        "agreement",
        "times",
        "slots",
        "dates",
        "invit",
        "link",
        "details",
        "documents",
        "material",
        "numbers",
        "appointments",
        "options",
        "confirmation",
        "schedule",
    ),
    WAIT_FOR_US: (
        "touch",
        "contact",
        "back",
        "reach",
        "let",
        "hear",
        "only",
        "need",
        "tight",
        "wait",
        "circle",
        "update",
        "notify",
        "call",
        "mail",
        "phon",
        "ring",
        "keep",
        "leave",
        "revert",
        "ping",
        "text",
        "drop",
        "await",
        "bell",
        "shout",
        "buzz",
        "receive no",
        "invited",
        "notified",
        "respond",
        "reply",
        "follow",
        "update",
        "expect",
    ),
    IN_RUNNING: (
        "choosing",
        "other",
        "recommended",
        "short",
        "round",
        "stage",
        "interview",
        "step",
        "referen",
        "referee",
        "running",
        "mix",
        "frame",
        "consider",
        "contention",
        "contender",
        "forward",
        "through",
        "finalist",
        "candidates",
        "back",
        "process",
        "race",
        "meet",
        " on",
        "bring you",
    ),
    ON_HOLD: (
        "standby",
        "hold",
        "ice",
        "pause",
        "suspend",
        "froze",
        "frozen",
        "freez",
        "postpon",
        "delay",
        "fill",
        "pausing",
    ),
    RELEASED: (
        "releas",
        "free",
        "encourag",
        "welcome",
        "wait",
        "hold",
        "keep",
        "move on",
        "continue",
        "other",
        "another",
        "elsewhere",
        "hang",
    ),
    REJECTED: (
        "other",
        "different",
        "not",
        "n't",
        "n’t",
        "no longer",
        "filled",
        "closed",
        "file",
        "mind",
        "regret",
        "unfortunately",
        "selected",
        "successful",
        "rejected",
        "turned",
        "pass",
        "fit",
        "match",
        "favour",
        "favor",
        "whose",
        "internal",
        "someone",
        "somebody",
        "keep",
        "hold",
        "retain",
        "store",
        "have your",
        "have my",
        "cannot",
        "hang on",
        "unable",
    ),
    MORE_OFFER: (
        "assignment",
        "placement",
        "locum",
        "booking",
        "ahead",
        "go with",
        "signature",
        "sign",
        "joining",
        "first day",
        "yours",
        "hired",
        "got the",
        "team",
        "want",
        "like",
        "love",
        "board",
        "selected",
        "chosen",
        "choice",
        "appoint",
        "hire",
        "employ",
        "engage",
        "successful",
        "contract",
        "confirm",
        "start",
        "place",
        "spot",
        "post",
        "role",
        "position",
        "hiring",
        "mine",
        "yours",
        "got the",
        "propose",
        "name",
        "want",
        "wanted",
    ),
    MORE_IN_RUNNING: (
        "check",
        "screening",
        "verification",
        "investigation",
        "vetting",
        "bgv",
        "refs",
        "references",
        "referees",
        "invited",
        "scheduled",
        "booked",
        "confirmed",
        "a go",
        " on",
        "set",
        "locked",
        "pick",
        "choice",
        "candidate",
        "narrowed",
        "moved",
        "progressed",
        "advanced",
        "changed",
        "shortlisted",
    ),
    MORE_REJECTED: (
        "covered",
        "selected",
        "successful",
        "shortlisted",
        "chosen",
        "progressed",
        "recommended",
        "included",
        "qualified",
        "offered",
        "no longer",
        "eliminat",
        "cancel",
        "withdr",
        "pulled",
        "cut",
        "closed",
        "scrapped",
        "abolish",
        "suppress",
        "removed",
        "filled",
        "internal",
        "someone",
        "somebody",
        "another",
        "different",
        "the other",
        "candidate w",
        "way",
        "direction",
        "route",
        "pass",
        "n't get",
        "not get",
        "offer",
        "negative",
        "unfavo",
        "stop",
        " end ",
        "end the",
        "close",
        "discontinu",
        "continue",
        "progress",
        "proceed",
        "forward",
        "see a",
        "see the",
        "pursu",
        "consider",
    ),
    REJECTED_OTHERWISE: (
        "other",
        "different",
        "applicants",
        "candidates",
        "candidate more",
        "candidate better",
        "candidate closer",
        "candidate whose",
        "candidate who",
        "w/",
        "filled",
        "cancel",
        "withdr",
        "scrapped",
        "closed",
        "eliminat",
        "appointment",
        "appointed mr",
        "appointed ms",
        "appointed mrs",
        "appointed dr",
        "appointed miss",
        "appointed prof",
        "negative",
        "back with a",
        "back no",
        "off the table",
        "regret",
        "thanks but",
        "thanks, but",
        "difficult",
        "pass on",
        "passing on",
        "did not",
        "didn't",
        "didn’t",
        "gone",
        "went",
        "given",
        "gave",
        "giving",
        "awarded",
        "offer",
        "unsuccessful",
        "not proceed",
        "not progress",
        "not advance",
        "not move forward",
        "not go forward",
        "not be progressed",
        "not be advanced",
        "not be taken forward",
        "going with",
        "going for",
        "go with",
        "go for",
        "no longer",
        "abandon",
        "called off",
        "discontinu",
        "terminat",
        "no further",
        "any further",
        "progressed further",
        "considered further",
        "taken further",
        "proceed further",
        "go further",
        "going further",
        "progress further",
        "move further",
        "moving further",
        "advance further",
        "including you",
        "incl. you",
        "not a fit",
        "not the fit",
        "not quite",
        "not really",
        "not exactly",
        "not just",
        "a fit for",
        "a fit at",
        "a fit right",
        "a fit this",
        "a match for",
        "a match at",
        "a match right",
        "a match this",
        "took on",
        "taken on",
        "take on",
        "taking on",
        "promot",
        "phd",
        "been taken",
        "snapped",
        "successful candidate",
        "successful applicant",
        "not taking",
        "is withdrawn",
        "is cancel",
        "are withdrawn",
    ),
    OFFER: (
        "offer",
        "team",
        "welcome",
        "got the",
        "welcoming",
        "appointment",
    ),
    PREFER: (
        "way",
        "rather",
        "instead",
        "prefer",
        "best",
        "better",
        "easier",
        "easiest",
        "quick",
        "fast",
        "sure",
        "reliable",
        "communicat",
        "correspond",
        "only",
        "simplest",
        "by e",
        "by p",
        "by t",
        "via",
        "per e",
        "per p",
        "through",
        "->",
        "calling",
        "phoning",
        "texting",
        "not mail",
        "not e",
        "not phone",
        "not call",
        "not by",
        "not on",
        "not link",
        "not text",
        "not whats",
        "than",
    ),
    SILENCE: (
        "if ",
        "should",
        "when",
        "no word",
        "no news",
        "no response",
        "no contact",
        "without",
        "case",
        "event",
        "applicants",
        "candidates",
        "those",
        "anyone",
        "people",
        "persons",
        "individuals",
    ),
}


# The same, as one search for any of the words, by the pattern's id (a pattern's hash is worked
# out afresh each time, from its code).
ANY_KEYWORD = {id(pattern): any_of(words) for pattern, words in KEYWORDS.items()}


def search(pattern: re.Pattern[str], sentence: str, lower: str) -> re.Match[str] | None:
    """The pattern's first match in the sentence (lower: the sentence in lower case)."""
    words = ANY_KEYWORD.get(id(pattern))
    if words is not None and words.search(lower) is None:
        return None
    return pattern.search(sentence)
