import datetime

from django.utils import timezone

from common.start import panel

from .models import Agreement, Withdrawal

# Revisions coming within this many days are shown beside the overdue ones.
REVISION_NOTICE_DAYS = 90


@panel("secretariat", order=30)
def agreements_panel(request):
    today = timezone.localdate()
    due = Agreement.objects.due_for_revision(today + datetime.timedelta(
        days=REVISION_NOTICE_DAYS))
    withdrawals = Withdrawal.objects.pending(today).select_related("municipality")
    return "agreements/_panel.html", {"due": list(due), "withdrawals": list(withdrawals),
                                      "today": today}
