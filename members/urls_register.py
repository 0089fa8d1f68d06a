from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation_list, name="organisations"),
    path("ny/", views.organisation_edit, name="organisation_create"),
    path("<int:pk>/", views.organisation_detail, name="organisation"),
    path("<int:pk>/endre/", views.organisation_edit, name="organisation_edit"),
    path("personer/", views.person_list, name="people"),
    path("personer/ny/", views.person_edit, name="person_create"),
    path("personer/<int:pk>/", views.person_detail, name="person"),
    path("personer/<int:pk>/endre/", views.person_edit, name="person_edit"),
    path("partnerskap/", views.partnership_edit, name="partnership_edit"),
    path("folketall/", views.population_list, name="population"),
    path("folketall/import/", views.population_import, name="population_import"),
    path("folketall/import/bekreft/", views.population_import_confirm,
         name="population_import_confirm"),
    path("historikk/", views.history_recent, name="history"),
    path("historikk/<str:app_label>/<str:model_name>/<int:pk>/", views.history_object,
         name="history_object"),
]
