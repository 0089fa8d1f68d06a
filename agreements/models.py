import uuid
from pathlib import Path

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Body, Case, Meeting
from members.models import Organisation, TimeStamped

from .rules import section_sort_key


class Topic(TimeStamped):
    """One of the minimum topics of helse- og omsorgstjenesteloven § 6-2 (seed 003)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=400)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("§ 6-2 topic")
        verbose_name_plural = _("§ 6-2 topics")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Agreements with a version in force at some time: public documents."""
        return self.filter(versions__state=Version.State.IN_FORCE).distinct()

    def due_for_revision(self, day):
        """R-AG-4: agreements whose planned revision date has come, or comes by `day`."""
        return (self.exclude(status=Agreement.Status.EXPIRED)
                .filter(revision_due__lte=day).order_by("revision_due", "number"))


class Agreement(TimeStamped):
    """The overarching cooperation agreement or a sub-agreement under it."""

    class Kind(models.TextChoices):
        COOPERATION = "cooperation", _("Cooperation agreement")
        SUB_AGREEMENT = "sub_agreement", _("Sub-agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_FORCE = "in_force", _("In force")
        UNDER_REVISION = "under_revision", _("Under revision")
        EXPIRED = "expired", _("Expired")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=30, unique=True,
                              help_text=_("E.g. «SA» or «Delavtale 5»."))
    title = models.CharField(_("title"), max_length=250)
    parent = models.ForeignKey(
        "self", verbose_name=_("under the agreement"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="sub_agreements")
    parties = models.ManyToManyField(
        Organisation, verbose_name=_("parties"), blank=True, related_name="agreements",
        through="AgreementParty",
        help_text=_("Leave empty when the trust and all member municipalities are parties "
                    "jointly."))
    managed_by = models.ForeignKey(
        Body, verbose_name=_("managed by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="managed_agreements")
    entered_into_force = models.DateField(_("entered into force"), null=True, blank=True)
    revision_due = models.DateField(_("planned revision"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    needs_all_parties_consent = models.BooleanField(
        _("changes need every party's consent"), default=False,
        help_text=_("Where the text coincides with the overarching agreement or other "
                    "agreements between the trust and the municipalities."))
    topics = models.ManyToManyField(Topic, verbose_name=_("§ 6-2 topics covered"), blank=True,
                                    related_name="agreements", through="AgreementTopic")

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["kind", "number"]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("agreements:agreement", args=[self.pk])

    def party_list(self, day=None):
        """The parties whose consent a change needs (R-AG-3): those named, or else the trust
        and every member municipality."""
        named = list(self.parties.order_by("kind", "number", "name"))
        if named:
            return named
        from members.models import Partnership

        day = day or timezone.localdate()
        trust = Partnership.current().hospital_trust
        return ([trust] if trust else []) + list(
            Organisation.objects.members_on(day).order_by("number"))


class AgreementParty(TimeStamped):
    """A party to an agreement; a row of its own so that parties joining or leaving an
    agreement are kept in its history."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.CASCADE)
    party = models.ForeignKey(Organisation, verbose_name=_("party"), on_delete=models.PROTECT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party to an agreement")
        verbose_name_plural = _("parties to agreements")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"],
                                    name="agreements_agreementparty_once"),
        ]

    def __str__(self):
        return f"{self.agreement.number}: {self.party}"


class AgreementTopic(TimeStamped):
    """An agreement covers a § 6-2 topic; kept in the history like any other change."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic covered")
        verbose_name_plural = _("topics covered")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "topic"],
                                    name="agreements_agreementtopic_once"),
        ]

    def __str__(self):
        return f"{self.agreement.number}: § 6-2 nr. {self.topic.number}"


class AdoptedTextFrozen(Exception):
    """A change to an adopted version or its sections, however it was attempted: the text
    changes only by a decision that adopts a new version (R-AG-1, R-REC-4)."""


class VersionQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """The versions that had come into force by `day`, latest first."""
        return (self.filter(state=Version.State.IN_FORCE, in_force_from__lte=day)
                .order_by("-in_force_from", "-number"))


class Version(TimeStamped):
    """An adopted state of an agreement's text (R-AG-1), with the decision that adopted it.

    The adoption is recorded as the partnership meeting, the decision mode, the case and a
    reference; a link to a recorded decision can sit beside these once meetings record them.
    """

    class State(models.TextChoices):
        AWAITING_RATIFICATION = "awaiting_ratification", _("Adopted, awaiting ratification")
        IN_FORCE = "in_force", _("Adopted")

    class DecisionMode(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus of the members present")

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=25, choices=State.choices)
    in_force_from = models.DateField(_("in force from"))
    adopted_on = models.DateField(_("adopted on"))
    adopted_at = models.ForeignKey(
        Meeting, verbose_name=_("adopted at the meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="adopted_agreement_versions")
    decision_mode = models.CharField(_("decided by"), max_length=12,
                                     choices=DecisionMode.choices,
                                     default=DecisionMode.CONSENSUS)
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="agreement_versions")
    decision_reference = models.CharField(_("decision reference"), max_length=150,
                                          help_text=_("E.g. «PM-sak 4/2025»."))

    objects = VersionQuerySet.as_manager()
    history = HistoricalRecords()

    # What the decision fixed, and the only move of its state: ratification (R-AG-3).
    ADOPTED_FIELDS = ("agreement_id", "number", "in_force_from", "adopted_on", "adopted_at_id",
                      "decision_mode", "case_id", "decision_reference")
    STATE_CHANGES = {(State.AWAITING_RATIFICATION, State.AWAITING_RATIFICATION),
                     (State.AWAITING_RATIFICATION, State.IN_FORCE),
                     (State.IN_FORCE, State.IN_FORCE)}

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"],
                                    name="agreements_version_number_unique_per_agreement"),
            models.CheckConstraint(condition=Q(number__gte=1),
                                   name="agreements_version_number_from_one"),
        ]

    def __str__(self):
        return _("%(agreement)s, version %(number)s") % {
            "agreement": self.agreement.number, "number": self.number}

    def save(self, *args, **kwargs):
        """What the decision adopted never changes, whoever saves it (R-AG-1); the one change
        left is ratification, from awaiting it to in force (R-AG-3)."""
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values(
                "state", *self.ADOPTED_FIELDS).first()
            if stored is not None and (
                    any(getattr(self, field) != stored[field] for field in self.ADOPTED_FIELDS)
                    or (stored["state"], self.state) not in self.STATE_CHANGES):
                raise AdoptedTextFrozen(_("An adopted version of an agreement cannot be "
                                          "changed; a change is a proposal adopted by a "
                                          "decision."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AdoptedTextFrozen(_("An adopted version of an agreement cannot be deleted."))

    def get_absolute_url(self):
        return reverse("agreements:version", args=[self.pk])

    @property
    def is_in_force(self):
        return self.state == self.State.IN_FORCE


class Section(TimeStamped):
    """One numbered section of a version's text, stored as it reads in that version, so that
    showing a version, or the text as on a date, is a query rather than a replay of changes."""

    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="sections")
    number = models.CharField(_("number"), max_length=20)
    heading = models.CharField(_("heading"), max_length=250)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"],
                                    name="agreements_section_number_unique_per_version"),
        ]

    def __str__(self):
        return f"§ {self.number} {self.heading}"

    def save(self, *args, **kwargs):
        """A version's sections are written once, all together, when it is adopted
        (services.adopt_proposal); no section is added, changed or removed after (R-AG-1)."""
        self._refuse()

    def delete(self, *args, **kwargs):
        self._refuse()

    @staticmethod
    def _refuse():
        raise AdoptedTextFrozen(_("The text of an adopted version cannot be changed; a change "
                                  "is a proposal adopted by a decision."))


