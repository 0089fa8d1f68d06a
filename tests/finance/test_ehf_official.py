"""R-FIN-7: every kind of invoice and credit note the product issues, and every one of the
demo, is an EHF document that the official checker (../shared/standards/validate-ehf)
accepts with no fatal error. One checker run validates them all."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from lxml import etree
from pypdf import PdfReader

from common.documents import render_now
from common.models import StoredPdf
from finance import ehf
from finance.models import AgreedShare, CostModel, EhfDocument, FinanceSettings, Invoice
from finance.services import credit_and_reissue, issue_invoices
from members.models import Organisation
from tests.ehf_checker import run

from . import factories

NS = {"cbc": ehf.NS["cbc"], "cac": ehf.NS["cac"]}


def _documents(tmp_path, invoices):
    paths = []
    for invoice in invoices:
        path = tmp_path / f"{invoice.pk}-{invoice.ehf_filename}"
        path.write_bytes(ehf.build(invoice, list(invoice.lines.all()),
                                   credited=invoice.credited_invoice))
        paths.append(path)
    return paths


def _issue_variants(secretariat):
    """Invoices of each cost model, rounding unit, KID method and VAT treatment, and credit
    notes."""
    helgeland = issue_invoices(factories.adopted_budget(secretariat), acting_user=secretariat,
                               today=datetime.date(2023, 1, 16))
    credit, replacement = credit_and_reissue(helgeland[0], acting_user=secretariat,
                                             today=datetime.date(2023, 2, 1))
    for number, population in [(n, p) for n, _name, _q, p, _c in MEMBERS]:
        factories.give_population(Organisation.objects.get(number=number), population + 10,
                                  year=2023)
    FinanceSettings.objects.update_or_create(pk=1, defaults={
        "kid_method": "mod11", "kid_length": 8, "vat_registered": True,
        "vat_exemption_reason": "Fritatt etter merverdiavgiftsloven § 3-x"})
    per_inhabitant = CostModel.objects.create(name="KHS-26", kind="per_inhabitant",
                                              rate=Decimal("2.50"), rounding="0.01")
    fee = issue_invoices(factories.adopted_budget(secretariat, year=2024, model=per_inhabitant),
                         acting_user=secretariat, today=datetime.date(2024, 1, 15))
    FinanceSettings.objects.filter(pk=1).update(vat_registered=False)
    base = CostModel.objects.create(name="Nord-Trøndelag", kind="base_plus_rate",
                                    base_amount=Decimal("10000"), rate=Decimal("6"))
    Organisation.objects.filter(number="1833").update(invoice_reference="B100233",
                                                      invoice_reference_format="b6")
    for number in ("1833", "1824"):
        factories.give_population(Organisation.objects.get(number=number), 26000, year=2024)
    for municipality in Organisation.objects.members_during_year(2025):
        factories.give_population(municipality, 1500, year=2024)
    based = issue_invoices(factories.adopted_budget(secretariat, year=2025, model=base),
                           acting_user=secretariat, today=datetime.date(2025, 1, 15))
    council = Organisation.objects.get(name="Indre Helgeland regionråd")
    regional = CostModel.objects.create(name="Region 50/50", fixed_percent=Decimal("50"))
    AgreedShare.objects.create(cost_model=regional, municipality=Organisation.objects.get(
        number="1833"), percent=Decimal("50"))
    pooled = issue_invoices(factories.adopted_budget(secretariat, year=2025, model=regional,
                                                     pool=council, costs=180_001, grants=0),
                            acting_user=secretariat, today=datetime.date(2025, 1, 20))
    return [*helgeland, credit, replacement, *fee, *based, *pooled]


from members.demo import MUNICIPALITIES as MEMBERS  # noqa: E402


def test_r_fin_7_every_kind_of_invoice_and_credit_note_passes_the_official_checker(
        helgeland_members, tmp_path):
    invoices = _issue_variants(helgeland_members["secretariat"])
    kinds = {(i.kind, i.vat_category, i.budget.pool_id is not None) for i in invoices}
    assert kinds == {("invoice", "O", False), ("credit_note", "O", False),
                     ("invoice", "E", False), ("invoice", "O", True)}
    paths = _documents(tmp_path, invoices)
    report, code, output = run(paths)
    assert {path: fatal for path, (fatal, _lines) in report.items() if fatal} == {}, output
    assert code == 0
    assert len(report) == len(invoices) == 17 + 2 + 17 + 17 + 7


def test_r_fin_7_the_demos_documents_pass_the_official_checker(db, settings, tmp_path):
    """The demo's stored EHF documents, each with its PDF inside, as the product made them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo")
    for invoice in Invoice.objects.all():
        render_now("finance.invoice", invoice.pk)
    documents = list(EhfDocument.objects.select_related("invoice"))
    assert len(documents) == Invoice.objects.count() == 26
    assert all(document.state == "made" for document in documents)
    report, code, output = run([document.file.path for document in documents])
    assert {path: fatal for path, (fatal, _lines) in report.items() if fatal} == {}, output
    assert code == 0


