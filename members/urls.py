from allauth.account import views as account
from allauth.mfa.base import views as mfa
from allauth.mfa.recovery_codes import views as recovery_codes
from allauth.mfa.totp import views as totp
from allauth.socialaccount import views as social
from django.urls import path, re_path

from . import oidc, views
from .adapters import counted

# allauth's views at our own addresses, under the names allauth links by. Only what is used
# here: no sign-up, no e-mail management, no login codes.
account_patterns = [
    path("konto/logg-inn/", counted(account.login), name="account_login"),
    path("konto/logg-ut/", account.logout, name="account_logout"),
    path("konto/inaktiv/", account.account_inactive, name="account_inactive"),
    path("konto/ny/", account.signup, name="account_signup"),  # closed: says so
    path("konto/bekreft/", account.reauthenticate, name="account_reauthenticate"),
    path("konto/passord/glemt/", counted(account.password_reset),
         name="account_reset_password"),
    path("konto/passord/glemt/sendt/", account.password_reset_done,
         name="account_reset_password_done"),
    re_path(r"^konto/passord/ny/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
            account.password_reset_from_key, name="account_reset_password_from_key"),
    path("konto/passord/ny/ferdig/", account.password_reset_from_key_done,
         name="account_reset_password_from_key_done"),
    path("konto/passord/endre/", account.password_change, name="account_change_password"),
    path("konto/passord/sett/", account.password_set, name="account_set_password"),
    path("konto/innlogging/", social.connections, name="socialaccount_connections"),
    path("konto/innlogging/avbrutt/", social.login_cancelled,
         name="socialaccount_login_cancelled"),
    path("konto/innlogging/feil/", social.login_error, name="socialaccount_login_error"),
    path("konto/innlogging/ny/", social.signup, name="socialaccount_signup"),  # closed
    path("konto/oidc/<str:provider_id>/", oidc.login, name="openid_connect_login"),
    path("konto/oidc/<str:provider_id>/tilbake/", oidc.callback,
         name="openid_connect_callback"),
    path("konto/totrinn/", mfa.index, name="mfa_index"),
    path("konto/totrinn/kode/", counted(mfa.authenticate), name="mfa_authenticate"),
    path("konto/totrinn/bekreft/", mfa.reauthenticate, name="mfa_reauthenticate"),
    path("konto/totrinn/app/", totp.activate_totp, name="mfa_activate_totp"),
    path("konto/totrinn/app/fjern/", totp.deactivate_totp, name="mfa_deactivate_totp"),
    path("konto/totrinn/reservekoder/", recovery_codes.view_recovery_codes,
         name="mfa_view_recovery_codes"),
    path("konto/totrinn/reservekoder/nye/", recovery_codes.generate_recovery_codes,
         name="mfa_generate_recovery_codes"),
    path("konto/totrinn/reservekoder/last-ned/", recovery_codes.download_recovery_codes,
         name="mfa_download_recovery_codes"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    *account_patterns,
]
