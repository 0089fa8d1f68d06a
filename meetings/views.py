import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as django_date
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from common.documents import stored_pdf_response
from common.forms import run_service
from common.links import url_filler
from common.models import StoredPdf
from common.templatetags.formatting import date as format_date
from members.models import Organisation

from . import mandates, services
from .access import (
    bodies_for,
    get_attachment_for,
    get_body_for,
    get_calendar_feed,
    get_case_for,
    get_meeting_for,
    get_notice_meeting_for,
    get_public_body,
    may_see_papers,
    members_required,
    public_meetings,
    visible_body_ids,
)
from .agenda_html import agenda_rows
from .body_forms import BodyForm
from .calendar import calendar_bytes, renew_calendar_feed
from .documents import case_filename, notice_filename, programme_by
from .forms import (
    AdoptPlanForm,
    AttachmentForm,
    CasePapersForm,
    CaseProposalForm,
    ChairForm,
    MandateForm,
    MeetingForm,
    MergeForm,
    PlaceCaseForm,
    ReasonForm,
    SeatForm,
)
from .models import (
    Attachment,
    Body,
    CalendarFeed,
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


def _organisation_name(name, qualifier):
    """Organisation.display_name of an organisation's values read without the model."""
    return Organisation(name=name, name_qualifier=qualifier).display_name if qualifier else name


def _seat_rows(seats, edit_url, edit_label):
    """The seat table's rows, built here with every value escaped from the seats' values (no
    model instances): the template did this per row with a dozen tags and two
    get_FOO_display() calls, which made these tables most of the page's cost. `edit_url` is
    None for those who may not edit."""
    # The labels translated and escaped once, not per row.
    roles = {value: escape(label) for value, label in Seat.Role.choices}
    sides = {value: escape(label) for value, label in Seat.Side.choices}
    edit_label = escape(edit_label)
    rows = []
    for seat in seats:
        holder = escape(seat.holder__name)
        row = f"\n<tr><td>{holder}"
        if seat.holder__organisation__name:
            organisation = _organisation_name(seat.holder__organisation__name,
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
            appointed_by = _organisation_name(seat.appointed_by__name,
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
    statuses = {value: escape(label) for value, label in Meeting.Status.choices}
    extraordinary = escape(Meeting.Kind.EXTRAORDINARY.label)
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
    # Sorted here, so without the model's ordering, which joins the body for its name.
    seats = sorted(Seat.objects.current(today).filter(body=body).order_by()
                   .values_list(*BODY_PAGE_SEAT, named=True),
                   key=lambda seat: seat_order(seat.role, seat.side, seat.list_position,
                                               seat.holder__name))
    # From last new year's day: a range on the indexed start, not a filter on its year.
    since = datetime.datetime(today.year - 1, 1, 1, tzinfo=timezone.get_current_timezone())
    meetings = list(Meeting.objects.in_programme_of(body).filter(starts_at__gte=since)
                    .order_by("starts_at").values_list(*BODY_PAGE_MEETING, named=True))
    # One body's plans: no ordering by it, which would join it.
    plans = {plan.year: plan for plan in MeetingPlan.objects.filter(
        body=body.programme_owner).only("year", "adopted_on", "adopted_in").order_by()}
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
        # One body's terms, as values: ordered without the model's ordering by body, which
        # joins it.
        chair_terms = list(body.chair_terms.order_by("-starts_on")
                           .values_list(*BODY_PAGE_CHAIR_TERM, named=True))
        roles, sides = dict(ChairTerm.Role.choices), dict(Seat.Side.choices)
        triage_url = url_filler("meetings:case_triage", 1)
        queue = [{"url": triage_url(case.pk), "title": case.title,
                  "proposed_by": case.proposed_by__name, "submitted_at": case.submitted_at,
                  "status": statuses[case.status]}
                 for case in body.cases.queued().order_by("submitted_at")
                 .values_list(*BODY_PAGE_CASE, named=True)]
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
            "warnings": next((entry.warnings for entry in current_warnings()
                              if entry.body_id == body.pk), []),
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


@secretariat_required
def meeting_create(request, pk):
    body = get_for_secretariat(request.user, Body, pk=pk)
    form = MeetingForm(request.POST or None, initial={"is_public": body.is_public})
    if request.method == "POST" and form.is_valid():
        meeting = run_service(form, lambda: services.plan_meeting(body, acting_user=request.user,
                                                           **form.cleaned_data))
        if meeting:
            messages.success(request, _("The meeting was added to the plan."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("New meeting of %(body)s") % {"body": body}, "back": body})


@members_required
def meeting_detail(request, pk):
    meeting = get_meeting_for(request.user, pk)
    papers = may_see_papers(request.user, meeting)
    is_secretariat = request.user.is_secretariat
    cases, queue = _page_cases(meeting, papers, is_secretariat)
    opening_kinds = {Case.Kind.APPROVE_NOTICE, Case.Kind.APPROVE_MINUTES}
    context = {"meeting": meeting, "cases": cases, "papers": papers,
               "agenda": agenda_rows(request, cases, is_secretariat),
               "programme_by": programme_by(meeting),
               "offer_opening_items": meeting.body.opening_items
               and not opening_kinds <= {case.kind for case in cases},
               "is_secretariat": is_secretariat, "queue": queue,
               "held_with_body": Body.objects.filter(meetings=meeting.held_with_id)
               .only("name").first() if meeting.held_with_id else None,
               "stored": StoredPdf.objects.filter(kind="meetings.notice",
                                                  object_id=meeting.pk).first()
               if papers else None}
    return render(request, "meetings/meeting_detail.html", context)


# The columns of a case the meeting page shows, sorts and links by.
PAGE_CASE_FIELDS = ("meeting_id", "kind", "status", "title", "number", "year", "position",
                    "on_notice", "late_approved_at", "submitted_at")


def _page_cases(meeting, papers, with_queue):
    """The meeting page's agenda (if `papers`), each case with its attachments, and the
    body's queued cases (if `with_queue`), with their links. The two lists come from one
    query and the attachments from one more, loading only the columns shown, and the links
    are filled in without a reverse() per row: rows are most of what the page costs."""
    wanted = Q(pk__in=[])  # no query if neither list is shown
    if papers:
        wanted |= Q(meeting=meeting.pk)
    if with_queue:
        wanted |= Q(body=meeting.body_id, status__in=Case.QUEUED)
    rows = list(Case.objects.filter(wanted).only(*PAGE_CASE_FIELDS).order_by())  # sorted below
    case_url, move_url, triage_url = (url_filler(name, 1) for name in (
        "meetings:case", "meetings:case_move", "meetings:case_triage"))
    for case in rows:
        case.url, case.move_url, case.triage_url = (
            case_url(case.pk), move_url(case.pk), triage_url(case.pk))
    # A queued case sits on no meeting (taking a case off an agenda clears its meeting).
    cases = sorted((case for case in rows if case.meeting_id == meeting.pk),
                   key=lambda case: (case.position is None, case.position or 0, case.pk))
    queue = sorted((case for case in rows if case.meeting_id != meeting.pk),
                   key=lambda case: case.submitted_at)
    by_case = {case.pk: case for case in cases}
    for case in cases:
        case.files = []
        case.not_on_notice = (meeting.notice_sent and not case.on_notice
                              and case.status != Case.Status.WITHDRAWN)
    attachment_url = url_filler("meetings:attachment", 1)
    # By the meeting, not a list of the cases' ids: a shorter query to compile and send.
    for attachment in (Attachment.objects.filter(case__meeting=meeting.pk)
                       .order_by("created", "pk").only("case_id", "title", "screened")
                       if by_case else []):
        attachment.url = attachment_url(attachment.pk)
        by_case[attachment.case_id].files.append(attachment)
    return cases, queue


@secretariat_required
@require_POST
def opening_items(request, pk):
    meeting = get_for_secretariat(request.user, Meeting.objects.select_related("body"), pk=pk)
    try:
        added = services.add_opening_items(meeting, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s opening items were added.") % {
            "count": len(added)})
    return redirect(meeting)


@members_required
def case_propose(request, pk):
    body = get_body_for(request.user, pk)
    form = CaseProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        case = services.propose_case(body, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. The case waits for the secretariat."))
        return redirect(case)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Propose a case to %(body)s") % {"body": body},
        "back": body})


@members_required
def case_detail(request, pk):
    case = get_case_for(request.user, pk)
    return render(request, "meetings/case_detail.html", {
        "case": case, "attachments": list(case.attachments.order_by("created", "pk")),
        "is_secretariat": request.user.is_secretariat,
        "stored": StoredPdf.objects.filter(kind="meetings.case", object_id=case.pk).first(),
    })


@secretariat_required
def case_edit(request, pk):
    case = get_for_secretariat(request.user, Case, pk=pk)
    form = CasePapersForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: services.save_case_papers(
                case, title=data["title"], presentation=data["presentation"],
                proposed_decision=data["proposed_decision"], acting_user=request.user)):
            messages.success(request, _("The case papers were saved."))
            return redirect(case)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Case papers: %(case)s") % {"case": case}, "back": case},
        status=400 if form.errors else 200)


