"""Plain functions that build finance data for tests (and for the access matrix)."""

import datetime
from decimal import Decimal

from finance.models import Budget, BudgetLine, CostModel
from finance.services import adopt_budget, issue_invoices
from members.demo import made_up_organisation_number
from members.models import Organisation, Partnership, PopulationFigure

BANK_ACCOUNT = "45000000039"


def partnership(host):
    Partnership.objects.update_or_create(pk=1, defaults={
        "name": "Helsefellesskap Helgeland", "host_municipality": host,
        "organisation_number": host.organisation_number, "bank_account": BANK_ACCOUNT,
        "street_address": "Kirkegata 14", "postcode": "8656", "city": "Mosjøen",
    })


def municipality(number, name, population=None, population_year=2022, **fields):
    """A member municipality (from 2023) with an organisation number and a population."""
    fields.setdefault("joined_on", datetime.date(2023, 1, 1))
    fields.setdefault("organisation_number", made_up_organisation_number(f"964{number}"))
    fields.setdefault("invoice_reference", f"Ref {number}")
    organisation, _created = Organisation.objects.update_or_create(
        number=number, defaults={"kind": Organisation.Kind.MUNICIPALITY, "name": name,
                                 **fields})
    if population is not None:
        PopulationFigure.objects.update_or_create(
            municipality=organisation, year=population_year,
            defaults={"population": population})
    return organisation


def give_population(organisation, population, year=2022):
    PopulationFigure.objects.update_or_create(municipality=organisation, year=year,
                                              defaults={"population": population})
    if not (organisation.organisation_number and organisation.invoice_reference):
        # What invoicing needs of a buyer (R-FIN-8): an organisation number and a reference.
        organisation.organisation_number = (organisation.organisation_number
                                            or made_up_organisation_number(
                                                f"964{organisation.number}"))
        organisation.invoice_reference = organisation.invoice_reference or (
            f"Ref {organisation.number}")
        organisation.save()


def split_model(fixed_percent=20):
    model, _created = CostModel.objects.get_or_create(
        name=f"{fixed_percent}/{100 - fixed_percent}",
        defaults={"kind": CostModel.Kind.SPLIT, "fixed_percent": Decimal(fixed_percent)})
    return model


def budget(year=2023, costs=1_244_539, grants=504_000, model=None, pool=None):
    """A draft budget with one cost line and one grant line."""
    created = Budget.objects.create(year=year, cost_model=model or split_model(), pool=pool)
    BudgetLine.objects.create(budget=created, kind=BudgetLine.Kind.COST, description="Lønn",
                              amount=Decimal(costs), position=1)
    BudgetLine.objects.create(budget=created, kind=BudgetLine.Kind.GRANT,
                              description="Statlig tilskudd", amount=Decimal(grants), position=2)
    return created


def adopted_budget(user, **kwargs):
    return adopt_budget(budget(**kwargs), decision="Partnerskapsmøtet sak 5/2022",
                        adopted_on=datetime.date(2022, 11, 15), acting_user=user)


def issued_budget(user, today=datetime.date(2023, 1, 16), **kwargs):
    adopted = adopted_budget(user, **kwargs)
    invoices = issue_invoices(adopted, acting_user=user, today=today)
    adopted.refresh_from_db()
    return adopted, invoices
