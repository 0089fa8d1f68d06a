"""Pages for preparing a meeting: moving it, the chair's agreement to the agenda (R-SSU-3),
the notice with its warnings and the cancellation. Thin: access helper → form/service →
message → redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from common.caching import no_store
from common.forms import run_service
from common.models import OutgoingMail

from . import agenda as agenda_rules
from . import cancelling, planning, preparing, services
from .access import get_meeting_for, members_required
from .documents import agenda, participants, programme_by
from .forms import CancelForm, NoticeSendForm, RescheduleForm
from .models import Meeting


def _secretariat_meeting(request, pk):
    return get_for_secretariat(
        request.user, Meeting.objects.select_related("body", "agenda_agreed_by"), pk=pk)


def _warn(request, meeting):
    for warning in planning.notice_warnings(meeting):
        messages.warning(request, warning.message)


@secretariat_required
def meeting_edit(request, pk):
    meeting = _secretariat_meeting(request, pk)
    form = RescheduleForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        moved = run_service(form, lambda: preparing.reschedule_meeting(
            meeting, acting_user=request.user, **form.cleaned_data))
        if moved:
            messages.success(request, _("The meeting was changed.") + (
                " " + _("The participants were sent an update.") if moved.notice_sent else ""))
            _warn(request, moved)
            return redirect(moved)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Change %(meeting)s") % {"meeting": meeting},
        "back": meeting}, status=400 if form.errors else 200)


def _notice_page(request, meeting, form, status=200):
    today = timezone.localdate()
    return render(request, "meetings/notice.html", {
        "meeting": meeting, "cases": agenda(meeting), "seats": participants(meeting),
        "recipients": services.notice_recipients(meeting),
        "without_email": services.seats_without_email(meeting),
        "warnings": planning.notice_warnings(meeting, today),
        "needs_agreement": agenda_rules.needs_agreement(meeting, today),
        "chairs": agenda_rules.chairs_on(meeting.body, today),
        "programme_by": programme_by(meeting),
        "form": form,
        "mails": OutgoingMail.objects.filter(topic=meeting.mail_topic).order_by(
            "-created", "recipient"),
    }, status=status)


@secretariat_required
def notice_view(request, pk):
    return _notice_page(request, _secretariat_meeting(request, pk), NoticeSendForm())


@secretariat_required
@require_POST
def notice_send(request, pk):
    meeting = _secretariat_meeting(request, pk)
    form = NoticeSendForm(request.POST)
    result = form.is_valid() and run_service(form, lambda: services.send_notice(
        meeting, reason=form.cleaned_data["reason"], acting_user=request.user))
    if not result:
        return _notice_page(request, meeting, form, status=400)
    messages.success(request, _("%(count)s e-mails were queued.") % {"count": result.queued})
    if result.late:
        messages.warning(request, _("The notice went out later than the body's notice period. "
                                    "The time it was sent is recorded."))
    if result.early:
        messages.warning(request, _("The notice went out earlier than the body's notice "
                                    "period allows. The time it was sent is "
                                    "recorded."))
    return redirect("meetings:notice", pk=meeting.pk)


@secretariat_required
@require_POST
def agreement_ask(request, pk):
    meeting = _secretariat_meeting(request, pk)
    try:
        rows = preparing.ask_for_agreement(meeting, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s e-mails were queued.") % {"count": len(rows)})
    return redirect("meetings:notice", pk=meeting.pk)


@members_required
@require_POST
def agenda_agree(request, pk):
    """The chair's or vice-chair's button on their start page."""
    meeting = get_meeting_for(request.user, pk)
    if request.user.person is None:
        raise Http404
    try:
        agenda_rules.agree_to_agenda(meeting, person=request.user.person,
                                     acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You agreed to the agenda of %(meeting)s.")
                         % {"meeting": meeting})
    return redirect("start")


@no_store
def agenda_agree_link(request, token):
    """The signed link in the e-mail to the chair: no login, only for that person and
    meeting."""
    found = preparing.read_agreement_token(token)
    if found is None:
        raise Http404
    meeting, person = found
    if request.method == "POST":
        try:
            agenda_rules.agree_to_agenda(meeting, person=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you. Your agreement is recorded."))
        return redirect("meetings:agenda_agree_link", token=token)
    meeting.refresh_from_db()
    return render(request, "meetings/agenda_agree.html", {
        "meeting": meeting, "person": person, "cases": agenda(meeting)})


@secretariat_required
def meeting_cancel(request, pk):
    meeting = _secretariat_meeting(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rows = run_service(form, lambda: cancelling.cancel_meeting(
            meeting, reason=form.cleaned_data["reason"], acting_user=request.user))
        if rows is not None:
            messages.success(request, _("The meeting is cancelled; %(count)s e-mails were "
                                        "queued.") % {"count": len(rows)})
            return redirect(meeting)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Cancel %(meeting)s") % {"meeting": meeting},
        "back": meeting}, status=400 if form.errors else 200)
