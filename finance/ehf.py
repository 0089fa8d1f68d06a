"""An invoice or credit note as an EHF document: Peppol BIS Billing 3.0, UBL 2.1 (R-FIN-7).

build() writes the XML from what the invoice froze when it was issued, so that the document
says what the invoice says, forever. The calculation becomes the invoice lines; a credit note
refers to the invoice it credits (BillingReference) and carries its lines with positive
amounts, as a credit note does. The invoice's PDF, when given, travels inside the document as
an additional document (base64), which is how EHF carries a printable copy.
"""

import base64
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CUSTOMIZATION_ID = ("urn:cen.eu:en16931:2017#compliant#"
                    "urn:fdc:peppol.eu:2017:poacc:billing:3.0")
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
INVOICE_TYPE = "380"  # commercial invoice (UNCL 1001)
CREDIT_NOTE_TYPE = "381"
ORGANISATION_SCHEME = "0192"  # Norwegian organisation number (ICD)
CREDIT_TRANSFER = "30"  # UNCL 4461
CURRENCY = "NOK"
UNIT = "C62"  # «one» (UN/ECE Recommendation 20)


def _amount(value):
    return f"{Decimal(value):.2f}"


class _Writer:
    """Appends UBL elements in schema order to a parent: cbc for values, cac for groups."""

    def __init__(self, root_name):
        self.root = etree.Element(etree.QName(NS[root_name], root_name),
                                  nsmap={None: NS[root_name], "cac": NS["cac"],
                                         "cbc": NS["cbc"]})

    @staticmethod
    def value(parent, name, text, **attributes):
        element = etree.SubElement(parent, etree.QName(NS["cbc"], name), attributes)
        element.text = str(text)
        return element

    @staticmethod
    def group(parent, name):
        return etree.SubElement(parent, etree.QName(NS["cac"], name))

    def money(self, parent, name, value):
        return self.value(parent, name, _amount(value), currencyID=CURRENCY)


def _party(w, parent, *, name, organisation_number, street, postcode, city, vat_number=""):
    party = w.group(parent, "Party")
    w.value(party, "EndpointID", organisation_number, schemeID=ORGANISATION_SCHEME)
    w.value(w.group(party, "PartyName"), "Name", name)
    address = w.group(party, "PostalAddress")
    if street:
        w.value(address, "StreetName", street)
    if city:
        w.value(address, "CityName", city)
    if postcode:
        w.value(address, "PostalZone", postcode)
    w.value(w.group(address, "Country"), "IdentificationCode", "NO")
    if vat_number:
        scheme = w.group(party, "PartyTaxScheme")
        w.value(scheme, "CompanyID", vat_number)
        w.value(w.group(scheme, "TaxScheme"), "ID", "VAT")
    legal = w.group(party, "PartyLegalEntity")
    w.value(legal, "RegistrationName", name)
    w.value(legal, "CompanyID", organisation_number, schemeID=ORGANISATION_SCHEME)


def _tax_category(w, parent, name, invoice, *, with_reason):
    category = w.group(parent, name)
    w.value(category, "ID", invoice.vat_category)
    if invoice.vat_category != "O":
        w.value(category, "Percent", "0")  # exempt (E) states a rate of 0 (BR-E-05)
    if with_reason:
        w.value(category, "TaxExemptionReason", invoice.vat_exemption_reason)
    w.value(w.group(category, "TaxScheme"), "ID", "VAT")


def line_description(invoice, line):
    """The line's text as on the printed invoice."""
    from django.template.loader import render_to_string

    return " ".join(render_to_string("finance/_line_text.html",
                                     {"invoice": invoice, "line": line}).split())


