"""Following up decisions: adding a follow-up to a decided case, the secretariat's overview
of the open ones, and a follow-up's own page."""

from html import escape

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from common.access import get_for_secretariat, secretariat_required
from common.forms import show_refusal
from common.links import url_filler
from members.models import Organisation, Person, organisation_name

from . import attendance as holding
from .holding_forms import (
    FollowUpForm,
    FollowUpNoteForm,
)
from .models import (
    Body,
    Case,
    FollowUp,
)
from .models.meetings import case_label

# Open follow-ups per page of the overview, overdue first.


# Open follow-ups per page of the overview, overdue first.
FOLLOW_UP_PAGE_SIZE = 50


@secretariat_required
def follow_up_add(request, pk):
    case = get_for_secretariat(request.user, Case.objects.select_related("decision"), pk=pk)
    decision = getattr(case, "decision", None)
    if decision is None:
        raise Http404
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = holding.add_follow_up(decision, acting_user=request.user,
                                              **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The follow-up was added."))
            return redirect(follow_up)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("Follow-up of %(case)s") % {"case": case}, "back": case})


def _follow_ups():
    return FollowUp.objects.select_related(
        "decision__case__body", "responsible_person", "responsible_organisation",
        "responsible_body")


def _name_of(model, column, field="name"):
    """One column of the row a follow-up's foreign key points to, as a scalar subquery
    (without the model's ordering, which would sort the one row)."""
    return Subquery(model.objects.filter(pk=OuterRef(column)).order_by().values(field))


FOLLOW_UP_ROW = ('<tr><td><a href="{url}">{what}</a></td><td>{body}: {case}</td>'
                 "<td>{responsible}</td><td>{due}{overdue}</td><td>{status}</td></tr>")


def _follow_up_rows(follow_ups, today):
    """The rows of one page of the overview, each with its HTML made here: a reverse(), a
    date filter, a translated status and seven variables per row in the template were most
    of what it cost. The case and its body are read as values: a decision, a case and a body
    built for each row cost more than all the rest. The responsible person, organisation or
    body is read by scalar subqueries, not joined: three more left joins made PostgreSQL's
    planning of the seven tables cost 2.5 ms, several times what running it costs. Every
    value is escaped with the standard library's html.escape, which django.utils.html.escape
    and format_html use, without their lazy-text wrapper for each value."""
    link = url_filler("meetings:follow_up", 1)
    statuses = {value: escape(str(label)) for value, label in FollowUp.Status.choices}
    # Translated outside the f-string, where makemessages would not find it.
    overdue_label = escape(_("Overdue"))
    overdue = f' <span class="badge text-bg-danger">{overdue_label}</span>'
    dates = {}
    rows = list(follow_ups.only("what", "due_on", "status").annotate(
        case_number=F("decision__case__number"), case_year=F("decision__case__year"),
        body_name=F("decision__case__body__name"),
        person=_name_of(Person, "responsible_person_id"),
        organisation=_name_of(Organisation, "responsible_organisation_id"),
        qualifier=_name_of(Organisation, "responsible_organisation_id", "name_qualifier"),
        body=_name_of(Body, "responsible_body_id")))
    for row in rows:
        # Exactly one of the three is set (a constraint); an organisation is shown with its
        # qualifier as everywhere else.
        if row.person is not None:
            responsible = row.person
        elif row.organisation is not None:
            responsible = organisation_name(row.organisation, row.qualifier)
        else:
            responsible = row.body
        # Follow-ups of one meeting tend to share their due date: each is formatted once.
        if row.due_on not in dates:
            dates[row.due_on] = escape(date_format(row.due_on)) if row.due_on else "–"
        row.html = FOLLOW_UP_ROW.format(
            url=escape(link(row.pk)), what=escape(row.what), body=escape(row.body_name),
            case=escape(case_label(row.case_number, row.case_year)),
            responsible=escape(responsible), due=dates[row.due_on],
            overdue=overdue if row.is_overdue(today) else "", status=statuses[row.status])
    return rows


@secretariat_required
def follow_up_list(request):
    """Open follow-ups across all bodies, overdue first, then by due date."""
    # Overdue means due before today, so by due date (those without one last) they come
    # first. Counted and paged on the bare follow-ups: the count has no joins to compile.
    follow_ups = FollowUp.objects.open().order_by(F("due_on").asc(nulls_last=True), "pk")
    page = Paginator(follow_ups, FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get("side"))
    rows = _follow_up_rows(page.object_list, timezone.localdate())
    return render(request, "meetings/follow_up_list.html", {
        # Every value in the rows' HTML is escaped, the rest is fixed markup.
        "follow_ups": rows, "rows_html": mark_safe("".join(row.html for row in rows)),
        "page": page})


@secretariat_required
def follow_up_detail(request, pk):
    follow_up = get_for_secretariat(request.user, _follow_ups(), pk=pk)
    form = FollowUpNoteForm(request.POST or None, initial={"status": follow_up.status})
    if request.method == "POST" and form.is_valid():
        holding.note_follow_up(follow_up, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("The note was added."))
        return redirect(follow_up)
    return render(request, "meetings/follow_up_detail.html", {
        "follow_up": follow_up, "notes": list(follow_up.notes.order_by("-written_on", "-pk")),
        "form": form, "today": timezone.localdate()})
