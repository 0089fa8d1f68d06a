"""Responses no browser or proxy may keep."""

from django.views.decorators.cache import never_cache


def no_store(view):
    """Send `Cache-Control: no-store` (with Django's never_cache headers) from this view.

    Use it on every view whose response holds what only some users may see, so that it stays
    out of shared computers' browser caches and out of proxies: invoices and their PDFs
    (finance), screened (non-public) meeting documents, attachments and their PDFs
    (meetings), and the audit log. Public pages don't need it.
    """
    return never_cache(view)
