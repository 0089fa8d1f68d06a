import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsefellesskap.settings")

app = Celery("helsefellesskap")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def prepare_worker(**kwargs):
    """Refuse to start without the production settings; load WeasyPrint and its fonts before
    the first task, so that the first PDF after a start takes as long as any other (half a
    second more otherwise)."""
    from common.checks import require_production_settings
    from common.pdf import warm_up

    require_production_settings()
    warm_up()
