"""Sharing a cost among the participating municipalities (DOMAIN.md § 5, R-FIN-1 and R-FIN-4).

Pure functions without database access, so that they can be property-tested. Exact arithmetic
uses fractions; amounts come back as Decimals rounded to the rounding unit.

Two families of models:
- a split model: an amount to cover, a fixed share split equally and the rest split by
  population (Helgeland 20/80, Agder 50/50). Each municipality's total is its exact share
  rounded by largest remainder, so that the totals add up exactly to the amount (R-FIN-4);
- a rate model: a base amount per municipality plus a rate per inhabitant (a fee per
  inhabitant is a base of 0). No total is given, so each amount is rounded on its own, an
  exact half rounding up.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

WHOLE_KRONER = Decimal("1")
ORE = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")


class AllocationError(ValueError):
    """The input cannot be allocated; the message says why, for the user."""


@dataclass(frozen=True)
class Participant:
    number: str  # kommunenummer, also the tie-breaker of R-FIN-4
    name: str
    population: int


@dataclass(frozen=True)
class Share:
    number: str
    name: str
    population: int
    fixed: Decimal  # the fixed part, rounded on its own
    population_part: Decimal  # population × rate, rounded on its own
    total: Decimal  # what the municipality pays

    @property
    def rounding(self):
        """What the largest-remainder rounding added to (or took from) the two parts."""
        return self.total - self.fixed - self.population_part


@dataclass(frozen=True)
class Allocation:
    shares: list
    rate: Decimal  # kroner per inhabitant, to four decimals for display
    unit: Decimal

    @property
    def total(self):
        return sum((share.total for share in self.shares), Decimal(0))

    @property
    def population(self):
        return sum(share.population for share in self.shares)


def round_half_up(value, unit):
    """A Fraction or Decimal rounded exactly to the unit, an exact half away from zero."""
    steps = Fraction(value) / Fraction(unit)
    whole = math.floor(abs(steps) + Fraction(1, 2))
    return Decimal(whole if steps >= 0 else -whole) * unit


def _fraction(value):
    return Fraction(Decimal(value))


def _check(participants, unit):
    if unit not in (WHOLE_KRONER, ORE):
        raise AllocationError(_("The rounding unit must be whole kroner or øre."))
    if not participants:
        raise AllocationError(_("There are no participating municipalities."))
    numbers = [p.number for p in participants]
    if len(set(numbers)) != len(numbers):
        raise AllocationError(_("A municipality is listed twice."))
    for participant in participants:
        if participant.population < 0:
            raise AllocationError(_("%(name)s has a negative population.")
                                  % {"name": participant.name})


def largest_remainder(exact, total_units, keys):
    """Whole units for each exact value (in units) so that they add up to total_units.

    Each value is rounded down, and the units left over go one each to the largest remainders;
    equal remainders go to the lowest key (the kommunenummer) first (R-FIN-4).
    """
    floors = [value.numerator // value.denominator for value in exact]
    left_over = total_units - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), keys[i]))
    for i in order[:left_over]:
        floors[i] += 1
    return floors


def allocate_split(participants, *, amount, fixed_share, unit=WHOLE_KRONER):
    """Split `amount` with `fixed_share` (0 to 1) equally and the rest by population.

    Totals are exact shares rounded by largest remainder, so they add up to `amount` exactly
    (R-FIN-4); the fixed and population parts are each rounded on their own for display.
    """
    _check(participants, unit)
    amount = _fraction(amount)
    fixed_share = _fraction(fixed_share)
    unit_fraction = _fraction(unit)
    if amount < 0:
        raise AllocationError(_("The amount to cover cannot be negative."))
    if (amount / unit_fraction).denominator != 1:
        raise AllocationError(_("The amount to cover must be a whole number of the rounding "
                                "unit (%(unit)s).") % {"unit": unit})
    if not 0 <= fixed_share <= 1:
        raise AllocationError(_("The fixed share must be between 0 and 100 %."))
    population = sum(p.population for p in participants)
    variable = amount * (1 - fixed_share)
    if population == 0 and variable:
        raise AllocationError(_("The participants have no population to share by."))
    fixed_each = amount * fixed_share / len(participants)
    rate = variable / population if population else Fraction(0)
    exact = [fixed_each + rate * p.population for p in participants]
    units = largest_remainder([value / unit_fraction for value in exact],
                              int(amount / unit_fraction), [p.number for p in participants])
    shares = [
        Share(number=p.number, name=p.name, population=p.population,
              fixed=round_half_up(fixed_each, unit),
              population_part=round_half_up(rate * p.population, unit),
              total=units[i] * unit)
        for i, p in enumerate(participants)
    ]
    return Allocation(shares=sorted(shares, key=lambda s: s.number),
                      rate=round_half_up(rate, RATE_PLACES), unit=unit)


def allocate_rates(participants, *, base, rate, unit=WHOLE_KRONER):
    """A base amount per municipality plus `rate` per inhabitant, each rounded on its own
    (half up: kr 16 992.50 becomes kr 16 993, R-FIN-4)."""
    _check(participants, unit)
    base, rate = Decimal(base), Decimal(rate)
    if base < 0 or rate < 0:
        raise AllocationError(_("The base amount and the rate cannot be negative."))
    fixed = round_half_up(base, unit)
    shares = []
    for p in participants:
        population_part = round_half_up(rate * p.population, unit)
        shares.append(Share(number=p.number, name=p.name, population=p.population,
                            fixed=fixed, population_part=population_part,
                            total=fixed + population_part))
    return Allocation(shares=sorted(shares, key=lambda s: s.number), rate=rate, unit=unit)
