from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _


@shared_task(acks_late=True)
def issue_budget_invoices(run_pk):
    """Run a queued issuing request. Safe to run twice: the run is claimed with a conditional
    update, and a budget with invoices issues nothing."""
    from .allocation import AllocationError
    from .models import IssueRun
    from .services import FinanceError, issue_invoices

    runs = IssueRun.objects.filter(pk=run_pk)
    if not runs.filter(state=IssueRun.State.QUEUED).update(state=IssueRun.State.RUNNING):
        return 0  # claimed by another worker already
    run = runs.select_related("budget", "started_by").get()
    try:
        invoices = issue_invoices(run.budget, acting_user=run.started_by, today=run.issue_date)
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


@shared_task(acks_late=True)
def hand_over_ehf(document_pk):
    """Hand one EHF document to the sending channel; safe to run twice (claimed first)."""
    from .delivery import hand_over

    return hand_over(document_pk)


@shared_task
def hand_over_due():
    """Every few minutes from beat: hand over what is made and due, retrying failures with
    back-off and taking over claims whose lease ran out."""
    from .delivery import hand_over_all_due

    return hand_over_all_due()
