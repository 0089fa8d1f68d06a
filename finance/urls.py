from django.urls import path

from .views import budgets, grants, invoices

app_name = "finance"
urlpatterns = [
    path("", budgets.budget_list, name="budgets"),
    path("budsjett/ny/", budgets.budget_edit, name="budget_create"),
    path("budsjett/<int:pk>/", budgets.budget_detail, name="budget"),
    path("budsjett/<int:pk>/endre/", budgets.budget_edit, name="budget_edit"),
    path("budsjett/<int:pk>/vedta/", budgets.budget_adopt, name="budget_adopt"),
    path("budsjett/<int:pk>/fakturer/", budgets.budget_issue, name="budget_issue"),
    path("budsjett/<int:pk>/fakturering/", budgets.issuing_status, name="issuing_status"),
    path("budsjett/<int:pk>/fordeling/", budgets.allocation, name="allocation"),
    path("budsjett/<int:pk>/fordeling.csv", budgets.allocation_csv_download,
         name="allocation_csv"),
    path("budsjett/<int:pk>/fordeling.xlsx", budgets.allocation_xlsx_download,
         name="allocation_xlsx"),
    path("fakturaer/", invoices.invoice_list, name="invoices"),
    path("fakturaer/<int:pk>/", invoices.invoice_detail, name="invoice"),
    path("fakturaer/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("fakturaer/<int:pk>/ehf.xml", invoices.invoice_ehf, name="invoice_ehf"),
    path("fakturaer/<int:pk>/betaling/", invoices.invoice_payment, name="invoice_payment"),
    path("fakturaer/<int:pk>/krediter/", invoices.invoice_credit, name="invoice_credit"),
    path("fakturaer/<int:year>.zip", invoices.year_documents, name="year_documents"),
    path("betalinger/import/", invoices.payment_import, name="payment_import"),
    path("kostnadsmodeller/", budgets.cost_model_list, name="cost_models"),
    path("kostnadsmodeller/ny/", budgets.cost_model_edit, name="cost_model_create"),
    path("kostnadsmodeller/<int:pk>/endre/", budgets.cost_model_edit, name="cost_model_edit"),
    path("innstillinger/", budgets.settings_edit, name="settings"),
    path("statstilskudd/", grants.grant_list, name="grants"),
    path("statstilskudd/ny/", grants.grant_edit, name="grant_create"),
    path("statstilskudd/<int:pk>/", grants.grant_detail, name="grant"),
    path("statstilskudd/<int:pk>/endre/", grants.grant_edit, name="grant_edit"),
    path("statstilskudd/<int:pk>/tilslutning/", grants.grant_backing, name="grant_backing"),
    path("statstilskudd/<int:pk>/tilsagn/", grants.grant_award, name="grant_award"),
]
