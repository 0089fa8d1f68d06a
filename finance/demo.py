"""Demo data: the Helgeland budget 2023 of seed 003 (Vedlegg 2), invoiced, and a 2024 draft.
Safe to load twice: nothing is issued, credited or paid a second time."""

import datetime
from decimal import Decimal

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

ISSUED_ON = datetime.date(2023, 1, 16)
CORRECTED_ON = datetime.date(2023, 2, 1)
PAID_ON = datetime.date(2023, 2, 14)
# Træna's invoice is corrected with a credit note; Dønna and Lurøy have not paid yet.
CORRECTED = "1835"
UNPAID = {"1827", "1834"}

# (kind, description, amount) per year; 2023 is seed 003's budget for the liaison lead.
LINES = {
    2023: [
        (BudgetLine.Kind.COST, "Lønn", 900_000),
        (BudgetLine.Kind.COST, "Pensjon", 189_000),
        (BudgetLine.Kind.COST, "Arbeidsgiveravgift", 55_539),
        (BudgetLine.Kind.COST, "Drift av kontor/stilling", 100_000),
        (BudgetLine.Kind.COST, "Reise kommuner", 0),
        (BudgetLine.Kind.GRANT, "Statlig tilskuddsordning", 504_000),
    ],
    2024: [
        (BudgetLine.Kind.COST, "Lønn", 936_000),
        (BudgetLine.Kind.COST, "Pensjon", 196_560),
        (BudgetLine.Kind.COST, "Arbeidsgiveravgift", 57_761),
        (BudgetLine.Kind.COST, "Drift av kontor/stilling", 100_000),
        (BudgetLine.Kind.COST, "Reise kommuner", 40_000),
        # The grant line comes from the recorded award (finance.grants).
    ],
}

# Made-up but plausible changes from 1.1.2022 to 1.1.2023, for the 2024 budget.
POPULATION_CHANGE_2023 = {"1813": 35, "1820": 21, "1824": -48, "1833": 110, "1832": -17,
                          "1816": -6, "1835": 4, "1836": -12, "1812": 9}


# Indre Helgeland's own cost pool 2024 (R-FIN-9, seed 004): a shared project coordinator,
# split 50 % equally and 50 % by population after Rana's agreed share of 40 %.
REGIONAL_LINES = [(BudgetLine.Kind.COST, "Prosjektkoordinator, 20 % stilling", 180_000),
                  (BudgetLine.Kind.COST, "Møter og reiser", 24_000)]
# Municipalities that backed the 2024 state grant application (R-FIN-10): 14 of 17.
GRANT_BACKERS = ["1812", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825",
                 "1826", "1827", "1828", "1832", "1833"]


def _budget(year, cost_model, lines=None, pool=None):
    budget, _created = Budget.objects.get_or_create(year=year, pool=pool,
                                                    defaults={"cost_model": cost_model})
    if budget.is_draft:
        for position, (kind, description, amount) in enumerate(lines or LINES[year], start=1):
            BudgetLine.objects.update_or_create(
                budget=budget, description=description,
                defaults={"kind": kind, "amount": Decimal(amount), "position": position})
    return budget


def load():
    secretariat = User.objects.get(email="sekretariat@helgeland.example")
    for number, _name, _qualifier, population, _council in MUNICIPALITIES:
        PopulationFigure.objects.update_or_create(
            municipality=Organisation.objects.get(number=number), year=2023,
            defaults={"population": population + POPULATION_CHANGE_2023.get(number, 0),
                      "source": "Demo (oppdiktede tall)"})
    model, _created = CostModel.objects.update_or_create(
        name="Helgeland 20/80", defaults={"kind": CostModel.Kind.SPLIT,
                                          "fixed_percent": Decimal("20"),
                                          "rounding": CostModel.Rounding.KRONER})

    budget = _budget(2023, model)
    if budget.is_draft:
        adopt_budget(budget, decision="Partnerskapsmøtet sak 5/2022",
                     adopted_on=datetime.date(2022, 11, 15), acting_user=secretariat)
    issue_invoices(budget, acting_user=secretariat, today=ISSUED_ON)
    invoices = Invoice.objects.filter(budget=budget, kind=Invoice.Kind.INVOICE)
    first = invoices.filter(municipality__number=CORRECTED).order_by("number").first()
    if first.payment_status == Invoice.Payment.OPEN:
        credit_and_reissue(first, acting_user=secretariat, today=CORRECTED_ON)
    for invoice in invoices.filter(payment_status=Invoice.Payment.OPEN).exclude(
            municipality__number__in=UNPAID):
        set_payment(invoice, paid_on=PAID_ON, acting_user=secretariat)

    _budget(2024, model)
    _grant_2024(secretariat)
    _regional_pool(secretariat)


def _grant_2024(secretariat):
    vefsn = Organisation.objects.get(number="1824")
    application, _created = GrantApplication.objects.get_or_create(
        year=2024, defaults={"applicant": vefsn, "amount_applied": Decimal(504_000),
                             "submitted_on": datetime.date(2023, 10, 2),
                             "report_due": datetime.date(2025, 3, 1)})
    for index, number in enumerate(GRANT_BACKERS):
        GrantBacking.objects.get_or_create(
            application=application, municipality=Organisation.objects.get(number=number),
            defaults={"backed_on": datetime.date(2023, 9, 1) + datetime.timedelta(days=index),
                      "decision_reference": f"Kommunestyret sak {20 + index}/2023"})
    if not application.is_awarded:
        record_award(application, amount=Decimal(504_000), awarded_on=datetime.date(2024, 1, 20),
                     reference="Helsedirektoratet 20.01.2024, ref. 23/1234",
                     report_due=datetime.date(2025, 3, 1), acting_user=secretariat)


def _regional_pool(secretariat):
    council = Organisation.objects.get(name=INDRE_HELGELAND)
    model, created = CostModel.objects.get_or_create(
        name="Indre Helgeland 50/50, Rana 40 %",
        defaults={"kind": CostModel.Kind.SPLIT, "fixed_percent": Decimal("50")})
    if created:
        AgreedShare.objects.create(cost_model=model, percent=Decimal("40"),
                                   municipality=Organisation.objects.get(number="1833"))
    budget = _budget(2024, model, REGIONAL_LINES, pool=council)
    if budget.is_draft:
        adopt_budget(budget, decision="Indre Helgeland regionråd sak 12/2023",
                     adopted_on=datetime.date(2023, 11, 30), acting_user=secretariat)
    issue_invoices(budget, acting_user=secretariat, today=datetime.date(2024, 1, 22))
