"""Forms for holding a meeting and what follows: absence, attendance, decisions and votes,
follow-up, minutes and the public search."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person

from .attendance_rules import CORRECTIONS
from .forms import DATE, FIRST_YEAR, LAST_YEAR
from .models import Absence, Body, Decision, FollowUp, Seat, Vote


class ChoicesByPk(forms.ModelMultipleChoiceField):
    """Several choices by primary key; a value that cannot be one is refused before the
    database sees it (a huge number overflows SQLite's integers)."""

    def _check_values(self, value):
        for pk in value:
            if not (isinstance(pk, str) and pk.isdigit() and len(pk) <= 18):
                raise forms.ValidationError(self.error_messages["invalid_choice"],
                                            code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=Absence.Kind.choices)
    from_case = forms.ModelChoiceField(label=_("Away from case"), queryset=None, required=False)
    to_case = forms.ModelChoiceField(label=_("Away until case"), queryset=None, required=False)
    cases = ChoicesByPk(label=_("Cases with a conflict of interest"),
                                           queryset=None, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note to the secretariat"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        cases = meeting.cases.on_agenda()
        for name in ("from_case", "to_case", "cases"):
            self.fields[name].queryset = cases


class AttendanceForm(forms.Form):
    seat = forms.ModelChoiceField(label=_("Who"), queryset=None)
    stands_in_for = forms.ModelChoiceField(label=_("Stands in for"), queryset=None,
                                           required=False)
    arrived_before = forms.ModelChoiceField(label=_("Arrived before case"), queryset=None,
                                            required=False, help_text=_("Empty: from the start."))
    left_after = forms.ModelChoiceField(label=_("Left after case"), queryset=None,
                                        required=False, help_text=_("Empty: until the end."))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        seats = Seat.objects.current(meeting.date).filter(body=meeting.body).select_related(
            "holder")
        self.fields["seat"].queryset = seats
        self.fields["stands_in_for"].queryset = seats.filter(role=Seat.Role.MEMBER)
        cases = meeting.cases.on_agenda()
        self.fields["arrived_before"].queryset = cases
        self.fields["left_after"].queryset = cases


class AttendanceCorrectionForm(forms.Form):
    """What a seat holder recorded as present by mistake really was."""

    to = forms.ChoiceField(label=_("Correct to"), choices=CORRECTIONS,
                           widget=forms.RadioSelect)
    cases = ChoicesByPk(label=_("Cases they stood down in as conflicted"), queryset=None,
                        required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = meeting.cases.on_agenda()


class DecisionForm(forms.Form):
    """The decision text starts from the proposed decision; one vote field per voter."""

    mode = forms.ChoiceField(label=_("Reached by"), choices=Decision.Mode.choices)
    text = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea,
                           max_length=20000)
    minutes_text = forms.CharField(label=_("Text in the minutes"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)

    def __init__(self, *args, voters, approves=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = voters
        if approves is not None:
            # The approval of the previous minutes (R-SSU-10): corrections make a new version.
            self.fields["corrections"] = forms.CharField(
                label=_("Corrections to the minutes of %(date)s") % {
                    "date": date_format(approves.date)},
                required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                help_text=_("Leave empty to approve them as they read. The corrections named "
                            "here are approved with them as a new version."))
        for seat in voters:
            self.fields[f"vote_{seat.pk}"] = forms.ChoiceField(
                label=_("Vote of %(name)s") % {"name": seat.holder.name}, required=False,
                choices=[("", _("(no vote recorded)")), *Vote.Choice.choices])

    def votes(self):
        return {seat.pk: self.cleaned_data[f"vote_{seat.pk}"] for seat in self.voters
                if self.cleaned_data.get(f"vote_{seat.pk}")}


class FollowUpForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=250)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)
    person = forms.ModelChoiceField(label=_("Responsible person"), required=False,
                                    queryset=Person.objects.order_by("name"))
    organisation = forms.ModelChoiceField(
        label=_("Responsible municipality or trust"), required=False,
        queryset=Organisation.objects.filter(kind__in=["municipality", "hospital_trust"])
        .order_by("name"))
    body = forms.ModelChoiceField(label=_("Responsible body"), required=False,
                                  queryset=Body.objects.order_by("name"))

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due and not FIRST_YEAR <= due.year <= LAST_YEAR:
            raise forms.ValidationError(_("Give a date between %(first)s and %(last)s.")
                                        % {"first": FIRST_YEAR, "last": LAST_YEAR})
        return due


class FollowUpNoteForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000)


class MinutesForm(forms.Form):
    introduction = forms.CharField(label=_("Introduction"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)


class ObjectionForm(forms.Form):
    passage = forms.ChoiceField(label=_("Concerns"), required=False)
    comment = forms.CharField(label=_("What should be changed"), widget=forms.Textarea,
                              max_length=5000)

    def __init__(self, *args, passages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["passage"].choices = passages


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("Why the minutes are corrected"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DeputyAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect,
                               choices=[("yes", _("Yes, I will attend")),
                                        ("no", _("No, I cannot attend"))])


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=200)
    body = forms.ModelChoiceField(label=_("Body"), required=False, queryset=Body.objects.filter(
        is_public=True).order_by("name"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR,
                              max_value=LAST_YEAR)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
