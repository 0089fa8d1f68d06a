"""State changes of agreements: one function each, in one transaction, with its author
recorded. PDFs are scheduled to be made after the commit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from common.documents import request_pdf
from common.history import bulk_create_by, delete_by, save_by
from meetings import services as meetings
from meetings.models import Body
from meetings.richtext import sanitise
from meetings.uploads import detect_kind, safe_filename

from .models import (
    Agreement,
    AgreementParty,
    AgreementTopic,
    ChangeProposal,
    Consent,
    PlannedRevision,
    ProposedSection,
    Section,
    Version,
    Withdrawal,
)
from .rules import second_reading_is_later, section_sort_key, withdrawal_takes_effect


@transaction.atomic
def save_agreement(agreement, *, parties=None, topics=None, acting_user):
    """Create or change an agreement's particulars (not its text: that changes by proposal)."""
    save_by(agreement, acting_user)
    if parties is not None:
        _set_rows(AgreementParty, agreement, "party", parties, acting_user)
    if topics is not None:
        _set_rows(AgreementTopic, agreement, "topic", topics, acting_user)
    return agreement


def _set_rows(model, agreement, field, wanted, acting_user):
    """Add and remove link rows one by one (not in bulk) so that each is kept in history."""
    wanted = {obj.pk: obj for obj in wanted}
    for row in model.objects.filter(agreement=agreement):
        if getattr(row, f"{field}_id") not in wanted:
            delete_by(row, acting_user)
        else:
            wanted.pop(getattr(row, f"{field}_id"))
    for obj in wanted.values():
        save_by(model(agreement=agreement, **{field: obj}), acting_user)


def _open(proposal):
    if not proposal.is_open:
        raise ValidationError(_("The proposal is %(status)s and can no longer be changed.")
                              % {"status": proposal.get_status_display().lower()})


@transaction.atomic
def create_proposal(agreement, *, title, rationale="", changes_statutes=False, acting_user):
    proposal = ChangeProposal(agreement=agreement, title=title, rationale=rationale,
                              changes_statutes=changes_statutes)
    return save_by(proposal, acting_user)


@transaction.atomic
def save_proposed_section(proposal, *, number, heading, text, remove=False, acting_user):
    """Set a section's new wording in the proposal (or its removal); the text is sanitised."""
    _open(proposal)
    number = number.strip()
    section = (ProposedSection.objects.filter(proposal=proposal, number=number).first()
               or ProposedSection(proposal=proposal, number=number))
    section.heading = heading.strip()
    section.text = "" if remove else sanitise(text)
    section.remove = remove
    return save_by(section, acting_user)


def _partnership_meeting(meeting, field="meeting"):
    if meeting.body.kind != Body.Kind.PARTNERSHIP:
        raise ValidationError({field: _("Changes to an agreement are decided by the "
                                        "partnership meeting.")})


@transaction.atomic
def put_on_meeting(proposal, meeting, *, acting_user):
    """Send the proposal to a partnership meeting as a case in that body's queue.

    A statute change goes first to a first reading; sent again, it goes to a later meeting
    for adoption (R-AG-2).
    """
    _open(proposal)
    _partnership_meeting(meeting)
    if proposal.first_reading_id and not second_reading_is_later(
            proposal.first_reading.starts_at, meeting.starts_at):
        raise ValidationError({"meeting": _(
            "The first reading was at %(first)s; the statutes can only be adopted at a later "
            "partnership meeting.") % {"first": proposal.first_reading}})
    case = proposal.case
    second_reading = proposal.status == ChangeProposal.Status.FIRST_READING
    if (case is None or second_reading or case.body_id != meeting.body_id
            or case.meeting_id not in {None, meeting.pk}):
        # The second reading is a case of its own at the later meeting.
        proposal.case = meetings.propose_case(
            meeting.body, title=_("Change of %(agreement)s: %(title)s") % {
                "agreement": proposal.agreement, "title": proposal.title},
            background=proposal.rationale, acting_user=acting_user)
    proposal.meeting = meeting
    proposal.status = ChangeProposal.Status.ON_AGENDA
    save_by(proposal, acting_user)
    _save_status(proposal.agreement, Agreement.Status.UNDER_REVISION, acting_user)
    return proposal


