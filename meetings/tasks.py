from celery import shared_task

from . import minutes


@shared_task
def deem_minutes_approved():
    """Periodic: approve minutes nobody objected to in time (R-SSU-10). Safe to run twice."""
    return [m.pk for m in minutes.deem_approved()]
