from django.urls import path

from . import views

app_name = "benchmark"
urlpatterns = [path("referanse/", views.reference_page, name="reference")]
