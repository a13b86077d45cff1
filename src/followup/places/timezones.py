"""An employer's time zone from its phone number, or from its country and region, when that is
unambiguous."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo


class AmbiguousTimezone(ValueError):
    pass


# Regions whose time zone the country alone does not tell. A region listed with one zone is
# covered by it; one that is split between zones is listed with them all.
REGIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "US": {
        **dict.fromkeys(
            "CT DE DC GA ME MD MA NH NJ NY NC OH PA RI SC VT VA WV".split(),
            ("America/New_York",),
        ),
        **dict.fromkeys("AL AR IL IA LA MN MS MO OK WI".split(), ("America/Chicago",)),
        **dict.fromkeys("CO MT NM UT WY".split(), ("America/Denver",)),
        **dict.fromkeys("CA WA NV".split(), ("America/Los_Angeles",)),
        "AZ": ("America/Phoenix",),
        "HI": ("Pacific/Honolulu",),
        "PR": ("America/Puerto_Rico",),
        "GU": ("Pacific/Guam",),
        "VI": ("America/St_Thomas",),
        "AS": ("Pacific/Pago_Pago",),
        "MP": ("Pacific/Saipan",),
        "FL": ("America/New_York", "America/Chicago"),
        "IN": ("America/Indiana/Indianapolis", "America/Chicago"),
        "KY": ("America/New_York", "America/Chicago"),
        "TN": ("America/Chicago", "America/New_York"),
        "MI": ("America/Detroit", "America/Menominee"),
        "TX": ("America/Chicago", "America/Denver"),
        "KS": ("America/Chicago", "America/Denver"),
        "NE": ("America/Chicago", "America/Denver"),
        "ND": ("America/Chicago", "America/Denver"),
        "SD": ("America/Chicago", "America/Denver"),
        "ID": ("America/Boise", "America/Los_Angeles"),
        "OR": ("America/Los_Angeles", "America/Boise"),
        "AK": ("America/Anchorage", "America/Adak"),
    },
    "CA": {
        "AB": ("America/Edmonton",),
        "BC": ("America/Vancouver",),
        "MB": ("America/Winnipeg",),
        "NB": ("America/Moncton",),
        "NL": ("America/St_Johns",),
        "NS": ("America/Halifax",),
        "ON": ("America/Toronto",),
        "PE": ("America/Halifax",),
        "QC": ("America/Toronto",),
        "SK": ("America/Regina",),
        "YT": ("America/Whitehorse",),
    },
    "AU": {
        "NSW": ("Australia/Sydney",),
        "ACT": ("Australia/Sydney",),
        "VIC": ("Australia/Melbourne",),
        "QLD": ("Australia/Brisbane",),
        "SA": ("Australia/Adelaide",),
        "WA": ("Australia/Perth",),
        "TAS": ("Australia/Hobart",),
        "NT": ("Australia/Darwin",),
    },
    "ES": {"CN": ("Atlantic/Canary",), "CE": ("Africa/Ceuta",), "ML": ("Africa/Ceuta",)},
    "PT": {"20": ("Atlantic/Azores",), "30": ("Atlantic/Madeira",)},
}

# Where one zone covers the country but for islands or exclaves named by their region above.
MAINLAND = {"ES": "Europe/Madrid", "PT": "Europe/Lisbon"}


def infer_timezone(country: str, subdivision: str | None, year: int) -> str:
    """The IANA zone of a country (and region) in a year; AmbiguousTimezone when it cannot be told."""
    if subdivision and subdivision in REGIONS.get(country, {}):
        zones = REGIONS[country][subdivision]
        if len(zones) == 1:
            return zones[0]
        raise AmbiguousTimezone(f"{country}-{subdivision} spans several time zones ({', '.join(zones)})")
    if country in MAINLAND:
        return MAINLAND[country]
    zones = country_zones().get(country, ())
    if not zones:
        raise AmbiguousTimezone(f"no time zone is known for country {country}")
    if len(zones) == 1 or _same_clock(zones, year):
        return zones[0]
    where = f"{country}-{subdivision}" if subdivision else country
    raise AmbiguousTimezone(f"{where} spans several time zones ({', '.join(zones[:4])}, ...)")


@lru_cache(maxsize=1)
def country_zones() -> dict[str, tuple[str, ...]]:
    """Each country's zones, in the order of the time zone database's zone.tab."""
    zones: dict[str, list[str]] = defaultdict(list)
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone, *_comment = line.split("\t")
            zones[country].append(zone)
    return {country: tuple(found) for country, found in zones.items()}


def _same_clock(zones: tuple[str, ...], year: int) -> bool:
    """Whether the zones keep the same clock all year, winter and summer (Berlin, Busingen)."""
    moments = [datetime(year, month, 15, 12, tzinfo=UTC) for month in (1, 4, 7, 10)]
    offsets = {tuple(moment.astimezone(ZoneInfo(zone)).utcoffset() for moment in moments) for zone in zones}
    return len(offsets) == 1


def readable_phone(phone: str, country: str | None) -> bool:
    """Whether a phone number can be read: with its country code, or in the employer's country."""
    import phonenumbers

    try:
        phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        return False
    return True


def country_of_phone(phone: str) -> str | None:
    """The country of a number given with its country code (+44 20 ...: GB), when followup
    knows its holidays."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    return region if region and region != "ZZ" and phonenumbers.is_valid_number(number) else None


def zone_of_phone(phone: str, country: str | None) -> str | None:
    """The one IANA zone a phone number's area lies in (+1 312: Chicago); None when the number
    cannot be read or its area spans several zones."""
    import phonenumbers  # its tables load only when a number is read
    from phonenumbers import timezone as phone_zones

    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    zones = phone_zones.time_zones_for_number(number)
    if len(zones) != 1 or zones[0] == phone_zones.UNKNOWN_TIMEZONE:
        return None
    return str(zones[0])
