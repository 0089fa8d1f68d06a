from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from members.models import Organisation

from ..errors import FinanceError
from ..forms import GrantApplicationForm, GrantAwardForm, GrantBackingForm
from ..grants import record_award, record_backing, save_application, withdraw_backing
from ..models import GrantApplication


@secretariat_required
def grant_list(request):
    return render(request, "finance/grant_list.html", {
        "applications": GrantApplication.objects.select_related("applicant").prefetch_related(
            "backings")})


@secretariat_required
def grant_edit(request, pk=None):
    instance = get_for_secretariat(request.user, GrantApplication, pk=pk) if pk else None
    form = GrantApplicationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        application = save_application(form, acting_user=request.user)
        messages.success(request, _("The application was saved."))
        return redirect(application)
    return render(request, "finance/grant_form.html", {"form": form, "object": instance},
                  status=400 if request.method == "POST" else 200)


def _grant_page(request, application, backing_form=None, award_form=None, status=200):
    backers, members, required = application.backing()
    backings = {b.municipality_id: b for b in application.backings.all()}
    municipalities = Organisation.objects.members_during_year(application.year).order_by(
        "number")
    return render(request, "finance/grant_detail.html", {
        "application": application,
        "rows": [(m, backings.get(m.pk)) for m in municipalities],
        "backers": backers, "members": members, "required": required,
        "backing_form": backing_form or GrantBackingForm(application=application),
        "award_form": award_form or GrantAwardForm(initial={
            "report_due": application.report_due}),
        "budget_line": getattr(application, "budget_line", None),
    }, status=status)


@secretariat_required
def grant_detail(request, pk):
    return _grant_page(request, get_for_secretariat(request.user, GrantApplication, pk=pk))


@secretariat_required
@require_POST
def grant_backing(request, pk):
    application = get_for_secretariat(request.user, GrantApplication, pk=pk)
    if "withdraw" in request.POST:
        backing = get_for_secretariat(request.user, application.backings,
                                      pk=request.POST.get("withdraw"))
        try:
            withdraw_backing(application, backing=backing, acting_user=request.user)
        except FinanceError as exc:
            messages.error(request, str(exc))
        return redirect(application)
    # A municipality already backing it is changed, not added twice; the form refuses a
    # choice that is not a number.
    municipality = request.POST.get("municipality", "")
    form = GrantBackingForm(request.POST, application=application,
                            instance=application.backings.filter(
                                municipality_id=municipality).first()
                            if municipality.isdigit() else None)
    if not form.is_valid():
        return _grant_page(request, application, backing_form=form, status=400)
    record_backing(application, form=form, acting_user=request.user)
    messages.success(request, _("The backing was recorded."))
    return redirect(application)


@secretariat_required
@require_POST
def grant_award(request, pk):
    application = get_for_secretariat(request.user, GrantApplication, pk=pk)
    form = GrantAwardForm(request.POST)
    if not form.is_valid():
        return _grant_page(request, application, award_form=form, status=400)
    try:
        line = record_award(application, amount=form.cleaned_data["amount_awarded"],
                            awarded_on=form.cleaned_data["awarded_on"],
                            reference=form.cleaned_data["award_reference"],
                            report_due=form.cleaned_data["report_due"],
                            acting_user=request.user)
    except FinanceError as exc:
        messages.error(request, str(exc))
        return redirect(application)
    if line is not None:
        messages.success(request, _("The award was recorded and is the grant line of %(budget)s.")
                         % {"budget": line.budget})
    else:
        messages.success(request, _("The award was recorded. The year's budget of the whole "
                                    "partnership gets it as its grant line while it is a draft."))
    return redirect(application)
