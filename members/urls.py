from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

account_patterns = [
    path("konto/logg-inn/", views.LoginView.as_view(), name="login"),
    path("konto/logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/passord/glemt/", auth_views.PasswordResetView.as_view(
        success_url=reverse_lazy("password_reset_done")), name="password_reset"),
    path("konto/passord/glemt/sendt/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("konto/passord/ny/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        success_url=reverse_lazy("password_reset_complete")), name="password_reset_confirm"),
    path("konto/passord/ny/ferdig/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("konto/passord/endre/", auth_views.PasswordChangeView.as_view(
        success_url=reverse_lazy("password_change_done")), name="password_change"),
    path("konto/passord/endret/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    *account_patterns,
]
