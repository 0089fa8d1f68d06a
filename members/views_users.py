"""The secretariat's pages for users: invite, change access, deactivate, reset a lost second
factor. Every change goes through members.accounts (history and audit log)."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import secretariat_required

from . import accounts
from .access import get_user_for
from .forms import UserAccessForm, UserInviteForm
from .models import User


@secretariat_required
def user_list(request):
    users = User.objects.select_related("municipality", "person").annotate(
        has_second_factor=Exists(Authenticator.objects.filter(
            user=OuterRef("pk"), type=Authenticator.Type.TOTP)),
    ).prefetch_related("socialaccount_set").order_by("-is_active", "name")
    return render(request, "members/user_list.html", {"users": users})


@secretariat_required
def user_invite(request):
    form = UserInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accounts.invite_user(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was invited by e-mail to %(email)s.") % {
            "name": user.name, "email": user.email})
        return redirect("members:user", pk=user.pk)
    return render(request, "members/user_form.html", {"form": form})


@secretariat_required
def user_detail(request, pk):
    user = get_user_for(request.user, pk)
    # The form works on its own copy: validating it changes its instance, and change_access
    # compares with the user as stored.
    form = UserAccessForm(request.POST or None, instance=get_user_for(request.user, pk))
    if request.method == "POST" and form.is_valid():
        accounts.change_access(user, acting_user=request.user, **{
            name: form.cleaned_data[name] for name in accounts.ACCESS_FIELDS})
        messages.success(request, _("The user's access was saved."))
        return redirect("members:user", pk=user.pk)
    return render(request, "members/user_detail.html", {
        "object": user, "form": form,
        "has_second_factor": Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP).exists(),
        "providers": user.socialaccount_set.all(),
        "history": user.history.select_related("history_user")[:20],
    })


def _act(request, pk, action, message):
    user = get_user_for(request.user, pk)
    if user.pk == request.user.pk:
        messages.error(request, _("You cannot do this to your own account."))
    else:
        action(user, acting_user=request.user)
        messages.success(request, message % {"name": user.name})
    return redirect("members:user", pk=user.pk)


@secretariat_required
@require_POST
def user_deactivate(request, pk):
    return _act(request, pk, accounts.deactivate_user,
                _("%(name)s was deactivated and signed out everywhere."))


@secretariat_required
@require_POST
def user_reactivate(request, pk):
    return _act(request, pk, accounts.reactivate_user, _("%(name)s can sign in again."))


@secretariat_required
@require_POST
def user_reset_second_factor(request, pk):
    return _act(request, pk, accounts.reset_second_factor, _(
        "The two-step verification of %(name)s was removed: they set up a new one at their "
        "next sign-in."))


@secretariat_required
@require_POST
def user_resend_invitation(request, pk):
    return _act(request, pk, accounts.resend_invitation,
                _("A new invitation was sent to %(name)s."))
