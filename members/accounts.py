"""State changes on users (logins), each in one transaction, with history and an audit entry.

The secretariat invites people by e-mail (they choose their password through the link, or
sign in through their organisation), gives and takes roles, deactivates — which ends the
person's sessions at once: every request reads the user again and an inactive one is
signed out (members.backends) — and resets a colleague's lost second factor.
"""

import uuid

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from common import audit
from common.history import save_by
from common.links import absolute_url, site_url
from common.mail import Recipient, queue_mail

from .models import User

ACCESS_FIELDS = ("name", "role", "municipality", "person")


def invitation_url(user):
    """The link that lets an invited person choose their password (allauth's reset link)."""
    path = reverse("account_reset_password_from_key", kwargs={
        "uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
    return absolute_url(path)


@transaction.atomic
def invite_user(*, email, name, role, municipality=None, person=None, acting_user):
    """Create an account without a password and e-mail the person a link to choose one."""
    user = User(email=email.strip().lower(), name=name, role=role,
                municipality=municipality, person=person)
    user.set_unusable_password()
    save_by(user, acting_user)
    audit.record(audit.Action.USER_INVITED, actor=acting_user, obj=user, role=role)
    send_invitation(user, acting_user=acting_user)
    return user


@transaction.atomic
def resend_invitation(user, *, acting_user):
    """A new link (the old one may have run out); the person's password, if any, stays."""
    audit.record(audit.Action.USER_INVITED, actor=acting_user, obj=user, role=user.role,
                 again=True)
    send_invitation(user, acting_user=acting_user)


def send_invitation(user, *, acting_user):
    queue_mail(
        topic="account", purpose=f"account:invitation:{uuid.uuid4()}",
        recipients=[Recipient(user.email, user.name)], template="members/email/invitation",
        context={"user": user, "invited_by": acting_user, "url": invitation_url(user),
                 "login_url": site_url("account_login")},
    )


@transaction.atomic
def change_access(user, *, acting_user, **changes):
    """Change a user's name, role and what the role is tied to (municipality, person)."""
    before = {name: getattr(user, name) for name in ACCESS_FIELDS}
    for name, value in changes.items():
        if name not in ACCESS_FIELDS:
            raise TypeError(name)
        setattr(user, name, value)
    if user.role != User.Role.FINANCE_OFFICER:
        user.municipality = None
    changed = {name: [str(before[name] or ""), str(getattr(user, name) or "")]
               for name in ACCESS_FIELDS if before[name] != getattr(user, name)}
    if changed:
        save_by(user, acting_user)
        audit.record(audit.Action.USER_CHANGED, actor=acting_user, obj=user, changes=changed)
    return user


@transaction.atomic
def deactivate_user(user, *, acting_user):
    """From the next request on, the person is signed out everywhere and cannot sign in."""
    if user.pk == acting_user.pk:
        raise ValueError("cannot deactivate oneself")
    user.is_active = False
    save_by(user, acting_user)
    audit.record(audit.Action.USER_DEACTIVATED, actor=acting_user, obj=user)
    return user


@transaction.atomic
def reactivate_user(user, *, acting_user):
    user.is_active = True
    save_by(user, acting_user)
    audit.record(audit.Action.USER_REACTIVATED, actor=acting_user, obj=user)
    return user


@transaction.atomic
def reset_second_factor(user, *, acting_user):
    """A colleague lost their phone and their recovery codes: remove their second factor, so
    that they set up a new one at their next sign-in (which then is required again)."""
    if user.pk == acting_user.pk:
        raise ValueError("cannot reset one's own second factor")
    removed = Authenticator.objects.filter(user=user).delete()[0]
    # Whoever holds the lost phone may hold a signed-in browser too: it is signed out, and
    # only a new sign-in (password or provider) leads to setting up the new second factor.
    ended = end_sessions(user)
    audit.record(audit.Action.MFA_RESET, actor=acting_user, obj=user, removed=removed,
                 sessions_ended=ended)
    return removed


def end_sessions(user):
    """Delete the user's sessions (kept in the database); returns how many there were."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def enrol_totp(user, secret=None):
    """Give `user` an authenticator app secret and recovery codes, as enrolling does; for the
    demo and benchmark users, whose secret is printed or computed instead of scanned."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret
