from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from common import audit

from . import throttle
from .models import Organisation, Partnership, Person
from .population_import import PopulationFileError, parse


class EmailAuthenticationForm(AuthenticationForm):
    """Login by e-mail, refused while the address is slowed down or locked."""

    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True,
                                                          "autocomplete": "email"})
    )

    def clean(self):
        email = self.cleaned_data.get("username")
        now = timezone.now()
        if email:
            wait_until = throttle.retry_after(email, now)
            if wait_until:
                audit.record(audit.Action.LOGIN_FAILED, request=self.request, obj=email,
                             reason="throttled")
                raise forms.ValidationError(
                    _("Too many failed attempts. Try again after %(time)s."),
                    code="throttled",
                    params={"time": formats.time_format(timezone.localtime(wait_until), "H:i:s")},
                )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if email and throttle.record_failure(email, now):
                audit.record(audit.Action.LOCKOUT, request=self.request, obj=email,
                             minutes=settings.LOGIN_LOCK_MINUTES)
            raise
        if email:
            throttle.record_success(email)
        return cleaned


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "kind", "name", "name_qualifier", "number", "organisation_number",
            "regional_council", "joined_on", "left_on", "invoice_reference",
            "invoice_reference_format",
            "street_address", "postcode", "city", "email",
        ]
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "left_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invoice_reference_format"].required = False

    def clean_invoice_reference_format(self):
        return self.cleaned_data["invoice_reference_format"] or "free"

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Organisation.Kind.MUNICIPALITY:
            if not cleaned.get("number"):
                self.add_error("number", _("A municipality needs its four-digit number."))
            namesakes = Organisation.objects.municipalities().filter(
                name__iexact=cleaned.get("name", "")
            ).exclude(pk=self.instance.pk)
            if namesakes.exists() and not cleaned.get("name_qualifier"):
                self.add_error("name_qualifier", _(
                    "Another municipality is called %(name)s (%(number)s). Add a qualifier, "
                    "such as the county, to tell them apart."
                ) % {"name": namesakes[0].name, "number": namesakes[0].number})
        elif kind:
            cleaned["number"] = None
            for name in ("joined_on", "left_on", "regional_council"):
                if cleaned.get(name):
                    self.add_error(name, _("Only municipalities have this."))
        joined, left = cleaned.get("joined_on"), cleaned.get("left_on")
        if joined and left and left <= joined:
            self.add_error("left_on", _("The membership must end after it began."))
        return cleaned


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "phone", "organisation", "title"]


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name", "hospital_trust", "host_municipality", "organisation_number",
            "bank_account", "street_address", "postcode", "city", "email", "logo",
        ]


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File from Statistics Norway"),
        help_text=_("Table 07459 downloaded as CSV (semicolon or comma) or JSON-stat 2."),
    )
    source = forms.CharField(
        label=_("Source"), max_length=200, initial=_("Statistics Norway, table 07459"),
    )

    MAX_SIZE = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            parsed = parse(upload.read())
        except PopulationFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if parsed.errors:
            raise forms.ValidationError(
                [_("Line %(line)s: %(reason)s") % {"line": line, "reason": reason}
                 for line, reason in parsed.errors]
            )
        if not parsed.figures:
            raise forms.ValidationError(_("The file holds no figures for any municipality."))
        self.parsed = parsed
        return upload
