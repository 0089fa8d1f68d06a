"""Payment status: set by the secretariat or imported from a file matched on KID."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import Invoice
from finance.payments import parse
from finance.services import issue_invoices


@pytest.fixture
def issued(helgeland, client):
    issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"],
                   today=datetime.date(2023, 1, 16))
    client.force_login(helgeland["secretariat"])
    return client


def upload(text):
    return {"file": SimpleUploadedFile("betalinger.csv", text.encode())}


def test_parse_reads_header_dates_and_amounts():
    payments, errors = parse("KID;dato;beløp\n0000000018;10.02.2023;24 189,00\n"
                             "0000000026;2023-02-11;69473\n")
    assert errors == []
    assert [(p.line, p.kid, p.paid_on, str(p.amount)) for p in payments] == [
        (2, "0000000018", datetime.date(2023, 2, 10), "24189.00"),
        (3, "0000000026", datetime.date(2023, 2, 11), "69473"),
    ]


def test_import_marks_the_matching_invoices_paid(issued):
    response = issued.post(reverse("finance:payment_import"), upload(
        "0000000018;10.02.2023;24189\n0000000026;11.02.2023;69473,00\n"))
    assert response.status_code == 302
    paid = Invoice.objects.filter(payment_status="paid").order_by("number")
    assert [(i.number, i.paid_on) for i in paid] == [
        (1, datetime.date(2023, 2, 10)), (2, datetime.date(2023, 2, 11))]


def test_a_bad_line_rejects_the_whole_file_with_line_numbers(issued):
    response = issued.post(reverse("finance:payment_import"), upload(
        "kid;dato;beløp\n0000000018;10.02.2023;24189\n0000000027;10.02.2023;100\n"
        "0000000034;31.02.2023;17892\n0000000042;10.02.2023;1\n"))
    assert response.status_code == 400
    html = response.content.decode()
    for line in (3, 4, 5):
        assert f"Linje {line}:" in html
    assert "Linje 2:" not in html
    assert Invoice.objects.filter(payment_status="paid").count() == 0


def test_secretariat_marks_an_invoice_paid_and_open_again(issued):
    invoice = Invoice.objects.get(number=3)
    url = reverse("finance:invoice_payment", args=[invoice.pk])
    issued.post(url, {"paid_on": "2023-02-03"})
    invoice.refresh_from_db()
    assert (invoice.payment_status, invoice.paid_on) == ("paid", datetime.date(2023, 2, 3))
    issued.post(url, {"action": "reopen"})
    invoice.refresh_from_db()
    assert (invoice.payment_status, invoice.paid_on) == ("open", None)


def test_a_payment_without_a_date_is_refused(issued):
    invoice = Invoice.objects.get(number=3)
    issued.post(reverse("finance:invoice_payment", args=[invoice.pk]), {"paid_on": ""})
    invoice.refresh_from_db()
    assert invoice.payment_status == "open"


@time_machine.travel(datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC))
def test_overdue_invoices_are_marked_in_words_not_only_colour(issued):
    Invoice.objects.filter(number=1).update(payment_status="paid",
                                            paid_on=datetime.date(2023, 2, 10))
    html = issued.get(reverse("finance:invoices") + "?overdue=1").content.decode()
    assert html.count("Forfalt") == 16
    # A screen reader hears «Forfalt, forfall 01.02.2023», not another app's «due».
    assert html.count('<span class="visually-hidden">forfall</span>') == 16
    assert ">1</a>" not in html
    start = issued.get(reverse("start")).content.decode()
    assert "16 fakturaer er forfalt" in start
