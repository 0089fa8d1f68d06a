"""State changes of budgets and invoices, each in one transaction with its author recorded."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.dispatch import enqueue
from common.documents import request_pdf
from common.history import save_by
from members.models import Partnership

from .models import Budget, FinanceSettings, Invoice, InvoiceCounter, InvoiceLine, IssueRun
from .tasks import issue_budget_invoices

INVOICE_PDF = "finance.invoice"


class FinanceError(Exception):
    """A state change that cannot be made now; the message says why, for the user."""


def _address(street, postcode, city):
    return ", ".join(part for part in [street, f"{postcode} {city}".strip()] if part)


def _seller():
    partnership = Partnership.current()
    host = partnership.host_municipality
    if not (partnership.organisation_number and partnership.bank_account and host):
        raise FinanceError(_("Set the host municipality, the organisation number and the bank "
                             "account of the partnership before issuing invoices."))
    return {
        "seller_name": host.display_name,
        "seller_address": _address(partnership.street_address, partnership.postcode,
                                   partnership.city),
        "seller_organisation_number": partnership.organisation_number,
        "bank_account": partnership.bank_account,
    }


def _buyer(municipality):
    return {
        "municipality": municipality,
        "buyer_name": municipality.display_name,
        "buyer_address": _address(municipality.street_address, municipality.postcode,
                                  municipality.city),
        "buyer_organisation_number": municipality.organisation_number,
        "buyer_reference": municipality.invoice_reference,
    }


def _calculation_lines(share, rate):
    """(kind, quantity, unit price, amount) of each line; a fixed part of 0 is left out."""
    lines = []
    if share.fixed:
        lines.append((InvoiceLine.Kind.FIXED, None, None, share.fixed))
    lines.append((InvoiceLine.Kind.POPULATION, share.population, rate, share.population_part))
    if share.rounding:
        lines.append((InvoiceLine.Kind.ROUNDING, None, None, share.rounding))
    return lines


def _kid(finance_settings, number):
    try:
        return finance_settings.kid_for(number)
    except ValueError as exc:
        raise FinanceError(str(exc)) from exc


def _issue_one(*, number, budget, municipality, share, rate, seller, finance_settings, today,
               acting_user):
    # The invoice is a Norwegian document whatever the language of whoever issues it.
    with translation.override(settings.LANGUAGE_CODE):
        cost_model = budget.cost_model.describe()
    invoice = Invoice(
        number=number, kind=Invoice.Kind.INVOICE, budget=budget, year=budget.year,
        issued_on=today, due_on=today + datetime.timedelta(days=finance_settings.payment_days),
        kid=_kid(finance_settings, number), cost_model=cost_model,
        population=share.population, population_year=budget.population_year, total=share.total,
        **seller, **_buyer(municipality),
    )
    save_by(invoice, acting_user)
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, position=position, kind=kind, quantity=quantity,
                    unit_price=unit_price, amount=amount)
        for position, (kind, quantity, unit_price, amount)
        in enumerate(_calculation_lines(share, rate), start=1))
    return invoice


@transaction.atomic
def save_budget(form, lines, *, acting_user):
    """Save a draft budget from its form and its formset of lines, numbering the lines."""
    if form.instance.pk and not form.instance.is_draft:
        raise FinanceError(_("Only a draft budget can be changed."))
    form.instance._history_user = acting_user
    budget = form.save()
    lines.instance = budget
    for position, line in enumerate(lines.save(commit=False), start=1):
        line.position = position
        save_by(line, acting_user)
    for line in lines.deleted_objects:
        line._history_user = acting_user
        line.delete()
    return budget


@transaction.atomic
def adopt_budget(budget, *, decision, adopted_on, acting_user):
    """Draft → adopted, by the decision named. The contributions must be calculable."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if not budget.is_draft:
        raise FinanceError(_("Only a draft budget can be adopted."))
    budget.allocation()  # raises AllocationError with the reason when it cannot be calculated
    budget.status = Budget.Status.ADOPTED
    budget.adopted_by = decision
    budget.adopted_on = adopted_on
    save_by(budget, acting_user)
    return budget


