"""Per-object access to the member register.

The secretariat sees and changes everything. A finance officer may see their own municipality
and a representative their own person record, but not change them (403). Anyone else gets 404:
they need not know the record exists.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Organisation, Person


def _get_for(user, queryset, pk, *, change, may_see):
    obj = queryset.filter(pk=pk).first()
    if obj is None or not user.is_authenticated:
        raise Http404
    if user.is_secretariat:
        return obj
    if not may_see(user, obj):
        raise Http404
    if change:
        raise PermissionDenied
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
