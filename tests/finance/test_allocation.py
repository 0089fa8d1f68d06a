"""The cost allocation (DOMAIN.md § 5): golden table, rounding rules and properties."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finance.allocation import (
    ORE,
    WHOLE_KRONER,
    AllocationError,
    Participant,
    allocate_rates,
    allocate_split,
)

# DOMAIN.md § 5, seed 003 Vedlegg 2: number, name, population 1.1.2022, fixed, population
# part, total.
GOLDEN = [
    ("1812", "Sømna", 1981, 8712, 15477, 24189),
    ("1813", "Brønnøy", 7777, 8712, 60760, 69473),
    ("1815", "Vega", 1175, 8712, 9180, 17892),
    ("1816", "Vevelstad", 462, 8712, 3610, 12322),
    ("1818", "Herøy", 1825, 8712, 14258, 22971),
    ("1820", "Alstahaug", 7333, 8712, 57291, 66004),
    ("1822", "Leirfjord", 2257, 8712, 17634, 26346),
    ("1824", "Vefsn", 13233, 8712, 103387, 112099),
    ("1825", "Grane", 1461, 8712, 11415, 20127),
    ("1826", "Hattfjelldal", 1273, 8712, 9946, 18658),
    ("1827", "Dønna", 1369, 8712, 10696, 19408),
    ("1828", "Nesna", 1698, 8712, 13266, 21978),
    ("1832", "Hemnes", 4420, 8712, 34533, 43245),
    ("1833", "Rana", 26092, 8712, 203852, 212565),
    ("1834", "Lurøy", 1869, 8712, 14602, 23314),
    ("1835", "Træna", 450, 8712, 3516, 12228),
    ("1836", "Rødøy", 1153, 8712, 9008, 17720),
]


def golden_participants():
    return [Participant(number, name, population)
            for number, name, population, *_amounts in GOLDEN]


def test_golden_table_helgeland_2023_r_fin_1_r_fin_4():
    """R-FIN-1/R-FIN-4: 740 539 at 20/80 over 17 municipalities gives every amount of the
    golden table to the krone."""
    allocation = allocate_split(golden_participants(), amount=Decimal("740539"),
                                fixed_share=Decimal("0.2"))
    rows = [(s.number, s.name, s.population, s.fixed, s.population_part, s.total)
            for s in allocation.shares]
    assert rows == [(n, name, pop, Decimal(f), Decimal(p), Decimal(t))
                    for n, name, pop, f, p, t in GOLDEN]
    assert allocation.total == Decimal("740539")
    assert allocation.population == 75828


def test_golden_rana_total_includes_the_largest_remainder_krone():
    allocation = allocate_split(golden_participants(), amount=Decimal("740539"),
                                fixed_share=Decimal("0.2"))
    rana = next(s for s in allocation.shares if s.number == "1833")
    assert (rana.fixed, rana.population_part, rana.rounding) == (
        Decimal("8712"), Decimal("203852"), Decimal("1"))


def test_r_fin_4_equal_remainders_go_to_the_lower_kommunenummer_first():
    participants = [Participant("1836", "C", 100), Participant("1812", "A", 100),
                    Participant("1824", "B", 100)]
    allocation = allocate_split(participants, amount=Decimal("100"), fixed_share=Decimal("1"))
    assert [(s.number, s.total) for s in allocation.shares] == [
        ("1812", Decimal("34")), ("1824", Decimal("33")), ("1836", Decimal("33"))]


def test_r_fin_4_ore_as_rounding_unit():
    participants = [Participant("1812", "A", 1), Participant("1813", "B", 1),
                    Participant("1815", "C", 1)]
    allocation = allocate_split(participants, amount=Decimal("100.00"), fixed_share=Decimal("0"),
                                unit=ORE)
    assert [s.total for s in allocation.shares] == [
        Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_r_fin_4_fee_per_inhabitant_rounds_an_exact_half_up():
    """R-FIN-4: kr 2.50 × 6 797 = kr 16 992.50 becomes kr 16 993."""
    allocation = allocate_rates([Participant("3025", "Asker", 6797)], base=Decimal("0"),
                                rate=Decimal("2.50"))
    assert allocation.shares[0].total == Decimal("16993")
    assert allocate_rates([Participant("3025", "Asker", 6797)], base=Decimal("0"),
                          rate=Decimal("2.50"), unit=ORE).shares[0].total == Decimal("16992.50")


def test_r_fin_1_base_amount_plus_rate_per_inhabitant():
    allocation = allocate_rates(
        [Participant("5006", "Steinkjer", 24000), Participant("5007", "Namsos", 15300)],
        base=Decimal("10000"), rate=Decimal("6"))
    assert [(s.fixed, s.population_part, s.total) for s in allocation.shares] == [
        (Decimal("10000"), Decimal("144000"), Decimal("154000")),
        (Decimal("10000"), Decimal("91800"), Decimal("101800")),
    ]
    assert allocation.total == Decimal("255800")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"amount": Decimal("100.5"), "fixed_share": Decimal("0.2")}, "helt antall"),
    ({"amount": Decimal("-1"), "fixed_share": Decimal("0.2")}, "negativt"),
    ({"amount": Decimal("100"), "fixed_share": Decimal("1.2")}, "mellom 0 og 100"),
])
def test_bad_input_is_refused_with_a_reason(kwargs, message):
    with pytest.raises(AllocationError, match=message):
        allocate_split([Participant("1812", "A", 10)], **kwargs)


def test_no_participants_is_refused():
    with pytest.raises(AllocationError, match="ingen deltakende"):
        allocate_split([], amount=Decimal("100"), fixed_share=Decimal("0.2"))


participants_strategy = st.lists(
    st.integers(min_value=0, max_value=800_000), min_size=1, max_size=40,
).map(lambda populations: [Participant(f"{1000 + i}", f"K{i}", population)
                           for i, population in enumerate(populations)])
amounts = st.integers(min_value=0, max_value=50_000_000)
fixed_shares = st.integers(min_value=0, max_value=100).map(lambda p: Decimal(p) / 100)
units = st.sampled_from([WHOLE_KRONER, ORE])
# The properties below run without Hypothesis' per-example deadline: exact fractions over 40
# municipalities must not fail on a slow CI machine.


def split(participants, amount, fixed_share, unit):
    if sum(p.population for p in participants) == 0:
        fixed_share = Decimal(1)  # nobody to share by population; the split model refuses that
    return allocate_split(participants, amount=Decimal(amount) * unit, fixed_share=fixed_share,
                          unit=unit)


@settings(deadline=None)
@given(participants_strategy, amounts, fixed_shares, units)
def test_r_fin_4_shares_always_add_up_exactly(participants, amount, fixed_share, unit):
    allocation = split(participants, amount, fixed_share, unit)
    assert allocation.total == Decimal(amount) * unit
    assert all(share.total % unit == 0 for share in allocation.shares)


@settings(deadline=None)
@given(participants_strategy, amounts, fixed_shares, units)
def test_shares_are_never_negative(participants, amount, fixed_share, unit):
    allocation = split(participants, amount, fixed_share, unit)
    assert all(share.total >= 0 for share in allocation.shares)


@settings(deadline=None)
@given(participants_strategy, amounts,
       st.integers(min_value=0, max_value=99).map(lambda p: Decimal(p) / 100), units)
def test_shares_are_monotone_in_population(participants, amount, fixed_share, unit):
    """With some share split by population, more inhabitants never pay less. (With 100 %
    fixed, population plays no part and R-FIN-4's tie-break decides.)"""
    shares = split(participants, amount, fixed_share, unit).shares
    for a in shares:
        for b in shares:
            if a.population < b.population:
                assert a.total <= b.total


@settings(deadline=None)
@given(participants_strategy, amounts, fixed_shares, units)
def test_equal_population_gives_an_equal_share(participants, amount, fixed_share, unit):
    """Equal populations get equal parts; their totals differ at most by the one unit that
    largest remainder hands to the lower kommunenummer first (R-FIN-4)."""
    shares = split(participants, amount, fixed_share, unit).shares
    for a in shares:
        for b in shares:
            if a.population == b.population and a.number < b.number:
                assert (a.fixed, a.population_part) == (b.fixed, b.population_part)
                assert b.total <= a.total <= b.total + unit


@settings(deadline=None)
@given(participants_strategy, st.integers(min_value=0, max_value=50_000),
       st.integers(min_value=0, max_value=2000).map(lambda r: Decimal(r) / 100), units)
def test_rate_models_round_each_amount_on_its_own(participants, base, rate, unit):
    allocation = allocate_rates(participants, base=Decimal(base), rate=rate, unit=unit)
    for participant, share in zip(participants, allocation.shares, strict=True):
        assert share.total == share.fixed + share.population_part
        assert abs(share.population_part - rate * participant.population) <= unit / 2
        assert share.total >= 0
