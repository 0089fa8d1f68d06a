"""Norwegian presentation of amounts, numbers and dates: «kr 24 189», «75 828», «15.06.2017»."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.safestring import mark_safe
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


# DATE_FORMAT of every language we speak (helsefellesskap/formats), as strftime has it.
DATE_FORMAT = "%d.%m.%Y"


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's date filter, with the site's own date format (15.06.2017) made by strftime:
    Django's formatter took a fifth of a list of a hundred dated rows."""
    if arg is None and isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return django_date(value, arg)


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


@register.filter
def rate_kr(value):
    """A rate or price exactly as it is, without trailing zeros: «kr 2,50», «kr 6»,
    «kr 7,8125»; øre always take two places."""
    if value is None or value == "":
        return ""
    rate = Decimal(value).normalize()
    places = -rate.as_tuple().exponent
    if places <= 2:
        return kr(rate)
    english = (get_language() or "nb").startswith("en")
    whole, fraction = f"{abs(rate):f}".split(".")
    sign = "-" if rate < 0 else ""
    text = sign + group_digits(int(whole), "," if english else NBSP) + (
        "." if english else ",") + fraction
    return f"{'NOK' if english else 'kr'}{NBSP}{text}"


@register.filter
def css_string(value):
    """Text for a CSS string in double quotes (a PDF's running footer): backslashes, quotes
    and line breaks escaped as CSS wants them, everything else as it is («KHS-26»). The
    result is raw text inside <style>, where HTML entities would show literally; < and > are
    CSS-escaped, so it cannot close the element."""
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\a "), ("\r", ""),
                          ("<", "\\3c "), (">", "\\3e ")):
        text = text.replace(char, escaped)
    return mark_safe(text)