@secretariat_required
def case_triage(request, pk):
    case = get_for_secretariat(request.user, Case.objects.select_related("body"), pk=pk)
    action = request.POST.get("action")
    data = request.POST if request.method == "POST" else None
    forms = {
        "place": PlaceCaseForm(data if action == "place" else None, body=case.body,
                               prefix="place", initial={"chair": next(iter(
                                   services.chairs_on(case.body, timezone.localdate())), None)}),
        "defer": ReasonForm(data if action == "defer" else None, prefix="defer"),
        "decline": ReasonForm(data if action == "decline" else None, prefix="decline"),
        "merge": MergeForm(data if action == "merge" else None, case=case, prefix="merge"),
    }
    if case.status == Case.Status.PLACED:
        forms = {"defer": forms["defer"]}  # taking it off the agenda is all that is left
    elif case.status not in {Case.Status.PROPOSED, Case.Status.DEFERRED}:
        forms = {}
    form = forms.get(action)
    if form is not None and form.is_valid():
        values = form.cleaned_data
        done = run_service(form, {
            "place": lambda: services.place_case(
                case, values["meeting"], chair=values["chair"],
                urgency_reason=values["urgency_reason"], acting_user=request.user),
            "defer": lambda: services.defer_case(case, reason=values["reason"],
                                                 acting_user=request.user),
            "decline": lambda: services.decline_case(case, reason=values["reason"],
                                                     acting_user=request.user),
            "merge": lambda: services.merge_case(case, into=values["into"],
                                                 acting_user=request.user),
        }[action])
        if done:
            messages.success(request, _("The case is now: %(status)s.") % {
                "status": done.get_status_display().lower()})
            return redirect(done.meeting or done.body)
    status = 400 if form is not None else 200
    return render(request, "meetings/case_triage.html", {"case": case, "forms": forms},
                  status=status)


