"""The form for a body: its kind, place in the structure and rules (DOMAIN.md § 3)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .kinds import KINDS, RULE_DEFAULTS
from .models import Body, Case

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RULE_FIELDS = [
    "meetings_per_year", "max_meetings_per_year", "case_deadline_days", "notice_min_days",
    "notice_max_days", "extraordinary_notice_days", "objection_hours", "publication_days",
    "decision_mode", "trust_members", "municipal_members", "chair_alternates",
    "chair_term_years", "member_term_years",
]
DEFAULT_HELP = _("Empty: the default of the kind.")
YES_NO_DEFAULT = [("", _("The default of the kind")), ("yes", _("Yes")), ("no", _("No"))]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class BodyForm(forms.ModelForm):
    """A body and its rules. A rule left empty takes the default of the body's kind, for a new
    body and when editing one; the reference to the agreement likewise."""

    chair_alternates = forms.TypedChoiceField(
        label=_("chair alternates between the sides"), choices=YES_NO_DEFAULT, coerce=_yes_no,
        empty_value=None, required=False, help_text=DEFAULT_HELP)

    class Meta:
        model = Body
        fields = ["kind", "name", "short_name", "parent", "programme_of", "region",
                  "mandate", "works_until", "set_up_by", "is_public", "opening_items",
                  "action_plan_revised_on", "rules_source", *RULE_FIELDS]
        widgets = {"action_plan_revised_on": DATE, "works_until": DATE,
                   "mandate": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RULE_FIELDS:
            field = self.fields[name]
            field.required = False
            if name != "chair_alternates":
                field.help_text = format_lazy("{} {}", field.help_text, DEFAULT_HELP).strip()
        # No pre-filled zeros: an empty field is what takes the kind's default.
        if self.instance.pk is None:
            for name in RULE_FIELDS:
                self.initial.pop(name, None)
                self.fields[name].initial = None
        else:
            self.initial["chair_alternates"] = "yes" if self.instance.chair_alternates else "no"
        self.fields["decision_mode"].choices = [("", _("The default of the kind")),
                                                *Body.DecisionMode.choices]
        others = Body.objects.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = others
        self.fields["programme_of"].queryset = others
        self.fields["region"].queryset = Organisation.objects.regional_councils()
        self.fields["set_up_by"].queryset = (
            Case.objects.filter(meeting__isnull=False).select_related("body")
            .order_by("-year", "body__name", "-number"))

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        defaults = RULE_DEFAULTS[kind]
        for name in RULE_FIELDS:
            if cleaned.get(name) in (None, ""):
                cleaned[name] = defaults[name]
            # Set on the instance too: a field missing from the request keeps the model's
            # default otherwise, and the kind's default would never apply.
            setattr(self.instance, name, cleaned[name])
        self._check_structure(kind, cleaned)
        low, high = cleaned.get("notice_min_days"), cleaned.get("notice_max_days")
        if low is not None and high is not None and high < low:
            self.add_error("notice_max_days", _("The earliest notice must be at least as many "
                                                "days before as the latest."))
        return cleaned

    def _check_structure(self, kind, cleaned):
        rules = KINDS[Body.Kind(kind)]
        parent = cleaned.get("parent")
        if rules.reports_to and (parent is None or parent.kind not in rules.reports_to):
            # R-LSU-1 and R-FSU-1: local and professional committees report to SSU (or the
            # overarching committee where the partnership has one).
            self.add_error("parent", _("This kind of body reports to one of: %(kinds)s.") % {
                "kinds": ", ".join(str(Body.Kind(k).label) for k in rules.reports_to)})
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == self.instance.pk:
                self.add_error("parent", _("A body cannot report to a body that reports to it."))
                break
            ancestor = ancestor.parent
        if rules.has_region and not cleaned.get("region"):
            self.add_error("region", _("Choose the regional council whose municipalities the "
                                       "committee serves."))
        if not rules.has_region:
            cleaned["region"] = None
        if rules.time_limited:
            if not cleaned.get("mandate", "").strip():
                self.add_error("mandate", _("A working group needs its mandate."))
            if not cleaned.get("works_until"):
                self.add_error("works_until", _("A working group needs its time limit."))
