import datetime

from django.utils import timezone

from common.compiled import CompiledQuery
from common.history import recent_changes
from common.start import panel

from .models import Organisation

# The members of the year after `year` without a figure for `year`: the panel shows each
# one's number and name only; compiled once (common.compiled).
missing_population = CompiledQuery(
    lambda first, last, year: Organisation.objects.members_between(first, last)
    .exclude(population_figures__year=year).only("number", "name", "name_qualifier"))


@panel("secretariat", order=80)
def population_panel(request):
    year = timezone.localdate().year
    return "members/_panel_population.html", {"year": year, "missing": missing_population(
        first=datetime.date(year + 1, 1, 1), last=datetime.date(year + 1, 12, 31), year=year)}


@panel("secretariat", order=90)
def changes_panel(request):
    return "members/_panel_changes.html", {"changes": recent_changes(limit=5)}


@panel("representative", order=90)
def person_panel(request):
    return "members/_panel_person.html", {"person": request.user.person}


@panel("finance_officer", order=10)
def municipality_panel(request):
    return "members/_panel_municipality.html", {"municipality": request.user.municipality}
