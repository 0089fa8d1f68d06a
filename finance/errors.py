"""Refusals of finance state changes: a message for the user and an entry in the audit log."""

from functools import wraps

from django.core.exceptions import ValidationError

from common import audit

from .allocation import AllocationError
from .models.budgets import BudgetFrozen


class FinanceError(ValidationError):
    """A state change that cannot be made now; the message says why, for the user. A
    ValidationError, so that a form page shows it on its form (common.forms.run_service)."""

    def __str__(self):
        return " ".join(self.messages)


def audited_refusals(function):
    """Record a refused state change in the audit log, with the user and the reason."""

    @wraps(function)
    def wrapper(subject, *args, acting_user, **kwargs):
        try:
            return function(subject, *args, acting_user=acting_user, **kwargs)
        except (FinanceError, AllocationError, BudgetFrozen) as exc:
            # A form stands for the record it edits.
            audit.record(audit.Action.ACCESS_REFUSED, actor=acting_user,
                         obj=getattr(subject, "instance", subject),
                         change=function.__name__, reason=str(exc))
            raise

    return wrapper
