"""Sign-in through OpenID Connect providers: allauth's `openid_connect` provider, stricter.

Providers come from settings.OIDC_PROVIDERS (README «Sign-in»), one entry each:

    {"id": "rana", "name": "Rana kommune", "client_id": "…", "secret": "…",
     "issuer": "https://login.microsoftonline.com/<tenant id>/v2.0", "trust_email": true}
    {"id": "idporten", "name": "ID-porten", "client_id": "…", "secret": "…",
     "issuer": "https://idporten.no", "acr_values": "idporten-loa-substantial",
     "accepted_acr": ["idporten-loa-substantial", "idporten-loa-high"]}

What this adds to allauth's provider:
- the authorization code flow always with PKCE;
- the ID token's signature is always checked against the provider's keys (allauth skips it
  when the token came straight from the token endpoint), its issuer must be the configured
  one exactly (one tenant, not «organizations»), and with `acr_values` its `acr` claim must be
  an accepted level;
- identity numbers (ID-porten's `pid`) are never stored: extra data keeps a keyed hash.
"""

import hashlib
import hmac

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.http import Http404

# Claims that identify a person nationally; never kept as they came.
IDENTITY_NUMBER_CLAIMS = ("pid",)


def apps_from_settings():
    """allauth apps (unsaved) for the providers in settings.OIDC_PROVIDERS."""
    apps = []
    for entry in settings.OIDC_PROVIDERS:
        issuer = entry["issuer"].rstrip("/")
        apps.append(SocialApp(
            provider=OpenIDConnectProvider.id, provider_id=entry["id"], name=entry["name"],
            client_id=entry["client_id"], secret=entry.get("secret", ""),
            settings={
                "server_url": entry.get("server_url", issuer),
                "issuer": issuer,
                "acr_values": entry.get("acr_values", ""),
                "accepted_acr": entry.get("accepted_acr")
                or entry.get("acr_values", "").split(),
                "verified_email": bool(entry.get("trust_email", False)),
                "email_authentication": True,
                "oauth_pkce_enabled": True,
                "scope": entry.get("scope", ["openid", "profile", "email"]),
                # For a provider whose discovery document needs correcting (allauth's option).
                "openid_configuration_overrides": entry.get("openid_configuration_overrides",
                                                            {}),
            },
        ))
    return apps


def identity_number_hash(value):
    """A keyed hash: tells whether two sign-ins came from the same person, reveals nobody."""
    return hmac.new(settings.SECRET_KEY.encode(), f"pid:{value}".encode(),
                    hashlib.sha256).hexdigest()


def without_identity_numbers(claims):
    cleaned = {key: value for key, value in claims.items() if key not in IDENTITY_NUMBER_CLAIMS}
    for key in IDENTITY_NUMBER_CLAIMS:
        if claims.get(key):
            cleaned[f"{key}_hmac"] = identity_number_hash(claims[key])
    return cleaned


class StrictOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        expected_issuer = app.settings["issuer"]
        if self.openid_config.get("issuer", "").rstrip("/") != expected_issuer:
            raise OAuth2Error("The provider's discovery document names another issuer.")
        claims = jwtkit.verify_and_decode(
            credential=id_token, keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"], audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk, verify_signature=True,
        )
        accepted = app.settings.get("accepted_acr") or []
        if accepted and claims.get("acr") not in accepted:
            raise OAuth2Error(f"Assurance level {claims.get('acr')!r} is not accepted.")
        return claims


class StrictOpenIDConnectProvider(OpenIDConnectProvider):
    oauth2_adapter_class = StrictOpenIDConnectAdapter

    def get_auth_params(self):
        params = dict(super().get_auth_params())
        if self.app.settings.get("acr_values"):
            params["acr_values"] = self.app.settings["acr_values"]
        return params

    def get_default_scope(self):
        return self.app.settings.get("scope") or super().get_default_scope()

    def extract_extra_data(self, data):
        return {part: without_identity_numbers(claims) if isinstance(claims, dict) else claims
                for part, claims in data.items()}


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(StrictOpenIDConnectAdapter(request, provider_id))(
            request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(
            StrictOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc
