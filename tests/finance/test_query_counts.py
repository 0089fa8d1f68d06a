"""The finance pages make the same number of queries whatever the number of municipalities,
years and invoices."""

import datetime

import pytest
from django.urls import reverse

from finance.models import Invoice
from finance.services import issue_invoices

from . import factories

FIRST_YEAR = 2023


def build(cast, municipalities, years):
    """`municipalities` members besides x and y, and an issued budget for each of `years`."""
    members = [cast.municipality_x, cast.municipality_y] + [
        factories.municipality(f"{1100 + i}", f"Kommune {i}") for i in range(municipalities)]
    budgets = []
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        for index, member in enumerate(members):
            factories.give_population(member, 1000 + 37 * index, year=year - 1)
        factories.partnership(cast.municipality_y)
        budget = factories.adopted_budget(cast.users["secretariat"], year=year)
        issue_invoices(budget, acting_user=cast.users["secretariat"],
                       today=datetime.date(year, 1, 16))
        budgets.append(budget)
    return budgets[0]


SIZES = [(1, 1), (8, 3)]


@pytest.mark.parametrize(("municipalities", "years"), SIZES)
def test_budget_page_queries(cast, django_assert_num_queries, municipalities, years):
    budget = build(cast, municipalities, years)
    client = cast.client("secretariat")
    with django_assert_num_queries(11):
        assert client.get(reverse("finance:budget", args=[budget.pk])).status_code == 200


@pytest.mark.parametrize(("municipalities", "years"), SIZES)
def test_budget_list_queries(cast, django_assert_num_queries, municipalities, years):
    build(cast, municipalities, years)
    client = cast.client("secretariat")
    with django_assert_num_queries(4):
        assert client.get(reverse("finance:budgets")).status_code == 200


@pytest.mark.parametrize(("municipalities", "years"), SIZES)
def test_allocation_page_queries(cast, django_assert_num_queries, municipalities, years):
    budget = build(cast, municipalities, years)
    client = cast.client("secretariat")
    for name, count in [("finance:allocation", 5), ("finance:allocation_csv", 4),
                        ("finance:allocation_xlsx", 4)]:
        with django_assert_num_queries(count):
            assert client.get(reverse(name, args=[budget.pk])).status_code == 200


@pytest.mark.parametrize(("municipalities", "years"), SIZES)
def test_invoice_list_queries(cast, django_assert_num_queries, municipalities, years):
    build(cast, municipalities, years)
    client = cast.client("secretariat")
    with django_assert_num_queries(5):  # the page's count included
        assert client.get(reverse("finance:invoices")).status_code == 200


@pytest.mark.parametrize(("municipalities", "years"), SIZES)
def test_finance_officer_pages_queries(cast, django_assert_num_queries, municipalities,
                                       years):
    build(cast, municipalities, years)
    client = cast.client("fin_x")
    invoice = cast.municipality_x.invoices.latest("number")
    for url, count in [(reverse("finance:invoices"), 6), (invoice.get_absolute_url(), 7),
                       (reverse("start"), 6)]:
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(("municipalities", "years"), SIZES)
def test_secretariat_start_page_queries(cast, django_assert_num_queries, municipalities,
                                        years):
    build(cast, municipalities, years)
    client = cast.client("secretariat")
    with django_assert_num_queries(13):
        assert client.get(reverse("start")).status_code == 200


def test_invoice_list_shows_a_page_at_a_time_keeping_the_filter(cast, monkeypatch):
    monkeypatch.setattr("finance.views.invoices.INVOICE_PAGE_SIZE", 3)
    build(cast, 8, 1)  # ten invoices, numbered 1 to 10
    year = Invoice.objects.get(number=1).year
    client = cast.client("secretariat")
    first = client.get(reverse("finance:invoices"), {"year": year})
    assert [i.number for i in first.context["invoices"]] == [10, 9, 8]
    assert f'href="?year={year}&amp;side=2"' in first.content.decode()
    last = client.get(reverse("finance:invoices"), {"year": year, "side": "4"})
    assert [i.number for i in last.context["invoices"]] == [1]
    assert client.get(reverse("finance:invoices"), {"side": "x"}).status_code == 200
    for odd_year in ("²", "٣", "-1", "1e3", "99999999999999999999"):
        answer = client.get(reverse("finance:invoices"), {"year": odd_year})
        assert answer.status_code == 200, odd_year


def _grants(cast, municipalities):
    from finance.models import GrantApplication, GrantBacking

    members = [cast.municipality_x, cast.municipality_y] + [
        factories.municipality(f"{1100 + i}", f"Kommune {i}") for i in range(municipalities)]
    application = None
    for year in (2023, 2024):
        application = GrantApplication.objects.create(year=year, applicant=members[0])
        for member in members:
            GrantBacking.objects.create(application=application, municipality=member,
                                        backed_on=datetime.date(year - 1, 9, 1),
                                        decision_reference="Kommunestyret")
    return application


@pytest.mark.parametrize("municipalities", [1, 8])
def test_grant_pages_queries(cast, django_assert_num_queries, municipalities):
    application = _grants(cast, municipalities)
    client = cast.client("secretariat")
    with django_assert_num_queries(5):
        assert client.get(reverse("finance:grants")).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(application.get_absolute_url()).status_code == 200
