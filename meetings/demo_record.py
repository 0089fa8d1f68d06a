"""The demo's last step: every meeting in the past is held and has its minutes published
(except the FSU's, late on purpose), and every PDF the demo implies is asked for, so that no
page waits for a document that never comes."""

from django.utils import timezone

from common.documents import request_pdf
from members.models import User

from .demo_holding import hold_simply, published_minutes
from .models import Meeting, Minutes


def load():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    past = Meeting.objects.filter(starts_at__lt=timezone.now()).exclude(
        status__in=[Meeting.Status.HELD, Meeting.Status.CANCELLED])
    for meeting in past.select_related("body").order_by("starts_at"):
        hold_simply(meeting, staff)
    for meeting in Meeting.objects.filter(status=Meeting.Status.HELD, minutes__isnull=True):
        published_minutes(meeting, staff)
    # The demo records notices and minutes as sent without the services that would have
    # asked for their PDFs; ask now (made after the commit, or by the worker).
    for pk in Meeting.objects.filter(notice_sent_at__isnull=False).values_list("pk", flat=True):
        request_pdf("meetings.notice", pk)
    for pk in Minutes.objects.filter(sent_at__isnull=False).values_list("pk", flat=True):
        request_pdf("meetings.minutes", pk)
