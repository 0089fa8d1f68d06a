"""R-FIN-7: the Peppol and Norwegian rules the product checks itself before issuing. Each
rule is tried with a document that breaks it, and the official checker
(../shared/standards/validate-ehf) must report the same rule for it: one checker run for all.
"""

import copy
import datetime

import pytest
from lxml import etree

from finance import ehf, ehf_rules
from finance.models import FinanceSettings
from finance.services import FinanceError, credit_and_reissue, issue_invoices
from members.models import Partnership
from tests.ehf_checker import run

NS = {"cbc": ehf.NS["cbc"], "cac": ehf.NS["cac"]}


def _first(tree, path):
    return tree.xpath(path, namespaces=NS)[0]


def _remove(path):
    def mutate(tree):
        element = _first(tree, path)
        element.getparent().remove(element)
    return mutate


def _set(path, value, attribute=None):
    def mutate(tree):
        element = _first(tree, path)
        if attribute:
            element.set(attribute, value)
        else:
            element.text = value
    return mutate


def _duplicate(path):
    def mutate(tree):
        element = _first(tree, path)
        element.addnext(copy.deepcopy(element))
    return mutate


SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"
# rule: (which document, how to break it)
BREAKS = {
    "PEPPOL-EN16931-R001": ("invoice", _remove("cbc:ProfileID")),
    "PEPPOL-EN16931-R007": ("invoice", _set("cbc:ProfileID",
                                            "urn:fdc:peppol.eu:2017:poacc:billing:1:1.0")),
    "PEPPOL-EN16931-R004": ("invoice", _set("cbc:CustomizationID", "urn:cen.eu:en16931:2017")),
    "PEPPOL-EN16931-R002": ("invoice", _duplicate("cbc:Note")),
    "PEPPOL-EN16931-R003": ("invoice", _remove("cbc:BuyerReference")),
    "PEPPOL-EN16931-R008": ("invoice", _set(f"{BUYER}/cac:PartyName/cbc:Name", "")),
    "PEPPOL-EN16931-R010": ("invoice", _remove(f"{BUYER}/cbc:EndpointID")),
    "PEPPOL-EN16931-R020": ("invoice", _remove(f"{SELLER}/cbc:EndpointID")),
    "PEPPOL-EN16931-R053": ("invoice", _duplicate("cac:TaxTotal")),
    "PEPPOL-EN16931-R051": ("invoice", _set("cac:InvoiceLine/cbc:LineExtensionAmount", "SEK",
                                            attribute="currencyID")),
    "PEPPOL-EN16931-R120": ("invoice", _set("cac:InvoiceLine/cac:Price/cbc:PriceAmount",
                                            "100.00")),
    "PEPPOL-EN16931-P0100": ("invoice", _set("cbc:InvoiceTypeCode", "999")),
    "PEPPOL-EN16931-P0101": ("credit_note", _set("cbc:CreditNoteTypeCode", "999")),
    "PEPPOL-EN16931-F001": ("invoice", _set("cbc:DueDate", "2023-2-15")),
    "PEPPOL-EN16931-CL001": ("with_pdf", _set(
        "cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject",
        "application/zip", attribute="mimeCode")),
    "PEPPOL-COMMON-R041": ("invoice", _set(f"{BUYER}/cbc:EndpointID", "123456789")),
    "NO-R-001": ("vat_registered", _set(f"{SELLER}/cac:PartyTaxScheme/cbc:CompanyID",
                                        "NO123456789MVA")),
}


@pytest.fixture
def documents(helgeland):
    secretariat = helgeland["secretariat"]
    invoices = issue_invoices(helgeland["budget"], acting_user=secretariat,
                              today=datetime.date(2023, 1, 16))
    credit, _new = credit_and_reissue(invoices[1], acting_user=secretariat,
                                      today=datetime.date(2023, 2, 1))
    invoice = invoices[0]
    lines = list(invoice.lines.all())
    registered = invoices[2]
    registered.seller_vat_number = f"NO{registered.seller_organisation_number}MVA"
    registered.vat_category = "E"
    return {
        "invoice": ehf.build(invoice, lines),
        "credit_note": ehf.build(credit, list(credit.lines.all()), credited=invoices[1]),
        "with_pdf": ehf.build(invoice, lines, pdf=b"%PDF-1.7\n%%EOF\n"),
        "vat_registered": ehf.build(registered, list(registered.lines.all())),
    }


