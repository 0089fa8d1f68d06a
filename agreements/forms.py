from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from meetings.models import Body, Meeting
from members.models import Organisation

from .models import Agreement, ChangeProposal, ProposedSection

DATE_HELP = _("As dd.mm.yyyy, e.g. 01.03.2017.")


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d.%m.%Y", **kwargs)


class CheckedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a key that is no whole number the database can hold before looking it up;
    SQLite raises OverflowError on a number larger than 64 bits."""

    def _check_values(self, value):
        for key in value if isinstance(value, (list, tuple)) else []:
            if not str(key).isdigit() or int(key) >= 2**63:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"],
                                            code="invalid_pk_value", params={"pk": key})
        return super()._check_values(value)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "number", "title", "parent", "parties", "managed_by",
                  "entered_into_force", "revision_due", "status", "needs_all_parties_consent",
                  "topics"]
        field_classes = {"parties": CheckedMultipleChoiceField,
                         "topics": CheckedMultipleChoiceField}
        widgets = {"parties": forms.CheckboxSelectMultiple,
                   "topics": forms.CheckboxSelectMultiple,
                   "entered_into_force": DateInput(), "revision_due": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = Organisation.objects.filter(kind__in=[
            Organisation.Kind.MUNICIPALITY, Organisation.Kind.HOSPITAL_TRUST]).order_by(
            "kind", "number")
        self.fields["parent"].queryset = Agreement.objects.filter(
            kind=Agreement.Kind.COOPERATION).exclude(pk=self.instance.pk)
        self.fields["managed_by"].queryset = Body.objects.order_by("name")
        for name in ["entered_into_force", "revision_due"]:
            self.fields[name].help_text = DATE_HELP


class ProposalForm(forms.ModelForm):
    class Meta:
        model = ChangeProposal
        fields = ["title", "rationale", "changes_statutes"]


class ProposedSectionForm(forms.ModelForm):
    class Meta:
        model = ProposedSection
        fields = ["number", "heading", "text", "remove"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"text": _("Basic formatting (paragraphs, lists, bold, links) is kept; "
                                "anything else is removed.")}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("remove") and not cleaned.get("heading", "").strip():
            self.add_error("heading", _("Give the section a heading."))
        return cleaned


def partnership_meetings():
    return (Meeting.objects.active().filter(body__kind=Body.Kind.PARTNERSHIP)
            .select_related("body").order_by("-starts_at"))


class MeetingChoiceForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Partnership meeting"), queryset=Meeting.objects)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = partnership_meetings()


class AdoptForm(MeetingChoiceForm):
    adopted_by_consensus = forms.BooleanField(
        label=_("Adopted by consensus of the members present"), required=False)
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=150,
                                         help_text=_("E.g. «PM-sak 4/2025»."))
    in_force_from = forms.DateField(label=_("In force from"), widget=DateInput(),
                                    help_text=DATE_HELP)


class ConsentForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Organisation.objects)
    given_on = forms.DateField(label=_("Consent given on"), widget=DateInput(),
                               help_text=DATE_HELP)
    reference = forms.CharField(label=_("Reference"), max_length=150,
                                help_text=_("E.g. the council's case number."))

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Organisation.objects.filter(
            pk__in=[party.pk for party in parties])


class RevisionForm(forms.Form):
    planned_for = forms.DateField(label=_("Planned for"), widget=DateInput(),
                                  help_text=DATE_HELP)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)


class AsOnForm(forms.Form):
    dato = forms.DateField(label=_("Date"), help_text=DATE_HELP, widget=DateInput())


class CompareForm(forms.Form):
    fra = forms.TypedChoiceField(label=_("From version"), coerce=int)
    til = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(number)s") % {"number": n}) for n in numbers]
        self.fields["fra"].choices = choices
        self.fields["til"].choices = choices


class WithdrawalForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Organisation.objects)
    notice_on = forms.DateField(label=_("Notice received"), widget=DateInput(),
                                help_text=DATE_HELP)
    reference = forms.CharField(label=_("Reference"), max_length=150,
                                help_text=_("E.g. the council's case number."))
    document = forms.FileField(label=_("Written notice (PDF)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Organisation.objects.municipalities().filter(
            withdrawals__isnull=True).order_by("number")

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("The file is larger than %(limit)s.") % {
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)})
        return upload
