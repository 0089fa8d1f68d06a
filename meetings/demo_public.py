"""Demo data for the public record: the September SSU case on the shared funds has a public
calculation and a screened application from a municipality (its title names a patient group
and its content health information), so the public pages, the API and the archive show both.
Safe to load twice."""

from django.core.files.uploadedfile import SimpleUploadedFile

from common.pdf import html_to_pdf
from members.models import User

from . import screening, services
from .models import Case, LegalBasis

CASE_TITLE = "Fordeling av samhandlingsmidler 2027"
PUBLIC_PAPER = ("Beregning av fordeling 2027", "beregning-fordeling-2027.pdf",
                "<h1>Beregning av fordeling 2027</h1><p>Grunnsum kr 50 000 per kommune; "
                "resten etter innbyggertall per 1. januar 2026.</p>")
SCREENED_PAPER = ("Søknad om tilleggsmidler for pasienter med alvorlig rusmiddelavhengighet",
                  "soknad-tilleggsmidler.pdf",
                  "<h1>Søknad om tilleggsmidler</h1><p>Opplysninger om enkeltpasienter.</p>",
                  "Søknad om tilleggsmidler")


def _pdf(title, html):
    return html_to_pdf(f'<html lang="nb"><head><title>{title}</title></head>'
                       f"<body>{html}</body></html>")


def load():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    case = Case.objects.filter(title=CASE_TITLE, body__short_name="SSU").first()
    if case is None or case.attachments.exists():
        return {}
    title, name, html = PUBLIC_PAPER
    services.add_attachment(case, upload=SimpleUploadedFile(name, _pdf(title, html)),
                            title=title, screened=False, legal_basis="", acting_user=staff)
    # Uploaded as public first and screened afterwards: the change log shows the screening.
    title, name, html, public_title = SCREENED_PAPER
    application = services.add_attachment(
        case, upload=SimpleUploadedFile(name, _pdf(title, html)), title=title,
        screened=False, legal_basis="", acting_user=staff)
    screening.screen_attachment(application, screened=True, legal_basis=LegalBasis.HEALTH,
                                public_title=public_title, acting_user=staff)
    return {"screened_case": case}