@secretariat_required
@require_POST
def case_move(request, pk):
    case = get_for_secretariat(request.user, Case.objects.select_related("meeting"), pk=pk)
    if case.meeting is None:
        raise Http404
    services.move_case(case, up=request.POST.get("direction") == "up", acting_user=request.user)
    return redirect(case.meeting)


@secretariat_required
@require_POST
def case_withdraw(request, pk):
    case = get_for_secretariat(request.user, Case.objects.select_related("meeting__body"), pk=pk)
    try:
        services.withdraw_case(case, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(case)
    messages.success(request, _("The case was withdrawn; it keeps its number."))
    return redirect(case.meeting)


@secretariat_required
def attachment_add(request, pk):
    case = get_for_secretariat(request.user, Case, pk=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attachment = run_service(form, lambda: services.add_attachment(
            case, upload=data["file"], title=data["title"], screened=data["screened"],
            legal_basis=data["legal_basis"], public_title=data["public_title"],
            acting_user=request.user))
        if attachment:
            messages.success(request, _("The attachment was added."))
            return redirect(case)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Attachment to %(case)s") % {"case": case}, "back": case,
        "multipart": True}, status=400 if form.errors else 200)


def attachment_download(request, pk):
    attachment = get_attachment_for(request.user, pk)
    with attachment.file.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@members_required
