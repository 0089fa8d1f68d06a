"""Journey of the public record: the secretariat screens a case's title and an attachment
with their legal basis and publishes the minutes; a paper with a national identity number is
refused; an anonymous visitor finds the body page, the minutes PDF and the public papers, but
not the screened words (R-PUB-1, R-PUB-2)."""

import datetime

from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from common.pdf import html_to_pdf
from meetings import minutes as minutes_service
from meetings.models import Case, Meeting, Minutes

FSU_TITLE = "Status for utskrivningsklare pasienter siste kvartal"
FSU_PUBLIC_TITLE = "Status for siste kvartal"
SCREENED_FILE = "Statusrapport følgetjenesten 2026"


def test_the_secretariat_screens_and_publishes_and_the_public_sees_only_what_is_public(
        journey):
    fsu_case = Case.objects.get(title=FSU_TITLE)
    ssu_case = Case.objects.get(title="Samarbeid om jordmortjenester – status for delavtale 8")
    december = Meeting.objects.get(body__short_name="SSU", status=Meeting.Status.NOTICE_SENT)
    page = journey.login("sekretariat@helgeland.example")

    # The title of the FSU case names a patient group: screened with its legal basis.
    journey.open(fsu_case.get_absolute_url())
    journey.follow(page.get_by_role("link", name="Skjerming"))
    page.get_by_label("Del").select_option("title")
    page.get_by_label("Hjemmel").first.select_option("Offl. § 13 jf. fvl. § 13 første ledd nr. 1")
    page.get_by_label("Offentlig tittel").first.fill(FSU_PUBLIC_TITLE)
    journey.follow(page.get_by_role("button", name="Skjerm", exact=True), "title-screened")
    expect(page.get_by_text("Skjermingen er lagret.")).to_be_visible()

    # An attachment of a case on the December SSU agenda is screened too.
    journey.open(ssu_case.get_absolute_url())
    journey.follow(page.get_by_role("link", name="Skjerming"))
    section = page.get_by_role("region", name=SCREENED_FILE)
    section.get_by_label("Skjermet (unntatt offentlighet)").check()
    section.get_by_label("Hjemmel").select_option("Offl. § 23 første ledd")
    section.get_by_label("Offentlig tittel").fill("Statusrapport")
    journey.follow(section.get_by_role("button"), "attachment-screened")
    expect(page.get_by_text("Skjermingen er lagret.")).to_be_visible()

    # The FSU minutes are deemed approved when nobody objected in time; then published.
    minutes_service.deem_approved(now=timezone.now() + datetime.timedelta(days=10))
    assert Minutes.objects.get(meeting=fsu_case.meeting).state == Minutes.State.APPROVED
    journey.open(f"/moter/mote/{fsu_case.meeting_id}/protokoll/")
    journey.follow(page.get_by_role("button", name="Publiser"), "published")
    assert Minutes.objects.get(meeting=fsu_case.meeting).published_at is not None

    # A paper with a national identity number is refused on a public agenda (R-PUB-2).
    paper = Case.objects.filter(meeting=december, number__isnull=False).order_by(
        "position").last()
    journey.open(f"/moter/sak/{paper.pk}/vedlegg/nytt/")
    page.get_by_label("Tittel", exact=True).fill("Pasientliste")
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "pasientliste.pdf", "mimeType": "application/pdf",
        "buffer": html_to_pdf('<html lang="nb"><body><p>Kari 15076500565</p></body></html>')}])
    journey.follow(page.get_by_role("button", name="Lagre"), "identity-number-refused")
    expect(page.get_by_role("alert").get_by_text("Ikke publisert: det er funnet et fødselsnummer")
           ).to_be_visible()
    assert not paper.attachments.filter(title="Pasientliste").exists()
    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")

    # An anonymous visitor: the body page, the meeting, the minutes PDF and the papers.
    journey.open("/moter/offentlig/")
    journey.follow(page.get_by_role("link", name="FSU Utskrivningsklare pasienter", exact=True),
                   "body")
    expect(page.get_by_role("heading", name="Medlemmer")).to_be_visible()
    with translation.override("nb"):
        held_on = formats.date_format(timezone.localtime(fsu_case.meeting.starts_at), "j. F Y")
    journey.follow(page.get_by_role("link", name=held_on).first, "meeting")
    content = page.content()
    assert FSU_TITLE not in content and FSU_PUBLIC_TITLE in content
    minutes_pdf = journey.download(page.get_by_role("link", name="Protokoll (PDF)"))
    assert minutes_pdf.body()[:4] == b"%PDF"
    papers = journey.download(page.get_by_role("link", name="Saksframlegg (PDF)").first)
    assert papers.body()[:4] == b"%PDF"
    journey.open(f"/moter/offentlig/mote/{ssu_case.meeting_id}/")
    assert SCREENED_FILE not in page.content()
    expect(page.get_by_text("Statusrapport (unntatt offentlighet, Offl. § 23 første ledd)")
           ).to_be_visible()
    expect(page.get_by_text("Samarbeid om jordmortjenester").first).to_be_visible()
