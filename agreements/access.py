"""Who may see which agreement.

An agreement that has been in force is a public document: anyone may read its versions in
force. Drafts, versions awaiting ratification, change proposals and withdrawals are the
secretariat's; anyone else gets 404, as they need not know they exist.
"""

from django.http import Http404

from .models import Agreement, ChangeProposal, Version


def agreements_for(user):
    if user.is_authenticated and user.is_secretariat:
        return Agreement.objects.all()
    return Agreement.objects.public()


def versions_for(user, agreement):
    versions = agreement.versions.select_related("adopted_at__body", "case")
    if user.is_authenticated and user.is_secretariat:
        return versions
    return versions.filter(state=Version.State.IN_FORCE)


def get_agreement_for(user, pk, fields=None):
    """The agreement with the body that manages it and its parent; a page that shows only a
    few of its columns names them as `fields`, and gets just those."""
    agreements = agreements_for(user)
    agreements = (agreements.only(*fields) if fields
                  else agreements.select_related("managed_by", "parent"))
    agreement = agreements.filter(pk=pk).first()
    if agreement is None:
        raise Http404
    return agreement


def get_version_for(user, pk):
    version = Version.objects.select_related("agreement", "adopted_at__body", "case").filter(
        pk=pk).first()
    if version is None:
        raise Http404
    if not version.is_in_force and not (user.is_authenticated and user.is_secretariat):
        raise Http404
    return version


def get_proposal_for(user, pk):
    """Proposals are the secretariat's (the view is behind secretariat_required)."""
    proposal = ChangeProposal.objects.select_related(
        "agreement", "meeting__body", "first_reading__body", "case", "version").filter(
        pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal
