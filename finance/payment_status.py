"""An invoice's payment status as people read it in lists and on the invoice's page: one
markup, made in Python, because the invoice list shows a hundred of them."""

from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.templatetags.formatting import date

from .models import Invoice


class StatusBadges:
    """The badges, translated once for all the rows of a page."""

    def __init__(self):
        def badge(style, label):
            return f'<span class="badge {style}">{escape(label)}</span>'

        self.credit_note = badge("text-bg-secondary", _("Credit note"))
        self.paid = badge("text-bg-success", _("Paid")) + " "
        self.credited = badge("text-bg-secondary", _("Credited"))
        # Translated outside the f-string, where makemessages would not find it.
        due = escape(pgettext("invoice payment status", "due"))
        self.overdue = (badge("text-bg-danger", _("Overdue"))
                        + f' <span class="visually-hidden">{due}</span>')
        self.open = badge("text-bg-light border", _("Open"))

    def html(self, kind, payment, paid_on, due_on, today):
        """The status of an invoice of `kind` with `payment` status, as HTML (every value in
        it escaped or a date)."""
        if kind == Invoice.Kind.CREDIT_NOTE:
            return self.credit_note
        if payment == Invoice.Payment.PAID:
            return self.paid + date(paid_on)
        if payment == Invoice.Payment.CREDITED:
            return self.credited
        if due_on < today:
            return self.overdue + date(due_on)
        return self.open
