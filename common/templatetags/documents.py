from django import template
from django.urls import reverse

from common.documents import status_token

register = template.Library()


@register.simple_tag
def pdf_status_url(stored, download_url):
    """The address a page asks for the state of this stored PDF (common.views.pdf_status)."""
    return reverse("common:pdf_status", args=[status_token(stored, download_url)])
