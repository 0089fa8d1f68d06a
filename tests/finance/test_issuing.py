"""Issuing invoices (R-FIN-5, R-FIN-6): one per participant, numbered without gaps, frozen."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from common.checkdigits import is_valid_kid
from finance.admin import InvoiceAdmin
from finance.models import (
    Budget,
    FinanceSettings,
    Invoice,
    InvoiceCounter,
    InvoiceFrozen,
    InvoiceLine,
)
from finance.services import FinanceError, credit_and_reissue, issue_invoices, set_payment
from members.models import Organisation, Partnership

from . import factories
from .test_allocation import GOLDEN

ISSUED_ON = datetime.date(2023, 1, 16)


@pytest.fixture
def issued(helgeland):
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"],
                              today=ISSUED_ON)
    return {**helgeland, "invoices": invoices}


def test_one_invoice_per_participant_with_the_golden_amounts(issued):
    invoices = issued["invoices"]
    assert [(i.municipality.number, i.total) for i in invoices] == [
        (number, Decimal(total)) for number, _name, _pop, _f, _p, total in GOLDEN]
    assert Budget.objects.get().status == Budget.Status.INVOICED


def test_r_fin_3_non_members_get_no_invoice(issued):
    assert not Invoice.objects.filter(municipality__number="1811").exists()


def test_r_fin_5_numbers_are_consecutive_from_the_counter(issued):
    assert [i.number for i in issued["invoices"]] == list(range(1, 18))


def test_issuing_twice_issues_nothing_twice(issued):
    again = issue_invoices(issued["budget"], acting_user=issued["secretariat"])
    assert again == []
    assert Invoice.objects.count() == 17


def test_a_draft_budget_cannot_be_invoiced(helgeland_members):
    draft = factories.budget()
    with pytest.raises(FinanceError, match="vedtatt budsjett"):
        issue_invoices(draft, acting_user=helgeland_members["secretariat"])
    assert Invoice.objects.count() == 0


def test_r_fin_6_invoice_copies_parties_and_carries_calculation(issued):
    rana = next(i for i in issued["invoices"] if i.municipality.number == "1833")
    host = Organisation.objects.get(number="1824")
    assert (rana.seller_name, rana.seller_organisation_number, rana.bank_account) == (
        "Vefsn", host.organisation_number, "45000000039")
    assert rana.seller_address == "Kirkegata 14, 8656 Mosjøen"
    assert (rana.buyer_name, rana.buyer_organisation_number, rana.buyer_reference) == (
        "Rana", Organisation.objects.get(number="1833").organisation_number,
        "Helsefellesskap/1833")
    assert (rana.year, rana.population, rana.population_year) == (2023, 26092, 2022)
    assert (rana.issued_on, rana.due_on) == (ISSUED_ON, datetime.date(2023, 2, 15))
    lines = [(line.kind, line.quantity, line.basis_amount, line.basis_count, line.amount)
             for line in rana.lines.all()]
    # The exact basis: 20 % of 740 539 shared by 17, 80 % shared by 75 828 inhabitants; the
    # rate 592 431.20 / 75 828 has no exact decimal, so the line states the fraction.
    assert lines == [
        (InvoiceLine.Kind.FIXED, None, Decimal("148107.8"), 17, Decimal("8712")),
        (InvoiceLine.Kind.POPULATION, 26092, Decimal("592431.2"), 75828, Decimal("203852")),
        (InvoiceLine.Kind.ROUNDING, None, None, None, Decimal("1")),
    ]
    assert rana.lines.get(kind="population").unit_price is None
    assert sum(line[4] for line in lines) == rana.total == Decimal("212565")


def test_r_fin_6_every_kid_is_valid_mod10_by_default(issued):
    kids = [i.kid for i in issued["invoices"]]
    assert kids[0] == "0000000018"
    assert all(len(kid) == 10 and is_valid_kid(kid, "mod10") for kid in kids)


def test_kid_length_and_mod11_are_configurable(helgeland):
    FinanceSettings.objects.create(pk=1, kid_method="mod11", kid_length=7, payment_days=14)
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"],
                              today=ISSUED_ON)
    assert all(len(i.kid) == 7 and is_valid_kid(i.kid, "mod11") for i in invoices)
    assert invoices[0].due_on == datetime.date(2023, 1, 30)


def test_issuing_needs_the_sellers_bank_account(helgeland):
    Partnership.objects.filter(pk=1).update(bank_account="")
    with pytest.raises(FinanceError, match="kontonummeret"):
        issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    assert Invoice.objects.count() == 0


def test_issuing_is_recorded_in_the_history_with_its_author(issued):
    record = Invoice.history.filter(number=1).get()
    assert record.history_user == issued["secretariat"]


def test_r_fin_5_issued_invoice_refuses_change_and_delete_in_the_model(issued):
    invoice = Invoice.objects.get(number=1)
    invoice.total = Decimal("1")
    with pytest.raises(InvoiceFrozen):
        invoice.save()
    with pytest.raises(InvoiceFrozen):
        invoice.save(update_fields=["total"])
    with pytest.raises(InvoiceFrozen):
        invoice.delete()
    with pytest.raises(InvoiceFrozen):
        Invoice.objects.filter(number=1).update(total=Decimal("1"))
    with pytest.raises(InvoiceFrozen):
        Invoice.objects.filter(number=1).delete()
    line = invoice.lines.first()
    line.amount = Decimal("0")
    with pytest.raises(InvoiceFrozen):
        line.save()
    with pytest.raises(InvoiceFrozen):
        line.delete()
    assert Invoice.objects.get(number=1).total == Decimal("24189")


def test_payment_status_is_the_one_thing_that_changes(issued):
    invoice = set_payment(Invoice.objects.get(number=1), paid_on=datetime.date(2023, 2, 1),
                          acting_user=issued["secretariat"])
    invoice.refresh_from_db()
    assert (invoice.payment_status, invoice.paid_on) == ("paid", datetime.date(2023, 2, 1))


def test_r_fin_5_admin_is_read_only_for_invoices(issued, rf):
    request = rf.get("/")
    request.user = issued["secretariat"]
    admin = InvoiceAdmin(Invoice, site)
    invoice = Invoice.objects.get(number=1)
    assert admin.has_add_permission(request) is False
    assert admin.has_change_permission(request, invoice) is False
    assert admin.has_delete_permission(request, invoice) is False


def test_r_fin_5_admin_refuses_posted_changes_and_deletion(issued, client):
    client.force_login(issued["secretariat"])
    invoice = Invoice.objects.get(number=1)
    change = reverse("admin:finance_invoice_change", args=[invoice.pk])
    assert client.post(change, {"total": "1"}).status_code == 403
    delete = reverse("admin:finance_invoice_delete", args=[invoice.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Invoice.objects.get(number=1).total == Decimal("24189")


def test_r_fin_5_views_offer_no_edit_of_an_invoice():
    """The only invoice URLs that change anything record a payment or issue a credit note."""
    from finance.urls import urlpatterns

    names = sorted(p.name for p in urlpatterns if "invoice" in p.name)
    assert names == ["invoice", "invoice_credit", "invoice_ehf", "invoice_payment",
                     "invoice_pdf", "invoices"]


def test_r_fin_5_correction_is_a_credit_note_and_a_new_invoice(issued):
    traena = Organisation.objects.get(number="1835")
    Organisation.objects.filter(pk=traena.pk).update(invoice_reference="Ansvar 1200")
    original = Invoice.objects.get(municipality=traena)
    credit, replacement = credit_and_reissue(original, acting_user=issued["secretariat"],
                                             today=datetime.date(2023, 2, 1))
    original.refresh_from_db()
    assert original.payment_status == Invoice.Payment.CREDITED
    assert (credit.kind, credit.credited_invoice, credit.total) == (
        Invoice.Kind.CREDIT_NOTE, original, Decimal("-12228"))
    assert [line.amount for line in credit.lines.all()] == [
        -line.amount for line in original.lines.all()]
    assert (credit.number, replacement.number) == (18, 19)
    assert (replacement.total, replacement.buyer_reference) == (Decimal("12228"), "Ansvar 1200")
    assert original.buyer_reference == "Helsefellesskap/1835"  # the original stays as issued
    assert is_valid_kid(credit.kid) and is_valid_kid(replacement.kid)
    with pytest.raises(FinanceError):
        credit_and_reissue(original, acting_user=issued["secretariat"])
    with pytest.raises(FinanceError):
        credit_and_reissue(credit, acting_user=issued["secretariat"])


def test_an_invoice_number_too_long_for_the_kid_stops_issuing_with_a_reason(helgeland):
    FinanceSettings.objects.create(pk=1, kid_length=6)
    issuer = Partnership.current().organisation_number
    InvoiceCounter.objects.create(issuer=issuer, last_number=99_990)
    with pytest.raises(FinanceError, match="100000"):
        issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    assert Invoice.objects.count() == 0
    assert InvoiceCounter.objects.get().last_number == 99_990
