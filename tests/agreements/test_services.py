import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements import services
from agreements.models import Agreement, ChangeProposal, Section, Version, Withdrawal
from meetings.models import Case
from members.models import Organisation
from tests.agreements.factories import adopt, make_agreement, partnership_body, pm_meeting
from tests.meetings.factories import PDF_BYTES, make_body

pytestmark = pytest.mark.django_db
SECTIONS = [("1", "Formål", "<p>Samarbeid.</p>"), ("5", "Endringer", "<p>Ved konsensus.</p>")]


@pytest.fixture
def cooperation(staff):
    body = partnership_body()
    agreement = make_agreement("SA")
    adopt(agreement, SECTIONS, pm_meeting(body, 2020), staff,
          in_force_from=datetime.date(2021, 1, 1))
    return agreement, body


def _statute_change(agreement, staff):
    proposal = services.create_proposal(agreement, title="Ny § 5", changes_statutes=True,
                                        acting_user=staff)
    services.save_proposed_section(proposal, number="5", heading="Endringer",
                                   text="<p>Ved konsensus i to møter.</p>", acting_user=staff)
    return proposal


def _adopt(proposal, meeting, staff):
    return services.adopt_proposal(proposal, meeting=meeting, adopted_by_consensus=True,
                                   in_force_from=datetime.date(2026, 1, 1),
                                   decision_reference="PM-sak 2/2025", acting_user=staff)


def test_r_ag_2_statutes_cannot_be_adopted_at_the_first_readings_meeting(cooperation, staff):
    agreement, body = cooperation
    first = pm_meeting(body, 2024)
    proposal = _statute_change(agreement, staff)
    services.put_on_meeting(proposal, first, acting_user=staff)
    services.record_first_reading(proposal, acting_user=staff)
    with pytest.raises(ValidationError) as refused:
        _adopt(proposal, first, staff)
    assert "bare vedtas i et senere partnerskapsmøte" in refused.value.message_dict["meeting"][0]
    with pytest.raises(ValidationError):
        _adopt(proposal, pm_meeting(body, 2023), staff)  # an earlier meeting
    assert agreement.versions.count() == 1
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.FIRST_READING


def test_r_ag_2_statutes_are_adopted_at_a_later_meeting_after_the_first_reading(
        cooperation, staff):
    agreement, body = cooperation
    first, second = pm_meeting(body, 2024), pm_meeting(body, 2025)
    proposal = _statute_change(agreement, staff)
    services.put_on_meeting(proposal, first, acting_user=staff)
    services.record_first_reading(proposal, acting_user=staff)
    with pytest.raises(ValidationError):
        services.put_on_meeting(proposal, first, acting_user=staff)
    services.put_on_meeting(proposal, second, acting_user=staff)
    version = _adopt(proposal, second, staff)
    assert (version.number, version.state, version.adopted_at, version.decision_mode) == (
        2, Version.State.IN_FORCE, second, Version.DecisionMode.CONSENSUS)
    assert list(version.sections.values_list("number", "text")) == [
        ("1", "<p>Samarbeid.</p>"), ("5", "<p>Ved konsensus i to møter.</p>")]
    # Each reading went to the partnership meeting as a case in its queue.
    assert list(Case.objects.filter(body=body).values_list("status", flat=True)) == [
        Case.Status.PROPOSED, Case.Status.PROPOSED]
    assert version.case == proposal.case


def test_r_ag_2_statutes_need_a_first_reading_and_consensus(cooperation, staff):
    agreement, body = cooperation
    proposal = _statute_change(agreement, staff)
    with pytest.raises(ValidationError) as refused:
        _adopt(proposal, pm_meeting(body, 2025), staff)
    assert "må først drøftes i ett partnerskapsmøte" in refused.value.message_dict["meeting"][0]
    plain = services.create_proposal(agreement, title="Ny tekst", acting_user=staff)
    services.save_proposed_section(plain, number="1", heading="Formål", text="<p>Ny.</p>",
                                   acting_user=staff)
    with pytest.raises(ValidationError) as refused:
        services.adopt_proposal(plain, meeting=pm_meeting(body, 2025),
                                adopted_by_consensus=False,
                                in_force_from=datetime.date(2026, 1, 1),
                                decision_reference="x", acting_user=staff)
    assert "adopted_by_consensus" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _adopt(plain, make_body("ssu").meetings.create(starts_at=pm_meeting(body, 2026)
                                                       .starts_at), staff)
    assert agreement.versions.count() == 1


