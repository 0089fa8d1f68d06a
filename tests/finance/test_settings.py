"""Cost models and invoice settings, as the secretariat edits them."""

from decimal import Decimal

from django.urls import reverse

from common.models import AuditEvent
from finance.models import CostModel, FinanceSettings

from . import factories

NO_AGREED_SHARES = {"agreed-TOTAL_FORMS": "0", "agreed-INITIAL_FORMS": "0",
                    "agreed-MIN_NUM_FORMS": "0", "agreed-MAX_NUM_FORMS": "1000"}
VAT = {"vat_exemption_reason": "Utenfor mva-loven"}


def test_cost_model_form_saves_a_fee_per_inhabitant(secretariat_client):
    response = secretariat_client.post(reverse("finance:cost_model_create"), {
        "name": "KHS-26 2018", "kind": "per_inhabitant", "fixed_percent": "0",
        "base_amount": "0", "rate": "2.50", "rounding": "1", **NO_AGREED_SHARES})
    assert response.status_code == 302
    model = CostModel.objects.get()
    assert (model.kind, model.rate, model.describe()) == (
        "per_inhabitant", Decimal("2.5"), "kr\xa02,50 per innbygger")


def test_cost_model_form_asks_for_the_missing_rate_next_to_the_field(secretariat_client):
    response = secretariat_client.post(reverse("finance:cost_model_create"), {
        "name": "Nord-Trøndelag", "kind": "base_plus_rate", "fixed_percent": "0",
        "base_amount": "10000", "rate": "0", "rounding": "1", **NO_AGREED_SHARES})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "rate": ["Denne modellen trenger en sats per innbygger."]}
    assert CostModel.objects.count() == 0


def test_r_rec_3_cost_model_of_an_adopted_budget_opens_read_only_and_refuses_changes(
        cast, secretariat_client):
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    budget = factories.adopted_budget(cast.users["secretariat"])
    url = reverse("finance:cost_model_edit", args=[budget.cost_model.pk])
    page = secretariat_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "kostnadsmodellen er låst" in html.lower()
    assert 'name="fixed_percent"' not in html
    assert budget.get_absolute_url() in html
    refused = secretariat_client.post(url, {"name": "x", "kind": "split", "fixed_percent": "50",
                                            "base_amount": "0", "rate": "0", "rounding": "1",
                                            **NO_AGREED_SHARES})
    assert refused.status_code == 403
    assert [str(m) for m in refused.context["messages"]] == [
        "Kostnadsmodellen er låst: et vedtatt budsjett bruker den. Lag en ny modell for "
        "endringer."]
    assert CostModel.objects.get().fixed_percent == Decimal("20")
    entry = AuditEvent.objects.get(action="access_refused")
    assert (entry.actor, entry.details["change"]) == (cast.users["secretariat"],
                                                      "save_cost_model")
    assert entry.object_description == f"kostnadsmodell {budget.cost_model.pk}: {budget.cost_model}"
    html = secretariat_client.get(reverse("finance:cost_models")).content.decode()
    assert "Låst" in html


def test_invoice_settings_refuse_a_kid_too_short(secretariat_client):
    response = secretariat_client.post(reverse("finance:settings"), {
        "payment_days": "30", "kid_method": "mod11", "kid_length": "2", **VAT})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["kid_length"]
    assert not FinanceSettings.objects.exists()
    secretariat_client.post(reverse("finance:settings"), {
        "payment_days": "14", "kid_method": "mod11", "kid_length": "12", **VAT})
    saved = FinanceSettings.current()
    assert (saved.payment_days, saved.kid_method, saved.kid_length) == (14, "mod11", 12)
