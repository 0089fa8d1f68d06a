"""The meetings and cases pages: planning a meeting, its page, cases from proposal to the
agenda, attachments, papers as PDF, my meetings and calendars (the bodies' own pages are in
body_views)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from common.documents import stored_pdf_response
from common.forms import run_service
from common.links import absolute_url, url_filler
from common.models import StoredPdf

from . import services
from .access import (
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
)
from .agenda_html import agenda_rows
from .calendar import calendar_bytes, renew_calendar_feed
from .documents import case_filename, notice_filename, programme_by
from .forms import (
    AttachmentForm,
    CasePapersForm,
    CaseProposalForm,
    MeetingForm,
    MergeForm,
    PlaceCaseForm,
    ReasonForm,
)
from .models import (
    Attachment,
    Body,
    CalendarFeed,
    Case,
    Meeting,
)


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
        "feed_url": absolute_url(feed.get_absolute_url()) if feed else None})


def _ics_response(meetings, name):
    data = calendar_bytes(meetings, name)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="moter.ics"'
    return response


def body_ics(request, pk):
    """A body's public meetings, for anyone's calendar."""
    body = get_public_body(pk)
    meetings = public_meetings().filter(body=body)
    return _ics_response(meetings, str(body))


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
    return _ics_response(meetings.select_related("body"), _("My meetings"))
