"""Per-object access to the member register.

The secretariat sees and changes everything. A finance officer may see their own municipality
and a representative their own person record, but not change them (403). Anyone else gets 404:
they need not know the record exists. Refusals of existing records go to the audit log.
"""

from django.http import Http404

from common.access import refuse

from .models import Organisation, Person


def _get_for(user, queryset, pk, *, change, may_see):
    obj = queryset.filter(pk=pk).first()
    if obj is None or not user.is_authenticated:
        raise Http404
    if user.is_secretariat:
        return obj
    if not may_see(user, obj):
        raise refuse(obj)
    if change:
        raise refuse(obj, status=403)
    return obj


def get_organisation_for(user, pk, *, change=False):
    return _get_for(
        user, Organisation.objects.select_related("regional_council"), pk, change=change,
        may_see=lambda u, o: u.is_finance_officer and u.municipality_id == o.pk,
    )


def get_person_for(user, pk, *, change=False):
    return _get_for(
        user, Person.objects.select_related("organisation"), pk, change=change,
        may_see=lambda u, p: u.is_representative and u.person_id == p.pk,
    )


def get_user_for(user, pk):
    """Users are managed by the secretariat only (the views are secretariat_required)."""
    from .models import User

    found = User.objects.select_related("municipality", "person").filter(pk=pk).first()
    if found is None or not user.is_secretariat:
        raise Http404
    return found