def test_r_fin_7_credit_note_refers_to_the_invoice_it_credits(helgeland):
    secretariat = helgeland["secretariat"]
    invoices = issue_invoices(helgeland["budget"], acting_user=secretariat,
                              today=datetime.date(2023, 1, 16))
    credit, _replacement = credit_and_reissue(invoices[3], acting_user=secretariat,
                                              today=datetime.date(2023, 2, 1))
    tree = etree.fromstring(ehf.build(credit, list(credit.lines.all()),
                                      credited=credit.credited_invoice))
    assert etree.QName(tree).localname == "CreditNote"
    assert tree.xpath("cbc:CreditNoteTypeCode/text()", namespaces=NS) == ["381"]
    assert tree.xpath("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID/text()",
                      namespaces=NS) == [str(invoices[3].number)]
    assert tree.xpath("cac:LegalMonetaryTotal/cbc:PayableAmount/text()", namespaces=NS) == [
        f"{invoices[3].total:.2f}"]


def test_the_ehf_carries_the_buyer_reference_kid_account_and_vat_treatment(helgeland):
    Organisation.objects.filter(number="1833").update(invoice_reference="B100233",
                                                      invoice_reference_format="b6")
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"],
                              today=datetime.date(2023, 1, 16))
    rana = next(i for i in invoices if i.buyer_name == "Rana")
    tree = etree.fromstring(ehf.build(rana, list(rana.lines.all())))

    def values(path):
        return tree.xpath(path + "/text()", namespaces=NS)

    assert values("cbc:BuyerReference") == ["B100233"]  # R-FIN-8
    assert values("cac:PaymentMeans/cbc:PaymentMeansCode") == ["30"]
    assert values("cac:PaymentMeans/cbc:PaymentID") == [rana.kid]
    assert values("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID") == ["45000000039"]
    assert values("cbc:DueDate") == ["2023-02-15"]
    assert values("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID") == [
        rana.buyer_organisation_number]
    assert tree.xpath("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/@schemeID",
                      namespaces=NS) == ["0192"]
    assert values("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == ["O"]
    assert values("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason") == [
        FinanceSettings.current().vat_exemption_reason]
    assert values("cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID") == []
    assert [Decimal(v) for v in values("cac:InvoiceLine/cbc:LineExtensionAmount")] == [
        Decimal("8712"), Decimal("203852"), Decimal("1")]


def test_a_vat_registered_issuer_states_no_number_mva(helgeland):
    FinanceSettings.objects.create(pk=1, vat_registered=True)
    invoice = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])[0]
    tree = etree.fromstring(ehf.build(invoice, list(invoice.lines.all())))
    assert tree.xpath("cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"
                      "/text()", namespaces=NS) == [
        f"NO{invoice.seller_organisation_number}MVA"]
    assert invoice.vat_category == "E"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_r_fin_7_the_pdf_is_pdf_a_3_with_the_stored_ehf_attached(helgeland, media):
    invoice = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])[0]
    assert render_now("finance.invoice", invoice.pk) is True
    document = EhfDocument.objects.get(invoice=invoice)
    with document.file.open("rb") as handle:
        stored = handle.read()
    pdf = StoredPdf.objects.get(kind="finance.invoice", object_id=invoice.pk)
    with pdf.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert reader.attachments == {invoice.ehf_filename: [stored]}
    xmp = reader.trailer["/Root"]["/Metadata"].get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="A"' in xmp
    assert [spec.get_object()["/AFRelationship"] for spec in reader.trailer["/Root"]["/AF"]] == [
        "/Alternative"]
    root = etree.fromstring(stored)
    embedded = root.xpath("cac:AdditionalDocumentReference/cac:Attachment/"
                          "cbc:EmbeddedDocumentBinaryObject", namespaces=NS)
    assert [e.get("mimeCode") for e in embedded] == ["application/pdf"]
    # Made once: rendering the PDF again keeps the stored document byte for byte.
    StoredPdf.objects.filter(pk=pdf.pk).update(content_hash="")
    assert render_now("finance.invoice", invoice.pk) is True
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        assert handle.read() == stored
