from django.contrib.auth.backends import ModelBackend


class RoleBackend(ModelBackend):
    """E-mail login, case-insensitive; the secretariat role holds every permission."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip().lower()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_module_perms(user_obj, app_label)
