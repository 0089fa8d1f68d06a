"""Exports that no spreadsheet reads as a formula (security review 2, finding 4), and the finance
screens: lines in the order entered, the invoice date, a calculation a reader can redo, and
PDF footers that show names as they are."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from common.documents import render_now
from common.models import StoredPdf
from common.spreadsheets import safe_cell
from finance.models import Budget, CostModel, Invoice, IssueRun
from finance.services import issue_invoices
from members.models import Organisation, Partnership

from . import factories

HOSTILE = '=HYPERLINK("https://evil.example","x")'


@pytest.mark.parametrize(("value", "written"), [
    (HOSTILE, "'" + HOSTILE), ("+47 1", "'+47 1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Rana", "Rana"), (Decimal("-1"), Decimal("-1")), (5, 5),
])
def test_cells_that_start_a_formula_are_written_as_text(value, written):
    assert safe_cell(value) == written


@pytest.fixture
def hostile_name(cast):
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    Organisation.objects.filter(pk=cast.municipality_x.pk).update(name=HOSTILE)
    return factories.budget()


def test_the_allocation_csv_neutralises_formulas(hostile_name, secretariat_client):
    response = secretariat_client.get(reverse("finance:allocation_csv",
                                              args=[hostile_name.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[2][:2] == ["1833", "'" + HOSTILE]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_the_allocation_xlsx_neutralises_formulas(hostile_name, secretariat_client):
    response = secretariat_client.get(reverse("finance:allocation_xlsx",
                                              args=[hostile_name.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["B3"] if sheet["A3"].value == "1833" else sheet["B2"]
    assert cell.value == "'" + HOSTILE
    assert cell.data_type == "s"  # text, not a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def _lines_post(lines, budget=None, year="2025"):
    model = factories.split_model()
    data = {"year": year, "cost_model": str(model.pk), "notes": "",
            "lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000"}
    if budget is not None:
        existing = list(budget.lines.all())
        data["lines-INITIAL_FORMS"] = str(len(existing))
        for index, line in enumerate(existing):
            data[f"lines-{index}-id"] = str(line.pk)
    for index, (kind, description, amount) in enumerate(lines):
        data.update({f"lines-{index}-kind": kind, f"lines-{index}-description": description,
                     f"lines-{index}-amount": str(amount)})
    return data


def test_a_budget_takes_any_number_of_lines_kept_in_the_order_entered(secretariat_client):
    entered = [("cost", f"Linje {n}", 1000 + n) for n in range(7)] + [
        ("grant", "Statlig tilskudd", 500), ("cost", "Reise", 40)]
    response = secretariat_client.post(reverse("finance:budget_create"), _lines_post(entered))
    budget = Budget.objects.get()
    assert response["Location"] == budget.get_absolute_url()
    assert list(budget.lines.values_list("description", flat=True)) == [
        d for _k, d, _a in entered]
    # Editing: the fourth line changes and one is added at the end; the order stays.
    edited = list(entered)
    edited[3] = ("cost", "Linje 3, endret", 9)
    edited.append(("cost", "Ny til slutt", 1))
    secretariat_client.post(reverse("finance:budget_edit", args=[budget.pk]),
                            _lines_post(edited, budget=budget))
    assert list(budget.lines.values_list("description", flat=True)) == [
        d for _k, d, _a in edited]


def test_the_budget_form_adds_lines_with_a_static_script(secretariat_client):
    html = secretariat_client.get(reverse("finance:budget_create")).content.decode()
    assert 'data-formset-add="lines"' in html
    assert '<template id="lines-empty-row">' in html and "lines-__prefix__-description" in html
    assert '<script src="/static/finance/formset-rows.js" defer></script>' in html
    script = secretariat_client.get("/static/finance/formset-rows.js")
    assert b"__prefix__" in b"".join(script.streaming_content)
    script.close()


def test_the_invoice_date_is_chosen_when_issuing_and_the_due_date_follows(helgeland, client):
    client.force_login(helgeland["secretariat"])
    budget = helgeland["budget"]
    page = client.get(reverse("finance:budget", args=[budget.pk])).content.decode()
    assert f'name="issue_date" id="id_issue_date" required value="{datetime.date.today():%Y-%m-%d}"' in page  # noqa: E501
    client.post(reverse("finance:budget_issue", args=[budget.pk]), {"issue_date": "2023-01-20"})
    run = IssueRun.objects.get()
    assert run.issue_date == datetime.date(2023, 1, 20)
    from finance.tasks import issue_budget_invoices

    issue_budget_invoices(run.pk)
    invoice = Invoice.objects.first()
    assert (invoice.issued_on, invoice.due_on) == (datetime.date(2023, 1, 20),
                                                   datetime.date(2023, 2, 19))
    bad = client.post(reverse("finance:budget_issue", args=[budget.pk]), {"issue_date": "x"})
    assert bad.status_code in (302, 400)


@pytest.mark.parametrize(("rate", "text"), [
    ("2.50", "kr\xa02,50"), ("6", "kr\xa06"), ("6.0000", "kr\xa06"), ("7.8125", "kr\xa07,8125"),
    ("10000", "kr\xa010\xa0000"), ("0.5", "kr\xa00,50"),
])
def test_rates_show_without_trailing_zeros(rate, text):
    assert Template("{{ rate|rate_kr }}").render(Context({"rate": Decimal(rate)})) == text


def test_the_invoice_shows_a_calculation_a_reader_can_redo(helgeland, client):
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    rana = next(i for i in invoices if i.buyer_name == "Rana")
    client.force_login(helgeland["secretariat"])
    html = client.get(rana.get_absolute_url()).content.decode()
    # 20 % of 740 539 shared by 17, 80 % by 75 828 inhabitants, and the krone of rounding.
    assert "Fast del: kr\xa0148\xa0107,80 delt likt på 17 kommuner" in html
    assert ("Del etter innbyggertall: 26\xa0092 av 75\xa0828 innbyggere per 1. januar 2022 × "
            "kr\xa0592\xa0431,20") in html
    assert "Avrunding, slik at andelene summerer seg til beløpet som skal dekkes" in html


def test_a_fee_per_inhabitant_invoice_shows_the_exact_rate(helgeland_members, client):
    model = CostModel.objects.create(name="KHS-26", kind="per_inhabitant", rate=Decimal("2.50"))
    budget = factories.adopted_budget(helgeland_members["secretariat"], model=model)
    invoice = issue_invoices(budget, acting_user=helgeland_members["secretariat"])[0]
    client.force_login(helgeland_members["secretariat"])
    html = client.get(invoice.get_absolute_url()).content.decode()
    assert "1\xa0981 innbyggere per 1. januar 2022 × kr\xa02,50" in html


def test_pdf_footer_shows_a_name_with_a_hyphen_as_it_is(helgeland, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Partnership.objects.filter(pk=1).update(name='KHS-26 "Vestre Viken"')
    invoice = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])[0]
    render_now("finance.invoice", invoice.pk)
    stored = StoredPdf.objects.get(kind="finance.invoice", object_id=invoice.pk)
    with stored.file.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert 'KHS-26 "Vestre Viken"' in text
    assert "\\u002D" not in text
