"""Which adopted budgets used population figures that an import replaces (R-REC-3): they keep
the figures they were adopted with, and the user is told which they are."""

from django.db.models import Q
from django.utils.translation import gettext as _

from common.templatetags.formatting import number
from members.population_users import reporter

from .models import BudgetParticipant


@reporter
def adopted_budgets_using(changes):
    wanted = Q()
    for change in changes:
        # R-FIN-2: a budget uses the figure per 1 January of the year before.
        wanted |= Q(municipality=change.municipality, budget__year=change.year + 1)
    rows = BudgetParticipant.objects.filter(wanted).select_related("budget__pool").order_by(
        "budget__year", "budget__pool__name", "number")
    new = {(c.municipality.pk, c.year): c.population for c in changes}
    lines = []
    for row in rows:
        lines.append(_("%(budget)s (adopted) used %(number)s %(name)s: %(used)s inhabitants; "
                       "it keeps that figure, the file has %(new)s.") % {
            "budget": row.budget, "number": row.number, "name": row.name,
            "used": number(row.population),
            "new": number(new[(row.municipality_id, row.budget.year - 1)])})
    return lines
