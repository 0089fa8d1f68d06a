from common.documents import render_now
from finance.models import GrantApplication
from tests.finance import factories

from .expect import LOGIN, SECRETARIAT_ONLY, SECRETARIAT_POST_ONLY, expect

INVOICE_READERS = expect(LOGIN, 403, 403, 200, 200, 200)


def objects(cast):
    """A draft budget, and an invoiced one with an invoice to municipality x."""
    secretariat = cast.users["secretariat"]
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    factories.give_population(cast.municipality_x, 26200, year=2023)
    factories.give_population(cast.municipality_y, 13200, year=2023)
    factories.partnership(cast.municipality_y)
    invoiced, invoices = factories.issued_budget(secretariat)
    draft = factories.budget(year=2024)
    invoice_x = next(i for i in invoices if i.municipality == cast.municipality_x)
    render_now("finance.invoice", invoice_x.pk)  # its PDF and EHF document
    application = GrantApplication.objects.create(year=2023, applicant=cast.municipality_y)
    return {"budget": invoiced, "draft_budget": draft, "invoice_x": invoice_x,
            "cost_model": factories.split_model(50), "locked_cost_model": invoiced.cost_model,
            "grant": application}


def _budget(o):
    return {"pk": o["budget"].pk}


def _draft(o):
    return {"pk": o["draft_budget"].pk}


def _invoice_x(o):
    return {"pk": o["invoice_x"].pk}


EXPECTATIONS = {
    "finance:budgets": (None, SECRETARIAT_ONLY),
    "finance:budget_create": (None, SECRETARIAT_ONLY),
    "finance:budget": (_budget, SECRETARIAT_ONLY),
    "finance:budget_edit": (_draft, SECRETARIAT_ONLY),
    "finance:budget_adopt": (_draft, SECRETARIAT_POST_ONLY),
    "finance:budget_issue": (_budget, SECRETARIAT_POST_ONLY),
    "finance:issuing_status": (_budget, SECRETARIAT_ONLY),
    "finance:allocation": (_budget, SECRETARIAT_ONLY),
    "finance:allocation_csv": (_budget, SECRETARIAT_ONLY),
    "finance:allocation_xlsx": (_budget, SECRETARIAT_ONLY),
    "finance:invoices": (None, INVOICE_READERS),
    # Municipality y's finance officer is told nothing about x's invoice (404), nor its PDF.
    "finance:invoice": (_invoice_x, expect(LOGIN, 403, 403, 200, 404, 200)),
    "finance:invoice_pdf": (_invoice_x, expect(LOGIN, 403, 403, 200, 404, 200)),
    "finance:invoice_ehf": (_invoice_x, expect(LOGIN, 403, 403, 200, 404, 200)),
    "finance:year_documents": (lambda o: {"year": 2023}, SECRETARIAT_ONLY),
    "finance:invoice_payment": (_invoice_x, SECRETARIAT_POST_ONLY),
    "finance:invoice_credit": (_invoice_x, SECRETARIAT_POST_ONLY),
    "finance:payment_import": (None, SECRETARIAT_ONLY),
    "finance:cost_models": (None, SECRETARIAT_ONLY),
    "finance:cost_model_create": (None, SECRETARIAT_ONLY),
    "finance:cost_model_edit": (lambda o: {"pk": o["cost_model"].pk}, SECRETARIAT_ONLY),
    "finance:settings": (None, SECRETARIAT_ONLY),
    "finance:grants": (None, SECRETARIAT_ONLY),
    "finance:grant_create": (None, SECRETARIAT_ONLY),
    "finance:grant": (lambda o: {"pk": o["grant"].pk}, SECRETARIAT_ONLY),
    "finance:grant_edit": (lambda o: {"pk": o["grant"].pk}, SECRETARIAT_ONLY),
    "finance:grant_backing": (lambda o: {"pk": o["grant"].pk}, SECRETARIAT_POST_ONLY),
    "finance:grant_award": (lambda o: {"pk": o["grant"].pk}, SECRETARIAT_POST_ONLY),
}
