"""The state grant for a shared secretariat (R-FIN-10, seed 004): the member municipalities'
backing of the year's application, the award, and the grant line it gives the budget."""

from django.db import transaction
from django.utils.translation import gettext as _

from common.history import delete_by, save_by

from .errors import FinanceError, audited_refusals
from .models import Budget, BudgetLine, GrantApplication


def check_backing(application):
    """R-FIN-10: at least two thirds of the member municipalities back the application.
    Raises FinanceError saying how many are missing."""
    backers, members, required = application.backing()
    if members == 0 or backers < required:
        raise FinanceError(_("The application has the backing of %(backers)s of %(members)s "
                             "member municipalities; it needs at least two thirds "
                             "(%(required)s).") % {"backers": backers, "members": members,
                                                  "required": required})


@audited_refusals
@transaction.atomic
def save_application(form, *, acting_user):
    return save_by(form.instance, acting_user)


@audited_refusals
@transaction.atomic
def record_backing(application, *, form, acting_user):
    """A member municipality's decision to back the application."""
    backing = form.instance
    backing.application = application
    return save_by(backing, acting_user)


@audited_refusals
@transaction.atomic
def withdraw_backing(application, *, backing, acting_user):
    if application.is_awarded:
        raise FinanceError(_("The grant is awarded; its backing is part of the record."))
    delete_by(backing, acting_user)


def grant_line_for(budget):
    """Give a draft budget of the whole partnership the grant line of its year's award."""
    application = GrantApplication.objects.filter(year=budget.year, amount_awarded__isnull=False
                                                  ).first()
    if application is None or budget.pool_id or not budget.is_draft:
        return None
    line = BudgetLine.objects.filter(grant_application=application).first() or BudgetLine(
        budget=budget, kind=BudgetLine.Kind.GRANT, grant_application=application,
        position=budget.lines.count() + 1)
    if line.budget_id != budget.pk:
        return None  # the award belongs to another budget's line already
    line.description = _("State grant (%(reference)s)") % {
        "reference": application.award_reference}
    line.amount = application.amount_awarded
    return line


@audited_refusals
@transaction.atomic
def record_award(application, *, amount, awarded_on, reference, report_due, acting_user):
    """Record the award; it needs the backing of two thirds of the members (R-FIN-10). The
    year's draft budget of the whole partnership gets it as its grant line; an adopted budget
    keeps what it adopted (R-REC-3). Returns the budget line, or None."""
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    check_backing(application)
    application.amount_awarded = amount
    application.awarded_on = awarded_on
    application.award_reference = reference
    application.report_due = report_due or application.report_due
    save_by(application, acting_user)
    budget = Budget.objects.filter(year=application.year, pool__isnull=True).first()
    line = grant_line_for(budget) if budget is not None else None
    if line is not None:
        save_by(line, acting_user)
    return line