class ChangeProposal(TimeStamped):
    """Proposed new wording of some sections, on its way to the partnership meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FIRST_READING = "first_reading", _("First reading held")
        ON_AGENDA = "on_agenda", _("Sent to the partnership meeting")
        ADOPTED = "adopted", _("Adopted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("title"), max_length=250)
    rationale = models.TextField(_("rationale"), blank=True)
    changes_statutes = models.BooleanField(
        _("changes the statutes"), default=False,
        help_text=_("A change of the cooperation agreement itself needs two readings: "
                    "discussed at one partnership meeting, adopted at a later one."))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.DRAFT)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("partnership meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="agreement_proposals")
    first_reading = models.ForeignKey(
        Meeting, verbose_name=_("first reading at"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="first_read_proposals")
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="agreement_proposals")
    version = models.OneToOneField(
        Version, verbose_name=_("resulting version"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="proposal")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(version__isnull=False),
                name="agreements_changeproposal_adopted_has_version"),
        ]

    def __str__(self):
        return f"{self.agreement.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("agreements:proposal", args=[self.pk])

    @property
    def is_open(self):
        return self.status not in {self.Status.ADOPTED, self.Status.WITHDRAWN}


class ProposedSection(TimeStamped):
    """A section as the proposal would have it read, or its removal."""

    proposal = models.ForeignKey(ChangeProposal, verbose_name=_("proposal"),
                                 on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("section number"), max_length=20,
                              help_text=_("E.g. «4-3» or «6»."))
    heading = models.CharField(_("heading"), max_length=250, blank=True)
    text = models.TextField(_("new wording"), blank=True)
    remove = models.BooleanField(_("remove the section"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposed section")
        verbose_name_plural = _("proposed sections")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"],
                                    name="agreements_proposedsection_one_per_number"),
        ]

    def __str__(self):
        return f"§ {self.number} {self.heading}"

    @property
    def sort_key(self):
        return section_sort_key(self.number)


class Consent(TimeStamped):
    """A party's consent to an adopted version that needs everyone's (R-AG-3)."""

    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="consents")
    party = models.ForeignKey(Organisation, verbose_name=_("party"), on_delete=models.PROTECT,
                              related_name="agreement_consents")
    given_on = models.DateField(_("consent given on"))
    reference = models.CharField(_("reference"), max_length=150,
                                 help_text=_("E.g. the council's case number."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["version", "party__number", "party__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"],
                                    name="agreements_consent_one_per_party"),
        ]

    def __str__(self):
        return f"{self.party}: {self.version}"


class PlannedRevision(TimeStamped):
    """A revision planned for an agreement (R-AG-4), with the case it became if any."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.CASCADE, related_name="planned_revisions")
    planned_for = models.DateField(_("planned for"))
    note = models.TextField(_("note"), blank=True)
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="agreement_revisions")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned revision")
        verbose_name_plural = _("planned revisions")
        ordering = ["agreement", "planned_for"]

    def __str__(self):
        return f"{self.agreement.number} {self.planned_for:%d.%m.%Y}"


class WithdrawalQuerySet(models.QuerySet):
    def pending(self, day):
        return self.filter(takes_effect_on__gt=day).order_by("takes_effect_on")


def notice_path(instance, filename):
    """Stored under a generated name; the uploaded name is kept only for downloads."""
    return f"withdrawals/{timezone.now():%Y}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Withdrawal(TimeStamped):
    """A municipality's written notice that it leaves the partnership (R-AG-5)."""

    municipality = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.PROTECT,
        related_name="withdrawals", limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY})
    notice_on = models.DateField(_("notice received"))
    reference = models.CharField(_("reference"), max_length=150)
    document = models.FileField(_("written notice"), upload_to=notice_path)
    original_name = models.CharField(_("file name"), max_length=200)
    takes_effect_on = models.DateField(_("takes effect"))

    objects = WithdrawalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["-notice_on"]
        constraints = [
            models.CheckConstraint(condition=Q(takes_effect_on__gt=models.F("notice_on")),
                                   name="agreements_withdrawal_effect_after_notice"),
        ]

    def __str__(self):
        return f"{self.municipality} {self.takes_effect_on:%d.%m.%Y}"

    @property
    def last_paying_year(self):
        return self.takes_effect_on.year - 1
