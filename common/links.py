"""Absolute links for e-mails and calendars, which are read outside any request."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path):
    """The full address of a path of the site, at SITE_URL: not at whatever Host a request
    named, and the same outside any request."""
    return settings.SITE_URL + path


def site_url(name, *args):
    """The full address of the named page at SITE_URL."""
    return absolute_url(reverse(name, args=args))


def url_filler(name, arity):
    """A function of `arity` arguments that gives the named page's URL for them, with one
    reverse() for all: reversing for every row is much of what a long list costs. For values
    that need no quoting in a URL (numbers, identifiers)."""
    # Numbers pass every path converter (int, slug, str); these occur in no route.
    markers = [str(7_300_000_000_000_000 + n) for n in range(arity)]
    template = reverse(name, args=markers).replace("{", "{{").replace("}", "}}")
    for n, marker in enumerate(markers):
        template = template.replace(marker, f"{{{n}}}")
    return template.format
