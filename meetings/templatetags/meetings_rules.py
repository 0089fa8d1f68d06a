"""`{{ body|cite:"R-SSU-11" }}`: a rule as the body's own agreement states it (meetings.kinds),
for pages that would otherwise show an internal rule ID; `{% warning_items body_warnings %}`:
the rule warnings of the bodies as list items."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def cite(body, rule_id):
    return body.cite(rule_id)


@register.simple_tag
def warning_items(body_warnings):
    """Each warning of each body (meetings.warnings.BodyWarnings) as an <li>, linked to its
    body. Built in one pass with the label translated once: the list of bodies shows every
    body's warnings, and a template loop over them cost more than the rest of the page. The
    values are plain strings (as stored), so the standard library escapes them: Django's
    escape() first checks each argument for lazy translations, which was most of this tag's
    time."""
    label = escape(gettext("Warning"))
    return mark_safe("".join(  # noqa: S308 - every value is escaped here
        f'\n  <li class="mb-1"><span class="badge text-bg-warning">{label}</span> '
        f'<a href="{escape(entry.url)}">{escape(warning.message)}</a> '
        f'<span class="text-body-secondary">({escape(warning.citation)})</span></li>'
        for entry in body_warnings for warning in entry.warnings))
