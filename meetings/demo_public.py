"""Demo data for the public record: a case on the December SSU agenda has a public status
report and a screened complaint (its title names a municipality and its content health
information), so the public pages, the API and the archive show both. Safe to load twice."""

from django.core.files.uploadedfile import SimpleUploadedFile

from common.pdf import html_to_pdf
from members.models import User

from . import screening, services
from .models import Case, LegalBasis

CASE_TITLE = "Samarbeid om jordmortjenester – status for delavtale 8"
PUBLIC_PAPER = ("Statusrapport følgetjenesten 2026", "statusrapport-folgetjenesten-2026.pdf",
                "<h1>Statusrapport følgetjenesten 2026</h1><p>Følgetjenesten er etablert i "
                "alle distriktskommunene.</p>")
SCREENED_PAPER = ("Klage fra fødende i Hemnes kommune med journalopplysninger",
                  "klage-fodende.pdf",
                  "<h1>Klage</h1><p>Opplysninger om en enkelt pasient.</p>",
                  "Klage fra fødende")


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
