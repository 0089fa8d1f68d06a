"""Absolute links for e-mails and calendars, which are read outside any request."""

from django.conf import settings
from django.urls import reverse


def site_url(name, *args):
    """The full address of the named page at SITE_URL."""
    return settings.SITE_URL + reverse(name, args=args)
