"""Rule 7, the channel: what they asked for or prefer, else the default; a visit only when they
invited it (or a small local business welcomes visits) and you live nearby; never a channel they
ruled out. Every channel that may not be used is listed with its reason (`ruled_out`), so that no
face offers it."""

from __future__ import annotations

from typing import NamedTuple
from zoneinfo import ZoneInfo

from followup.core import words
from followup.core.model import Case, Channel, Event, Kind, Policy, Purpose, Reason, RuledOut
from followup.core.story import Story

NOT_TO = {Channel.PHONE: "not to call", Channel.EMAIL: "not to email", Channel.VISIT: "not to come by"}


class ChannelChoice(NamedTuple):
    channel: Channel | None  # None: every way to reach them is ruled out
    reasons: tuple[Reason, ...]


def ruled_out(story: Story, case: Case, zone: ZoneInfo) -> tuple[RuledOut, ...]:
    """Every channel that may not be used now, in the order email, phone, visit, with why."""
    found = []
    for channel in Channel:
        why = _why_not(channel, story, case, zone)
        if why is not None:
            found.append(why)
    return tuple(found)


def choose_channel(
    purpose: Purpose, story: Story, case: Case, policy: Policy, zone: ZoneInfo
) -> ChannelChoice:
    when = story.when
    candidates: list[tuple[Channel, str, Event | None]] = []
    if purpose is Purpose.CALL_BACK and when is not None and when.channel is not None:
        candidates.append((when.channel, "channel.call_back", when))
    if when is not None and when.kind is Kind.OK_TO_FOLLOW_UP:  # "feel free to call me"
        candidates += [(channel, "channel.invited", when) for channel in Channel if channel in when.channels]
    if story.preferred is not None and story.preferred.channel is not None:
        candidates.append((story.preferred.channel, "channel.preferred", story.preferred))
    if any(channel is Channel.VISIT for channel, _rule, _source in candidates):
        candidates.append((Channel.PHONE, "channel.visit", None))  # in person, or nearest to it
    if purpose is Purpose.CALL_BACK:
        candidates.append((Channel.PHONE, "channel.call_back", None))
    candidates += [
        (policy.default_channel, "channel.default", None),
        (Channel.EMAIL, "channel.default", None),
        (Channel.PHONE, "channel.default", None),
    ]
    refused = {ruled.channel: ruled for ruled in ruled_out(story, case, zone)}
    passed_over: list[RuledOut] = []  # what they asked for or the default, that may not be used
    for channel, rule, source in candidates:
        if channel in refused:
            if refused[channel] not in passed_over:
                passed_over.append(refused[channel])
            continue
        if rule == "channel.default":  # a ban of theirs is a preference too: say so
            passed_over += [ruled for ruled in refused.values() if ruled.rule == "channel.ruled_out"]
            passed_over = list(dict.fromkeys(passed_over))
        if passed_over:
            because = "; ".join(
                _lowered(ruled.text.rstrip(".")) if index else ruled.text.rstrip(".")
                for index, ruled in enumerate(passed_over)
            )
            return ChannelChoice(channel, (Reason(passed_over[0].rule, f"{because}, so: {_how(channel)}."),))
        return ChannelChoice(channel, (Reason(rule, _text(channel, rule, source, zone)),))
    return ChannelChoice(None, tuple(Reason(ruled.rule, ruled.text) for ruled in refused.values()))


def _why_not(channel: Channel, story: Story, case: Case, zone: ZoneInfo) -> RuledOut | None:
    """Why a channel may not be used; None when it may."""
    banned = story.banned.get(channel)
    if banned is not None:
        said = words.short_day(banned.at.astimezone(zone))
        if banned.channels and len(banned.channels) < len(Channel):
            text = f"On {said} they asked you {NOT_TO[channel]}."
        else:
            text = f"On {said} they asked for no contact at all."
        return RuledOut(channel, "channel.ruled_out", text, banned.at)
    if channel is not Channel.VISIT:
        return None
    invited = story.invited.get(Channel.VISIT)
    welcome = case.employer.allows_visits
    if invited is None and not welcome:
        return RuledOut(
            channel,
            "channel.visit",
            "An office visit needs their invitation (or a small local business that welcomes "
            "visits), and you living nearby.",
        )
    if case.candidate.local_to_employer:
        return None
    if invited is not None:
        said = words.short_day(invited.at.astimezone(zone))
        text = f"On {said} they asked to see you in person, but you do not live nearby"
    else:
        text = "They welcome visits, but you do not live nearby"
    said_at = invited.at if invited else None
    return RuledOut(channel, "channel.not_local", f"{text} (candidate.local_to_employer).", said_at)


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


def _how(channel: Channel) -> str:
    return {Channel.EMAIL: "email", Channel.PHONE: "phone", Channel.VISIT: "a visit"}[channel]


def _text(channel: Channel, rule: str, source: Event | None, zone: ZoneInfo) -> str:
    how = words.channel(channel.value)
    said = words.short_day(source.at.astimezone(zone)) if source is not None else ""
    if rule == "channel.preferred":
        return f"On {said} they said they prefer contact {how}."
    if rule == "channel.invited":
        return f"On {said} they invited you to get in touch {how}."
    if rule == "channel.call_back":
        return (
            f"They asked you to get back to them {how}."
            if source
            else "They asked you to call back, so phone them."
        )
    return f"With no preference from them, follow up {how}."
