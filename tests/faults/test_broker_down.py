"""With Redis down every page still works and notices wait; when it is back each goes out once."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from common.models import OutgoingMail, StoredPdf
from common.tasks import redispatch_queued, send_mail
from helsefellesskap.celery import app
from meetings.models import Seat
from tests.faults.conftest import wait_for
from tests.meetings.factories import at, make_body, make_meeting, make_person, make_seat

pytestmark = pytest.mark.django_db(transaction=True)

# The three members and the secretariat, who gets a copy of every notice.
EVERYONE = ["a@example.org", "sek@example.org", "to@example.org", "tre@example.org"]


def _body_with_three_members(cast):
    body = make_body("ssu", "SSU Helgeland")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    make_seat(body, make_person("Medlem To", "to@example.org"))
    make_seat(body, make_person("Medlem Tre", "tre@example.org"))
    return body


def _rows(meeting):
    return OutgoingMail.objects.filter(topic=meeting.mail_topic)


def _all_sent(meeting):
    states = list(_rows(meeting).values_list("state", flat=True))
    return len(states) == len(EVERYONE) and set(states) == {OutgoingMail.State.SENT}


def _recipients_in_outbox():
    return sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox)


def test_notices_sent_while_redis_is_down_go_out_once_when_it_is_back(cast, celery_worker):
    redis = celery_worker
    body = _body_with_three_members(cast)
    first = make_meeting(body, at(2027, 3, 10))
    second = make_meeting(body, at(2027, 4, 14))
    client = cast.client("secretariat")

    response = client.post(reverse("meetings:notice_send", args=[first.pk]))
    assert response.status_code == 302
    wait_for(lambda: _all_sent(first), what="the first notice to be sent")
    assert _recipients_in_outbox() == EVERYONE
    mail.outbox.clear()

    redis.stop()
    response = client.post(reverse("meetings:notice_send", args=[second.pk]))
    assert response.status_code == 302
    for url in [reverse("home"), second.get_absolute_url(),
                reverse("meetings:notice", args=[second.pk]), reverse("meetings:bodies")]:
        assert client.get(url).status_code == 200, url
    queued = _rows(second)
    assert sorted(queued.values_list("state", "attempts")) == [("queued", 0)] * 4
    assert mail.outbox == []

    redis.start()
    # Beat runs the task every minute; it picks up only work older than a minute.
    assert settings.CELERY_BEAT_SCHEDULE["redispatch-queued"]["task"] in app.tasks
    two_minutes_ago = timezone.now() - datetime.timedelta(minutes=2)
    queued.update(next_attempt_at=two_minutes_ago)
    notice_pdf = StoredPdf.objects.filter(kind="meetings.notice", object_id=second.pk)
    assert notice_pdf.get().state == StoredPdf.State.PENDING
    notice_pdf.update(requested_at=two_minutes_ago)
    assert redispatch_queued() == 4 + 1  # the four e-mails and the notice's PDF
    # The worker reconnects on its own schedule, waiting up to 30 s between attempts.
    wait_for(lambda: _all_sent(second), timeout=120, what="the queued notice to be sent")
    assert _recipients_in_outbox() == EVERYONE
    assert sorted(queued.values_list("state", "attempts")) == [("sent", 1)] * 4
    wait_for(lambda: notice_pdf.get().state == StoredPdf.State.READY, what="the notice PDF")

    # Running the periodic task again, or a stray duplicate of a send, sends nothing more.
    assert redispatch_queued() == 0
    assert send_mail.apply(args=[queued.first().pk]).get() is False
    assert len(mail.outbox) == 4
