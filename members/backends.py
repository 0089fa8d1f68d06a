from django.contrib.auth.backends import ModelBackend, UserModel
from django.db.models import Exists, OuterRef


class RoleBackend(ModelBackend):
    """E-mail login, case-insensitive; the secretariat role holds every permission.

    The user of each request is read with whether they have a second factor (one query), which
    members.middleware needs on every page of those who must have one.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username if username is not None else kwargs.pop("email", None)
        if email is not None:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_user(self, user_id):
        from allauth.mfa.models import Authenticator

        user = UserModel._default_manager.filter(pk=user_id).annotate(
            has_second_factor=Exists(Authenticator.objects.filter(
                user=OuterRef("pk"), type=Authenticator.Type.TOTP))
        ).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_module_perms(user_obj, app_label)
