"""Second-factor and provider events from allauth into the audit log (common.audit); allauth
announces them only through its signals."""

from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from allauth.socialaccount import signals as social_signals
from django.dispatch import receiver

from common import audit


def _describe(authenticator):
    return f"{authenticator.get_type_display()} ({authenticator.user.email})"


@receiver(mfa_signals.authenticator_added, dispatch_uid="audit_mfa_added")
def authenticator_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        audit.record(audit.Action.MFA_ENROLLED, request=request, obj=_describe(authenticator))


@receiver(mfa_signals.authenticator_removed, dispatch_uid="audit_mfa_removed")
def authenticator_removed(sender, request, user, authenticator, **kwargs):
    audit.record(audit.Action.MFA_REMOVED, request=request, obj=_describe(authenticator))


@receiver(mfa_signals.authenticator_reset, dispatch_uid="audit_mfa_reset")
def authenticator_reset(sender, request, user, authenticator, **kwargs):
    audit.record(audit.Action.MFA_CODES_RENEWED, request=request, obj=_describe(authenticator))


@receiver(mfa_signals.authenticator_used, dispatch_uid="audit_mfa_used")
def authenticator_used(sender, request, user, authenticator, **kwargs):
    audit.record(audit.Action.MFA_USED, actor=user, request=request,
                 obj=_describe(authenticator),
                 reauthenticated=bool(kwargs.get("reauthenticated")))


@receiver(mfa_signals.authentication_failed, dispatch_uid="audit_mfa_failed")
def authentication_failed(sender, request, user, authenticator, **kwargs):
    audit.record(audit.Action.MFA_FAILED, actor=user, request=request,
                 obj=_describe(authenticator))


@receiver(social_signals.social_account_added, dispatch_uid="audit_provider_linked")
def provider_linked(sender, request, sociallogin, **kwargs):
    account = sociallogin.account
    audit.record(audit.Action.PROVIDER_LINKED, actor=sociallogin.user, request=request,
                 obj=f"{account.provider} ({sociallogin.user.email})")


@receiver(social_signals.social_account_removed, dispatch_uid="audit_provider_unlinked")
def provider_unlinked(sender, request, socialaccount, **kwargs):
    audit.record(audit.Action.PROVIDER_UNLINKED, request=request,
                 obj=f"{socialaccount.provider} ({socialaccount.user.email})")