def build(invoice, lines, *, credited=None, pdf=None):
    """The EHF document of an issued invoice or credit note, as UTF-8 bytes.

    `lines` are the invoice's lines; `credited` is the invoice a credit note credits; `pdf`
    the bytes of the printed invoice, embedded when given.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _build(invoice, lines, credited, pdf)


def _build(invoice, lines, credited, pdf):
    credit = invoice.is_credit_note
    root_name = "CreditNote" if credit else "Invoice"
    w = _Writer(root_name)
    root = w.root
    sign = Decimal(-1) if credit else Decimal(1)  # a credit note states its amounts positive
    total = invoice.total * sign
    w.value(root, "CustomizationID", CUSTOMIZATION_ID)
    w.value(root, "ProfileID", PROFILE_ID)
    w.value(root, "ID", invoice.number)
    w.value(root, "IssueDate", invoice.issued_on.isoformat())
    if credit:
        w.value(root, "CreditNoteTypeCode", CREDIT_NOTE_TYPE)
    else:
        w.value(root, "DueDate", invoice.due_on.isoformat())
        w.value(root, "InvoiceTypeCode", INVOICE_TYPE)
    note = _("Contribution to the shared secretariat %(year)s, %(pool)s") % {
        "year": invoice.year, "pool": invoice.pool_name or invoice.seller_name}
    w.value(root, "Note", note)
    w.value(root, "DocumentCurrencyCode", CURRENCY)
    w.value(root, "BuyerReference", invoice.buyer_reference)
    if credited is not None:
        reference = w.group(w.group(root, "BillingReference"), "InvoiceDocumentReference")
        w.value(reference, "ID", credited.number)
        w.value(reference, "IssueDate", credited.issued_on.isoformat())
    if pdf:
        document = w.group(root, "AdditionalDocumentReference")
        w.value(document, "ID", invoice.file_stem)
        w.value(document, "DocumentDescription", _("The invoice as PDF"))
        w.value(w.group(document, "Attachment"), "EmbeddedDocumentBinaryObject",
                base64.b64encode(pdf).decode("ascii"), mimeCode="application/pdf",
                filename=invoice.pdf_filename)
    _party(w, w.group(root, "AccountingSupplierParty"), name=invoice.seller_name,
           organisation_number=invoice.seller_organisation_number, street=invoice.seller_street,
           postcode=invoice.seller_postcode, city=invoice.seller_city,
           vat_number=invoice.seller_vat_number)
    _party(w, w.group(root, "AccountingCustomerParty"), name=invoice.buyer_name,
           organisation_number=invoice.buyer_organisation_number, street=invoice.buyer_street,
           postcode=invoice.buyer_postcode, city=invoice.buyer_city)
    if not credit:
        means = w.group(root, "PaymentMeans")
        w.value(means, "PaymentMeansCode", CREDIT_TRANSFER)
        w.value(means, "PaymentID", invoice.kid)
        w.value(w.group(means, "PayeeFinancialAccount"), "ID", invoice.bank_account)
        w.value(w.group(root, "PaymentTerms"), "Note",
                _("Pay by %(date)s to account %(account)s with KID %(kid)s.") % {
                    "date": invoice.due_on.strftime("%d.%m.%Y"),
                    "account": invoice.bank_account, "kid": invoice.kid})
    tax_total = w.group(root, "TaxTotal")
    w.money(tax_total, "TaxAmount", 0)
    subtotal = w.group(tax_total, "TaxSubtotal")
    w.money(subtotal, "TaxableAmount", total)
    w.money(subtotal, "TaxAmount", 0)
    _tax_category(w, subtotal, "TaxCategory", invoice, with_reason=True)
    totals = w.group(root, "LegalMonetaryTotal")
    for name in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount",
                 "PayableAmount"):
        w.money(totals, name, total)
    for line in lines:
        amount = line.amount * sign
        row = w.group(root, "CreditNoteLine" if credit else "InvoiceLine")
        w.value(row, "ID", line.position)
        # Quantity ±1 at the line's amount: a negative rounding line keeps a price that is
        # not negative (BR-27), and quantity × price is the line amount exactly.
        w.value(row, "CreditedQuantity" if credit else "InvoicedQuantity",
                "-1" if amount < 0 else "1", unitCode=UNIT)
        w.money(row, "LineExtensionAmount", amount)
        item = w.group(row, "Item")
        w.value(item, "Description", line_description(invoice, line))
        w.value(item, "Name", line.get_kind_display()[:100])
        _tax_category(w, item, "ClassifiedTaxCategory", invoice, with_reason=False)
        w.money(w.group(row, "Price"), "PriceAmount", abs(amount))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
