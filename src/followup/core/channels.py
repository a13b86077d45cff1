"""Rule 7, the channel: what they asked for or prefer, else the default; a visit only when they
invited it (or a small local business welcomes visits) and you live nearby; never a channel they
ruled out. Every channel that may not be used is listed with its reason (`ruled_out`), so that no
face offers it."""

from __future__ import annotations

from typing import NamedTuple
from zoneinfo import ZoneInfo

from followup.core import words
from followup.core.model import Case, Channel, Event, Kind, Policy, Purpose, Reason, Rule, RuledOut
from followup.core.story import Story

NOT_TO = {Channel.PHONE: "not to call", Channel.EMAIL: "not to email", Channel.VISIT: "not to come by"}
CHANNELS = tuple(Channel)  # email, phone, visit: a tuple is quicker to go through than the enum


class ChannelChoice(NamedTuple):
    channel: Channel | None  # None: every way to reach them is ruled out
    reasons: tuple[Reason, ...]


UNINVITED = RuledOut(
    Channel.VISIT,
    Rule.CHANNEL_VISIT,
    "An office visit needs their invitation (or a small local business that welcomes visits), and "
    "you living nearby.",
)


def _no_preference(channel: Channel) -> str:
    return f"With no preference from them, follow up {words.channel(channel.value)}."


NO_PREFERENCE = {  # the most common choice, made once
    channel: ChannelChoice(channel, (Reason(Rule.CHANNEL_DEFAULT, _no_preference(channel)),))
    for channel in (Channel.EMAIL, Channel.PHONE)
}


def ruled_out(story: Story, case: Case, zone: ZoneInfo) -> tuple[RuledOut, ...]:
    """Every channel that may not be used now, in the order email, phone, visit, with why."""
    if not story.banned and Channel.VISIT not in story.invited and not case.employer.allows_visits:
        return (UNINVITED,)  # the most common answer, made once
    found = []
    for channel in CHANNELS:
        why = _why_not(channel, story, case, zone)
        if why is not None:
            found.append(why)
    return tuple(found)


def choose_channel(
    purpose: Purpose, story: Story, case: Case, policy: Policy, barred: tuple[RuledOut, ...]
) -> ChannelChoice:
    """The channel for the contact, given what may not be used (`ruled_out`), with its reason."""
    when = story.when
    if (
        story.preferred is None
        and purpose is not Purpose.CALL_BACK
        and (when is None or not when.channels)
        and barred == (UNINVITED,)
        and policy.default_channel is not Channel.VISIT
    ):  # the most common case: no word from them on channels
        return NO_PREFERENCE[policy.default_channel]
    candidates: list[tuple[Channel, Rule, Event | None]] = []
    if purpose is Purpose.CALL_BACK and when is not None and when.channel is not None:
        candidates.append((when.channel, Rule.CHANNEL_CALL_BACK, when))
    if when is not None and when.kind is Kind.OK_TO_FOLLOW_UP:  # "feel free to call me"
        candidates += [
            (channel, Rule.CHANNEL_INVITED, when) for channel in CHANNELS if channel in when.channels
        ]
    if story.preferred is not None and story.preferred.channel is not None:
        candidates.append((story.preferred.channel, Rule.CHANNEL_PREFERRED, story.preferred))
    if any(channel is Channel.VISIT for channel, _rule, _source in candidates):
        candidates.append((Channel.PHONE, Rule.CHANNEL_VISIT, None))  # in person, or nearest to it
    if purpose is Purpose.CALL_BACK:
        candidates.append((Channel.PHONE, Rule.CHANNEL_CALL_BACK, None))
    candidates += [
        (policy.default_channel, Rule.CHANNEL_DEFAULT, None),
        (Channel.EMAIL, Rule.CHANNEL_DEFAULT, None),
        (Channel.PHONE, Rule.CHANNEL_DEFAULT, None),
    ]
    zone = case.employer.timezone
    refused = {ruled.channel: ruled for ruled in barred}
    passed_over: list[RuledOut] = []  # what they asked for or the default, that may not be used
    for channel, rule, source in candidates:
        if channel in refused:
            if refused[channel] not in passed_over:
                passed_over.append(refused[channel])
            continue
        if rule is Rule.CHANNEL_DEFAULT:  # a ban of theirs is a preference too: say so
            passed_over += [ruled for ruled in refused.values() if ruled.rule is Rule.CHANNEL_RULED_OUT]
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
        return RuledOut(channel, Rule.CHANNEL_RULED_OUT, text, banned.at.astimezone(zone))
    if channel is not Channel.VISIT:
        return None
    invited = story.invited.get(Channel.VISIT)
    welcome = case.employer.allows_visits
    if invited is None and not welcome:
        return UNINVITED
    if case.candidate.local_to_employer:
        return None
    if invited is not None:
        said = words.short_day(invited.at.astimezone(zone))
        text = f"On {said} they asked to see you in person, but you do not live nearby"
    else:
        text = "They welcome visits, but you do not live nearby"
    said_at = invited.at.astimezone(zone) if invited else None
    return RuledOut(
        channel, Rule.CHANNEL_NOT_LOCAL, f"{text} (if you do, say so: local_to_employer).", said_at
    )


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


def _how(channel: Channel) -> str:
    return {Channel.EMAIL: "email", Channel.PHONE: "phone", Channel.VISIT: "a visit"}[channel]


def _text(channel: Channel, rule: Rule, source: Event | None, zone: ZoneInfo) -> str:
    how = words.channel(channel.value)
    said = words.short_day(source.at.astimezone(zone)) if source is not None else ""
    if rule == Rule.CHANNEL_PREFERRED:
        return f"On {said} they said they prefer contact {how}."
    if rule == Rule.CHANNEL_INVITED:
        return f"On {said} they invited you to get in touch {how}."
    if rule == Rule.CHANNEL_CALL_BACK:
        return (
            f"They asked you to get back to them {how}."
            if source
            else "They asked you to call back, so phone them."
        )
    return _no_preference(channel)
