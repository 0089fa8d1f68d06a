from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import history
from common.access import login_required, secretariat_required
from common.links import url_filler
from common.start import panels_for
from common.templatetags.formatting import date, number

from . import population_users
from .access import get_organisation_for, get_person_for
from .forms import (
    OrganisationForm,
    PartnershipForm,
    PersonForm,
    PopulationUploadForm,
    PopulationYearForm,
)
from .models import Organisation, Partnership, Person, PopulationFigure
from .services import import_population, plan_population_import

POPULATION_SESSION_KEY = "population_import"


def home(request):
    return render(request, "members/home.html")


@login_required
def start(request):
    return render(request, "members/start.html", {"panels": panels_for(request)})


# The columns the register shows: the addresses, invoicing fields and time stamps of every
# organisation cost more to load than the table they are not in.
REGISTER_FIELDS = ("kind", "name", "name_qualifier", "number", "organisation_number",
                   "regional_council", "joined_on", "left_on")


@secretariat_required
def organisation_list(request):
    latest = PopulationFigure.objects.filter(municipality=OuterRef("pk")).order_by("-year")
    organisations = list(Organisation.objects.only(*REGISTER_FIELDS).annotate(
        latest_population=Subquery(latest.values("population")[:1]),
        latest_population_year=Subquery(latest.values("year")[:1]),
    ))
    # Every regional council is itself in the list: its name is looked up here rather than
    # joined and built a second time for each of its municipalities.
    names = {o.pk: str(o) for o in organisations}
    # The rows as ready cells, with one reverse() for all links: looking up model attributes,
    # filtering values and reversing a link for each row were much of what the page cost.
    link = url_filler("members:organisation", 1)
    not_member = _("Not a member")
    municipalities, others = [], []
    for o in organisations:
        if not o.is_municipality:
            others.append({"url": link(o.pk), "name": names[o.pk], "kind": o.get_kind_display(),
                           "organisation_number": o.organisation_number or "–"})
            continue
        left = date(o.left_on) if o.left_on else ""
        municipalities.append({
            "number": o.number, "url": link(o.pk), "name": names[o.pk],
            "organisation_number": o.organisation_number or "–",
            "regional_council": names.get(o.regional_council_id, "–"),
            "member": f"{date(o.joined_on)}–{left}" if o.joined_on else not_member,
            "population": None if o.latest_population is None else number(o.latest_population),
            "population_year": o.latest_population_year,
        })
    return render(request, "members/organisation_list.html", {
        "municipalities": municipalities, "others": others})


@login_required
def organisation_detail(request, pk):
    organisation = get_organisation_for(request.user, pk)
    return render(request, "members/organisation_detail.html", {
        "organisation": organisation,
        "figures": organisation.population_figures.order_by("-year"),
        "people": organisation.people.all(),
        "municipalities": organisation.member_municipalities.all(),
    })


def _edit(request, form_class, instance, template, success_message):
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = history.save_form_by(form, request.user)
        messages.success(request, success_message)
        return saved, None
    return None, render(request, template, {"form": form, "object": instance})


@login_required
def organisation_edit(request, pk=None):
    if pk is None and not request.user.is_secretariat:
        raise PermissionDenied
    instance = get_organisation_for(request.user, pk, change=True) if pk else None
    saved, response = _edit(request, OrganisationForm, instance, "members/organisation_form.html",
                            _("The organisation was saved."))
    return redirect(saved) if saved else response


@secretariat_required
def person_list(request):
    people = Person.objects.select_related("organisation")
    return render(request, "members/person_list.html", {"people": people})


@login_required
def person_detail(request, pk):
    person = get_person_for(request.user, pk)
    return render(request, "members/person_detail.html", {"person": person})


@login_required
def person_edit(request, pk=None):
    if pk is None and not request.user.is_secretariat:
        raise PermissionDenied
    instance = get_person_for(request.user, pk, change=True) if pk else None
    saved, response = _edit(request, PersonForm, instance, "members/person_form.html",
                            _("The person was saved."))
    return redirect(saved) if saved else response


@secretariat_required
def partnership_edit(request):
    saved, response = _edit(request, PartnershipForm, Partnership.current(),
                            "members/partnership_form.html", _("The partnership was saved."))
    return redirect("members:organisations") if saved else response


@secretariat_required
def population_list(request):
    figures = PopulationFigure.objects.select_related("municipality")
    years = sorted({figure.year for figure in figures}, reverse=True)[:6]
    table = {}
    for figure in figures:
        if figure.year in years:
            table.setdefault(figure.municipality, {})[figure.year] = figure.population
    municipalities = Organisation.objects.municipalities().order_by("number")
    rows = [(m, [table.get(m, {}).get(year) for year in years]) for m in municipalities]
    return render(request, "members/population_list.html", {"years": years, "rows": rows})


def _population_year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 1900), 2100)


@secretariat_required
def population_edit(request):
    """Type in or correct one year's figures (R-FIN-2: typed in, or imported below)."""
    year = _population_year(request)
    municipalities = list(Organisation.objects.members_during_year(year + 1).order_by("number"))
    existing = dict(PopulationFigure.objects.filter(
        year=year, municipality__in=municipalities).values_list("municipality", "population"))
    form = PopulationYearForm(request.POST or None, year=year, municipalities=municipalities,
                              existing=existing)
    if request.method == "POST" and form.is_valid():
        plan = import_population(form.figures(), source=form.cleaned_data["source"],
                                 acting_user=request.user)
        messages.success(request, _("%(count)s population figures were saved.") % {
            "count": len(plan.to_save)})
        return redirect("members:population")
    return render(request, "members/population_form.html", {"form": form, "year": year})


@secretariat_required
def population_import(request):
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("The file was rejected. Nothing was imported."))
            return render(request, "members/population_import.html", {"form": form}, status=400)
        figures = form.parsed.figures
        request.session[POPULATION_SESSION_KEY] = {
            "figures": [[number, year, population]
                        for (number, year), population in figures.items()],
            "source": form.cleaned_data["source"],
        }
        plan = plan_population_import(figures)
        return render(request, "members/population_preview.html", {
            "plan": plan, "dependants": population_users.report(plan.changes),
            "skipped": sorted(form.parsed.skipped_regions),
            "source": form.cleaned_data["source"],
        })
    return render(request, "members/population_import.html", {"form": form})


@secretariat_required
@require_POST
def population_import_confirm(request):
    pending = request.session.pop(POPULATION_SESSION_KEY, None)
    if not pending:
        messages.error(request, _("There is no checked file to import. Upload it again."))
        return redirect("members:population_import")
    figures = {(number, year): population for number, year, population in pending["figures"]}
    dependants = population_users.report(plan_population_import(figures).changes)
    plan = import_population(figures, source=pending["source"], acting_user=request.user)
    messages.success(
        request, _("%(count)s population figures were saved.") % {"count": len(plan.to_save)})
    for line in dependants:
        messages.info(request, line)
    return redirect("members:population")


@secretariat_required
def history_recent(request):
    return render(request, "members/history_recent.html",
                  {"changes": history.recent_changes()})


@secretariat_required
def history_object(request, app_label, model_name, pk):
    model = history.model_for(app_label, model_name)
    if model is None:
        raise Http404
    entries = history.object_history(model, pk)
    if not entries:
        raise Http404
    return render(request, "members/history_object.html", {
        "entries": entries, "model_label": model._meta.verbose_name,
        "title": history.label(entries[0]["record"]),
    })
