"""`{{ body|cite:"R-SSU-11" }}`: a rule as the body's own agreement states it (meetings.kinds),
for pages that would otherwise show an internal rule ID."""

from django import template

register = template.Library()


@register.filter
def cite(body, rule_id):
    return body.cite(rule_id)
