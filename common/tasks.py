from celery import shared_task


@shared_task(acks_late=True)
def render_pdf(kind, pk):
    from .documents import render_now

    return render_now(kind, pk)
