import datetime

from django.utils import timezone

from common.links import url_filler
from common.start import panel

from .models import Agreement, Withdrawal

# Revisions coming within this many days are shown beside the overdue ones.
REVISION_NOTICE_DAYS = 90


@panel("secretariat", order=30)
def agreements_panel(request):
    """Only the columns shown are read, and the links filled in without a reverse() each."""
    today = timezone.localdate()
    agreement_url = url_filler("agreements:agreement", 1)
    due = [(agreement, agreement_url(agreement.pk)) for agreement in
           Agreement.objects.due_for_revision(today + datetime.timedelta(
               days=REVISION_NOTICE_DAYS)).only("number", "title", "revision_due")]
    withdrawals = (Withdrawal.objects.pending(today).select_related("municipality")
                   .only("takes_effect_on", "municipality__name",
                         "municipality__name_qualifier"))
    return "agreements/_panel.html", {"due": due, "withdrawals": list(withdrawals),
                                      "today": today}
