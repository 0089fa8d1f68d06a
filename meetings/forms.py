from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person

from .models import Case, ChairTerm, LegalBasis, Mandate, Meeting, Seat
from .uploads import ALLOWED_DESCRIPTION, detect_kind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = ["holder", "role", "side", "appointed_by", "represents", "deputy_for",
                  "list_position", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["holder"].queryset = Person.objects.select_related("organisation")
        # A regional council, or for a local committee also a municipality of its region.
        appointers = Organisation.objects.regional_councils()
        if body.region_id:
            appointers = appointers | Organisation.objects.in_region(body.region_id)
        self.fields["appointed_by"].queryset = appointers
        self.fields["appointed_by"].help_text = _(
            "The regional council (or, in a local committee, the municipality) that appointed "
            "a municipal member.")
        self.fields["deputy_for"].queryset = (
            Seat.objects.current().filter(body=body, role=Seat.Role.MEMBER)
            .select_related("holder").exclude(pk=self.instance.pk))

    def clean(self):
        """The structure of R-SSU-13: municipal members appointed by a regional council, each
        with a personal deputy; the trust's deputies on an ordered list; 7 + 7 members."""
        cleaned = super().clean()
        role, side = cleaned.get("role"), cleaned.get("side")
        if role != Seat.Role.PERSONAL_DEPUTY:
            cleaned["deputy_for"] = None
        if role != Seat.Role.LIST_DEPUTY:
            cleaned["list_position"] = None
        if role == Seat.Role.PERSONAL_DEPUTY:
            member = cleaned.get("deputy_for")
            if member is None:
                self.add_error("deputy_for", _("Choose the member this person is deputy for."))
            elif side and member.side != side:
                self.add_error("side", _("A personal deputy is on the same side as the member."))
        if role == Seat.Role.LIST_DEPUTY:
            if side != Seat.Side.TRUST:
                self.add_error("side", _("The deputy list belongs to the hospital trust."))
            if not cleaned.get("list_position"):
                self.add_error("list_position", _("Give the place on the deputy list."))
        if (role == Seat.Role.MEMBER and side == Seat.Side.MUNICIPALITIES
                and self.body.municipal_members and not cleaned.get("appointed_by")):
            self.add_error("appointed_by", _("Choose who appointed this municipal member "
                                             "(%(rule)s).") % {
                "rule": self.body.cite("R-SSU-13")})
        self._check_region(cleaned)
        wanted = {Seat.Side.TRUST: self.body.trust_members,
                  Seat.Side.MUNICIPALITIES: self.body.municipal_members}.get(side)
        if role == Seat.Role.MEMBER and wanted:
            held = (Seat.objects.current(cleaned.get("starts_on"))
                    .filter(body=self.body, role=Seat.Role.MEMBER, side=side)
                    .exclude(pk=self.instance.pk).count()) if cleaned.get("starts_on") else 0
            if held >= wanted:
                self.add_error("side", _("This side already has its %(count)s permanent "
                                         "members (%(rule)s).") % {
                    "count": wanted, "rule": self.body.cite("R-SSU-13")})
        return cleaned

    def _check_region(self, cleaned):
        """A local committee's municipal members come from the municipalities of its region."""
        region = self.body.region
        holder = cleaned.get("holder")
        if region is None or cleaned.get("side") != Seat.Side.MUNICIPALITIES or holder is None:
            return
        home = holder.organisation
        if home is None or home.regional_council_id != region.pk:
            self.add_error("holder", _("%(person)s does not work for a municipality of "
                                       "%(region)s (%(rule)s).") % {
                "person": holder, "region": region, "rule": self.body.cite("LSU-region")})


class DecidedByMixin:
    """The deciding meeting and case to choose from: meetings of any body, cases on an
    agenda (meetings.mandates.check_decided_by says which fit)."""

    def limit_decided_by(self, meeting_field, case_field):
        self.fields[meeting_field].queryset = Meeting.objects.exclude(
            status=Meeting.Status.CANCELLED).select_related("body").order_by("-starts_at")
        self.fields[case_field].queryset = Case.objects.filter(
            meeting__isnull=False, number__isnull=False).order_by("-year", "-number")


class ChairForm(DecidedByMixin, forms.ModelForm):
    class Meta:
        model = ChairTerm
        fields = ["role", "person", "side", "starts_on", "ends_on", "decided_at", "decided_in"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_decided_by("decided_at", "decided_in")


class MandateForm(DecidedByMixin, forms.ModelForm):
    class Meta:
        model = Mandate
        fields = ["text", "adopted_on", "adopted_at", "adopted_in"]
        widgets = {"adopted_on": DATE, "text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_decided_by("adopted_at", "adopted_in")


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "starts_at", "ends_at", "place", "video_link", "is_public"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        field_classes = {"video_link": HttpsURLField}

    def _sane(self, name):
        # Deadlines are counted back from the meeting day: keep it far from the calendar's ends.
        value = self.cleaned_data.get(name)
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(_("Choose a time between %(first)s and %(last)s.") % {
                "first": FIRST_YEAR, "last": LAST_YEAR})
        return value

    def clean_starts_at(self):
        return self._sane("starts_at")

    def clean_ends_at(self):
        return self._sane("ends_at")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class RescheduleForm(MeetingForm):
    class Meta(MeetingForm.Meta):
        fields = ["starts_at", "ends_at", "place", "video_link"]


class AdoptPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE)
    adopted_at_meeting = forms.ModelChoiceField(label=_("At the meeting"), required=False,
                                                queryset=Meeting.objects.none())
    adopted_in = forms.CharField(label=_("Decision"), max_length=100, required=False,
                                 help_text=_("E.g. «Sak 14/2025»."))

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_at_meeting"].queryset = body.meetings.select_related("body")


def clean_upload(upload):
    """Refuse a file over the size limit or whose content is not an accepted kind."""
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise forms.ValidationError(_("The file is larger than %(limit)s.") % {
            "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)})
    head = upload.read()
    upload.seek(0)
    if detect_kind(head) is None:
        raise forms.ValidationError(_("The file's content is not one of: %(kinds)s.") % {
            "kinds": ALLOWED_DESCRIPTION})
    return upload


class CaseProposalForm(forms.ModelForm):
    attachment = forms.FileField(label=_("Attachment"), required=False,
                                 help_text=ALLOWED_DESCRIPTION)

    class Meta:
        model = Case
        fields = ["title", "background", "wanted_decision"]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return clean_upload(upload) if upload else None


class PlaceCaseForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    chair = forms.ModelChoiceField(
        label=_("Approved by the chair"), queryset=Person.objects.all(), required=False,
        help_text=_("Needed after the case deadline."))
    urgency_reason = forms.CharField(
        label=_("Why it cannot wait"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Needed after the case deadline."))

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = body.meetings.filter(
            status__in=[Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT]
        ).select_related("body")


class NoticeSendForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the notice goes without the chair's agreement"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when the chair or vice-chair has not agreed to the agenda; "
                    "it is recorded."))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why the meeting is cancelled"),
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Everyone who had the notice is told."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason the proposer sees"),
                             widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Case.objects.none())

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Case.objects.filter(body=case.body_id).exclude(
            pk=case.pk).exclude(status__in=[Case.Status.DECLINED, Case.Status.MERGED])


class CasePapersForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["title", "presentation", "proposed_decision"]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"presentation": _("Basic formatting (paragraphs, lists, bold, links) is "
                                         "kept; anything else is removed.")}


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), help_text=ALLOWED_DESCRIPTION)
    screened = forms.BooleanField(label=_("Screened (exempt from public access)"),
                                  required=False)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), required=False,
                                    choices=[("", "—"), *LegalBasis.choices])
    public_title = forms.CharField(
        label=_("Public title"), max_length=200, required=False,
        help_text=_("For a screened attachment: the title the public sees, with the screened "
                    "words replaced."))

    def clean_file(self):
        return clean_upload(self.cleaned_data["file"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("screened") and not cleaned.get("legal_basis"):
            self.add_error("legal_basis", _("A screened attachment needs its legal basis."))
        return cleaned
