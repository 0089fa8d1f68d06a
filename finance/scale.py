"""A large partnership for the benchmark (see members.scale): ten years of budgets, each adopted
and invoiced to the 50 municipalities, and next year's budget adopted but not yet invoiced (the
benchmark issues its invoices).

The invoices are inserted in bulk, without their PDFs and EHF documents, but numbered from the
locked counter and given their KIDs and calculation lines exactly as
finance.services.issue_invoices does."""

import datetime
from decimal import Decimal

from .invoicing import buyer, calculation_lines, new_invoice, seller
from .models import (
    Budget,
    BudgetLine,
    CostModel,
    FinanceSettings,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
)
from .services import adopt_budget

YEARS = range(2017, 2027)
TO_ISSUE = 2027  # adopted, not invoiced


def years(scale=1.0):
    return YEARS[-max(1, round(len(YEARS) * scale)):]


def build(rng, world, scale=1.0):
    secretariat = world["users"]["secretariat"]
    model = CostModel.objects.create(name="Skala 20/80", kind=CostModel.Kind.SPLIT,
                                     fixed_percent=Decimal("20"))
    budgets = [_adopted_budget(year, model, rng, secretariat)
               for year in [*years(scale), TO_ISSUE]]
    finance_settings = FinanceSettings.current()
    parties = seller(finance_settings)
    for budget in budgets[:-1]:
        _invoice_in_bulk(budget, parties, finance_settings)
    return {"budget_to_issue": budgets[-1]}


def _adopted_budget(year, model, rng, secretariat):
    budget = Budget.objects.create(year=year, cost_model=model)
    BudgetLine.objects.bulk_create([
        BudgetLine(budget=budget, kind=BudgetLine.Kind.COST, description="Lønn",
                   amount=Decimal(rng.randint(800_000, 1_200_000)), position=1),
        BudgetLine(budget=budget, kind=BudgetLine.Kind.COST, description="Drift",
                   amount=Decimal(rng.randint(50_000, 150_000)), position=2),
        BudgetLine(budget=budget, kind=BudgetLine.Kind.GRANT, description="Statlig tilskudd",
                   amount=Decimal(rng.randint(200_000, 500_000)), position=3),
    ])
    return adopt_budget(budget, decision=f"Partnerskapsmøtet sak 5/{year - 1}",
                        adopted_on=datetime.date(year - 1, 11, 15), acting_user=secretariat)


def _invoice_in_bulk(budget, parties, finance_settings):
    participants = budget.participants()
    allocation = budget.allocation(participants)
    by_number = {p.number: p for p in participants}
    issued_on = datetime.date(budget.year, 1, 16)
    paid_on = datetime.date(budget.year, 2, 10)
    numbers = InvoiceCounter.take(len(allocation.shares),
                                  issuer=parties["seller_organisation_number"])

    def unpaid(index):
        # The latest year has a few unpaid invoices, so that some are overdue.
        return budget.year == YEARS[-1] and index % 5 == 0

    invoices = []
    for index, (share, number) in enumerate(zip(allocation.shares, numbers, strict=True)):
        invoice = new_invoice(
            number=number, budget=budget, participant=by_number[share.number], share=share,
            parties={**parties, **buyer(by_number[share.number].municipality)},
            finance_settings=finance_settings, issued_on=issued_on)
        if not unpaid(index):
            invoice.payment_status, invoice.paid_on = Invoice.Payment.PAID, paid_on
        invoices.append(invoice)
    invoices = Invoice.objects.bulk_create(invoices)
    lines = []
    for invoice, share in zip(invoices, allocation.shares, strict=True):
        for line in calculation_lines(share, allocation):
            line.invoice = invoice
            lines.append(line)
    InvoiceLine.objects.bulk_create(lines)
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.INVOICED)
