"""Demo data: the Helgeland budget 2023 of seed 003 (Vedlegg 2), invoiced, and a 2024 draft.
Safe to load twice: nothing is issued, credited or paid a second time."""

import datetime
from decimal import Decimal

from members.demo import MUNICIPALITIES
from members.models import Organisation, PopulationFigure, User

from .models import Budget, BudgetLine, CostModel, Invoice
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
        (BudgetLine.Kind.GRANT, "Statlig tilskuddsordning", 504_000),
    ],
}

# Made-up but plausible changes from 1.1.2022 to 1.1.2023, for the 2024 budget.
POPULATION_CHANGE_2023 = {"1813": 35, "1820": 21, "1824": -48, "1833": 110, "1832": -17,
                          "1816": -6, "1835": 4, "1836": -12, "1812": 9}


def _budget(year, cost_model):
    budget, _created = Budget.objects.get_or_create(year=year,
                                                    defaults={"cost_model": cost_model})
    if budget.is_draft:
        for position, (kind, description, amount) in enumerate(LINES[year], start=1):
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
