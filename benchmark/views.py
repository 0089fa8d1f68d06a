"""The benchmark's reference page: what any logged-in page costs at least (the session, the
user, the base layout with its navigation) plus a 50-row table from one query. Served only
when BENCHMARK_REFERENCE_PAGE is on (make bench turns it on)."""

from django.shortcuts import render

from common.access import login_required
from members.models import Person

ROWS = 50


@login_required
def reference_page(request):
    people = Person.objects.order_by("name").values("name", "email")[:ROWS]
    return render(request, "benchmark/reference.html", {"people": people})
