"""The beat schedule run inside the web process, for the embedded default (`make run`: no
Redis, no separately started beat). Deemed approval of minutes (R-SSU-10), retries of e-mail
and the hand-over of EHF documents then happen as they would in production, where Celery beat
runs the same CELERY_BEAT_SCHEDULE (README «Running in production»).

A daemon thread, started once per process when the server loads its middleware, runs each
task of the schedule when its interval has passed. Every periodic task is safe to run twice
(each claims its work), so two processes running the schedule do no harm."""

import datetime
import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

_start_lock = threading.Lock()
_stopping = threading.Event()
_thread = None


def interval(entry):
    """An entry's interval in seconds (a number or a timedelta, as Celery accepts)."""
    schedule = entry["schedule"]
    if isinstance(schedule, datetime.timedelta):
        return schedule.total_seconds()
    return float(schedule)


def run_due(schedule, last_run, now):
    """Run, in this thread, every task whose interval has passed since it last ran (each runs
    the first time it is looked at); `last_run` maps entry name → time and is updated. A task
    that fails is logged and tried again at its next interval. Returns the names run."""
    ran = []
    for name, entry in schedule.items():
        if name in last_run and now - last_run[name] < interval(entry):
            continue
        last_run[name] = now
        try:
            # A task's name is its import path (shared_task's default).
            import_string(entry["task"]).apply(throw=True)
        except Exception:
            logger.exception("Periodic task %s failed", entry["task"])
        ran.append(name)
    return ran


def _loop(schedule, stopping):
    last_run = {}
    tick = min(interval(entry) for entry in schedule.values())
    while not stopping.is_set():
        run_due(schedule, last_run, time.monotonic())
        # As after a request: no connection left broken or past its age between runs.
        close_old_connections()
        stopping.wait(tick)


def start(schedule=None):
    """Start the schedule's thread in this process, once; returns it."""
    global _thread
    schedule = settings.CELERY_BEAT_SCHEDULE if schedule is None else schedule
    with _start_lock:
        if _thread is None and schedule:
            _stopping.clear()
            _thread = threading.Thread(target=_loop, args=(schedule, _stopping), daemon=True,
                                       name="embedded-beat")
            _thread.start()
        return _thread


def stop():
    """Stop the thread after the task it may be running."""
    global _thread
    with _start_lock:
        if _thread is not None:
            _stopping.set()
            _thread.join()
            _thread = None


class EmbeddedBeatMiddleware:
    """Starts the schedule when the server loads its middleware, where EMBEDDED_BEAT is on
    (by default when no Redis is configured); elsewhere it steps out of the chain."""

    def __init__(self, get_response):
        if not settings.EMBEDDED_BEAT:
            raise MiddlewareNotUsed
        start()
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
