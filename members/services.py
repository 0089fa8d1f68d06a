"""State changes on the member register, each in one transaction with its author recorded."""

from dataclasses import dataclass, field

from django.db import transaction

from common.history import save_by

from .models import Organisation, PopulationFigure


@dataclass
class PopulationChange:
    municipality: Organisation
    year: int
    population: int
    figure: PopulationFigure | None

    @property
    def previous(self):
        return self.figure.population if self.figure else None

    @property
    def is_new(self):
        return self.figure is None

    @property
    def is_change(self):
        return self.previous is not None and self.previous != self.population


@dataclass
class PopulationImportPlan:
    changes: list = field(default_factory=list)
    unknown_numbers: list = field(default_factory=list)

    @property
    def to_save(self):
        return [change for change in self.changes if change.is_new or change.is_change]


def plan_population_import(figures):
    """What importing {(kommunenummer, year): population} would change, without saving."""
    numbers = {number for number, _year in figures}
    municipalities = {m.number: m for m in Organisation.objects.municipalities().filter(
        number__in=numbers)}
    existing = {
        (figure.municipality.number, figure.year): figure
        for figure in PopulationFigure.objects.select_related("municipality").filter(
            municipality__number__in=numbers, year__in={year for _n, year in figures}
        )
    }
    plan = PopulationImportPlan()
    for (number, year), population in sorted(figures.items()):
        if number not in municipalities:
            plan.unknown_numbers.append(number)
            continue
        plan.changes.append(PopulationChange(
            municipality=municipalities[number], year=year, population=population,
            figure=existing.get((number, year)),
        ))
    plan.unknown_numbers = sorted(set(plan.unknown_numbers))
    return plan


@transaction.atomic
def import_population(figures, *, source, acting_user):
    """Save the figures of a checked file: new ones are added, changed ones updated."""
    plan = plan_population_import(figures)
    for change in plan.to_save:
        figure = change.figure or PopulationFigure(
            municipality=change.municipality, year=change.year
        )
        figure.population = change.population
        figure.source = source
        save_by(figure, acting_user)
    return plan
