"""What a body's superior decides about it: its mandate and its chairs, recorded against the
deciding meeting and case (R-PM-8)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.compiled import CompiledQuery
from common.history import save_by

from .models import Body, Mandate
from .models.meetings import case_label, meeting_label


def check_decided_by(body, meeting, case):
    """The decision was made at `meeting` (in `case`, on its agenda). SSU's chairs and mandate
    are decided by the partnership meeting (R-PM-8)."""
    if case is not None and (meeting is None or case.meeting_id != meeting.pk):
        raise ValidationError({"decided_in": _("Choose a case on the deciding meeting's "
                                               "agenda.")})
    if (meeting is not None and body.kind == Body.Kind.SSU
            and meeting.body.kind != Body.Kind.PARTNERSHIP):
        raise ValidationError({"decided_at": _(
            "The partnership meeting elects SSU's chair and vice-chair and sets its mandate: "
            "choose one of its meetings.")})


@transaction.atomic
def adopt_mandate(body, *, text, adopted_on, adopted_at=None, adopted_in=None, acting_user):
    """Record a new mandate for the body; the earlier ones are kept (R-PM-8)."""
    if not text.strip():
        raise ValidationError({"text": _("Write the mandate.")})
    try:
        check_decided_by(body, adopted_at, adopted_in)
    except ValidationError as error:
        # The form names these fields adopted_at and adopted_in.
        raise ValidationError({{"decided_at": "adopted_at", "decided_in": "adopted_in"}[key]:
                               value for key, value in error.message_dict.items()}) from None
    return save_by(Mandate(body=body, text=text.strip(), adopted_on=adopted_on,
                           adopted_at=adopted_at, adopted_in=adopted_in), acting_user)


# What the body page shows of a mandate and of the meeting and case that adopted it.
MANDATE_SHOWN = ("text", "adopted_on", "adopted_at", "adopted_at__starts_at",
                 "adopted_at__body__name", "adopted_in", "adopted_in__number", "adopted_in__year")


# One body's mandates, the newest first: ordered without the model's ordering by body, which
# joins it; compiled once (common.compiled).
newest_mandate = CompiledQuery(lambda body: Mandate.objects.filter(body=body)
                               .order_by("-adopted_on", "-pk")
                               .values_list(*MANDATE_SHOWN, named=True)[:1])


def current_mandate(body):
    """The body's mandate as its page shows it, read as values rather than models: its text,
    the day it was adopted and the names of the meeting and case that adopted it (None when
    not recorded); None when the body has none."""
    found = newest_mandate(body=body.pk)
    if not found:
        return None
    row = found[0]
    return {"text": row.text, "adopted_on": row.adopted_on,
            "adopted_at": (meeting_label(row.adopted_at__body__name, row.adopted_at__starts_at)
                           if row.adopted_at is not None else None),
            "adopted_in": (case_label(row.adopted_in__number, row.adopted_in__year)
                           if row.adopted_in is not None else None)}
