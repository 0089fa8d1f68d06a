"""Data for what 0002 added: addresses split into their parts, the invoice counter's issuer,
the snapshot of budgets adopted before adoption stored one (R-REC-3), and an EHF document
waiting for each invoice issued before EHF (made when its PDF is rendered again)."""

import re
from datetime import date
from decimal import Decimal

from django.db import migrations
from django.db.models import Q

ADDRESS = re.compile(r"^(?:(?P<street>.*), )?(?P<postcode>\d{4}) (?P<city>.+)$")


def _split(address):
    match = ADDRESS.match(address or "")
    if not match:
        return address or "", "", ""
    return match["street"] or "", match["postcode"], match["city"]


def _participants_now(apps, budget, BudgetParticipant):
    Organisation = apps.get_model("members", "Organisation")
    PopulationFigure = apps.get_model("members", "PopulationFigure")
    first, last = date(budget.year, 1, 1), date(budget.year, 12, 31)
    members = Organisation.objects.filter(kind="municipality", joined_on__lte=last).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=first))
    figures = dict(PopulationFigure.objects.filter(year=budget.year - 1).values_list(
        "municipality_id", "population"))
    for member in members.order_by("number"):
        if member.pk in figures:
            name = f"{member.name} ({member.name_qualifier})" if member.name_qualifier else (
                member.name)
            BudgetParticipant.objects.create(budget=budget, municipality=member,
                                             number=member.number, name=name,
                                             population=figures[member.pk])


def forwards(apps, schema_editor):
    Invoice = apps.get_model("finance", "Invoice")
    Budget = apps.get_model("finance", "Budget")
    BudgetLine = apps.get_model("finance", "BudgetLine")
    BudgetParticipant = apps.get_model("finance", "BudgetParticipant")
    InvoiceCounter = apps.get_model("finance", "InvoiceCounter")
    EhfDocument = apps.get_model("finance", "EhfDocument")
    StoredPdf = apps.get_model("common", "StoredPdf")
    # Invoices issued before the VAT treatment was recorded were outside the scope of VAT, the
    # default; their EHF documents state the default reason.
    default_reason = apps.get_model("finance", "FinanceSettings")._meta.get_field(
        "vat_exemption_reason").default
    Invoice.objects.filter(vat_exemption_reason="").update(vat_exemption_reason=default_reason)
    for invoice in Invoice.objects.all():
        seller = _split(invoice.seller_address)
        buyer = _split(invoice.buyer_address)
        Invoice.objects.filter(pk=invoice.pk).update(
            seller_street=seller[0], seller_postcode=seller[1], seller_city=seller[2],
            buyer_street=buyer[0], buyer_postcode=buyer[1], buyer_city=buyer[2])
        EhfDocument.objects.get_or_create(invoice_id=invoice.pk)
    StoredPdf.objects.filter(kind="finance.invoice").update(state="pending", content_hash="")
    last = Invoice.objects.order_by("-number").first()
    if last is not None:
        InvoiceCounter.objects.filter(issuer="").update(issuer=last.seller_organisation_number)
    else:
        InvoiceCounter.objects.filter(issuer="").delete()
    for budget in Budget.objects.exclude(status="draft").select_related("cost_model"):
        lines = BudgetLine.objects.filter(budget=budget)
        costs = sum((line.amount for line in lines if line.kind == "cost"), Decimal(0))
        grants = sum((line.amount for line in lines if line.kind == "grant"), Decimal(0))
        model = budget.cost_model
        Budget.objects.filter(pk=budget.pk).update(adopted_amount=costs - grants, adopted_parameters={
            "name": model.name, "kind": model.kind, "rounding": model.rounding,
            "fixed_percent": str(model.fixed_percent), "base_amount": str(model.base_amount),
            "rate": str(model.rate), "agreed": []})
        # What the invoices were issued from is the best record of the participants; an
        # adopted budget without invoices takes them as they are now.
        invoices = Invoice.objects.filter(budget=budget, kind="invoice").select_related(
            "municipality").order_by("municipality__number", "number")
        seen = set()
        for invoice in invoices:
            if invoice.municipality_id in seen:
                continue
            seen.add(invoice.municipality_id)
            BudgetParticipant.objects.create(
                budget=budget, municipality=invoice.municipality,
                number=invoice.municipality.number, name=invoice.buyer_name,
                population=invoice.population)
        if not seen:
            _participants_now(apps, budget, BudgetParticipant)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0002_agreedshare_budgetparticipant_ehfdocument_and_more"),
        ("common", "0001_stored_pdf"),
        ("members", "0003_invoice_reference_format"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
