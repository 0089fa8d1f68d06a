from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.budget_list, name="budgets"),
    path("budsjett/ny/", views.budget_edit, name="budget_create"),
    path("budsjett/<int:pk>/", views.budget_detail, name="budget"),
    path("budsjett/<int:pk>/endre/", views.budget_edit, name="budget_edit"),
    path("budsjett/<int:pk>/vedta/", views.budget_adopt, name="budget_adopt"),
    path("budsjett/<int:pk>/fakturer/", views.budget_issue, name="budget_issue"),
    path("budsjett/<int:pk>/fordeling/", views.allocation, name="allocation"),
    path("budsjett/<int:pk>/fordeling.csv", views.allocation_csv_download,
         name="allocation_csv"),
    path("budsjett/<int:pk>/fordeling.xlsx", views.allocation_xlsx_download,
         name="allocation_xlsx"),
    path("fakturaer/", views.invoice_list, name="invoices"),
    path("fakturaer/<int:pk>/", views.invoice_detail, name="invoice"),
    path("fakturaer/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("fakturaer/<int:pk>/betaling/", views.invoice_payment, name="invoice_payment"),
    path("fakturaer/<int:pk>/krediter/", views.invoice_credit, name="invoice_credit"),
    path("betalinger/import/", views.payment_import, name="payment_import"),
    path("kostnadsmodeller/", views.cost_model_list, name="cost_models"),
    path("kostnadsmodeller/ny/", views.cost_model_edit, name="cost_model_create"),
    path("kostnadsmodeller/<int:pk>/endre/", views.cost_model_edit, name="cost_model_edit"),
    path("innstillinger/", views.settings_edit, name="settings"),
]
