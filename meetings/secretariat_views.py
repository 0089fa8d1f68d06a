"""The secretariat's own page: its members by side, who leads it and who coordinates, whose
turn it is next (R-SEK-1 to R-SEK-3)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.access import get_for_secretariat, secretariat_required
from common.forms import run_service

from . import secretariat
from .forms import DATE
from .models import Body, Seat, SecretariatTerm


class TermForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=SecretariatTerm.Role.choices)
    seat = forms.ModelChoiceField(label=gettext_lazy("Member"), queryset=Seat.objects.none())
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=DATE)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = (
            Seat.objects.current().filter(body=body, role=Seat.Role.MEMBER)
            .select_related("holder", "appointed_by").order_by("side", "holder__name"))
        self.fields["seat"].label_from_instance = lambda seat: " – ".join(
            str(part) for part in (seat.holder, seat.get_side_display(), seat.appointed_by)
            if part)


@secretariat_required
def secretariat_page(request, pk):
    body = get_for_secretariat(request.user, Body, pk=pk, kind=Body.Kind.SECRETARIAT)
    today = timezone.localdate()
    form = TermForm(request.POST or None, body=body, initial={"starts_on": today})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: secretariat.appoint(
            body, acting_user=request.user, **form.cleaned_data))
        if result is not None:
            _term, warning = result
            messages.success(request, _("The term was saved."))
            if warning:
                messages.warning(request, warning)
            return redirect("meetings:secretariat", pk=body.pk)
    return render(request, "meetings/secretariat.html", {
        "body": body, "state": secretariat.status(body, today), "form": form,
        "terms": body.secretariat_terms.select_related("person", "council")
        .order_by("role", "-starts_on")})
