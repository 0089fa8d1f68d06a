"""The outbox loses no e-mail: not when the worker dies in the middle of a send, and not when
the broker refuses to take back a retry (security review 2, finding 10)."""

import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F

from common.mail import Recipient, queue_mail
from common.models import OutgoingMail
from common.tasks import MAIL_CLAIM_LEASE, REDISPATCH_AFTER, redispatch_queued
from tests.faults.conftest import ROOT, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def queue_one():
    [row] = queue_mail(topic="test", purpose="test:recovery",
                       recipients=[Recipient("kari@example.org", "Kari")],
                       template="tests/mail", context={"text": "møte"})
    return OutgoingMail.objects.filter(pk=row.pk)


def state(row):
    return row.values_list("state", "attempts").get()


def worker_process(redis_url, smtp_port):
    """A Celery worker in a process of its own, on the test's database, broker and SMTP."""
    db = connection.settings_dict
    database_url = (f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                    f"{db['PORT'] or 5432}/{db['NAME']}")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
           "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port)}
    return subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, "-m", "celery", "-A", "helsefellesskap", "worker", "--pool", "solo",
         "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="a worker process shares the test database only on PostgreSQL")
def test_an_e_mail_whose_worker_died_mid_send_is_sent_once_after_its_lease(
        broker, smtp_server, settings):
    smtp_server.healthy, smtp_server.stall = True, True
    worker = worker_process(broker.url, smtp_server.port)
    try:
        row = queue_one()
        assert smtp_server.data_started.wait(timeout=90), "the worker never began sending"
        assert state(row) == ("sending", 1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    smtp_server.stall = False
    smtp_server.released.set()

    # Within its lease the claim is the dead worker's still: nobody takes it over.
    row.update(next_attempt_at=F("next_attempt_at") - 2 * REDISPATCH_AFTER)
    assert redispatch_queued() == 0
    assert state(row) == ("sending", 1)
    # The lease runs out (the claim is made as old as that).
    row.update(claimed_at=F("claimed_at") - MAIL_CLAIM_LEASE)
    second = worker_process(broker.url, smtp_server.port)
    try:
        assert redispatch_queued() == 1
        wait_for(lambda: state(row) == ("sent", 2), timeout=90, what="the e-mail to be sent")
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert [recipients for _sender, recipients, _data in smtp_server.received] == [
        ["kari@example.org"]]


def test_a_retry_the_broker_refused_is_sent_when_due(celery_worker, smtp_server, settings):
    redis = celery_worker
    # The SMTP server fails the first try, and the broker goes away before the worker can
    # hand its retry over.
    smtp_server.on_connect = redis.stop
    row = queue_one()
    wait_for(lambda: state(row) == ("queued", 1) and not redis._answers(), timeout=60,
             what="the first try to fail")
    smtp_server.on_connect = lambda: None
    smtp_server.healthy = True
    redis.start()
    assert redispatch_queued() == 0  # not due yet: the retry waits a minute
    row.update(next_attempt_at=F("next_attempt_at") - timedelta(minutes=2) - REDISPATCH_AFTER)
    assert redispatch_queued() == 1
    # The worker reconnects on its own schedule, waiting up to 30 s between attempts.
    wait_for(lambda: state(row) == ("sent", 2), timeout=120, what="the retry to be sent")
    assert len(smtp_server.received) == 1
