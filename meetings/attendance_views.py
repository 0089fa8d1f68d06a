"""The secretariat withdraws an absence report that no longer holds (meetings.attendance_rules)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import get_for_secretariat, secretariat_required

from . import attendance_rules
from .models import Absence


@secretariat_required
@require_POST
def absence_withdraw(request, pk):
    absence = get_for_secretariat(request.user, Absence, pk=pk)
    try:
        attendance_rules.withdraw_absence(absence, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The absence report was withdrawn; it stays on record."))
    return redirect("meetings:attendance", pk=absence.meeting_id)
