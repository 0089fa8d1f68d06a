from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .models import (
    AgreedShare,
    Budget,
    BudgetLine,
    CostModel,
    FinanceSettings,
    GrantApplication,
    GrantBacking,
    Invoice,
)
from .payments import parse

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CostModelForm(forms.ModelForm):
    class Meta:
        model = CostModel
        fields = ["name", "kind", "fixed_percent", "base_amount", "rate", "rounding"]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in (CostModel.Kind.PER_INHABITANT, CostModel.Kind.BASE_PLUS_RATE) and not (
                cleaned.get("rate")):
            self.add_error("rate", _("This model needs a rate per inhabitant."))
        if kind == CostModel.Kind.BASE_PLUS_RATE and not cleaned.get("base_amount"):
            self.add_error("base_amount", _("This model needs a base amount."))
        return cleaned


class AgreedShareForm(forms.ModelForm):
    class Meta:
        model = AgreedShare
        fields = ["municipality", "percent", "amount"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE") or not cleaned.get("municipality"):
            return cleaned
        if (cleaned.get("percent") is None) == (cleaned.get("amount") is None):
            raise forms.ValidationError(_("Give either a percentage or an amount."))
        return cleaned


class BaseAgreedShareFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f.cleaned_data for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
                and f.cleaned_data.get("municipality")]
        kind = getattr(self, "kind", CostModel.Kind.SPLIT)
        if kept and kind != CostModel.Kind.SPLIT:
            raise forms.ValidationError(_("Agreed shares need a model that splits an amount."))
        percents = sum(f["percent"] for f in kept if f.get("percent") is not None)
        if percents > 100:
            raise forms.ValidationError(_("The agreed percentages add up to more than 100 %."))


AgreedShareFormSet = forms.inlineformset_factory(
    CostModel, AgreedShare, form=AgreedShareForm, formset=BaseAgreedShareFormSet, extra=1,
    can_delete=True,
    widgets={"municipality": forms.Select(attrs={"class": "form-select"}),
             "percent": forms.NumberInput(attrs={"class": "form-control"}),
             "amount": forms.NumberInput(attrs={"class": "form-control"})})


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["year", "pool", "cost_model", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = Organisation.objects.regional_councils()
        self.fields["pool"].empty_label = _("The whole partnership")

    def clean(self):
        cleaned = super().clean()
        year, pool = cleaned.get("year"), cleaned.get("pool")
        others = Budget.objects.filter(year=year, pool=pool).exclude(pk=self.instance.pk)
        if year and others.exists():
            self.add_error("year", _("This pool has a budget for %(year)s already.")
                           % {"year": year})
        return cleaned


# The page adds lines with a small script (static/finance/budget-lines.js) from the formset's
# empty form; without the script, saving gives one more empty line.
BudgetLineFormSet = forms.inlineformset_factory(
    Budget, BudgetLine, fields=["kind", "description", "amount"], extra=1, can_delete=True,
    widgets={"kind": forms.Select(attrs={"class": "form-select"}),
             "description": forms.TextInput(attrs={"class": "form-control"}),
             "amount": forms.NumberInput(attrs={"class": "form-control"})})


class IssueForm(forms.Form):
    issue_date = forms.DateField(
        label=_("Invoice date"), widget=DATE_WIDGET,
        help_text=_("The due date follows from the days to pay in the invoice settings."))


class AdoptForm(forms.Form):
    decision = forms.CharField(
        label=_("Adopted by decision"), max_length=200,
        help_text=_("The meeting and case, for example «Partnerskapsmøtet sak 5/2022»."))
    adopted_on = forms.DateField(label=_("Date of the decision"), widget=DATE_WIDGET)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_WIDGET)


class FinanceSettingsForm(forms.ModelForm):
    class Meta:
        model = FinanceSettings
        fields = ["payment_days", "kid_method", "kid_length", "vat_registered",
                  "vat_exemption_reason"]


class PaymentImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of payments"),
        help_text=_("CSV with one payment per line: KID;date;amount, for example "
                    "«0000000018;31.01.2023;24189»."))

    MAX_SIZE = 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc
        if not text.strip():
            raise forms.ValidationError(_("The file is empty."))
        payments, errors = parse(text)
        invoices = {i.kid: i for i in Invoice.objects.filter(kid__in=[p.kid for p in payments])}
        seen = {}
        self.payments = {}
        for payment in payments:
            invoice = invoices.get(payment.kid)
            reason = None
            if invoice is None or invoice.is_credit_note:
                reason = _("no invoice has KID %(kid)s") % {"kid": payment.kid}
            elif payment.kid in seen:
                reason = _("KID %(kid)s was paid on line %(line)s already") % {
                    "kid": payment.kid, "line": seen[payment.kid]}
            elif invoice.payment_status != Invoice.Payment.OPEN:
                reason = _("invoice %(number)s is not open (%(status)s)") % {
                    "number": invoice.number, "status": invoice.get_payment_status_display()}
            elif payment.amount != invoice.total:
                reason = _("the amount %(amount)s differs from invoice %(number)s "
                           "(%(total)s)") % {"amount": payment.amount,
                                             "number": invoice.number, "total": invoice.total}
            if reason:
                errors.append((payment.line, reason))
            else:
                seen[payment.kid] = payment.line
                self.payments[invoice.pk] = payment.paid_on
        if errors:
            raise forms.ValidationError(
                [_("Line %(line)s: %(reason)s") % {"line": line, "reason": reason}
                 for line, reason in sorted(errors)])
        if not self.payments:
            raise forms.ValidationError(_("The file holds no payments."))
        return upload


class GrantApplicationForm(forms.ModelForm):
    class Meta:
        model = GrantApplication
        fields = ["year", "applicant", "amount_applied", "submitted_on", "report_due",
                  "report_sent_on"]
        widgets = {"submitted_on": DATE_WIDGET, "report_due": DATE_WIDGET,
                   "report_sent_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = Organisation.objects.municipalities().order_by(
            "number")


class GrantBackingForm(forms.ModelForm):
    class Meta:
        model = GrantBacking
        fields = ["municipality", "backed_on", "decision_reference"]
        widgets = {"backed_on": DATE_WIDGET}

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Organisation.objects.members_during_year(
            application.year).order_by("number")


class GrantAwardForm(forms.Form):
    amount_awarded = forms.DecimalField(label=_("Amount awarded"), min_value=0, max_digits=13,
                                        decimal_places=2)
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DATE_WIDGET)
    award_reference = forms.CharField(label=_("Award letter"), max_length=200,
                                      help_text=_("The grant letter's date and reference."))
    report_due = forms.DateField(label=_("Report due"), widget=DATE_WIDGET, required=False)
