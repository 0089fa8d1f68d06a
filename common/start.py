"""Panels on the start page. Each app registers what its users need to see next.

A panel is a function (request) -> (template name, context), or None when it has nothing
to show. Panels are shown in the order of their `order`. A panel's template gets its context
only, without the request's context processors (which the page around it has run once):
what it shows comes from its build function.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    roles: tuple
    order: int
    build: object


_panels = []


def panel(*roles, order=50):
    def register(build):
        _panels.append(Panel(roles=roles, order=order, build=build))
        return build

    return register


def panels_for(request):
    """The user's panels, rendered."""
    shown = []
    for item in sorted(_panels, key=lambda p: p.order):
        if request.user.role in item.roles:
            result = item.build(request)
            if result is not None:
                template_name, context = result
                shown.append(render_to_string(template_name, context))
    return shown
