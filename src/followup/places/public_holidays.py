"""Public holidays by country and region, from the `holidays` package, built once per year. The
package is loaded when a holiday is first asked for, and of it only the country asked for."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from functools import cache, lru_cache
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


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
            calendar = _library().country_holidays(
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


def supported(country: str) -> bool:
    """Whether public holidays are known for the country (an ISO 3166 code, or an alias like UK),
    without loading every country's calendar."""
    return country in _country_codes()


@cache
def _country_codes() -> frozenset[str]:
    _library()
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes())


@cache
def subdivisions(country: str) -> tuple[str, ...]:
    """The regions of a supported country that public holidays are known for (of it alone)."""
    return tuple(getattr(_library(), country).subdivisions)


@cache
def _library() -> ModuleType:
    """The `holidays` package, its countries loaded one by one as they are asked for. Its registry
    loads each country lazily, but from its countries package, whose own start imports all 250 of
    them (about 50 ms, more than the rest of `followup advise`); that package is stood in for by
    one that imports a country's module when one of its names is first asked for."""
    import holidays
    from holidays.registry import COUNTRIES

    name = "holidays.countries"
    if name not in sys.modules:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations is not None:
            sys.modules[name] = _Countries(spec, COUNTRIES)
    return holidays


class _Countries(ModuleType):
    """holidays.countries, importing each country's module when a name of it is first asked for."""

    def __init__(self, spec: ModuleSpec, registry: dict[str, tuple[str, ...]]) -> None:
        super().__init__(spec.name)
        self.__spec__ = spec
        self.__path__ = list(spec.submodule_search_locations or [])
        self.__file__ = spec.origin
        self._modules = {name: module for module, names in registry.items() for name in names}

    def __getattr__(self, name: str) -> Any:
        module = self._modules.get(name)
        if module is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        found = getattr(importlib.import_module(f"{self.__name__}.{module}"), name)
        setattr(self, name, found)
        return found
