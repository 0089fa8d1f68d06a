"""{{ text|rich_text }}: stored rich text, sanitised again as it is shown, so that text which
reached the database by any door is never shown raw."""

from django import template
from django.utils.safestring import mark_safe

from ..richtext import sanitise

register = template.Library()


@register.filter
def rich_text(html):
    return mark_safe(sanitise(html))  # noqa: S308 - sanitised on the line itself
