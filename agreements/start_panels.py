import datetime

from django.utils import timezone

from common.compiled import CompiledQuery
from common.links import url_filler
from common.start import panel

from .models import Agreement, Withdrawal

# Revisions coming within this many days are shown beside the overdue ones.
REVISION_NOTICE_DAYS = 90


# Only the columns shown; compiled once (common.compiled), as every secretariat start page
# reads them.
revisions_due = CompiledQuery(lambda by: Agreement.objects.due_for_revision(by)
                              .only("number", "title", "revision_due"))
pending_withdrawals = CompiledQuery(
    lambda day: Withdrawal.objects.pending(day).select_related("municipality")
    .only("takes_effect_on", "municipality__name", "municipality__name_qualifier"))


@panel("secretariat", order=30)
def agreements_panel(request):
    """The links are filled in without a reverse() each."""
    today = timezone.localdate()
    agreement_url = url_filler("agreements:agreement", 1)
    due = [(agreement, agreement_url(agreement.pk)) for agreement in
           revisions_due(by=today + datetime.timedelta(days=REVISION_NOTICE_DAYS))]
    return "agreements/_panel.html", {"due": due, "withdrawals": pending_withdrawals(day=today),
                                      "today": today}
