"""Each version of an agreement as a stored PDF (common.documents)."""

from common.documents import document

from .models import Version


@document("agreements.version")
def version_document(pk):
    version = Version.objects.select_related(
        "agreement", "adopted_at__body", "case").get(pk=pk)
    slug = "".join(c if c.isalnum() else "-" for c in version.agreement.number.lower())
    return "agreements/pdf/version.html", {
        "version": version, "agreement": version.agreement,
        "sections": list(version.sections.all()),
    }, f"{slug}-versjon-{version.number}.pdf"
