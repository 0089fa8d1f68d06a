from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _


@shared_task(acks_late=True)
def issue_budget_invoices(run_pk):
    """Run a queued issuing request. Safe to run twice: the run is claimed with a conditional
    update, and an invoiced budget issues nothing."""
    from .allocation import AllocationError
    from .models import IssueRun
    from .services import FinanceError, issue_invoices

    runs = IssueRun.objects.filter(pk=run_pk)
    if not runs.filter(state=IssueRun.State.QUEUED).update(state=IssueRun.State.RUNNING):
        return 0  # claimed by another worker already
    run = runs.select_related("budget", "started_by").get()
    try:
        invoices = issue_invoices(run.budget, acting_user=run.started_by)
    except (AllocationError, FinanceError) as exc:
        runs.update(state=IssueRun.State.FAILED, error=str(exc), finished_at=timezone.now())
        return 0
    except Exception:
        runs.update(state=IssueRun.State.FAILED, finished_at=timezone.now(),
                    error=_("An unexpected error stopped the issuing; nothing was issued. "
                            "The error is in the server log."))
        raise
    runs.update(state=IssueRun.State.DONE, issued=len(invoices), finished_at=timezone.now())
    return len(invoices)