def test_r_ag_3_a_change_waits_for_every_partys_consent(cooperation, staff, municipality_factory):
    agreement, body = cooperation
    rana, vefsn = municipality_factory("1833", "Rana"), municipality_factory("1824", "Vefsn")
    agreement.needs_all_parties_consent = True
    agreement.save()
    agreement.parties.set([rana, vefsn])
    version = adopt(agreement, [("1", "Formål", "<p>Nytt formål.</p>")],
                    pm_meeting(body, 2025), staff, in_force_from=datetime.date(2026, 1, 1))
    assert version.state == Version.State.AWAITING_RATIFICATION
    assert agreement.versions.in_force_on(datetime.date(2026, 6, 1)).first().number == 1
    services.record_consent(version, party=rana, given_on=datetime.date(2025, 11, 1),
                            reference="Rana k-sak 5/2025", acting_user=staff)
    version.refresh_from_db()
    assert version.state == Version.State.AWAITING_RATIFICATION
    with pytest.raises(ValidationError):
        services.record_consent(version, party=rana, given_on=datetime.date(2025, 11, 2),
                                reference="igjen", acting_user=staff)
    services.record_consent(version, party=vefsn, given_on=datetime.date(2025, 12, 1),
                            reference="Vefsn k-sak 9/2025", acting_user=staff)
    version.refresh_from_db()
    assert version.state == Version.State.IN_FORCE
    assert agreement.versions.in_force_on(datetime.date(2026, 6, 1)).first() == version
    assert list(version.consents.values_list("party__number", "reference")) == [
        ("1824", "Vefsn k-sak 9/2025"), ("1833", "Rana k-sak 5/2025")]


