"""Public holidays by country and region, from the `holidays` package, built once per year."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


class PublicHolidays:
    """A country's (and region's) public holidays, as the engine's HolidayCalendar."""

    __slots__ = ("_years", "country", "subdivision")

    def __init__(self, country: str, subdivision: str | None = None) -> None:
        self.country = country
        self.subdivision = subdivision
        self._years: dict[int, dict[date, str]] = {}

    def _year(self, year: int) -> dict[date, str]:
        found = self._years.get(year)
        if found is None:
            calendar = holidays.country_holidays(
                self.country, subdiv=self.subdivision, years=year, language="en_US"
            )
            found = self._years[year] = dict(calendar.items())
        return found

    def dates(self, year: int) -> dict[date, str]:
        return self._year(year)

    def name(self, day: date) -> str | None:
        return self._year(day.year).get(day)

    def __repr__(self) -> str:
        region = f"-{self.subdivision}" if self.subdivision else ""
        return f"PublicHolidays({self.country}{region})"


@lru_cache(maxsize=512)
def public_holidays(country: str, subdivision: str | None = None) -> PublicHolidays:
    return PublicHolidays(country, subdivision)


def supported_countries() -> dict[str, list[str]]:
    """Country codes, and their subdivisions, that public holidays are known for."""
    return holidays.list_supported_countries()
