"""R-FIN-9: a budget covers a pool, the whole partnership or one region (a regional council's
municipalities), and named members may carry an agreed share before the rest is split. The
expected amounts below were worked out by hand, with the arithmetic in the comments."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from finance.allocation import AgreedShare, AllocationError, Participant, allocate_split
from finance.models import AgreedShare as AgreedShareRow
from finance.models import Budget, CostModel, Invoice
from finance.services import issue_invoices
from members.models import Organisation

from . import factories

# Lister region (Agder), populations made up for the test.
LISTER = [("4207", "Flekkefjord", 1000), ("4225", "Lyngdal", 2000), ("4226", "Hægebostad", 3000),
          ("4227", "Kvinesdal", 4000), ("4228", "Sirdal", 10000)]


def test_r_fin_9_golden_a_region_of_five_at_50_50():
    """kr 100 001 at 50/50: the equal half 50 000.50 / 5 = 10 000.10 each; the other half
    50 000.50 / 20 000 inhabitants = 2.500025 per inhabitant. Exact shares 12 500.125,
    15 000.15, 17 500.175, 20 000.20 and 35 000.35 round down to 99 999 + … = 100 000; the
    one krone left goes to the largest remainder, Sirdal's .35 (R-FIN-4)."""
    allocation = allocate_split([Participant(*row) for row in LISTER], amount=Decimal(100_001),
                                fixed_share=Decimal("0.5"))
    assert [(s.number, s.fixed, s.population_part, s.total) for s in allocation.shares] == [
        ("4207", Decimal(10000), Decimal(2500), Decimal(12500)),
        ("4225", Decimal(10000), Decimal(5000), Decimal(15000)),
        ("4226", Decimal(10000), Decimal(7500), Decimal(17500)),
        ("4227", Decimal(10000), Decimal(10000), Decimal(20000)),
        ("4228", Decimal(10000), Decimal(25000), Decimal(35001)),
    ]
    assert allocation.total == Decimal(100_001)
    # 2.500025 has more decimals than a rate is stored with: the fraction states it.
    assert (allocation.variable_amount, allocation.split_population) == (Decimal("50000.5"),
                                                                         20000)
    assert allocation.exact_rate is None


# Trondheim carries 50 %; four neighbours split the rest 50/50 (populations made up).
TRONDHEIM_REGION = [("5001", "Trondheim", 212000), ("5027", "Midtre Gauldal", 6000),
                    ("5028", "Melhus", 17000), ("5029", "Skaun", 8000), ("5031", "Malvik", 14000)]


def test_r_fin_9_golden_a_member_carrying_50_percent():
    """kr 200 001, Trondheim 50 %: 100 000.50. The rest, 100 000.50, at 50/50 among the four
    others: 12 500.0625 each, and 50 000.25 / 45 000 inhabitants. Exact shares: Trondheim
    100 000.5, Midtre Gauldal 19 166.7625, Melhus 31 389.0458…, Skaun 21 388.9958…, Malvik
    28 055.6958…; the floors add up to 199 998, and the three kroner left go to Skaun (.9958),
    Midtre Gauldal (.7625) and Malvik (.6958). Trondheim's .5 is the fourth largest: it pays
    100 000, a rounding of −1 on its agreed 100 001 (100 000.50 rounded on its own)."""
    allocation = allocate_split([Participant(*row) for row in TRONDHEIM_REGION],
                                amount=Decimal(200_001), fixed_share=Decimal("0.5"),
                                agreed=[AgreedShare("5001", percent=Decimal(50))])
    assert [(s.number, s.agreed, s.fixed, s.population_part, s.total, s.rounding)
            for s in allocation.shares] == [
        ("5001", Decimal(100001), Decimal(0), Decimal(0), Decimal(100000), Decimal(-1)),
        ("5027", Decimal(0), Decimal(12500), Decimal(6667), Decimal(19167), Decimal(0)),
        ("5028", Decimal(0), Decimal(12500), Decimal(18889), Decimal(31389), Decimal(0)),
        ("5029", Decimal(0), Decimal(12500), Decimal(8889), Decimal(21389), Decimal(0)),
        ("5031", Decimal(0), Decimal(12500), Decimal(15556), Decimal(28056), Decimal(0)),
    ]
    assert allocation.total == Decimal(200_001)