@transaction.atomic
def start_issuing(budget, *, acting_user):
    """Queue the issuing of an adopted budget's invoices; the page follows the run."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.status != Budget.Status.ADOPTED:
        raise FinanceError(_("Only an adopted budget that is not yet invoiced can be invoiced."))
    if any(run.is_active for run in budget.issue_runs.all()):
        raise FinanceError(_("The invoices are being issued already."))
    run = IssueRun.objects.create(budget=budget, started_by=acting_user)
    transaction.on_commit(lambda: enqueue(issue_budget_invoices, run.pk))
    return run


@transaction.atomic
def issue_invoices(budget, *, acting_user, today=None):
    """Issue one invoice per participant of an adopted budget, all in this transaction, and
    mark the budget invoiced. Returns the invoices; an invoiced budget gets none (safe to run
    twice). Numbers come from the locked counter: unique and without gaps (R-FIN-5)."""
    budget = Budget.objects.select_related("cost_model").select_for_update(of=("self",)).get(
        pk=budget.pk)
    if budget.status == Budget.Status.INVOICED:
        return []
    if budget.status != Budget.Status.ADOPTED:
        raise FinanceError(_("Only an adopted budget can be invoiced."))
    seller = _seller()
    municipalities = {m.number: m for m in budget.participants()}
    allocation = budget.allocation(list(municipalities.values()))
    today = today or timezone.localdate()
    finance_settings = FinanceSettings.current()
    numbers = InvoiceCounter.take(len(allocation.shares))
    invoices = [
        _issue_one(number=number, budget=budget, municipality=municipalities[share.number],
                   share=share, rate=allocation.rate, seller=seller,
                   finance_settings=finance_settings, today=today, acting_user=acting_user)
        for share, number in zip(allocation.shares, numbers, strict=True)
    ]
    budget.status = Budget.Status.INVOICED
    save_by(budget, acting_user)
    for invoice in invoices:
        request_pdf(INVOICE_PDF, invoice.pk)
    return invoices


@transaction.atomic
def credit_and_reissue(invoice, *, acting_user, today=None):
    """Correct an open invoice (R-FIN-5): a credit note that negates its lines and refers to
    it, and a new invoice calculated from today's data. Returns (credit note, new invoice)."""
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related(
        "budget__cost_model").get(pk=invoice.pk)
    if invoice.is_credit_note or invoice.payment_status != Invoice.Payment.OPEN:
        raise FinanceError(_("Only an open invoice can be credited."))
    budget = invoice.budget
    seller = _seller()
    participants = budget.participants()
    municipality = next((m for m in participants if m.pk == invoice.municipality_id), None)
    if municipality is None:
        raise FinanceError(_("%(name)s does not take part in %(year)s any more; credit the "
                             "invoice in the accounts instead.")
                           % {"name": invoice.buyer_name, "year": budget.year})
    allocation = budget.allocation(participants)
    share = next(s for s in allocation.shares if s.number == municipality.number)
    today = today or timezone.localdate()
    finance_settings = FinanceSettings.current()
    credit_number, new_number = InvoiceCounter.take(2)
    credit = Invoice(
        number=credit_number, kind=Invoice.Kind.CREDIT_NOTE, credited_invoice=invoice,
        budget=budget, municipality_id=invoice.municipality_id, year=invoice.year,
        issued_on=today, due_on=today, kid=_kid(finance_settings, credit_number),
        seller_name=invoice.seller_name, seller_address=invoice.seller_address,
        seller_organisation_number=invoice.seller_organisation_number,
        bank_account=invoice.bank_account, buyer_name=invoice.buyer_name,
        buyer_address=invoice.buyer_address,
        buyer_organisation_number=invoice.buyer_organisation_number,
        buyer_reference=invoice.buyer_reference, cost_model=invoice.cost_model,
        population=invoice.population, population_year=invoice.population_year,
        total=-invoice.total, payment_status=Invoice.Payment.CREDITED,
    )
    save_by(credit, acting_user)
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=credit, position=line.position, kind=line.kind,
                    quantity=line.quantity, unit_price=line.unit_price, amount=-line.amount)
        for line in invoice.lines.all())
    invoice.payment_status = Invoice.Payment.CREDITED
    save_by(invoice, acting_user, update_fields=["payment_status", "updated"])
    replacement = _issue_one(number=new_number, budget=budget, municipality=municipality,
                             share=share, rate=allocation.rate, seller=seller,
                             finance_settings=finance_settings, today=today,
                             acting_user=acting_user)
    request_pdf(INVOICE_PDF, credit.pk)
    request_pdf(INVOICE_PDF, replacement.pk)
    return credit, replacement


@transaction.atomic
def set_payment(invoice, *, paid_on, acting_user):
    """Mark an open invoice paid on the date given, or a paid one open again (paid_on None)."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_credit_note or invoice.payment_status == Invoice.Payment.CREDITED:
        raise FinanceError(_("A credited invoice has no payment to record."))
    invoice.payment_status = Invoice.Payment.PAID if paid_on else Invoice.Payment.OPEN
    invoice.paid_on = paid_on
    save_by(invoice, acting_user, update_fields=["payment_status", "paid_on", "updated"])
    return invoice


@transaction.atomic
def import_payments(payments, *, acting_user):
    """Mark the invoices of a checked payment file paid: {invoice pk: date paid}. Returns how
    many were marked; one paid or credited since the check is left alone."""
    invoices = list(Invoice.objects.select_for_update().filter(
        pk__in=payments, payment_status=Invoice.Payment.OPEN))
    for invoice in invoices:
        invoice.payment_status = Invoice.Payment.PAID
        invoice.paid_on = payments[invoice.pk]
        save_by(invoice, acting_user, update_fields=["payment_status", "paid_on", "updated"])
    return len(invoices)
