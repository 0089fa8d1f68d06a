from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Partnership, Person, User
from .population_import import PopulationFileError, parse


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


class UserAccessForm(forms.ModelForm):
    """Who a user is and what their role lets them see; the role's link is checked here so
    that the error stands next to the field (the database refuses it too)."""

    class Meta:
        model = User
        fields = ["name", "role", "municipality", "person"]

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == User.Role.FINANCE_OFFICER and not cleaned.get("municipality"):
            self.add_error("municipality", _("A finance officer needs their municipality."))
        if role == User.Role.REPRESENTATIVE and not cleaned.get("person"):
            self.add_error("person", _(
                "A representative needs their person: their seats decide what they see."))
        if role != User.Role.FINANCE_OFFICER:
            cleaned["municipality"] = None
        return cleaned


class UserInviteForm(UserAccessForm):
    class Meta(UserAccessForm.Meta):
        fields = ["email", *UserAccessForm.Meta.fields]
        help_texts = {"email": _("The invitation goes to this address; it is also the login.")}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is a user with this address already."))
        return email


class PopulationYearForm(forms.Form):
    """The figures of one year typed in or corrected, one field per member municipality."""

    source = forms.CharField(
        label=_("Source"), max_length=200,
        help_text=_("Where the figures come from, e.g. «SSB tabell 07459, hentet 12.01.2025»."))

    def __init__(self, *args, year, municipalities, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.year, self.municipalities = year, municipalities
        for municipality in municipalities:
            self.fields[self.field_name(municipality)] = forms.IntegerField(
                label=f"{municipality.number} {municipality}", required=False, min_value=0,
                max_value=10_000_000, initial=existing.get(municipality.pk),
                widget=forms.NumberInput(attrs={"class": "text-end"}))

    @staticmethod
    def field_name(municipality):
        return f"population_{municipality.number}"

    def figures(self):
        """{(kommunenummer, year): population} for the fields filled in."""
        return {(m.number, self.year): self.cleaned_data[self.field_name(m)]
                for m in self.municipalities
                if self.cleaned_data.get(self.field_name(m)) is not None}