@transaction.atomic
def record_first_reading(proposal, *, acting_user):
    """The statute change was discussed at its meeting: adoption must wait for a later one."""
    _open(proposal)
    if not proposal.changes_statutes:
        raise ValidationError(_("Only a change of the statutes has a first reading."))
    if proposal.meeting_id is None:
        raise ValidationError(_("Send the proposal to a partnership meeting first."))
    proposal.first_reading = proposal.meeting
    proposal.meeting = None
    proposal.status = ChangeProposal.Status.FIRST_READING
    return save_by(proposal, acting_user)


def _save_status(agreement, status, acting_user):
    if agreement.status != status and agreement.status != Agreement.Status.EXPIRED:
        agreement.status = status
        save_by(agreement, acting_user)


def _new_sections(base, proposal):
    """The sections of the new version: the base's, with the proposal's replaced, added or
    removed, in their natural order."""
    current = {s.number: (s.heading, s.text) for s in base.sections.all()} if base else {}
    for change in proposal.sections.all():
        if change.remove:
            current.pop(change.number, None)
        else:
            current[change.number] = (change.heading, change.text)
    return sorted(current.items(), key=lambda item: section_sort_key(item[0]))


@transaction.atomic
def adopt_proposal(proposal, *, meeting, adopted_by_consensus, in_force_from,
                   decision_reference, acting_user):
    """The partnership meeting adopted the proposal: it becomes the agreement's next version.

    R-AG-2: adoption is by consensus of the members present, and a statute change only at a
    partnership meeting after its first reading. R-AG-3: where the agreement needs every
    party's consent, the version waits for it ("adopted, awaiting ratification").
    """
    proposal = ChangeProposal.objects.select_for_update(of=("self",)).select_related(
        "agreement", "first_reading", "case").get(pk=proposal.pk)
    _open(proposal)
    _partnership_meeting(meeting)
    if not adopted_by_consensus:
        raise ValidationError({"adopted_by_consensus": _(
            "The partnership meeting adopts changes by consensus of the members present.")})
    if proposal.changes_statutes:
        if proposal.first_reading is None:
            raise ValidationError({"meeting": _(
                "A change of the statutes needs a first reading at one partnership meeting "
                "before it is adopted at a later one.")})
        if not second_reading_is_later(proposal.first_reading.starts_at, meeting.starts_at):
            raise ValidationError({"meeting": _(
                "The first reading was at %(first)s; the statutes can only be adopted at a "
                "later partnership meeting.") % {"first": proposal.first_reading}})
    if not proposal.sections.exists():
        raise ValidationError(_("The proposal changes no section."))
    agreement = Agreement.objects.select_for_update().get(pk=proposal.agreement_id)
    base = agreement.versions.order_by("-number").first()
    needs_consent = agreement.needs_all_parties_consent and base is not None
    version = save_by(Version(
        agreement=agreement, number=(agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        state=(Version.State.AWAITING_RATIFICATION if needs_consent
               else Version.State.IN_FORCE),
        in_force_from=in_force_from, adopted_on=meeting.date, adopted_at=meeting,
        decision_mode=Version.DecisionMode.CONSENSUS, case=proposal.case,
        decision_reference=decision_reference.strip()), acting_user)
    # All at once: a version's sections are never saved one by one (Section.save refuses).
    bulk_create_by(Section, [
        Section(version=version, number=number, heading=heading, text=text, position=position)
        for position, (number, (heading, text)) in enumerate(_new_sections(base, proposal), 1)
    ], acting_user)
    proposal.version = version
    proposal.meeting = meeting
    proposal.status = ChangeProposal.Status.ADOPTED
    save_by(proposal, acting_user)
    if version.is_in_force:
        _came_into_force(version, acting_user)
    return version


def _came_into_force(version, acting_user):
    agreement = version.agreement
    if agreement.entered_into_force is None:
        agreement.entered_into_force = version.in_force_from
    open_proposals = agreement.proposals.exclude(
        status__in=[ChangeProposal.Status.ADOPTED, ChangeProposal.Status.WITHDRAWN]).exists()
    if agreement.status != Agreement.Status.EXPIRED:
        agreement.status = (Agreement.Status.UNDER_REVISION if open_proposals
                            else Agreement.Status.IN_FORCE)
    save_by(agreement, acting_user)
    request_pdf("agreements.version", version.pk)


def missing_consents(version):
    given = set(version.consents.values_list("party_id", flat=True))
    return [party for party in version.agreement.party_list(version.adopted_on)
            if party.pk not in given]


@transaction.atomic
def record_consent(version, *, party, given_on, reference, acting_user):
    """A party consented to the adopted version (R-AG-3). With the last consent the version
    comes into force from its date."""
    version = Version.objects.select_for_update(of=("self",)).select_related("agreement").get(
        pk=version.pk)
    if version.is_in_force:
        raise ValidationError(_("This version is already in force."))
    if party.pk not in {p.pk for p in missing_consents(version)}:
        raise ValidationError({"party": _(
            "%(party)s is not a party still to consent to this version.") % {"party": party}})
    consent = save_by(Consent(version=version, party=party, given_on=given_on,
                            reference=reference.strip()), acting_user)
    if not missing_consents(version):
        version.state = Version.State.IN_FORCE
        save_by(version, acting_user)
        _came_into_force(version, acting_user)
    return consent


@transaction.atomic
def withdraw_proposal(proposal, *, acting_user):
    _open(proposal)
    proposal.status = ChangeProposal.Status.WITHDRAWN
    save_by(proposal, acting_user)
    agreement = proposal.agreement
    if (agreement.status == Agreement.Status.UNDER_REVISION
            and agreement.versions.filter(state=Version.State.IN_FORCE).exists()
            and not agreement.proposals.filter(status__in=[
                ChangeProposal.Status.DRAFT, ChangeProposal.Status.FIRST_READING,
                ChangeProposal.Status.ON_AGENDA]).exists()):
        _save_status(agreement, Agreement.Status.IN_FORCE, acting_user)
    return proposal


@transaction.atomic
def plan_revision(agreement, *, planned_for, note="", acting_user):
    """Plan an agreement's revision (R-AG-4): a case in the managing body's queue when the
    agreement has one, and the revision recorded with its date either way."""
    case = None
    if agreement.managed_by_id:
        case = meetings.propose_case(
            agreement.managed_by, title=_("Revision of %(agreement)s") % {
                "agreement": agreement}, background=note, acting_user=acting_user)
    return save_by(PlannedRevision(agreement=agreement, planned_for=planned_for, note=note,
                                 case=case), acting_user)


@transaction.atomic
def record_withdrawal(municipality, *, notice_on, reference, document, acting_user):
    """Record a municipality's written notice of withdrawal (R-AG-5).

    It takes effect on 1 January of the first budget year at least twelve months after the
    notice; the municipality stays a member, and pays, until then: its `left_on` is set to
    that day, which is what the finance part reads membership from.
    """
    if not municipality.is_municipality:
        raise ValidationError({"municipality": _("Only a municipality can withdraw.")})
    if Withdrawal.objects.filter(municipality=municipality).exists():
        raise ValidationError({"municipality": _(
            "%(municipality)s has already given notice of withdrawal.") % {
            "municipality": municipality}})
    if notice_on > timezone.localdate():
        raise ValidationError({"notice_on": _("A notice is recorded once it has been received: "
                                              "the date cannot be after today.")})
    data = document.read()
    if detect_kind(data) != "pdf":
        raise ValidationError({"document": _("The written notice must be a PDF file.")})
    takes_effect_on = withdrawal_takes_effect(notice_on)
    if municipality.joined_on and takes_effect_on <= municipality.joined_on:
        raise ValidationError({"notice_on": _("The municipality was not yet a member then.")})
    withdrawal = Withdrawal(municipality=municipality, notice_on=notice_on,
                            reference=reference.strip(), takes_effect_on=takes_effect_on,
                            original_name=safe_filename(document.name, ".pdf"))
    document.seek(0)
    withdrawal.document.save("notice.pdf", document, save=False)
    save_by(withdrawal, acting_user)
    municipality.left_on = takes_effect_on
    save_by(municipality, acting_user)
    return withdrawal
