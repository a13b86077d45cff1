"""Rule 7, the channel: what they asked for or prefer, else the default; a visit only when
invited (or to a small local business that welcomes it, when you live nearby); never a channel
they ruled out."""

from __future__ import annotations

from typing import NamedTuple
from zoneinfo import ZoneInfo

from followup.core import words
from followup.core.model import Case, Channel, Event, Kind, Policy, Purpose, Reason
from followup.core.story import Story


class ChannelChoice(NamedTuple):
    channel: Channel | None  # None: every way to reach them is ruled out
    reasons: tuple[Reason, ...]


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
    if purpose is Purpose.CALL_BACK:
        candidates.append((Channel.PHONE, "channel.call_back", None))
    candidates += [
        (policy.default_channel, "channel.default", None),
        (Channel.EMAIL, "channel.default", None),
        (Channel.PHONE, "channel.default", None),
    ]
    refused: list[Reason] = []
    for tried, (channel, rule, source) in enumerate(candidates):
        why_not = _why_not(channel, story, case, zone)
        if why_not is None:
            chosen = Reason(rule, _text(channel, rule, source, zone, fallback=tried > 0))
            return ChannelChoice(channel, (*refused, chosen))
        if why_not not in refused:
            refused.append(why_not)
    return ChannelChoice(None, tuple(refused))


def _why_not(channel: Channel, story: Story, case: Case, zone: ZoneInfo) -> Reason | None:
    """Why a channel may not be used; None when it may."""
    banned = story.banned.get(channel)
    if banned is not None:
        said = words.short_day(banned.at.astimezone(zone))
        return Reason(
            "channel.ruled_out", f"On {said} they ruled out contact {words.channel(channel.value)}."
        )
    welcome = case.employer.allows_visits and case.candidate.local_to_employer
    if channel is Channel.VISIT and channel not in story.invited and not welcome:
        return Reason(
            "channel.visit",
            "An office visit needs their invitation, or a small local business that welcomes "
            "visits while you live nearby.",
        )
    return None


def _text(channel: Channel, rule: str, source: Event | None, zone: ZoneInfo, *, fallback: bool) -> str:
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
    if fallback:
        return f"Follow up {how} instead, the way left open to you."
    return f"With no preference from them, follow up {how}."
