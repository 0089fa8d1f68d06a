import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements import services
from common.models import StoredPdf
from tests.agreements.factories import adopt, make_agreement, partnership_body, pm_meeting
from tests.meetings.factories import PDF_BYTES

from .expect import LOGIN, PUBLIC, SECRETARIAT_ONLY, SECRETARIAT_POST_ONLY, expect

# Shown to the secretariat only; anyone else need not know it exists.
SECRETARIAT_SEES = expect(404, 404, 404, 404, 404, 200)


def objects(cast):
    staff = cast.users["secretariat"]
    body = partnership_body()
    in_force = make_agreement("SA")
    version = adopt(in_force, [("1", "Formål", "<p>Samarbeid.</p>")], pm_meeting(body, 2020),
                    staff, in_force_from=datetime.date(2021, 1, 1))
    stored, _created = StoredPdf.objects.get_or_create(kind="agreements.version",
                                                       object_id=version.pk)
    stored.state = StoredPdf.State.READY
    stored.file.save("test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    consent_needed = make_agreement("Delavtale 1", needs_all_parties_consent=True)
    consent_needed.parties.set([cast.municipality_x, cast.municipality_y])
    adopt(consent_needed, [("1", "Formål", "<p>Først.</p>")], pm_meeting(body, 2020), staff,
          in_force_from=datetime.date(2021, 1, 1))
    awaiting = adopt(consent_needed, [("1", "Formål", "<p>Siden.</p>")],
                     pm_meeting(body, 2021), staff, in_force_from=datetime.date(2022, 1, 1))
    proposal = services.create_proposal(in_force, title="Endring", acting_user=staff)
    services.save_proposed_section(proposal, number="2", heading="Oppgaver",
                                   text="<p>Nye oppgaver.</p>", remove=False, acting_user=staff)
    withdrawal = services.record_withdrawal(
        cast.municipality_y, notice_on=datetime.date(2026, 3, 15), reference="Sak 1/2026",
        document=SimpleUploadedFile("varsel.pdf", PDF_BYTES), acting_user=staff)
    return {"agreement": in_force, "version": version, "awaiting": awaiting,
            "proposal": proposal, "withdrawal": withdrawal,
            "partnership_meeting": pm_meeting(body, 2030)}


def _pk(key):
    return lambda o: {"pk": o[key].pk}


EXPECTATIONS = {
    "agreements:agreements": (None, PUBLIC),
    "agreements:agreement_create": (None, SECRETARIAT_ONLY),
    "agreements:coverage": (None, PUBLIC),
    "agreements:revisions": (None, SECRETARIAT_ONLY),
    "agreements:withdrawals": (None, SECRETARIAT_ONLY),
    "agreements:withdrawal_create": (None, SECRETARIAT_ONLY),
    "agreements:withdrawal_document": (_pk("withdrawal"), SECRETARIAT_ONLY),
    # An agreement that has been in force is a public document.
    "agreements:agreement": (_pk("agreement"), PUBLIC),
    "agreements:agreement_edit": (_pk("agreement"), SECRETARIAT_ONLY),
    "agreements:as_on": (_pk("agreement"), PUBLIC),
    "agreements:compare": (_pk("agreement"), PUBLIC),
    "agreements:history": (_pk("agreement"), PUBLIC),
    "agreements:proposal_create": (_pk("agreement"), SECRETARIAT_ONLY),
    "agreements:revision_plan": (_pk("agreement"), SECRETARIAT_ONLY),
    "agreements:version_pdf": (_pk("version"), PUBLIC),
    # A version awaiting ratification (R-AG-3) is not yet public.
    "agreements:version": (_pk("awaiting"), SECRETARIAT_SEES),
    "agreements:consent_add": (_pk("awaiting"), SECRETARIAT_ONLY),
    "agreements:proposal": (_pk("proposal"), SECRETARIAT_ONLY),
    "agreements:proposal_section": (_pk("proposal"), SECRETARIAT_ONLY),
    "agreements:proposal_meeting": (_pk("proposal"), SECRETARIAT_ONLY),
    "agreements:proposal_adopt": (_pk("proposal"), SECRETARIAT_ONLY),
    "agreements:proposal_first_reading": (_pk("proposal"), SECRETARIAT_POST_ONLY),
    "agreements:proposal_withdraw": (_pk("proposal"), SECRETARIAT_POST_ONLY),
}

__all__ = ["EXPECTATIONS", "LOGIN", "objects"]
