"""Signed links in e-mails: each recipient's own absence link in the notice."""

from django import template
from django.urls import reverse

from ..attendance import absence_token
from ..models import Seat

register = template.Library()


@register.simple_tag
def absence_link(meeting, recipient, meeting_url):
    """The recipient's signed link to report absence, or "" when they hold no seat. The
    site's address is taken from the meeting's address in the same e-mail."""
    seat = (Seat.objects.current(meeting.date).filter(body=meeting.body_id,
                                                      holder__email__iexact=recipient.email)
            .order_by("pk").first())
    if seat is None:
        return ""
    base = meeting_url.removesuffix(reverse("meetings:meeting", args=[meeting.pk]))
    return base + reverse("meetings:absence_link", args=[absence_token(meeting, seat)])
