"""A changed or deleted user is dropped from the user cache (members.backends)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .backends import forget_user
from .models import User


@receiver(post_save, sender=User, dispatch_uid="forget_saved_user")
@receiver(post_delete, sender=User, dispatch_uid="forget_deleted_user")
def user_changed(sender, instance, **kwargs):
    forget_user(instance.pk)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="forget_user_groups")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="forget_user_perms")
def user_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    # Changed from the user's side, instance is the user; from a group's side, pk_set holds
    # the users (a group's clear() names none: those copies expire by themselves).
    for user_id in [instance.pk] if isinstance(instance, User) else (pk_set or []):
        forget_user(user_id)
