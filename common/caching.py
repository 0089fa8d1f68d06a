"""Responses no browser or proxy may keep."""

from django.views.decorators.cache import never_cache


def no_store(view):
    """Send `Cache-Control: no-store` (with Django's never_cache headers) from this view.

    Every response to a logged-in user gets it from common.middleware; this is for the pages
    opened without a login through a personal signed link (an absence form, a deputy's
    answer), which show what only that person may see.
    """
    return never_cache(view)
