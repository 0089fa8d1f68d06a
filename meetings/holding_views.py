"""Pages for holding a meeting and what follows: absence, deputies, attendance, decisions
and minutes (follow-ups are in follow_up_views). Thin: access helper → form/service →
message → redirect."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from common.caching import no_store
from common.documents import request_pdf, stored_pdf_response
from common.forms import run_service, show_refusal
from common.models import StoredPdf

from . import approval, attendance_rules, report, snapshot
from . import attendance as holding
from . import minutes as minutes_service
from .access import get_meeting_for, members_required, readable_minutes, visible_minutes
from .holding_forms import (
    AbsenceForm,
    AttendanceCorrectionForm,
    AttendanceForm,
    CorrectionForm,
    DecisionForm,
    DeputyAnswerForm,
    MinutesForm,
    ObjectionForm,
    YearForm,
)
from .locks import closed_record, record_refusal
from .models import (
    Absence,
    Attendance,
    Body,
    Case,
    DeputyRequest,
    Meeting,
    MeetingPlan,
    Seat,
)


def _secretariat_meeting(request, pk):
    return get_for_secretariat(request.user, Meeting.objects.select_related("body"), pk=pk)


@secretariat_required
def attendance_page(request, pk):
    """The secretariat's record of a meeting: absences, deputies, who attended when."""
    meeting = _secretariat_meeting(request, pk)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            holding.record_attendance(meeting, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The attendance was recorded."))
            return redirect("meetings:attendance", pk=meeting.pk)
    roll = holding.CaseRoll(meeting)
    absences = list(meeting.absences.select_related("seat__holder", "from_case", "to_case")
                    .prefetch_related("cases", "deputy_requests__deputy__holder"))
    return render(request, "meetings/attendance.html", {
        "meeting": meeting, "form": form, "attendances": roll.attendances,
        "absences": absences, "cases": list(meeting.cases.on_agenda()
                                            .filter(status=Case.Status.PLACED)),
        "record_open": closed_record(meeting) is None,
    })


@secretariat_required
def attendance_correct(request, pk):
    """Correct an attendance recorded by mistake, until the minutes are sent (R-REC-2)."""
    attendance = get_for_secretariat(
        request.user, Attendance.objects.select_related("meeting__body", "seat__holder"), pk=pk)
    meeting = attendance.meeting
    form = AttendanceCorrectionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        # None when refused (shown on the form); else the cases whose votes were removed.
        revoted = run_service(form, lambda: attendance_rules.correct_attendance(
            attendance, acting_user=request.user, **form.cleaned_data))
        if revoted is not None:
            messages.success(request, _("The attendance of %(name)s was corrected.")
                             % {"name": attendance.seat.holder})
            if revoted:
                messages.warning(request, _(
                    "Their vote was removed from %(cases)s: record the vote there again.")
                    % {"cases": ", ".join(case.label for case in revoted)})
            return redirect("meetings:attendance", pk=meeting.pk)
    return render(request, "meetings/form.html", {
        "form": form, "back": meeting,
        "title": _("Correct the attendance of %(name)s") % {"name": attendance.seat.holder}})


@secretariat_required
@require_POST
def deputy_summon(request, pk):
    absence = get_for_secretariat(request.user, Absence.objects.select_related("meeting"), pk=pk)
    try:
        found = holding.summon_deputy(absence, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if found is None:
            messages.warning(request, _("No deputy is left to ask."))
        else:
            messages.success(request, _("%(name)s was asked to stand in.")
                             % {"name": found.deputy.holder})
    return redirect("meetings:attendance", pk=absence.meeting_id)


@secretariat_required
@require_POST
def meeting_held(request, pk):
    meeting = _secretariat_meeting(request, pk)
    try:
        holding.mark_held(meeting, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting is marked as held."))
    return redirect("meetings:attendance", pk=meeting.pk)


@secretariat_required
def decision_edit(request, pk):
    case = get_for_secretariat(request.user,
                               Case.objects.select_related("meeting__body", "decision"), pk=pk)
    if case.meeting is None:
        raise Http404
    voters = holding.CaseRoll(case.meeting).voters(case)
    decision = getattr(case, "decision", None)
    initial = ({"mode": decision.mode, "text": decision.text,
                "minutes_text": decision.minutes_text,
                **{f"vote_{v.seat_id}": v.choice for v in decision.votes.all()}}
               if decision else {"text": case.proposed_decision,
                                 "mode": "consensus" if case.on_notice else "information"})
    approves = (approval.meeting_to_approve(case) if approval.is_approval(case) else None)
    form = DecisionForm(request.POST or None, voters=voters, approves=approves, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            holding.record_decision(case, text=data["text"], mode=data["mode"],
                                    minutes_text=data["minutes_text"], votes=form.votes(),
                                    corrections=data.get("corrections", ""),
                                    acting_user=request.user)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("meetings:attendance", pk=case.meeting_id)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Decision in %(case)s") % {"case": case},
        "back": case.meeting})


def _own_seat(user, meeting):
    if not user.is_representative:
        return None
    return Seat.objects.current(meeting.date).filter(body=meeting.body_id,
                                                     holder=user.person).first()


def _link_closed(request, refusal, change, acting_user=None):
    """The clear page an e-mailed link (or a form) shows once it can no longer be used; a
    POST to it is refused and written to the audit log."""
    if request.method == "POST":
        record_refusal(refusal, acting_user=acting_user, change=change, request=request)
    return render(request, "meetings/link_closed.html", {"reason": " ".join(refusal.messages)})


def _absence_form_page(request, meeting, seat, acting_user, back):
    """One report per seat and meeting: the form shows the earlier report, and sending it
    again changes that report and says so."""
    refusal = holding.absence_refusal(meeting, seat)
    if refusal is not None:
        return _link_closed(request, refusal, "report_absence", acting_user)
    earlier = Absence.objects.filter(meeting=meeting, seat=seat).prefetch_related(
        "cases").first()
    initial = ({"kind": earlier.kind, "from_case": earlier.from_case_id,
                "to_case": earlier.to_case_id, "note": earlier.note,
                "cases": [case.pk for case in earlier.cases.all()]} if earlier else None)
    form = AbsenceForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            holding.report_absence(meeting, seat, acting_user=acting_user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            if earlier is not None:
                messages.success(request, _("Your earlier report was updated; the secretariat "
                                            "sees the new one."))
            else:
                messages.success(request, _("Thank you. The secretariat has been told and "
                                            "will summon your deputy."))
            return redirect(back) if back else render(request, "meetings/thanks.html",
                                                      {"meeting": meeting,
                                                       "updated": earlier is not None})
    return render(request, "meetings/form.html", {
        "form": form, "back": meeting if back else None, "earlier": earlier,
        "title": _("Report absence: %(meeting)s") % {"meeting": meeting}})


@members_required
def absence_report(request, pk):
    """A seat holder reports absence from "my meetings"."""
    meeting = get_meeting_for(request.user, pk)
    seat = _own_seat(request.user, meeting)
    if seat is None:
        raise Http404
    return _absence_form_page(request, meeting, seat, request.user, "meetings:my_meetings")


@no_store
def absence_link(request, token):
    """The signed link in the notice: no login, only for that person and meeting, and only
    while the seat can still report absence from it."""
    found = holding.read_absence_token(token)
    if found is None:
        raise Http404
    meeting, seat = found
    return _absence_form_page(request, meeting, seat, None, None)


@no_store
def deputy_answer(request, token):
    """A deputy answers yes or no through the signed link in the request e-mail."""
    deputy_request = holding.read_deputy_token(token)
    if deputy_request is None:
        raise Http404
    refusal = holding.deputy_refusal(deputy_request)
    if refusal is not None:
        return _link_closed(request, refusal, "answer_deputy_request")
    form = DeputyAnswerForm(request.POST or None)
    answered = deputy_request.state != DeputyRequest.State.ASKED
    if request.method == "POST" and not answered and form.is_valid():
        try:
            holding.answer_deputy_request(deputy_request,
                                          accept=form.cleaned_data["answer"] == "yes")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you for your answer."))
        return redirect("meetings:deputy_answer", token=token)
    return render(request, "meetings/deputy_answer.html", {
        "request_": deputy_request, "form": form, "answered": answered,
        "meeting": deputy_request.absence.meeting})


def _version_number(request):
    """?versjon=N picks a version; anything else means the current one."""
    value = request.GET.get("versjon", "")
    return int(value) if value.isdigit() and len(value) < 6 else None


def _place_objections(content, objections):
    """Each objection next to the case it concerns; those on the whole or on the roll are
    returned, to be shown above."""
    cases = {f"case:{case.id}": case for case in content.cases}
    rest = []
    for objection in objections:
        if objection.passage in cases:
            cases[objection.passage].objections.append(objection)
        else:
            objection.passage_label = (_("Attendance") if objection.passage == "attendance"
                                       else "")
            rest.append(objection)
    return rest


@members_required
def minutes_page(request, pk):
    """A version of the minutes, the current one unless ?versjon= names another: the
    secretariat edits, sends and publishes the current one; the body's representatives read
    the draft and object while the period runs. Every version reads its stored content."""
    meeting = get_meeting_for(request.user, pk)
    # A representative reads no draft: for them the newest version sent out is the current.
    current = visible_minutes(request.user, meeting)
    shown = visible_minutes(request.user, meeting, _version_number(request))
    if shown is None and current is not None:
        raise Http404
    person = request.user.person if request.user.is_representative else None
    context = {"meeting": meeting, "minutes": shown, "current": current,
               "is_current": shown is not None and shown.pk == current.pk,
               "versions": list(readable_minutes(request.user, meeting).order_by("version")),
               "is_secretariat": request.user.is_secretariat}
    if shown is not None:
        context["content"] = snapshot.readable(snapshot.content_of(shown))
        context["pdf_url"] = (reverse("meetings:minutes_pdf", args=[meeting.pk])
                              + f"?versjon={shown.version}")
        context["objections"] = _place_objections(
            context["content"], shown.objections.select_related("person"))
        context["stored"] = StoredPdf.objects.filter(kind="meetings.minutes",
                                                     object_id=shown.pk).first()
        context["may_object"] = (context["is_current"]
                                 and minutes_service.may_object(shown, person))
        if request.user.is_secretariat and context["is_current"]:
            context["form"] = MinutesForm(initial={"introduction": shown.introduction})
            context["correction_form"] = CorrectionForm()
    if context.get("may_object"):
        form = ObjectionForm(request.POST or None, passages=minutes_service.passages(current))
        if request.method == "POST" and form.is_valid():
            try:
                minutes_service.object_to(current, person=person, acting_user=request.user,
                                          **form.cleaned_data)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Your objection was sent to the secretariat."))
                return redirect("meetings:minutes", pk=meeting.pk)
        context["objection_form"] = form
    return render(request, "meetings/minutes.html", context)


def _minutes_action(request, pk, action, success, **extra):
    meeting = _secretariat_meeting(request, pk)
    current = minutes_service.current_minutes(meeting)
    try:
        if current is None:
            raise ValidationError(_("Start the minutes first."))
        action(current, acting_user=request.user, **extra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("meetings:minutes", pk=meeting.pk)


@secretariat_required
@require_POST
def minutes_start(request, pk):
    meeting = _secretariat_meeting(request, pk)
    try:
        minutes_service.start_minutes(meeting, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("meetings:minutes", pk=meeting.pk)


@secretariat_required
@require_POST
def minutes_edit(request, pk):
    meeting = _secretariat_meeting(request, pk)
    current = minutes_service.current_minutes(meeting)
    form = MinutesForm(request.POST)
    if current is not None and form.is_valid():
        try:
            minutes_service.save_texts(current, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The minutes were saved."))
    return redirect("meetings:minutes", pk=meeting.pk)


@secretariat_required
@require_POST
def minutes_send(request, pk):
    return _minutes_action(request, pk, minutes_service.send_for_comments,
                           _("The draft minutes were sent for comments."))


@secretariat_required
@require_POST
def minutes_publish(request, pk):
    return _minutes_action(request, pk, minutes_service.publish,
                           _("The minutes are published."))


@secretariat_required
@require_POST
def minutes_correct(request, pk):
    meeting = _secretariat_meeting(request, pk)
    current = minutes_service.current_minutes(meeting)
    form = CorrectionForm(request.POST)
    if current is not None and form.is_valid():
        try:
            minutes_service.start_correction(current, acting_user=request.user,
                                             **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A new version was started."))
    else:
        messages.error(request, _("Say why the minutes are corrected."))
    return redirect("meetings:minutes", pk=meeting.pk)


@members_required
def minutes_pdf(request, pk):
    """The PDF of a version (?versjon=N, else the current one)."""
    meeting = get_meeting_for(request.user, pk)
    shown = visible_minutes(request.user, meeting, _version_number(request))
    if shown is None:
        raise Http404
    return stored_pdf_response(request, "meetings.minutes", shown.pk,
                               minutes_service.minutes_pdf(shown.pk)[2])


@secretariat_required
def annual_report(request, pk):
    """A body's annual report for ?year=; bad years get a message next to the field."""
    body = get_for_secretariat(request.user, Body, pk=pk)
    form = YearForm(request.GET or {"year": timezone.localdate().year})
    context = {"body": body, "form": form}
    if form.is_valid():
        year = form.cleaned_data["year"]
        context["report"] = report.build(body, year)
        plan = context["report"].plan
        if plan is not None:
            context["stored"] = StoredPdf.objects.filter(kind="meetings.annual_report",
                                                         object_id=plan.pk).first()
    return render(request, "meetings/annual_report.html", context)


def _plan(request, pk, year):
    return get_for_secretariat(request.user, MeetingPlan.objects.select_related("body"),
                               body=pk, year=year)


@secretariat_required
@require_POST
def annual_report_make_pdf(request, pk, year):
    plan = _plan(request, pk, year)
    request_pdf("meetings.annual_report", plan.pk)
    messages.success(request, _("The PDF is being made."))
    return redirect(reverse("meetings:annual_report", args=[pk]) + f"?year={year}")


@secretariat_required
def annual_report_pdf(request, pk, year):
    plan = _plan(request, pk, year)
    return stored_pdf_response(request, "meetings.annual_report", plan.pk,
                               report.annual_report_pdf(plan.pk)[2])
