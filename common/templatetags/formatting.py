"""Norwegian presentation of amounts and numbers: «kr 24 189», «75 828»."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import get_language

register = template.Library()

NBSP = "\xa0"


def group_digits(value, separator):
    sign = "-" if value < 0 else ""
    digits = str(abs(int(value)))
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + separator.join(groups or ["0"])


@register.filter
def number(value):
    """A whole number with grouped thousands: 75 828."""
    if value is None or value == "":
        return ""
    english = (get_language() or "nb").startswith("en")
    return group_digits(Decimal(value), "," if english else NBSP)


@register.filter
def kr(value):
    """An amount in kroner: «kr 24 189», or «kr 24 189,50» when it has øre."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    english = (get_language() or "nb").startswith("en")
    sign = "-" if amount < 0 else ""
    kroner = sign + group_digits(int(abs(amount)), "," if english else NBSP)
    ore = abs(amount) % 1
    if ore:
        kroner += ("." if english else ",") + f"{int(ore * 100):02d}"
    prefix = "NOK" if english else "kr"
    return f"{prefix}{NBSP}{kroner}"
