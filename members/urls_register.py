from django.urls import path

from . import views, views_users

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
    path("folketall/registrer/", views.population_edit, name="population_edit"),
    path("folketall/import/", views.population_import, name="population_import"),
    path("folketall/import/bekreft/", views.population_import_confirm,
         name="population_import_confirm"),
    path("brukere/", views_users.user_list, name="users"),
    path("brukere/inviter/", views_users.user_invite, name="user_invite"),
    path("brukere/<int:pk>/", views_users.user_detail, name="user"),
    path("brukere/<int:pk>/deaktiver/", views_users.user_deactivate, name="user_deactivate"),
    path("brukere/<int:pk>/aktiver/", views_users.user_reactivate, name="user_reactivate"),
    path("brukere/<int:pk>/totrinn/nullstill/", views_users.user_reset_second_factor,
         name="user_reset_second_factor"),
    path("brukere/<int:pk>/inviter-igjen/", views_users.user_resend_invitation,
         name="user_resend_invitation"),
    path("historikk/", views.history_recent, name="history"),
    path("historikk/<str:app_label>/<str:model_name>/<int:pk>/", views.history_object,
         name="history_object"),
]