def notice_pdf(request, pk):
    meeting = get_notice_meeting_for(request.user, pk)
    # The file name only: building the whole document would query its agenda and seats.
    return stored_pdf_response(request, "meetings.notice", meeting.pk, notice_filename(meeting))


@members_required
def case_pdf(request, pk):
    case = get_case_for(request.user, pk)
    return stored_pdf_response(request, "meetings.case", case.pk, case_filename(case))


# The columns of a meeting and its body that the list of my meetings shows.
MY_MEETING_FIELDS = ("body__name", "starts_at", "place", "status", "notice_sent_at")


@members_required
def my_meetings(request):
    meetings = []
    if request.user.person_id is not None:
        # Cancelled meetings stay listed, marked as cancelled. Only the columns shown are
        # loaded, and the links are filled in without a reverse() per row.
        meetings = list(Meeting.objects.for_person(request.user.person_id)
                        .filter(starts_at__gte=timezone.now() - datetime.timedelta(days=30))
                        .select_related("body").only(*MY_MEETING_FIELDS).order_by("starts_at"))
        links = {name: url_filler(f"meetings:{name}", 1)
                 for name in ("meeting", "notice_pdf", "absence_report", "minutes")}
        for meeting in meetings:
            meeting.links = {name: fill(meeting.pk) for name, fill in links.items()}
            meeting.agenda = []
        # A meeting's agenda is shown once its notice has gone out.
        noticed = {meeting.pk: meeting for meeting in meetings if meeting.notice_sent}
        case_url = url_filler("meetings:case", 1)
        for case in (Case.objects.on_agenda().filter(meeting__in=list(noticed))
                     .exclude(status=Case.Status.WITHDRAWN)
                     .only("meeting_id", "title", "number", "year") if noticed else []):
            case.url = case_url(case.pk)
            noticed[case.meeting_id].agenda.append(case)
    return render(request, "meetings/my_meetings.html", {"meetings": meetings})


@members_required
def calendar_link(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        renew_calendar_feed(acting_user=request.user)
        messages.success(request, _("Your calendar address was made. Any earlier one no "
                                    "longer works."))
        return redirect("meetings:calendar")
    return render(request, "meetings/calendar.html", {
        "feed_url": request.build_absolute_uri(feed.get_absolute_url()) if feed else None})


def _ics_response(meetings, name, request):
    data = calendar_bytes(meetings, name,
                          lambda m: request.build_absolute_uri(m.get_absolute_url()))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="moter.ics"'
    return response


def body_ics(request, pk):
    """A body's public meetings, for anyone's calendar."""
    body = get_public_body(pk)
    meetings = public_meetings().filter(body=body)
    return _ics_response(meetings, str(body), request)


def personal_ics(request, token):
    """The meetings of the bodies a user sits in; the secret address is the login."""
    feed = get_calendar_feed(token)
    user = feed.user
    if not user.is_active:
        raise Http404
    if user.is_secretariat:
        meetings = Meeting.objects.all()
    elif user.is_representative:
        meetings = Meeting.objects.for_person(user.person)
    else:
        meetings = Meeting.objects.none()
    meetings = meetings.filter(starts_at__gte=timezone.now() - datetime.timedelta(days=365))
    return _ics_response(meetings.select_related("body"), _("My meetings"), request)
