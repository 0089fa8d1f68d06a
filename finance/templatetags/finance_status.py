"""`{% payment_status invoice today %}`: an invoice's payment status badge
(finance.payment_status)."""

from django import template
from django.utils.safestring import mark_safe

from ..payment_status import StatusBadges

register = template.Library()


@register.simple_tag
def payment_status(invoice, today):
    return mark_safe(StatusBadges().html(  # noqa: S308 - made of escaped labels and dates
        invoice.kind, invoice.payment_status, invoice.paid_on, invoice.due_on, today))
