from django.urls import path

from . import views

app_name = "common"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("revisjonslogg/", views.audit_log, name="audit_log"),
    path("pdf-status/<str:token>/", views.pdf_status, name="pdf_status"),
]
