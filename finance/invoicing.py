"""Building an invoice from a share of an adopted budget: the parties it copies, the lines of
its calculation and its EHF check (R-FIN-6 to R-FIN-8). Nothing here saves; services.py
numbers and saves the invoices inside its transaction."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from members.models import Partnership

from . import ehf, ehf_rules
from .allocation import exact_decimal
from .models import Invoice, InvoiceLine


class InvoiceRefused(Exception):
    """Invoices that may not be issued; the message names who and why, for the user."""


def seller(finance_settings):
    partnership = Partnership.current()
    host = partnership.host_municipality
    if not (partnership.organisation_number and partnership.bank_account and host):
        raise InvoiceRefused(_("Set the host municipality, the organisation number and the bank "
                               "account of the partnership before issuing invoices."))
    number = partnership.organisation_number
    return {
        "seller_name": host.display_name, "seller_street": partnership.street_address,
        "seller_postcode": partnership.postcode, "seller_city": partnership.city,
        "seller_organisation_number": number,
        # R-FIN-7 with NO-R-001: a VAT-registered issuer states NO, its number and MVA.
        "seller_vat_number": f"NO{number}MVA" if finance_settings.vat_registered else "",
        "vat_category": finance_settings.vat_category,
        "vat_exemption_reason": finance_settings.vat_exemption_reason,
        "bank_account": partnership.bank_account,
    }


def buyer(municipality):
    return {
        "municipality": municipality, "buyer_name": municipality.display_name,
        "buyer_street": municipality.street_address, "buyer_postcode": municipality.postcode,
        "buyer_city": municipality.city,
        "buyer_organisation_number": municipality.organisation_number,
        "buyer_reference": municipality.invoice_reference,
    }


def check_buyers(municipalities):
    """R-FIN-8: every buyer needs its own reference, in its own format, and an organisation
    number for its electronic address. Raises naming each municipality that has not."""
    problems = []
    for municipality in municipalities:
        reference = municipality.invoice_reference_problem
        if reference:
            problems.append(f"{municipality.number} {municipality.display_name}: {reference}")
        if not municipality.organisation_number:
            problems.append(_("%(name)s has no organisation number.")
                            % {"name": f"{municipality.number} {municipality.display_name}"})
    if problems:
        raise InvoiceRefused(_("No invoice was issued. Correct these municipalities first: "
                               "%(problems)s") % {"problems": " ".join(problems)})


def calculation_lines(share, allocation):
    """The lines a reader needs to redo the share: each part with the exact basis it is a
    share of, and the rounding that makes the shares add up (R-FIN-4)."""
    lines = []
    if share.is_agreed:
        lines.append({"kind": InvoiceLine.Kind.AGREED, "amount": share.agreed,
                      "percent": share.agreed_percent,
                      "basis_amount": exact_decimal(allocation.amount, 8)
                      if share.agreed_percent is not None else None})
    elif allocation.amount is not None:
        if share.fixed:
            lines.append({"kind": InvoiceLine.Kind.FIXED, "amount": share.fixed,
                          "basis_amount": allocation.fixed_amount,
                          "basis_count": allocation.split_count})
        lines.append({"kind": InvoiceLine.Kind.POPULATION, "amount": share.population_part,
                      "quantity": share.population,
                      "basis_amount": allocation.variable_amount,
                      "basis_count": allocation.split_population,
                      "unit_price": allocation.exact_rate})
    else:
        if share.fixed:
            lines.append({"kind": InvoiceLine.Kind.BASE, "amount": share.fixed,
                          "unit_price": exact_decimal(allocation.fixed_each, 4)})
        lines.append({"kind": InvoiceLine.Kind.POPULATION, "amount": share.population_part,
                      "quantity": share.population, "unit_price": allocation.exact_rate})
    if share.rounding:
        lines.append({"kind": InvoiceLine.Kind.ROUNDING, "amount": share.rounding})
    return [InvoiceLine(position=position, **line) for position, line in enumerate(lines, 1)]


def new_invoice(*, number, budget, participant, share, parties, finance_settings, issued_on):
    """An unsaved invoice for one participant's share of an adopted budget."""
    with translation.override(settings.LANGUAGE_CODE):
        described = budget.describe_model()
        pool_name = budget.pool_name
    return Invoice(
        number=number, kind=Invoice.Kind.INVOICE, budget=budget, year=budget.year,
        pool_name=pool_name, issued_on=issued_on,
        due_on=issued_on + datetime.timedelta(days=finance_settings.payment_days),
        kid=kid(finance_settings, number),
        cost_model=described[:Invoice._meta.get_field("cost_model").max_length],
        population=participant.population, population_year=budget.population_year,
        total=share.total, **parties)


def credit_note_for(invoice, *, number, finance_settings, issued_on):
    """An unsaved credit note that negates the invoice and its lines (R-FIN-5)."""
    frozen = {field.name: getattr(invoice, field.name) for field in Invoice._meta.concrete_fields
              if field.name not in {"id", "number", "kind", "credited_invoice", "issued_on",
                                    "due_on", "kid", "total", "payment_status", "paid_on",
                                    "created", "updated"}}
    credit = Invoice(**frozen, number=number, kind=Invoice.Kind.CREDIT_NOTE,
                     credited_invoice=invoice, issued_on=issued_on, due_on=issued_on,
                     kid=kid(finance_settings, number), total=-invoice.total,
                     payment_status=Invoice.Payment.CREDITED)
    lines = [InvoiceLine(position=line.position, kind=line.kind, quantity=line.quantity,
                         unit_price=line.unit_price, basis_amount=line.basis_amount,
                         basis_count=line.basis_count, percent=line.percent,
                         amount=-line.amount)
             for line in invoice.lines.all()]
    return credit, lines


def kid(finance_settings, number):
    try:
        return finance_settings.kid_for(number)
    except ValueError as exc:
        raise InvoiceRefused(str(exc)) from exc


def check_ehf(invoice, lines):
    """R-FIN-7: refuse an invoice whose EHF document the rules do not accept, naming the
    rule and its text."""
    document = ehf.build(invoice, lines, credited=invoice.credited_invoice)
    problems = ehf_rules.fatal(document)
    if problems:
        raise InvoiceRefused(_("The EHF document of %(invoice)s to %(buyer)s breaks the rules, "
                               "so nothing was issued: %(problems)s") % {
            "invoice": invoice, "buyer": invoice.buyer_name,
            "problems": "; ".join(str(p) for p in problems[:5])})


