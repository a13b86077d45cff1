"""Public holidays come from the `holidays` package, loading the employer's country alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from followup.places.public_holidays import public_holidays, subdivisions, supported


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_one_employer_loads_the_calendar_of_its_country_alone():
    loaded = run(
        """
        import sys
        from followup.places.public_holidays import public_holidays, supported, subdivisions
        assert supported("US") and "IL" in subdivisions("US")
        assert public_holidays("US", "IL").name(__import__("datetime").date(2026, 7, 3))
        print(sorted(m for m in sys.modules if m.startswith("holidays.countries.")))
        """
    )
    assert loaded == "['holidays.countries.united_states']"


def test_the_countries_known_are_the_librarys_with_their_regions():
    import holidays

    listed = holidays.list_supported_countries()
    assert all(supported(code) for code in listed)
    assert not supported("XX") and not supported("")
    assert {code: list(subdivisions(code)) for code in listed} == listed


@pytest.mark.parametrize(
    ("country", "region"),
    [("US", "IL"), ("GB", "ENG"), ("GB", "SCT"), ("DE", "BY"), ("JP", None), ("AU", "NSW"), ("IN", "MH")],
)
def test_each_country_loaded_alone_has_the_holidays_the_library_gives(country, region):
    alone = run(
        f"""
        from followup.places.public_holidays import public_holidays
        print(sorted(public_holidays({country!r}, {region!r}).dates(2027).items()))
        """
    )
    import holidays

    whole = holidays.country_holidays(country, subdiv=region, years=2027, language="en_US")
    assert alone == str(sorted(whole.items()))
    assert public_holidays(country, region).dates(2027) == dict(whole.items())
