from django.utils import timezone

from common.history import recent_changes
from common.start import panel

from .models import Organisation


@panel("secretariat", order=80)
def population_panel(request):
    year = timezone.localdate().year
    # The panel shows each one's number and name only.
    members = Organisation.objects.members_during_year(year + 1).exclude(
        population_figures__year=year).only("number", "name", "name_qualifier")
    return "members/_panel_population.html", {"year": year, "missing": list(members)}


@panel("secretariat", order=90)
def changes_panel(request):
    return "members/_panel_changes.html", {"changes": recent_changes(limit=5)}


@panel("representative", order=90)
def person_panel(request):
    return "members/_panel_person.html", {"person": request.user.person}


@panel("finance_officer", order=10)
def municipality_panel(request):
    return "members/_panel_municipality.html", {"municipality": request.user.municipality}
