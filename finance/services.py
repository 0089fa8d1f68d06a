"""State changes of budgets and invoices, each in one transaction with its author recorded.

A refusal raises FinanceError with a message for the user, and is written to the audit log
(finance.errors)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import audit
from common.dispatch import enqueue
from common.documents import request_pdf
from common.history import delete_by, save_by, save_form_by

from .errors import FinanceError, audited_refusals
from .grants import grant_line_for
from .invoicing import (
    InvoiceRefused,
    buyer,
    calculation_lines,
    check_buyers,
    check_ehf,
    credit_note_for,
    new_invoice,
    seller,
)
from .models import (
    Budget,
    BudgetParticipant,
    EhfDocument,
    FinanceSettings,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    IssueRun,
)
from .tasks import issue_budget_invoices

INVOICE_PDF = "finance.invoice"


def _refusing(call):
    try:
        return call()
    except InvoiceRefused as exc:
        raise FinanceError(str(exc)) from exc


@audited_refusals
@transaction.atomic
def save_budget(form, lines, *, acting_user):
    """Save a draft budget from its form and its formset of lines, keeping the lines in the
    order they were entered."""
    if form.instance.pk and not Budget.objects.filter(pk=form.instance.pk,
                                                      status="draft").exists():
        raise FinanceError(_("Only a draft budget can be changed."))
    budget = save_form_by(form, acting_user)
    lines.instance = budget
    lines.save(commit=False)
    for line in lines.deleted_objects:
        delete_by(line, acting_user)
    position = 0
    for line_form in lines.forms:
        if line_form in lines.deleted_forms or not (line_form.instance.pk
                                                    or line_form.has_changed()):
            continue  # removed, or an empty line left blank
        position += 1
        line = line_form.instance
        if line_form.has_changed() or line.position != position:
            line.budget = budget
            line.position = position
            save_by(line, acting_user)
    award = grant_line_for(budget)
    if award is not None and award.pk is None:
        award.position = position + 1
        save_by(award, acting_user)
    return budget


@audited_refusals
@transaction.atomic
def save_cost_model(form, shares, *, acting_user):
    """Save a cost model and its agreed shares (R-FIN-9). A model that an adopted budget uses
    is locked (R-REC-3): make a new one for changes."""
    model = form.instance
    if model.pk and Budget.objects.filter(cost_model=model).exclude(status="draft").exists():
        raise FinanceError(_("This cost model is locked: an adopted budget uses it. Make a new "
                             "model for changes."))
    save_by(model, acting_user)
    shares.instance = model
    for share in shares.save(commit=False):
        save_by(share, acting_user)
    for share in shares.deleted_objects:
        delete_by(share, acting_user)
    return model


@audited_refusals
@transaction.atomic
def adopt_budget(budget, *, decision, adopted_on, acting_user):
    """Draft → adopted, by the decision named. Adoption stores the participants with their
    population figures, the cost model's parameters and the amount to cover with the budget
    (R-REC-3); its shares and invoices are computed from that snapshot from then on."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if not budget.is_draft:
        raise FinanceError(_("Only a draft budget can be adopted."))
    participants = budget.participants()
    budget.allocation(participants)  # raises AllocationError when it cannot be calculated
    budget.adopted_parameters = budget.cost_model.parameters()
    budget.adopted_amount = budget.costs - budget.grants
    budget.status = Budget.Status.ADOPTED
    budget.adopted_by = decision
    budget.adopted_on = adopted_on
    save_by(budget, acting_user)
    BudgetParticipant.objects.bulk_create(participants)
    return budget