def test_r_ag_3_only_a_party_can_consent(cooperation, staff, municipality_factory):
    agreement, body = cooperation
    rana, other = municipality_factory("1833", "Rana"), municipality_factory("1812", "Sømna")
    agreement.needs_all_parties_consent = True
    agreement.save()
    agreement.parties.set([rana])
    version = adopt(agreement, [("1", "Formål", "<p>Nytt.</p>")], pm_meeting(body, 2025),
                    staff, in_force_from=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.record_consent(version, party=other, given_on=datetime.date(2025, 11, 1),
                                reference="x", acting_user=staff)
    assert version.consents.count() == 0


def test_r_ag_1_each_version_keeps_its_sections_and_who_adopted_it(cooperation, staff):
    agreement, body = cooperation
    version = adopt(agreement, [("5", "", None), ("2", "Oppgaver", "<p>Nye oppgaver.</p>")],
                    pm_meeting(body, 2025), staff, in_force_from=datetime.date(2026, 1, 1))
    first = agreement.versions.get(number=1)
    assert list(first.sections.values_list("number", flat=True)) == ["1", "5"]
    assert list(version.sections.values_list("number", flat=True)) == ["1", "2"]
    assert {record.history_user for record in Section.history.filter(version_id=version.pk)
            } == {staff}
    assert Version.history.get(id=version.pk).history_user == staff
    assert agreement.versions.in_force_on(datetime.date(2025, 12, 31)).first() == first
    assert agreement.versions.in_force_on(datetime.date(2020, 12, 31)).first() is None


def test_r_ag_5_a_withdrawal_sets_the_last_day_of_membership(staff, municipality_factory):
    traena = municipality_factory("1835", "Træna")
    withdrawal = services.record_withdrawal(
        traena, notice_on=datetime.date(2026, 3, 15), reference="Træna k-sak 14/2026",
        document=SimpleUploadedFile("varsel.pdf", PDF_BYTES), acting_user=staff)
    traena.refresh_from_db()
    assert (withdrawal.takes_effect_on, traena.left_on) == (datetime.date(2028, 1, 1),
                                                             datetime.date(2028, 1, 1))
    assert withdrawal.last_paying_year == 2027
    assert traena in Organisation.objects.members_during_year(2027)
    assert traena not in Organisation.objects.members_during_year(2028)
    assert traena.history.first().history_user == staff
    with pytest.raises(ValidationError):
        services.record_withdrawal(
            traena, notice_on=datetime.date(2026, 4, 1), reference="igjen",
            document=SimpleUploadedFile("varsel.pdf", PDF_BYTES), acting_user=staff)
    assert Withdrawal.objects.count() == 1


def test_r_ag_5_a_notice_is_not_recorded_before_it_is_received(staff, municipality_factory):
    traena = municipality_factory("1835", "Træna")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for notice_on in (tomorrow, datetime.date(9999, 12, 31)):
        with pytest.raises(ValidationError) as refused:
            services.record_withdrawal(
                traena, notice_on=notice_on, reference="x",
                document=SimpleUploadedFile("varsel.pdf", PDF_BYTES), acting_user=staff)
        assert "notice_on" in refused.value.message_dict
    traena.refresh_from_db()
    assert (traena.left_on, Withdrawal.objects.count()) == (None, 0)


def test_r_ag_5_the_written_notice_must_be_a_pdf(staff, municipality_factory):
    traena = municipality_factory("1835", "Træna")
    with pytest.raises(ValidationError) as refused:
        services.record_withdrawal(
            traena, notice_on=datetime.date(2026, 3, 15), reference="x",
            document=SimpleUploadedFile("varsel.pdf", b"\x89PNG\r\n\x1a\nnot a pdf"),
            acting_user=staff)
    assert "document" in refused.value.message_dict
    traena.refresh_from_db()
    assert (traena.left_on, Withdrawal.objects.count()) == (None, 0)


def test_r_ag_4_planning_a_revision_puts_a_case_in_the_managing_bodys_queue(staff):
    fsu = make_body("fsu", "FSU Utskrivning")
    managed = make_agreement("Delavtale 5", kind=Agreement.Kind.SUB_AGREEMENT, managed_by=fsu)
    revision = services.plan_revision(managed, planned_for=datetime.date(2026, 6, 30),
                                      note="Ny definisjon", acting_user=staff)
    assert revision.case.body == fsu
    assert revision.case.status == Case.Status.PROPOSED
    unmanaged = make_agreement("Delavtale 8", kind=Agreement.Kind.SUB_AGREEMENT)
    revision = services.plan_revision(unmanaged, planned_for=datetime.date(2027, 1, 1),
                                      acting_user=staff)
    assert (revision.case, revision.planned_for) == (None, datetime.date(2027, 1, 1))


def test_r_ag_4_agreements_due_for_revision_overdue_first(staff):
    late = make_agreement("B", revision_due=datetime.date(2025, 1, 1))
    soon = make_agreement("A", revision_due=datetime.date(2026, 2, 1))
    make_agreement("C", revision_due=datetime.date(2030, 1, 1))
    make_agreement("D", revision_due=datetime.date(2024, 1, 1), status=Agreement.Status.EXPIRED)
    assert list(Agreement.objects.due_for_revision(datetime.date(2026, 3, 1))) == [late, soon]


def test_r_ag_1_parties_and_topics_changes_are_kept_with_who_made_them(
        staff, municipality_factory):
    from agreements.models import AgreementParty, AgreementTopic, Topic

    agreement = make_agreement("Delavtale 2", kind=Agreement.Kind.SUB_AGREEMENT)
    rana, vefsn = municipality_factory("1833", "Rana"), municipality_factory("1824", "Vefsn")
    topics = Topic.objects.filter(number__in=[2, 3])
    services.save_agreement(agreement, parties=[rana, vefsn], topics=topics, acting_user=staff)
    services.save_agreement(agreement, parties=[rana], topics=topics, acting_user=staff)
    assert list(agreement.parties.all()) == [rana]
    assert sorted((r.history_type, r.party_id) for r in AgreementParty.history.all()) == [
        ("+", rana.pk), ("+", vefsn.pk), ("-", vefsn.pk)]
    assert {r.history_user for r in AgreementParty.history.all()} == {staff}
    assert AgreementTopic.history.count() == 2
