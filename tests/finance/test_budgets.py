"""Budgets and their participants (R-FIN-2, R-FIN-3), the allocation page and downloads."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from common.checkdigits import is_valid_kid
from finance import demo as finance_demo
from finance.allocation import AllocationError
from finance.models import Budget, BudgetLine, CostModel, Invoice
from finance.services import FinanceError, adopt_budget
from meetings.demo_calendar import budget_year, today
from members.models import Organisation, PopulationFigure

from . import factories
from .test_allocation import GOLDEN

GOLDEN_CSV = "kommunenummer;name;population;fixed;population_part;total\n" + "".join(
    f"{n};{'Herøy (Nordland)' if n == '1818' else name};{pop};{f};{p};{t}\n"
    for n, name, pop, f, p, t in GOLDEN)


def test_seed_003_budget_leaves_740_539_to_the_municipalities(helgeland):
    budget = Budget.objects.with_totals().get()
    assert (budget.costs, budget.grants, budget.amount_to_cover) == (
        Decimal("1244539"), Decimal("504000"), Decimal("740539"))


@pytest.fixture
def draft_2023(helgeland_members):
    """The seed 003 budget for 2023 as a draft: it follows the live data until adopted."""
    return factories.budget(year=2023)


def test_r_fin_2_population_per_1_january_of_the_year_before(helgeland):
    rana = Organisation.objects.get(number="1833")
    PopulationFigure.objects.create(municipality=rana, year=2023, population=99999)
    shares = {s.number: s for s in helgeland["budget"].allocation().shares}
    assert shares["1833"].population == 26092


def test_r_fin_2_missing_population_stops_the_calculation_naming_the_municipality(draft_2023):
    PopulationFigure.objects.filter(municipality__number="1836", year=2022).delete()
    with pytest.raises(AllocationError, match="1836 Rødøy"):
        draft_2023.allocation()


def test_r_rec_3_an_adopted_budget_keeps_the_figures_it_was_adopted_with(helgeland):
    """R-REC-3: deleting or changing a population figure after adoption changes nothing."""
    PopulationFigure.objects.filter(municipality__number="1836", year=2022).delete()
    PopulationFigure.objects.filter(municipality__number="1833", year=2022).update(
        population=30000)
    shares = {s.number: s.total for s in helgeland["budget"].allocation().shares}
    assert shares == {number: Decimal(total) for number, _n, _p, _f, _pp, total in GOLDEN}


def test_r_fin_3_only_members_during_the_budget_year_pay(draft_2023):
    # Vega leaves mid-2023: it still pays for 2023. Brønnøy left at the start of 2023, and a
    # newcomer joins in 2024: neither pays for 2023.
    Organisation.objects.filter(number="1815").update(left_on=datetime.date(2023, 7, 1))
    Organisation.objects.filter(number="1813").update(joined_on=datetime.date(2020, 1, 1),
                                                      left_on=datetime.date(2023, 1, 1))
    factories.municipality("1837", "Meløy", population=6300,
                           joined_on=datetime.date(2024, 1, 1))
    numbers = [s.number for s in draft_2023.allocation().shares]
    assert "1815" in numbers
    assert "1813" not in numbers
    assert "1837" not in numbers
    assert "1811" not in numbers  # Bindal, listed with a population but not a member
    assert len(numbers) == 16


def test_adopting_needs_a_calculable_budget(helgeland, secretary):
    draft = factories.budget(year=2024)
    with pytest.raises(AllocationError, match="1. januar 2023"):
        adopt_budget(draft, decision="PM sak 3/2023", adopted_on=datetime.date(2023, 11, 1),
                     acting_user=secretary)
    draft.refresh_from_db()
    assert draft.status == Budget.Status.DRAFT


def test_an_adopted_budget_records_its_decision_and_is_not_adopted_twice(helgeland, secretary):
    budget = Budget.objects.get()
    assert (budget.status, budget.adopted_by, budget.adopted_on) == (
        "adopted", "Partnerskapsmøtet sak 5/2022", datetime.date(2022, 11, 15))
    with pytest.raises(FinanceError):
        adopt_budget(budget, decision="x", adopted_on=datetime.date(2023, 1, 1),
                     acting_user=secretary)


def test_fee_per_inhabitant_budget_gets_its_total_from_the_population(draft_2023):
    model = CostModel.objects.create(name="KHS-26", kind=CostModel.Kind.PER_INHABITANT,
                                     rate=Decimal("2.50"))
    draft_2023.cost_model = model
    draft_2023.save()
    allocation = Budget.objects.get().allocation()
    rana = next(s for s in allocation.shares if s.number == "1833")
    assert rana.total == Decimal("65230")  # 26 092 × 2.50
    # Each amount rounded on its own: twelve odd populations round their half krone up.
    assert allocation.total == Decimal("189570") + 12 * Decimal("0.5")


def test_budget_form_saves_lines_and_refuses_a_negative_amount(secretariat_client):
    model = factories.split_model()
    data = {"year": "2025", "cost_model": str(model.pk), "notes": "",
            "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000",
            "lines-0-kind": "cost", "lines-0-description": "Lønn", "lines-0-amount": "900000",
            "lines-1-kind": "grant", "lines-1-description": "Tilskudd",
            "lines-1-amount": "-5"}
    url = reverse("finance:budget_create")
    response = secretariat_client.post(url, data)
    assert response.status_code == 400
    assert Budget.objects.count() == 0
    data["lines-1-amount"] = "504000"
    response = secretariat_client.post(url, data)
    budget = Budget.objects.with_totals().get()
    assert response["Location"] == budget.get_absolute_url()
    assert (budget.costs, budget.grants) == (Decimal("900000"), Decimal("504000"))
    assert list(budget.lines.values_list("position", flat=True)) == [1, 2]


def test_adopted_budget_cannot_be_edited(helgeland, client):
    client.force_login(helgeland["secretariat"])
    url = reverse("finance:budget_edit", args=[helgeland["budget"].pk])
    assert client.get(url).status_code == 403


def test_adopt_view_records_the_decision(secretariat_client, cast):
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    budget = factories.budget()
    response = secretariat_client.post(reverse("finance:budget_adopt", args=[budget.pk]), {
        "decision": "Partnerskapsmøtet sak 5/2022", "adopted_on": "2022-11-15"})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert (budget.status, budget.adopted_on) == ("adopted", datetime.date(2022, 11, 15))


def test_allocation_page_shows_table_and_chart_with_text_alternative(helgeland, client):
    client.force_login(helgeland["secretariat"])
    page = client.get(reverse("finance:allocation", args=[helgeland["budget"].pk]))
    html = page.content.decode()
    assert "1833 Rana" in html
    assert "kr\xa0212\xa0565" in html
    assert "kr\xa0740\xa0539" in html
    assert html.count("<rect ") == 17
    assert 'role="img"' in html and "<title id=\"chart-title\">" in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_allocation_page_explains_a_missing_population(helgeland, client):
    PopulationFigure.objects.filter(municipality__number="1826").delete()
    client.force_login(helgeland["secretariat"])
    page = client.get(reverse("finance:allocation", args=[helgeland["budget"].pk]))
    assert page.status_code == 200
    assert "1826 Hattfjelldal" in page.content.decode()


def test_allocation_csv_is_the_golden_table(helgeland, client):
    client.force_login(helgeland["secretariat"])
    response = client.get(reverse("finance:allocation_csv", args=[helgeland["budget"].pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode() == GOLDEN_CSV


def test_allocation_xlsx_holds_the_same_figures(helgeland, client):
    client.force_login(helgeland["secretariat"])
    response = client.get(reverse("finance:allocation_xlsx", args=[helgeland["budget"].pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[13] == ("1833", "Rana", 26092, 8712, 203852, 212565)
    assert rows[-1] == (None, "Sum", 75828, None, None, 740539)


def test_contributions_command_on_the_demo_database_prints_the_golden_table(db, capsys):
    call_command("load_demo")
    capsys.readouterr()
    call_command("contributions", str(budget_year(today())))
    assert capsys.readouterr().out == GOLDEN_CSV


def test_demo_is_safe_to_load_twice(db):
    call_command("load_demo")
    counts = (Invoice.objects.count(), Budget.objects.count(), BudgetLine.objects.count())
    finance_demo.load()
    # Helgeland this year: 17 invoices, one credited and issued again; next year: a draft whose
    # grant line is the recorded award; Indre Helgeland's pool this year: 7 invoices.
    assert counts == (26, 3, 14)
    assert (Invoice.objects.count(), Budget.objects.count(), BudgetLine.objects.count()) == counts
    assert Invoice.objects.filter(kind="credit_note").count() == 1
    assert Budget.objects.get(year=budget_year(today()) + 1, pool=None).status == "draft"
    assert all(is_valid_kid(invoice.kid) for invoice in Invoice.objects.all())
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1, 27))


def test_adopting_without_a_decision_shows_the_error_next_to_the_field(secretariat_client,
                                                                      cast):
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    budget = factories.budget()
    response = secretariat_client.post(reverse("finance:budget_adopt", args=[budget.pk]), {
        "decision": "", "adopted_on": "2022-11-15"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="decision-error">Feltet er påkrevet.</div>' in html
    assert 'value="2022-11-15"' in html
    budget.refresh_from_db()
    assert budget.status == Budget.Status.DRAFT
