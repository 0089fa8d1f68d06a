from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Budget, BudgetLine, CostModel, FinanceSettings, Invoice
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


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["year", "cost_model", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


BudgetLineFormSet = forms.inlineformset_factory(
    Budget, BudgetLine, fields=["kind", "description", "amount"], extra=3, can_delete=True,
    widgets={"kind": forms.Select(attrs={"class": "form-select"}),
             "description": forms.TextInput(attrs={"class": "form-control"}),
             "amount": forms.NumberInput(attrs={"class": "form-control"})})


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
        fields = ["payment_days", "kid_method", "kid_length"]


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
