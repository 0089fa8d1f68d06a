"""The secretariat downloads a year's extraction package, of one body or of the whole
partnership, as a ZIP (R-PUB-3)."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from common.access import secretariat_required

from ..forms import FIRST_YEAR, LAST_YEAR
from ..models import Body
from .package import build_package, package_name


class PackageForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), required=False,
                                  queryset=Body.objects.order_by("kind", "name"),
                                  empty_label=_("The whole partnership"))
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


@secretariat_required
def package_page(request):
    """GET with body and year downloads the package; bad values show next to the field."""
    form = PackageForm(request.GET or None,
                       initial={"year": timezone.localdate().year - 1})
    if form.is_bound and form.is_valid():
        body, year = form.cleaned_data["body"], form.cleaned_data["year"]
        package = build_package(year, body=body, archived_by=request.user.name)
        response = HttpResponse(package.zip_bytes(), content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{package_name(year, body)}.zip")
        return response
    return render(request, "meetings/archive.html", {"form": form},
                  status=400 if form.errors else 200)
