"""Demo data: the Helgeland budget of seed 003 (Vedlegg 2, there for 2023) as this year's
budget, invoiced in January, and next year's draft. Safe to load twice: nothing is issued,
credited or paid a second time."""

import datetime
from decimal import Decimal

from meetings import demo_calendar as calendar
from members.demo import INDRE_HELGELAND, MUNICIPALITIES
from members.models import Organisation, PopulationFigure, User

from .grants import record_award
from .models import (
    AgreedShare,
    Budget,
    BudgetLine,
    CostModel,
    GrantApplication,
    GrantBacking,
    Invoice,
)
from .services import adopt_budget, credit_and_reissue, issue_invoices, set_payment

# Træna's invoice was corrected with a credit note forty days ago; the new invoice is the one
# overdue on purpose (ten days). Every other invoice was paid in February.
CORRECTED = "1835"
CORRECTED_DAYS_AGO = 40

# (kind, description, amount): this year's is seed 003's budget for the liaison lead.
LINES = {
    "this": [
        (BudgetLine.Kind.COST, "Lønn", 900_000),
        (BudgetLine.Kind.COST, "Pensjon", 189_000),
        (BudgetLine.Kind.COST, "Arbeidsgiveravgift", 55_539),
        (BudgetLine.Kind.COST, "Drift av kontor/stilling", 100_000),
        (BudgetLine.Kind.COST, "Reise kommuner", 0),
        (BudgetLine.Kind.GRANT, "Statlig tilskuddsordning", 504_000),
    ],
    "next": [
        (BudgetLine.Kind.COST, "Lønn", 936_000),
        (BudgetLine.Kind.COST, "Pensjon", 196_560),
        (BudgetLine.Kind.COST, "Arbeidsgiveravgift", 57_761),
        (BudgetLine.Kind.COST, "Drift av kontor/stilling", 100_000),
        (BudgetLine.Kind.COST, "Reise kommuner", 40_000),
        # The grant line comes from the recorded award (finance.grants).
    ],
}

# Made-up but plausible changes over the budget year's predecessor, for next year's budget.
POPULATION_CHANGE = {"1813": 35, "1820": 21, "1824": -48, "1833": 110, "1832": -17,
                          "1816": -6, "1835": 4, "1836": -12, "1812": 9}


# Indre Helgeland's own cost pool this year (R-FIN-9, seed 004): a shared project coordinator,
# split 50 % equally and 50 % by population after Rana's agreed share of 40 %.
REGIONAL_LINES = [(BudgetLine.Kind.COST, "Prosjektkoordinator, 20 % stilling", 180_000),
                  (BudgetLine.Kind.COST, "Møter og reiser", 24_000)]
# Municipalities that backed next year's state grant application (R-FIN-10): 14 of 17.
GRANT_BACKERS = ["1812", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825",
                 "1826", "1827", "1828", "1832", "1833"]


def _budget(year, cost_model, lines, pool=None):
    budget, _created = Budget.objects.get_or_create(year=year, pool=pool,
                                                    defaults={"cost_model": cost_model})
    if budget.is_draft:
        for position, (kind, description, amount) in enumerate(lines, start=1):
            BudgetLine.objects.update_or_create(
                budget=budget, description=description,
                defaults={"kind": kind, "amount": Decimal(amount), "position": position})
    return budget


def load():
    secretariat = User.objects.get(email="sekretariat@helgeland.example")
    day = calendar.today()
    year = calendar.budget_year(day)
    for number, _name, _qualifier, population, _council in MUNICIPALITIES:
        PopulationFigure.objects.update_or_create(
            municipality=Organisation.objects.get(number=number), year=year,
            defaults={"population": population + POPULATION_CHANGE.get(number, 0),
                      "source": "Demo (oppdiktede tall)"})
    model, _created = CostModel.objects.update_or_create(
        name="Helgeland 20/80", defaults={"kind": CostModel.Kind.SPLIT,
                                          "fixed_percent": Decimal("20"),
                                          "rounding": CostModel.Rounding.KRONER})

    budget = _budget(year, model, LINES["this"])
    if budget.is_draft:
        adopt_budget(budget, decision=f"Partnerskapsmøtet sak 5/{year - 1}",
                     adopted_on=datetime.date(year - 1, 11, 15), acting_user=secretariat)
    issue_invoices(budget, acting_user=secretariat, today=datetime.date(year, 1, 16))
    invoices = Invoice.objects.filter(budget=budget, kind=Invoice.Kind.INVOICE)
    for invoice in invoices.filter(payment_status=Invoice.Payment.OPEN).exclude(
            municipality__number=CORRECTED):
        set_payment(invoice, paid_on=datetime.date(year, 2, 14), acting_user=secretariat)
    _regional_pool(year, secretariat)
    # The correction comes last: invoice numbers follow the invoice dates.
    first = invoices.filter(municipality__number=CORRECTED).order_by("number").first()
    if first.payment_status == Invoice.Payment.OPEN:
        credit_and_reissue(first, acting_user=secretariat,
                           today=day - datetime.timedelta(days=CORRECTED_DAYS_AGO))

    _budget(year + 1, model, LINES["next"])
    _grant(year + 1, day, secretariat)


def _grant(year, day, secretariat):
    vefsn = Organisation.objects.get(number="1824")
    submitted = min(datetime.date(year - 1, 10, 2), day - datetime.timedelta(days=30))
    application, _created = GrantApplication.objects.get_or_create(
        year=year, defaults={"applicant": vefsn, "amount_applied": Decimal(504_000),
                             "submitted_on": submitted,
                             "report_due": datetime.date(year + 1, 3, 1)})
    for index, number in enumerate(GRANT_BACKERS):
        GrantBacking.objects.get_or_create(
            application=application, municipality=Organisation.objects.get(number=number),
            defaults={"backed_on": submitted - datetime.timedelta(days=30 - index),
                      "decision_reference": f"Kommunestyret sak {20 + index}/{submitted.year}"})
    if not application.is_awarded:
        awarded = min(datetime.date(year, 1, 20), day - datetime.timedelta(days=5))
        record_award(application, amount=Decimal(504_000), awarded_on=awarded,
                     reference=f"Helsedirektoratet {awarded:%d.%m.%Y}, ref. {year % 100 - 1}/1234",
                     report_due=datetime.date(year + 1, 3, 1), acting_user=secretariat)


def _regional_pool(year, secretariat):
    council = Organisation.objects.get(name=INDRE_HELGELAND)
    model, created = CostModel.objects.get_or_create(
        name="Indre Helgeland 50/50, Rana 40 %",
        defaults={"kind": CostModel.Kind.SPLIT, "fixed_percent": Decimal("50")})
    if created:
        AgreedShare.objects.create(cost_model=model, percent=Decimal("40"),
                                   municipality=Organisation.objects.get(number="1833"))
    budget = _budget(year, model, REGIONAL_LINES, pool=council)
    if budget.is_draft:
        adopt_budget(budget, decision=f"Indre Helgeland regionråd sak 12/{year - 1}",
                     adopted_on=datetime.date(year - 1, 11, 30), acting_user=secretariat)
    issue_invoices(budget, acting_user=secretariat, today=datetime.date(year, 1, 22))
    for invoice in Invoice.objects.filter(budget=budget, payment_status=Invoice.Payment.OPEN):
        set_payment(invoice, paid_on=datetime.date(year, 2, 20), acting_user=secretariat)
