"""The secretariat's screening page of a case: screen or lift the title, the papers, the
decision text and each attachment, each with its legal basis (R-PUB-1)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required
from common.forms import run_service

from . import screening
from .models import Attachment, Case, LegalBasis, Screening

BASES = [("", "—"), *LegalBasis.choices]


class CaseScreeningForm(forms.Form):
    part = forms.ChoiceField(label=gettext_lazy("Part"), choices=Screening.Part.choices)
    legal_basis = forms.ChoiceField(label=gettext_lazy("Legal basis"), choices=BASES)
    public_title = forms.CharField(
        label=gettext_lazy("Public title"), max_length=250, required=False,
        help_text=gettext_lazy("For the title: as the public may see it, with the screened "
                               "words replaced."))


class AttachmentScreeningForm(forms.Form):
    screened = forms.BooleanField(label=gettext_lazy("Screened (exempt from public access)"),
                                  required=False)
    legal_basis = forms.ChoiceField(label=gettext_lazy("Legal basis"), choices=BASES,
                                    required=False)
    public_title = forms.CharField(label=gettext_lazy("Public title"), max_length=200,
                                   required=False)


def _page(request, case, *, case_form=None, attachment_forms=None, status=200):
    attachments = list(case.attachments.order_by("created", "pk"))
    attachment_forms = attachment_forms or {}
    rows = [(a, attachment_forms.get(a.pk) or AttachmentScreeningForm(
        prefix=f"a{a.pk}", initial={"screened": a.screened, "legal_basis": a.legal_basis,
                                    "public_title": a.public_title})) for a in attachments]
    return render(request, "meetings/screening.html", {
        "case": case, "screenings": list(case.screenings.all()),
        "form": case_form or CaseScreeningForm(), "attachments": rows,
        "public": screening.public_case(case)}, status=status)


def _case(request, pk):
    return get_for_secretariat(request.user, Case.objects.select_related("body", "meeting"), pk=pk)


@secretariat_required
def case_screening(request, pk):
    case = _case(request, pk)
    if request.method != "POST":
        return _page(request, case)
    form = CaseScreeningForm(request.POST)
    if form.is_valid() and run_service(form, lambda: screening.screen_case(
            case, acting_user=request.user, **form.cleaned_data)):
        messages.success(request, _("The screening was saved."))
        return redirect("meetings:case_screening", case.pk)
    return _page(request, case, case_form=form, status=400)


@secretariat_required
@require_POST
def case_screening_lift(request, pk, part):
    case = _case(request, pk)
    if part not in Screening.Part.values:
        return redirect("meetings:case_screening", case.pk)
    screening.lift_case_screening(case, part=part, acting_user=request.user)
    messages.success(request, _("That part of the case is public again."))
    return redirect("meetings:case_screening", case.pk)


@secretariat_required
@require_POST
def attachment_screening(request, pk):
    attachment = get_for_secretariat(request.user, Attachment.objects.select_related("case"),
                                     pk=pk)
    form = AttachmentScreeningForm(request.POST, prefix=f"a{attachment.pk}")
    if form.is_valid() and run_service(form, lambda: screening.screen_attachment(
            attachment, acting_user=request.user, **form.cleaned_data)):
        messages.success(request, _("The screening was saved."))
        return redirect("meetings:case_screening", attachment.case_id)
    return _page(request, attachment.case, attachment_forms={attachment.pk: form}, status=400)