def test_the_valid_documents_break_none_of_our_rules(documents):
    for data in documents.values():
        assert ehf_rules.peppol_problems(etree.fromstring(data)) == []


def test_our_rules_are_the_ones_broken_here():
    assert sorted(BREAKS) == sorted(ehf_rules.PEPPOL_RULES)


def test_r_fin_7_each_rule_we_check_fires_where_the_official_checker_fires(documents,
                                                                           tmp_path):
    paths = {}
    for rule, (source, mutate) in BREAKS.items():
        tree = etree.fromstring(documents[source])
        mutate(tree)
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        ours = {problem.rule for problem in ehf_rules.peppol_problems(etree.fromstring(data))}
        assert rule in ours, rule
        paths[rule] = tmp_path / f"{rule}.xml"
        paths[rule].write_bytes(data)
    report, code, output = run(paths.values())
    assert code == 1
    missed = {rule: report[str(path)][0] for rule, path in paths.items()
              if rule not in report[str(path)][0]}
    assert missed == {}, output


def test_r_fin_7_nine_zeros_are_no_organisation_number_here_nor_for_the_official_checker(
        documents, tmp_path):
    """python-stdnum's MOD11 lets 000000000 through; the Peppol rules' u:mod11 does not."""
    tree = etree.fromstring(documents["invoice"])
    _set(f"{BUYER}/cbc:EndpointID", "000000000")(tree)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    ours = {problem.rule for problem in ehf_rules.peppol_problems(etree.fromstring(data))}
    assert ours == {"PEPPOL-COMMON-R041"}
    path = tmp_path / "zeros.xml"
    path.write_bytes(data)
    report, _code, output = run([path])
    assert "PEPPOL-COMMON-R041" in report[str(path)][0], output


def test_r_fin_7_a_document_the_rules_refuse_is_never_issued_and_the_rule_is_named(helgeland):
    """An organisation number with a wrong check digit slipped past the form: the EHF check
    at issuing names the rule and its text, and nothing is issued."""
    Partnership.objects.filter(pk=1).update(organisation_number="123456789")
    with pytest.raises(FinanceError) as refused:
        issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    message = str(refused.value)
    assert "PEPPOL-COMMON-R041" in message
    assert "Norwegian organization number MUST be stated in the correct format." in message
    assert "ingenting ble utstedt" in message
    assert helgeland["budget"].invoices.count() == 0


def test_the_cen_rules_run_too(documents):
    tree = etree.fromstring(documents["invoice"])
    _set("cac:LegalMonetaryTotal/cbc:PayableAmount", "1.00")(tree)
    problems = ehf_rules.fatal(etree.tostring(tree))
    assert {p.rule for p in problems if p.layer == "EN16931"} >= {"BR-CO-16"}


def test_a_registered_issuer_with_outside_scope_vat_breaks_the_cen_rules(documents):
    """BR-O-02: category O may not carry the seller's VAT number; the settings therefore give
    a registered issuer category E."""
    tree = etree.fromstring(documents["vat_registered"])
    for path in ("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", "cac:InvoiceLine/cac:Item/"
                 "cac:ClassifiedTaxCategory"):
        for category in tree.xpath(path, namespaces=NS):
            category.find("cbc:ID", NS).text = "O"
            percent = category.find("cbc:Percent", NS)
            category.remove(percent)
    rules = {p.rule for p in ehf_rules.fatal(etree.tostring(tree))}
    assert "BR-O-02" in rules
    assert FinanceSettings(vat_registered=True).vat_category == "E"