@audited_refusals
@transaction.atomic
def start_issuing(budget, *, acting_user, issue_date=None):
    """Queue the issuing of an adopted budget's invoices, dated `issue_date` (today by
    default); the page follows the run."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.invoices.exists():
        raise FinanceError(_("%(budget)s has invoices already. Correct an invoice with a credit "
                             "note and a new invoice.") % {"budget": budget})
    if budget.status != Budget.Status.ADOPTED:
        raise FinanceError(_("Only an adopted budget can be invoiced."))
    if any(run.is_active for run in budget.issue_runs.all()):
        raise FinanceError(_("The invoices are being issued already."))
    run = IssueRun.objects.create(budget=budget, started_by=acting_user,
                                  issue_date=issue_date or timezone.localdate())
    transaction.on_commit(lambda: enqueue(issue_budget_invoices, run.pk))
    return run


def _save_invoice(invoice, lines, acting_user):
    save_by(invoice, acting_user)
    for line in lines:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(lines)
    EhfDocument.objects.create(invoice=invoice)
    audit.record(audit.Action.INVOICE_ISSUED, actor=acting_user, obj=invoice,
                 total=invoice.total, year=invoice.year)
    request_pdf(INVOICE_PDF, invoice.pk)


@audited_refusals
@transaction.atomic
def issue_invoices(budget, *, acting_user, today=None):
    """Issue one invoice per participant of an adopted budget, all in this transaction, and
    mark the budget invoiced. A budget that has invoices gets none, whatever its status says
    (safe to run twice). Each buyer needs its reference (R-FIN-8) and each EHF document must
    pass the rules (R-FIN-7), or nothing is issued. Numbers come from the issuer's locked
    counter: unique and without gaps (R-FIN-5)."""
    budget = Budget.objects.select_related("pool").select_for_update(of=("self",)).get(
        pk=budget.pk)
    if budget.invoices.exists():
        return []
    if budget.status != Budget.Status.ADOPTED:
        raise FinanceError(_("Only an adopted budget can be invoiced."))
    finance_settings = FinanceSettings.current()
    parties = _refusing(lambda: seller(finance_settings))
    participants = budget.participants()
    allocation = budget.allocation(participants)
    by_number = {p.number: p for p in participants}
    _refusing(lambda: check_buyers([p.municipality for p in participants]))
    today = today or timezone.localdate()
    numbers = InvoiceCounter.take(len(allocation.shares),
                                  issuer=parties["seller_organisation_number"])
    made = []
    for share, number in zip(allocation.shares, numbers, strict=True):
        participant = by_number[share.number]
        invoice = _refusing(lambda p=participant, s=share, n=number: new_invoice(
            number=n, budget=budget, participant=p, share=s,
            parties={**parties, **buyer(p.municipality)}, finance_settings=finance_settings,
            issued_on=today))
        lines = calculation_lines(share, allocation)
        _refusing(lambda i=invoice, ls=lines: check_ehf(i, ls))
        made.append((invoice, lines))
    for invoice, lines in made:
        _save_invoice(invoice, lines, acting_user)
    budget.status = Budget.Status.INVOICED
    save_by(budget, acting_user)
    return [invoice for invoice, _lines in made]


@audited_refusals
@transaction.atomic
def credit_and_reissue(invoice, *, acting_user, today=None):
    """Correct an open invoice (R-FIN-5): a credit note that negates its lines and refers to
    it, and a new invoice for the same share of the adopted budget (R-REC-3) with the buyer's
    details of today (address, reference). Returns (credit note, new invoice)."""
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related(
        "budget", "municipality").get(pk=invoice.pk)
    if invoice.is_credit_note or invoice.payment_status != Invoice.Payment.OPEN:
        raise FinanceError(_("Only an open invoice can be credited."))
    budget = invoice.budget
    finance_settings = FinanceSettings.current()
    parties = _refusing(lambda: seller(finance_settings))
    participants = budget.participants()
    participant = next((p for p in participants if p.municipality_id == invoice.municipality_id),
                       None)
    if participant is None:
        raise FinanceError(_("%(name)s is not a participant of %(budget)s; credit the invoice "
                             "in the accounts instead.")
                           % {"name": invoice.buyer_name, "budget": budget})
    _refusing(lambda: check_buyers([participant.municipality]))
    allocation = budget.allocation(participants)
    share = next(s for s in allocation.shares if s.number == participant.number)
    today = today or timezone.localdate()
    credit_number, new_number = InvoiceCounter.take(
        2, issuer=invoice.seller_organisation_number)
    credit, credit_lines = _refusing(lambda: credit_note_for(
        invoice, number=credit_number, finance_settings=finance_settings, issued_on=today))
    replacement = _refusing(lambda: new_invoice(
        number=new_number, budget=budget, participant=participant, share=share,
        parties={**parties, **buyer(participant.municipality)},
        finance_settings=finance_settings, issued_on=today))
    replacement_lines = calculation_lines(share, allocation)
    _refusing(lambda: check_ehf(credit, credit_lines))
    _refusing(lambda: check_ehf(replacement, replacement_lines))
    _save_invoice(credit, credit_lines, acting_user)
    invoice.payment_status = Invoice.Payment.CREDITED
    save_by(invoice, acting_user, update_fields=["payment_status", "updated"])
    _save_invoice(replacement, replacement_lines, acting_user)
    return credit, replacement


@audited_refusals
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
