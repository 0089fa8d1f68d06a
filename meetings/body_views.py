"""The bodies' own pages: the list, a body's page with its seats, plan, mandate, queue and
warnings, and the forms that change a body, its seats, chair, mandate and plan."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as django_date
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.access import get_for_secretariat, secretariat_required
from common.compiled import CompiledQuery
from common.forms import run_service
from common.links import url_filler
from common.templatetags.formatting import date as format_date
from members.models import organisation_name

from . import mandates, services
from .access import (
    bodies_for,
    get_body_for,
    members_required,
    visible_body_ids,
)
from .body_forms import BodyForm
from .forms import (
    AdoptPlanForm,
    ChairForm,
    MandateForm,
    SeatForm,
)
from .models import (
    Body,
    Case,
    ChairTerm,
    Meeting,
    MeetingPlan,
    Seat,
)
from .models.bodies import seat_order
from .models.meetings import case_label, meeting_label
from .warnings import current_warnings


@members_required
def body_list(request):
    bodies = bodies_for(request.user).select_related("parent")
    context = {"bodies": bodies}
    if request.user.is_secretariat:
        context["body_warnings"] = current_warnings()
    return render(request, "meetings/body_list.html", context)


# The columns the body page shows of its seats, meetings, chair terms and queued cases, and of
# the rows joined to them, read as values: the bodies, people and organisations have many more.
BODY_PAGE_SEAT = ("pk", "role", "side", "list_position", "represents", "starts_on", "ends_on",
                  "holder__name", "holder__organisation__name",
                  "holder__organisation__name_qualifier", "appointed_by__name",
                  "appointed_by__name_qualifier", "deputy_for__holder__name")
BODY_PAGE_MEETING = ("pk", "body_id", "body__name", "kind", "status", "starts_at", "place")
BODY_PAGE_CHAIR_TERM = ("role", "side", "starts_on", "ends_on", "person__name", "decided_at",
                        "decided_at__starts_at", "decided_at__body__name", "decided_in",
                        "decided_in__number", "decided_in__year")
BODY_PAGE_CASE = ("pk", "title", "proposed_by__name", "submitted_at", "status")

# The page's lists, compiled once (common.compiled): built anew for each request, their
# queries cost more than the page's template. Sorted in Python or without the models'
# orderings, which join the body for its name.
current_seats = CompiledQuery(lambda body, day: Seat.objects.current(day).filter(body=body)
                              .order_by().values_list(*BODY_PAGE_SEAT, named=True))
# From last new year's day (`since`): a range on the indexed start, not a filter on its year.
programme_meetings = CompiledQuery(
    lambda owner, since: Meeting.objects.in_programme(owner).filter(starts_at__gte=since)
    .order_by("starts_at").values_list(*BODY_PAGE_MEETING, named=True))
chair_terms_of = CompiledQuery(lambda body: ChairTerm.objects.filter(body=body)
                               .order_by("-starts_on")
                               .values_list(*BODY_PAGE_CHAIR_TERM, named=True))
# One body's plans from a year on (the page does not grow with the years of history).
plans_from = CompiledQuery(lambda owner, year: MeetingPlan.objects.filter(
    body=owner, year__gte=year).only("year", "adopted_on", "adopted_in").order_by())
case_queue = CompiledQuery(lambda body: Case.objects.filter(body=body).queued()
                           .order_by("submitted_at").values_list(*BODY_PAGE_CASE, named=True))


def _seat_rows(seats, edit_url, edit_label):
    """The seat table's rows, built here with every value escaped from the seats' values (no
    model instances): the template did this per row with a dozen tags and two
    get_FOO_display() calls, which made these tables most of the page's cost. `edit_url` is
    None for those who may not edit."""
    # The labels translated and escaped once, not per row.
    # str(): escape() of a lazy translation is lazy, translated again at each use.
    roles = {value: escape(str(label)) for value, label in Seat.Role.choices}
    sides = {value: escape(str(label)) for value, label in Seat.Side.choices}
    edit_label = escape(edit_label)
    rows = []
    for seat in seats:
        holder = escape(seat.holder__name)
        row = f"\n<tr><td>{holder}"
        if seat.holder__organisation__name:
            organisation = organisation_name(seat.holder__organisation__name,
                                              seat.holder__organisation__name_qualifier)
            row += f'<br><span class="small text-body-secondary">{escape(organisation)}</span>'
        row += f"</td><td>{roles[seat.role]}"
        if seat.deputy_for__holder__name:
            row += f" – {escape(seat.deputy_for__holder__name)}"
        if seat.list_position:
            row += f" ({seat.list_position:d})"
        if seat.represents:
            row += f" – {escape(seat.represents)}"
        row += f"</td><td>{sides[seat.side]}"
        if seat.appointed_by__name:
            appointed_by = organisation_name(seat.appointed_by__name,
                                              seat.appointed_by__name_qualifier)
            row += f'<br><span class="small">{escape(appointed_by)}</span>'
        ends_on = format_date(seat.ends_on) if seat.ends_on else ""
        row += f"</td><td>{format_date(seat.starts_on)}–{ends_on}</td>"
        if edit_url:
            row += (f'<td><a href="{edit_url(seat.pk)}">{edit_label}'
                    f'<span class="visually-hidden"> {holder}</span></a></td>')
        rows.append(row + "</tr>")
    return mark_safe("".join(rows))


def _meeting_items(meetings, linked_bodies):
    """The meeting plan's list items by year, built here with every value escaped, for the
    same reason as the seat rows. The programme holds meetings of bodies sharing it (R-DM-1):
    they link only to those this user may open."""
    statuses = {value: escape(str(label)) for value, label in Meeting.Status.choices}
    extraordinary = escape(str(Meeting.Kind.EXTRAORDINARY.label))
    meeting_url = url_filler("meetings:meeting", 1)
    items = {}
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        when = escape(django_date(local, "l j. F Y H:i"))
        if meeting.body_id in linked_bodies:
            when = f'<a href="{meeting_url(meeting.pk)}">{when}</a>'
        item = f"<li>{when} – {escape(meeting.body__name)}"
        if meeting.place:
            item += f", {escape(meeting.place)}"
        item += f" · {statuses[meeting.status]}"
        if meeting.kind == Meeting.Kind.EXTRAORDINARY:
            item += f" · {extraordinary}"
        items.setdefault(local.year, []).append(item + "</li>")
    return {year: mark_safe("".join(year_items)) for year, year_items in items.items()}


@members_required
def body_detail(request, pk):
    body = get_body_for(request.user, pk)
    today = timezone.localdate()
    is_secretariat = request.user.is_secretariat
    seats = sorted(current_seats(body=body.pk, day=today),
                   key=lambda seat: seat_order(seat.role, seat.side, seat.list_position,
                                               seat.holder__name))
    since = datetime.datetime(today.year - 1, 1, 1, tzinfo=timezone.get_current_timezone())
    meetings = programme_meetings(owner=body.programme_owner_id, since=since)
    plans = {plan.year: plan
             for plan in plans_from(owner=body.programme_owner_id, year=since.year)}
    meeting_items = _meeting_items(
        meetings, visible_body_ids(request.user, {m.body_id for m in meetings}))
    seat_edit_url = url_filler("meetings:seat_edit", 1) if is_secretariat else None
    edit_label = _("Edit")
    context = {
        "body": body,
        "seat_tables": [
            (_("Permanent members"), _seat_rows(
                [s for s in seats if s.role == Seat.Role.MEMBER], seat_edit_url, edit_label)),
            (_("Deputies, observers, listeners and secretariat"), _seat_rows(
                [s for s in seats if s.role != Seat.Role.MEMBER], seat_edit_url, edit_label)),
        ],
        "years": [{"year": year, "plan": plans.get(year),
                   "meetings": meeting_items.get(year, "")}
                  for year in sorted({today.year, today.year + 1, *plans, *meeting_items})],
        "is_secretariat": is_secretariat,
        "mandate": mandates.current_mandate(body),
    }
    statuses = dict(Case.Status.choices)
    if is_secretariat:
        chair_terms = chair_terms_of(body=body.pk)
        roles, sides = dict(ChairTerm.Role.choices), dict(Seat.Side.choices)
        triage_url = url_filler("meetings:case_triage", 1)
        queue = [{"url": triage_url(case.pk), "title": case.title,
                  "proposed_by": case.proposed_by__name, "submitted_at": case.submitted_at,
                  "status": statuses[case.status]}
                 for case in case_queue(body=body.pk)]
        context.update({
            "queue": queue,
            "chair_terms": [
                {"role": roles[term.role], "person": term.person__name, "side": sides[term.side],
                 "starts_on": term.starts_on, "ends_on": term.ends_on,
                 "decided_at": (meeting_label(term.decided_at__body__name,
                                              term.decided_at__starts_at)
                                if term.decided_at is not None else None),
                 "decided_in": (case_label(term.decided_in__number, term.decided_in__year)
                                if term.decided_in is not None else None)}
                for term in chair_terms],
            "proposed_side": services.proposed_chair_side(body, today, chair_terms),
            "warnings": next((entry.warnings for entry in current_warnings(body_id=body.pk)),
                             []),
        })
    else:
        my_cases = list(body.cases.filter(proposed_by=request.user)
                        .only("title", "status", "triage_note").order_by("-submitted_at"))
        case_url = url_filler("meetings:case", 1)
        for case in my_cases:
            case.url, case.status_label = case_url(case.pk), statuses[case.status]
        context["my_cases"] = my_cases
    return render(request, "meetings/body_detail.html", context)


@secretariat_required
def body_edit(request, pk=None):
    body = get_for_secretariat(request.user, Body, pk=pk) if pk else None
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        body = services.save_body(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The body was saved."))
        return redirect(body)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Edit body") if body else _("New body"), "back": body})


@secretariat_required
def seat_edit(request, body_pk=None, pk=None):
    seat = (get_for_secretariat(request.user, Seat.objects.select_related("body"), pk=pk)
            if pk else None)
    body = seat.body if seat else get_for_secretariat(request.user, Body, pk=body_pk)
    form = SeatForm(request.POST or None, instance=seat or Seat(body=body), body=body)
    if request.method == "POST" and form.is_valid():
        services.save_seat(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The seat was saved."))
        return redirect(body)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Seat in %(body)s") % {"body": body}, "back": body})


@secretariat_required
def chair_create(request, pk):
    body = get_for_secretariat(request.user, Body, pk=pk)
    proposed = services.proposed_chair_side(body, timezone.localdate())
    form = ChairForm(request.POST or None, initial={"side": proposed})
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.appoint_chair(
            body, acting_user=request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("The chair term was saved."))
            if done[1]:
                messages.warning(request, done[1])
            return redirect(body)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Chair or vice-chair of %(body)s") % {"body": body},
        "back": body, "proposed_side": Seat.Side(proposed).label if proposed else None})


@secretariat_required
def mandate_adopt(request, pk):
    body = get_for_secretariat(request.user, Body, pk=pk)
    form = MandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and run_service(
            form, lambda: mandates.adopt_mandate(body, acting_user=request.user,
                                                 **form.cleaned_data)):
        messages.success(request, _("The mandate was recorded."))
        return redirect(body)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Mandate of %(body)s") % {"body": body}, "back": body},
        status=400 if form.errors else 200)


@secretariat_required
def plan_adopt(request, pk):
    body = get_for_secretariat(request.user, Body, pk=pk)
    form = AdoptPlanForm(request.POST or None, body=body,
                         initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.adopt_plan(body, data["year"], adopted_on=data["adopted_on"],
                            adopted_at_meeting=data["adopted_at_meeting"],
                            adopted_in=data["adopted_in"], acting_user=request.user)
        messages.success(request, _("The meeting plan was recorded as adopted."))
        return redirect(body)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Adopt the meeting plan of %(body)s") % {"body": body},
        "back": body})
