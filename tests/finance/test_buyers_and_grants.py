"""R-FIN-8 (each municipality's buyer reference, in its own format) and R-FIN-10 (the state
grant needs two thirds of the member municipalities behind the application)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance.grants import record_award
from finance.models import Budget, GrantApplication, GrantBacking, Invoice
from finance.services import FinanceError, issue_invoices
from members.models import Organisation

from . import factories


def test_r_fin_8_issuing_is_refused_naming_each_municipality_without_its_reference(helgeland):
    Organisation.objects.filter(number="1816").update(invoice_reference="")
    Organisation.objects.filter(number="1833").update(invoice_reference="Kari",
                                                      invoice_reference_format="b6")
    with pytest.raises(FinanceError) as refused:
        issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    message = str(refused.value)
    assert "1816 Vevelstad: Ingen kjøpers referanse er oppgitt." in message
    assert "1833 Rana: «Kari» er ikke i formatet B og seks sifre" in message
    assert Invoice.objects.count() == 0


def test_r_fin_8_each_invoice_carries_its_municipalitys_own_reference(helgeland):
    Organisation.objects.filter(number="1833").update(invoice_reference="B100233",
                                                      invoice_reference_format="b6")
    Organisation.objects.filter(number="1824").update(invoice_reference="4711",
                                                      invoice_reference_format="resource")
    invoices = {i.municipality.number: i for i in issue_invoices(
        helgeland["budget"], acting_user=helgeland["secretariat"])}
    assert (invoices["1833"].buyer_reference, invoices["1824"].buyer_reference,
            invoices["1812"].buyer_reference) == ("B100233", "4711", "Helsefellesskap/1812")


def test_r_fin_8_the_municipality_form_checks_the_reference_against_its_format(cast):
    rana = cast.municipality_x
    rana.invoice_reference, rana.invoice_reference_format = "B12345", "b6"
    with pytest.raises(ValidationError, match="B og seks sifre"):
        rana.full_clean()
    rana.invoice_reference = "B123456"
    rana.full_clean()


@pytest.fixture
def application(helgeland_members):
    return GrantApplication.objects.create(year=2023, applicant=Organisation.objects.get(
        number="1824"), amount_applied=Decimal(504_000))


def _back(application, numbers):
    for number in numbers:
        GrantBacking.objects.create(application=application,
                                    municipality=Organisation.objects.get(number=number),
                                    backed_on=datetime.date(2022, 9, 1),
                                    decision_reference=f"Kommunestyret sak 1/{number}")


MEMBERS = ["1812", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825", "1826",
           "1827", "1828", "1832", "1833", "1834", "1835", "1836"]


def test_r_fin_10_two_thirds_of_17_members_is_12(application):
    _back(application, MEMBERS[:11])
    assert application.backing() == (11, 17, 12)
    assert not application.has_backing
    GrantBacking.objects.create(application=application, backed_on=datetime.date(2022, 9, 2),
                                municipality=Organisation.objects.get(number="1811"),
                                decision_reference="Bindal is no member")
    assert application.backing() == (11, 17, 12)  # a non-member's backing does not count
    _back(application, MEMBERS[11:12])
    assert application.has_backing


def test_r_fin_10_the_award_needs_the_backing_and_becomes_the_budget_grant_line(
        application, helgeland_members):
    secretariat = helgeland_members["secretariat"]
    draft = Budget.objects.create(year=2023, pool=None, cost_model=factories.split_model())
    _back(application, MEMBERS[:11])
    with pytest.raises(FinanceError, match="11 av 17.*minst to tredjedeler \\(12\\)"):
        record_award(application, amount=Decimal(504_000), awarded_on=datetime.date(2023, 1, 20),
                     reference="Hdir 23/1", report_due=datetime.date(2024, 3, 1),
                     acting_user=secretariat)
    application.refresh_from_db()
    assert not application.is_awarded
    _back(application, MEMBERS[11:13])
    line = record_award(application, amount=Decimal(504_000),
                        awarded_on=datetime.date(2023, 1, 20), reference="Hdir 23/1",
                        report_due=datetime.date(2024, 3, 1), acting_user=secretariat)
    assert (line.budget, line.kind, line.amount, line.description) == (
        draft, "grant", Decimal(504_000), "Statstilskudd (Hdir 23/1)")
    application.refresh_from_db()
    assert (application.report_due, application.history.first().history_user) == (
        datetime.date(2024, 3, 1), secretariat)


def test_r_fin_10_an_award_for_an_adopted_budget_leaves_it_as_adopted(application,
                                                                     helgeland_members):
    secretariat = helgeland_members["secretariat"]
    adopted = factories.adopted_budget(secretariat)
    _back(application, MEMBERS[:12])
    line = record_award(application, amount=Decimal(600_000),
                        awarded_on=datetime.date(2023, 1, 20), reference="Hdir 23/1",
                        report_due=None, acting_user=secretariat)
    assert line is None
    assert Budget.objects.get(pk=adopted.pk).amount_to_cover == 740539


def test_r_fin_10_the_grant_page_shows_the_condition_and_records_a_backing(
        application, helgeland_members, client):
    client.force_login(helgeland_members["secretariat"])
    _back(application, MEMBERS[:11])
    url = reverse("finance:grant", args=[application.pk])
    html = client.get(url).content.decode()
    assert "Vilkåret er ikke oppfylt" in html
    assert "11 av 17 medlemskommuner står bak søknaden; to tredjedeler er 12." in html
    response = client.post(reverse("finance:grant_backing", args=[application.pk]), {
        "municipality": Organisation.objects.get(number="1836").pk,
        "backed_on": "2022-09-10", "decision_reference": "Kommunestyret sak 33/2022"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Vilkåret er oppfylt" in html and "Kommunestyret sak 33/2022" in html
