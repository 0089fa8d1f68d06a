"""Sharing a cost among the participating municipalities (DOMAIN.md § 5, R-FIN-1, R-FIN-4 and
R-FIN-9).

Pure functions without database access, so that they can be property-tested. Exact arithmetic
uses fractions; amounts come back as Decimals rounded to the rounding unit.

Two families of models:
- a split model: an amount to cover, a fixed share split equally and the rest split by
  population (Helgeland 20/80, Agder 50/50). Named members may first carry an agreed share of
  their own, a percentage of the amount or an amount («Trondheim kommune finansierer 50 %»,
  R-FIN-9); the others split what is left. Each municipality's total is its exact share rounded
  by largest remainder, so that the totals add up exactly to the amount (R-FIN-4);
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
RATE_PLACES = 4


class AllocationError(ValueError):
    """The input cannot be allocated; the message says why, for the user."""


class MissingPopulation(AllocationError):
    """Population figures of `year` are missing (R-FIN-2); the page links to where they are
    typed in."""

    def __init__(self, message, year):
        super().__init__(message)
        self.year = year


@dataclass(frozen=True)
class Participant:
    number: str  # kommunenummer, also the tie-breaker of R-FIN-4
    name: str
    population: int


@dataclass(frozen=True)
class AgreedShare:
    """A member that carries a share of its own before the rest is split (R-FIN-9): either a
    percentage of the amount to cover or an amount in kroner."""

    number: str
    percent: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Share:
    number: str
    name: str
    population: int
    fixed: Decimal  # the equal part, rounded on its own
    population_part: Decimal  # population × rate, rounded on its own
    total: Decimal  # what the municipality pays
    agreed: Decimal = Decimal(0)  # an agreed share (R-FIN-9), rounded on its own
    agreed_percent: Decimal | None = None

    @property
    def rounding(self):
        """What the largest-remainder rounding added to (or took from) the parts."""
        return self.total - self.fixed - self.population_part - self.agreed

    @property
    def is_agreed(self):
        return self.agreed_percent is not None or bool(self.agreed)


@dataclass(frozen=True)
class Allocation:
    shares: list
    unit: Decimal
    rate: Fraction  # exact kroner per inhabitant
    fixed_each: Fraction = Fraction(0)  # exact equal part of each splitting member
    variable: Fraction = Fraction(0)  # exact amount split by population
    split_population: int = 0  # the population that `variable` is split by
    split_count: int = 0  # the members that share the equal part
    amount: Fraction | None = None  # the amount to cover (split models)

    @property
    def total(self):
        return sum((share.total for share in self.shares), Decimal(0))

    @property
    def population(self):
        return sum(share.population for share in self.shares)

    @property
    def has_agreed(self):
        return any(share.is_agreed for share in self.shares)

    @property
    def fixed_amount(self):
        """The amount split equally, exactly (split models: a Decimal that terminates)."""
        return exact_decimal(self.fixed_each * self.split_count, 8)

    @property
    def variable_amount(self):
        """The amount split by population, exactly."""
        return exact_decimal(self.variable, 8)

    @property
    def exact_rate(self):
        """The rate as a Decimal when it has at most four decimals, else None: then only the
        fraction variable / split_population states it exactly."""
        return exact_decimal(self.rate, RATE_PLACES)


def exact_decimal(value, places):
    """A Fraction as a Decimal if it has at most `places` decimals, else None."""
    scaled = value * 10**places
    if scaled.denominator != 1:
        return None
    return Decimal(scaled.numerator).scaleb(-places).normalize()


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


def _agreed_amounts(participants, agreed, amount):
    """{kommunenummer: exact agreed share}; refuses shares that name no participant or that
    together exceed the amount to cover (R-FIN-9)."""
    names = {p.number: p.name for p in participants}
    result = {}
    for share in agreed:
        if share.number not in names:
            raise AllocationError(_("Municipality %(number)s has an agreed share but does not "
                                    "take part.") % {"number": share.number})
        if (share.percent is None) == (share.amount is None):
            raise AllocationError(_("The agreed share of %(name)s needs either a percentage or "
                                    "an amount.") % {"name": names[share.number]})
        value = (amount * _fraction(share.percent) / 100 if share.percent is not None
                 else _fraction(share.amount))
        if value < 0:
            raise AllocationError(_("The agreed share of %(name)s cannot be negative.")
                                  % {"name": names[share.number]})
        result[share.number] = value
    if sum(result.values(), Fraction(0)) > amount:
        raise AllocationError(_("The agreed shares add up to more than the amount to cover."))
    return result


def allocate_split(participants, *, amount, fixed_share, unit=WHOLE_KRONER, agreed=()):
    """Split `amount`: agreed shares first (R-FIN-9), then `fixed_share` (0 to 1) of the rest
    equally among the other members and what remains by their population.

    Totals are exact shares rounded by largest remainder, so they add up to `amount` exactly
    (R-FIN-4); the parts are each rounded on their own for display.
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
    agreed_exact = _agreed_amounts(participants, agreed, amount)
    percents = {share.number: share.percent for share in agreed}
    splitting = [p for p in participants if p.number not in agreed_exact]
    rest = amount - sum(agreed_exact.values(), Fraction(0))
    if not splitting and rest:
        raise AllocationError(_("Every member has an agreed share, and nobody is left to "
                                "share the rest."))
    population = sum(p.population for p in splitting)
    variable = rest * (1 - fixed_share)
    if population == 0 and variable:
        raise AllocationError(_("The participants have no population to share by."))
    fixed_each = rest * fixed_share / len(splitting) if splitting else Fraction(0)
    rate = variable / population if population else Fraction(0)

    def exact(p):
        if p.number in agreed_exact:
            return agreed_exact[p.number]
        return fixed_each + rate * p.population

    units = largest_remainder([exact(p) / unit_fraction for p in participants],
                              int(amount / unit_fraction), [p.number for p in participants])
    shares = []
    for i, p in enumerate(participants):
        total = units[i] * unit
        if p.number in agreed_exact:
            shares.append(Share(number=p.number, name=p.name, population=p.population,
                                fixed=Decimal(0), population_part=Decimal(0), total=total,
                                agreed=round_half_up(agreed_exact[p.number], unit),
                                agreed_percent=percents[p.number]))
        else:
            shares.append(Share(number=p.number, name=p.name, population=p.population,
                                fixed=round_half_up(fixed_each, unit),
                                population_part=round_half_up(rate * p.population, unit),
                                total=total))
    return Allocation(shares=sorted(shares, key=lambda s: s.number), unit=unit, rate=rate,
                      fixed_each=fixed_each, variable=variable, split_population=population,
                      split_count=len(splitting), amount=amount)


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
    return Allocation(shares=sorted(shares, key=lambda s: s.number), unit=unit,
                      rate=_fraction(rate), fixed_each=_fraction(base),
                      split_population=sum(p.population for p in participants),
                      split_count=len(participants))
