"""Periodic work in the embedded default: the web process runs the beat schedule itself when
there is no broker (common.periodic), so deemed approval (R-SSU-10) needs no other process."""

import time

import pytest
from django.core.exceptions import MiddlewareNotUsed

from common import periodic
from meetings import minutes as minutes_service
from meetings.models import Minutes
from members.models import User
from tests.meetings.factories import at
from tests.meetings.holding_factories import decided
from tests.test_settings import run_python

DEEM = {"deem": {"task": "meetings.tasks.deem_minutes_approved", "schedule": 900}}


@pytest.fixture
def staff(make_user):
    return make_user("sekretariat@example.org", User.Role.SECRETARIAT)


def sent_minutes(staff):
    held = decided(staff, at(2026, 6, 10))
    minutes = minutes_service.start_minutes(held.meeting, acting_user=staff)
    return minutes_service.send_for_comments(minutes, acting_user=staff, now=at(2026, 6, 11))


@pytest.mark.django_db
def test_r_ssu_10_each_task_runs_when_its_interval_has_passed(staff, caplog):
    minutes = sent_minutes(staff)
    schedule = {**DEEM, "broken": {"task": "no.such.task", "schedule": 60}}
    last_run = {}
    assert periodic.run_due(schedule, last_run, now=1000.0) == ["deem", "broken"]
    assert Minutes.objects.get(pk=minutes.pk).deemed_approved
    assert "Periodic task no.such.task failed" in caplog.text
    assert periodic.run_due(schedule, last_run, now=1059.0) == []
    assert periodic.run_due(schedule, last_run, now=1060.0) == ["broken"]
    assert periodic.run_due(schedule, last_run, now=1900.0) == ["deem", "broken"]


@pytest.mark.django_db(transaction=True)
def test_r_ssu_10_the_embedded_schedule_approves_minutes_with_no_other_process(staff):
    minutes = sent_minutes(staff)
    thread = periodic.start({"deem": {**DEEM["deem"], "schedule": 0.1}})
    try:
        assert periodic.start() is thread  # once per process
        deadline = time.monotonic() + 20
        while (Minutes.objects.get(pk=minutes.pk).state != Minutes.State.APPROVED
               and time.monotonic() < deadline):
            time.sleep(0.1)
    finally:
        periodic.stop()
    approved = Minutes.objects.get(pk=minutes.pk)
    assert (approved.state, approved.deemed_approved) == (Minutes.State.APPROVED, True)
    assert not thread.is_alive()


def test_the_middleware_steps_out_where_the_embedded_schedule_is_off(settings):
    settings.EMBEDDED_BEAT = False
    with pytest.raises(MiddlewareNotUsed):
        periodic.EmbeddedBeatMiddleware(lambda request: None)


@pytest.mark.parametrize(("redis_url", "expected"), [("", "True"),
                                                     ("redis://127.0.0.1:6379/0", "False")])
def test_the_schedule_runs_in_process_exactly_when_no_broker_is_configured(redis_url, expected):
    result = run_python("-c", "import django, os; "
                              "os.environ['DJANGO_SETTINGS_MODULE'] = 'helsefellesskap.settings'; "
                              "django.setup(); from django.conf import settings; "
                              "print(settings.EMBEDDED_BEAT)", DEBUG="1", REDIS_URL=redis_url)
    assert result.stdout.strip() == expected, result.stderr


def test_every_entry_of_the_schedule_names_a_task_by_its_import_path(settings):
    from django.utils.module_loading import import_string

    tasks = {name: import_string(entry["task"])
             for name, entry in settings.CELERY_BEAT_SCHEDULE.items()}
    assert {task.name for task in tasks.values()} == {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
