"""A large partnership for the benchmark (see scale_members): ten years of budgets (forty at
history=4), each adopted and invoiced to the 50 municipalities, and next year's budget adopted
but not yet invoiced (the benchmark issues its invoices).

The invoices are inserted in bulk with their history, without their PDFs and EHF documents, but
numbered from the locked counter and given their KIDs and calculation lines exactly as
finance.services.issue_invoices does."""

import datetime
from decimal import Decimal

from common.history import bulk_create_by, save_by
from finance.invoicing import buyer, calculation_lines, new_invoice, seller
from finance.models import (
    Budget,
    BudgetLine,
    CostModel,
    FinanceSettings,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
)
from finance.services import adopt_budget

TO_ISSUE = 2027  # adopted, not invoiced
YEARS_OF_BUDGETS = 10


def years(scale=1.0, history=1):
    count = max(1, round(YEARS_OF_BUDGETS * scale)) * history
    return range(TO_ISSUE - count, TO_ISSUE)


def build(rng, world, scale=1.0, history=1):
    secretariat = world["users"]["secretariat"]
    model = save_by(CostModel(name="Skala 20/80", kind=CostModel.Kind.SPLIT,
                              fixed_percent=Decimal("20")), secretariat)
    budgets = [_adopted_budget(year, model, rng, secretariat)
               for year in [*years(scale, history), TO_ISSUE]]
    finance_settings = FinanceSettings.current()
    parties = seller(finance_settings)
    for budget in budgets[:-1]:
        _invoice_in_bulk(budget, parties, finance_settings, secretariat)
    return {"budget_to_issue": budgets[-1]}


def _adopted_budget(year, model, rng, secretariat):
    budget = save_by(Budget(year=year, cost_model=model), secretariat)
    bulk_create_by(BudgetLine, [
        BudgetLine(budget=budget, kind=BudgetLine.Kind.COST, description="Lønn",
                   amount=Decimal(rng.randint(800_000, 1_200_000)), position=1),
        BudgetLine(budget=budget, kind=BudgetLine.Kind.COST, description="Drift",
                   amount=Decimal(rng.randint(50_000, 150_000)), position=2),
        BudgetLine(budget=budget, kind=BudgetLine.Kind.GRANT, description="Statlig tilskudd",
                   amount=Decimal(rng.randint(200_000, 500_000)), position=3),
    ], secretariat)
    return adopt_budget(budget, decision=f"Partnerskapsmøtet sak 5/{year - 1}",
                        adopted_on=datetime.date(year - 1, 11, 15), acting_user=secretariat)


def _invoice_in_bulk(budget, parties, finance_settings, secretariat):
    participants = budget.participants()
    allocation = budget.allocation(participants)
    by_number = {p.number: p for p in participants}
    issued_on = datetime.date(budget.year, 1, 16)
    paid_on = datetime.date(budget.year, 2, 10)
    numbers = InvoiceCounter.take(len(allocation.shares),
                                  issuer=parties["seller_organisation_number"])

    def unpaid(index):
        # The latest year has a few unpaid invoices, so that some are overdue.
        return budget.year == TO_ISSUE - 1 and index % 5 == 0

    invoices = []
    for index, (share, number) in enumerate(zip(allocation.shares, numbers, strict=True)):
        invoice = new_invoice(
            number=number, budget=budget, participant=by_number[share.number], share=share,
            parties={**parties, **buyer(by_number[share.number].municipality)},
            finance_settings=finance_settings, issued_on=issued_on)
        if not unpaid(index):
            invoice.payment_status, invoice.paid_on = Invoice.Payment.PAID, paid_on
        invoices.append(invoice)
    invoices = bulk_create_by(Invoice, invoices, secretariat)
    lines = []
    for invoice, share in zip(invoices, allocation.shares, strict=True):
        for line in calculation_lines(share, allocation):
            line.invoice = invoice
            lines.append(line)
    bulk_create_by(InvoiceLine, lines, secretariat)
    budget.status = Budget.Status.INVOICED
    save_by(budget, secretariat)
