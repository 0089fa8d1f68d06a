from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext as _

from common.start import panel

from .models import Meeting
from .warnings import current_warnings

MY_MEETINGS_ON_START = 5


@panel("secretariat", order=20)
def warnings_panel(request):
    """How many warnings each body has (the list of bodies and each body's page say what they
    are)."""
    counts = [(f"{entry.url}#h-warnings", entry.name, len(entry.warnings))
              for entry in current_warnings()]
    return "meetings/_panel_warnings.html", {
        "counts": counts, "bodies_url": reverse("meetings:bodies"),
        "total": sum(count for _url, _name, count in counts)}


@panel("representative", order=10)
def my_meetings_panel(request):
    meetings = (Meeting.objects.for_person(request.user.person).upcoming()
                .select_related("body")[:MY_MEETINGS_ON_START])
    return "meetings/_panel_my_meetings.html", {"meetings": list(meetings)}


def _minutes_due(request):
    """(unsent, late): both minutes panels read the meetings held in the last year, so one
    query serves the two on a page; kept on this request only."""
    if not hasattr(request, "minutes_due"):
        from .minutes import minutes_due

        request.minutes_due = minutes_due()
    return request.minutes_due


def _minutes_due_panel(panel_id, heading, minutes_due, all_in_time):
    return "meetings/_panel_minutes_due.html", {
        "panel_id": panel_id, "heading": heading, "minutes_due": minutes_due,
        "all_in_time": all_in_time}


@panel("secretariat", order=21)
def unsent_minutes_panel(request):
    """Minutes not yet sent to the participants, with the days left of the week (R-PM-6)."""
    return _minutes_due_panel("unsent-minutes", _("Minutes not yet sent to the participants"),
                              _minutes_due(request)[0],
                              _("All minutes are sent to the participants in time."))


@panel("secretariat", order=22)
def late_minutes_panel(request):
    """Minutes not yet public, with the days left of the body's limit (R-SSU-11)."""
    return _minutes_due_panel("late-minutes", _("Minutes not yet public"),
                              _minutes_due(request)[1], _("All minutes are public in time."))


@panel("representative", order=11)
def deputy_requests_panel(request):
    """Requests to stand in as deputy that wait for this representative's answer."""
    from .attendance import deputy_token
    from .models import DeputyRequest

    waiting = (DeputyRequest.objects.filter(deputy__holder=request.user.person,
                                            state=DeputyRequest.State.ASKED)
               .select_related("absence__meeting__body", "absence__seat__holder"))
    return "meetings/_panel_deputy_requests.html", {
        "deputy_requests": [(r, deputy_token(r)) for r in waiting]}


@panel("representative", order=9)
def agenda_agreement_panel(request):
    """Agendas that wait for this chair's or vice-chair's agreement (R-SSU-3); none, no
    panel."""
    from .preparing import awaiting_agreement

    meetings = list(awaiting_agreement(request.user.person)) if request.user.person else []
    if not meetings:
        return None
    # Panels are rendered without the request: the button's form gets its token here.
    return "meetings/_panel_agenda_agreement.html", {"meetings": meetings,
                                                      "csrf_token": get_token(request)}