def test_r_fin_9_an_agreed_amount_and_the_rest_by_population():
    """kr 60 000 with Sirdal carrying kr 20 000: 40 000 by population among 10 000 people."""
    allocation = allocate_split([Participant(*row) for row in LISTER[:4]]
                                + [Participant("4228", "Sirdal", 10000)],
                                amount=Decimal(60_000), fixed_share=Decimal(0),
                                agreed=[AgreedShare("4228", amount=Decimal(20_000))])
    assert {s.number: s.total for s in allocation.shares} == {
        "4207": Decimal(4000), "4225": Decimal(8000), "4226": Decimal(12000),
        "4227": Decimal(16000), "4228": Decimal(20000)}


@pytest.mark.parametrize(("agreed", "message"), [
    ([AgreedShare("9999", percent=Decimal(10))], "9999"),
    ([AgreedShare("4207", percent=Decimal(60)), AgreedShare("4225", percent=Decimal(50))],
     "mer enn beløpet"),
    ([AgreedShare(n, percent=Decimal(20)) for n, _name, _p in LISTER], None),
])
def test_r_fin_9_agreed_shares_that_cannot_hold_are_refused(agreed, message):
    call = lambda: allocate_split([Participant(*row) for row in LISTER],  # noqa: E731
                                  amount=Decimal(1000), fixed_share=Decimal("0.5"),
                                  agreed=agreed)
    if message is None:  # all five carry 20 %: nobody splits a rest of 0, which is fine
        assert call().total == Decimal(1000)
    else:
        with pytest.raises(AllocationError, match=message):
            call()


@pytest.fixture
def lister(helgeland_members):
    council = Organisation.objects.create(kind="regional_council", name="Listerrådet")
    for number, name, population in LISTER:
        factories.municipality(number, name, population=population, regional_council=council)
    return council


def test_r_fin_9_a_regional_budget_invoices_only_its_region_in_the_issuers_one_series(
        lister, helgeland):
    secretariat = helgeland["secretariat"]
    partnership = issue_invoices(helgeland["budget"], acting_user=secretariat)
    model = CostModel.objects.create(name="Lister 50/50", fixed_percent=Decimal(50))
    AgreedShareRow.objects.create(cost_model=model, municipality=Organisation.objects.get(
        number="4228"), amount=Decimal(20_000))
    regional = factories.adopted_budget(secretariat, model=model, pool=lister, costs=100_001,
                                        grants=0)
    invoices = issue_invoices(regional, acting_user=secretariat,
                              today=datetime.date(2023, 2, 1))
    assert [i.buyer_name for i in invoices] == [name for _n, name, _p in LISTER]
    assert sum(i.total for i in invoices) == Decimal(100_001)
    # One gap-free series for the issuer, whichever pool (R-FIN-5).
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(
        range(1, len(partnership) + len(invoices) + 1))
    assert {i.pool_name for i in invoices} == {"Listerrådet"}
    sirdal = invoices[-1]
    assert [(line.kind, line.amount) for line in sirdal.lines.all()] == [
        ("agreed", Decimal(20000))]
    assert str(regional) == "Budsjett 2023, Listerrådet"
    assert Budget.objects.filter(year=2023).count() == 2


def test_the_contributions_command_prints_a_regional_pool(lister, helgeland, capsys):
    model = CostModel.objects.create(name="Lister 50/50", fixed_percent=Decimal(50))
    factories.adopted_budget(helgeland["secretariat"], model=model, pool=lister,
                             costs=100_001, grants=0)
    call_command("contributions", "2023", "--region", "Listerrådet")
    assert capsys.readouterr().out.splitlines()[-1] == "4228;Sirdal;10000;10000;25000;35001"
