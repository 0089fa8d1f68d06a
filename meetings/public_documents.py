"""The public versions of the case papers and the minutes as stored PDFs: each case as the
public may see it (R-PUB-1), made when the papers or the screening change and when the
minutes are published."""

from django.utils import timezone

from common.documents import document

from . import screening, snapshot
from .documents import case_filename
from .models import Case, Minutes


@document("meetings.public_case")
def public_case_papers(pk):
    case = screening.with_screening(Case.objects.select_related("body", "meeting")).get(pk=pk)
    public = screening.public_case(case)
    return "meetings/pdf/public_case.html", {"case": public}, case_filename(case)


@document("meetings.public_minutes")
def public_minutes(pk):
    minutes = Minutes.objects.select_related("meeting__body").get(pk=pk)
    meeting = minutes.meeting
    reading = snapshot.readable(minutes.content, public=True)
    local = timezone.localtime(reading.starts_at)
    return "meetings/pdf/minutes.html", {"minutes": minutes, "content": reading}, (
        f"protokoll-{meeting.body.short_name or meeting.body.pk}-{local:%Y-%m-%d}"
        f"-v{minutes.version}.pdf")
