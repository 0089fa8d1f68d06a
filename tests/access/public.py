"""Screening pages (secretariat only) and the public record's PDFs (anyone)."""

from django.core.files.base import ContentFile

from common.models import StoredPdf
from meetings.models import Screening
from tests.meetings.factories import at
from tests.meetings.holding_factories import published

from .expect import PUBLIC, SECRETARIAT_ONLY, SECRETARIAT_POST_ONLY


def objects(cast):
    held = published(cast.users["secretariat"], at(2030, 7, 10), "Utvalg med offentlige saker")
    for kind, pk in [("meetings.public_minutes", held.minutes.pk),
                     ("meetings.public_case", held.case1.pk)]:
        stored, _created = StoredPdf.objects.get_or_create(kind=kind, object_id=pk)
        stored.state = StoredPdf.State.READY
        stored.file.save("test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"public_meeting": held.meeting, "public_case": held.case1}


def _pk(key):
    return lambda o: {"pk": o[key].pk}


EXPECTATIONS = {
    "meetings:case_screening": (_pk("case_a"), SECRETARIAT_ONLY),
    "meetings:case_screening_lift": (
        lambda o: {"pk": o["case_a"].pk, "part": Screening.Part.TITLE}, SECRETARIAT_POST_ONLY),
    "meetings:attachment_screening": (_pk("screened_attachment"), SECRETARIAT_POST_ONLY),
    "meetings:public_case_pdf": (_pk("public_case"), PUBLIC),
    "meetings:public_minutes_pdf": (_pk("public_meeting"), PUBLIC),
}

EXPECTATIONS["meetings:noark5_package"] = (None, SECRETARIAT_ONLY)
EXPECTATIONS["meetings:public_body"] = (lambda o: {"pk": o["public_meeting"].body_id}, PUBLIC)
EXPECTATIONS["meetings:public_feed"] = (None, PUBLIC)
EXPECTATIONS["meetings:public_body_feed"] = (lambda o: {"pk": o["public_meeting"].body_id},
                                             PUBLIC)
