"""Bodies, their seats, chairs and annual meeting plans (DOMAIN.md § 3)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Person, TimeStamped

from ..kinds import KINDS, RULE_DEFAULTS, BodyKind, cite, rules_reference
from ..rules import plan_adopted_in_time


class Body(TimeStamped):
    """A committee or meeting forum. Its meeting rules are data with defaults per kind."""

    Kind = BodyKind

    class DecisionMode(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus of those present")
        VOTE = "vote", _("Vote")
        ADVISORY = "advisory", _("Advisory (gives advice, does not decide)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    rules_source = models.CharField(
        _("rules written in"), max_length=150, blank=True,
        help_text=_("Where the partnership's agreement sets this body's rules, e.g. "
                    "«Samarbeidsavtalen § 4-3»; warnings cite it. Empty: the kind's default."))
    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("reports to"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    programme_of = models.ForeignKey(
        "self", verbose_name=_("shares the annual programme of"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="programme_partners",
        help_text=_("The dialogue meeting meets the same day as the partnership meeting and "
                    "follows its annual programme."),
    )
    region = models.ForeignKey(
        Organisation, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="regional_bodies", limit_choices_to={"kind": "regional_council"},
        help_text=_("For a local committee: the regional council whose municipalities it "
                    "serves."))
    mandate = models.TextField(_("mandate"), blank=True)
    works_until = models.DateField(
        _("works until"), null=True, blank=True,
        help_text=_("For a working group: the end of its time limit."))
    set_up_by = models.ForeignKey(
        "Case", verbose_name=_("set up by the decision in"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="bodies_set_up",
        help_text=_("The case whose decision set up the working group and its mandate."))
    meetings_per_year = models.PositiveSmallIntegerField(_("meetings per year (at least)"))
    max_meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year (at most)"), null=True, blank=True)
    case_deadline_days = models.PositiveSmallIntegerField(
        _("case deadline (days before the meeting)"))
    notice_min_days = models.PositiveSmallIntegerField(
        _("notice at the latest (days before)"))
    notice_max_days = models.PositiveSmallIntegerField(
        _("notice at the earliest (days before)"))
    extraordinary_notice_days = models.PositiveSmallIntegerField(
        _("notice of an extraordinary meeting (days)"))
    objection_hours = models.PositiveSmallIntegerField(_("minutes objection period (hours)"))
    publication_days = models.PositiveSmallIntegerField(
        _("minutes public within (days after the meeting)"))
    decision_mode = models.CharField(_("decisions by"), max_length=10,
                                     choices=DecisionMode.choices)
    trust_members = models.PositiveSmallIntegerField(
        _("permanent members from the hospital trust"), default=0)
    municipal_members = models.PositiveSmallIntegerField(
        _("permanent members from the municipalities"), default=0)
    chair_alternates = models.BooleanField(
        _("chair alternates between the sides"), default=False,
        help_text=_("The chair goes from the municipalities to the trust and back."))
    chair_term_years = models.PositiveSmallIntegerField(_("chair's term (years)"), default=2)
    member_term_years = models.PositiveSmallIntegerField(_("members' term (years)"), default=4)
    opening_items = models.BooleanField(
        _("offer standard opening items"), default=True,
        help_text=_("Approval of the notice and agenda, and of the previous minutes."))
    action_plan_revised_on = models.DateField(
        _("action plan last revised"), null=True, blank=True)
    is_public = models.BooleanField(_("meetings open to the public"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(notice_max_days__gte=models.F("notice_min_days")),
                                   name="meetings_body_notice_window_in_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:body", args=[self.pk])

    @classmethod
    def with_defaults(cls, kind, **fields):
        """A new body with the rules of DOMAIN.md § 3 for its kind."""
        return cls(kind=kind, **{**RULE_DEFAULTS[kind], **fields})

    @property
    def kind_rules(self):
        return KINDS[BodyKind(self.kind)]

    @property
    def rules_reference(self):
        """«Samarbeidsavtalen § 4-3»: where this body's rules are written."""
        return rules_reference(self)

    def cite(self, rule_id):
        """A rule as the partnership's agreement states it, with this body's values."""
        return cite(self, rule_id)

    @property
    def programme_owner_id(self):
        """The id of the body whose annual plan this body's meetings belong to (R-DM-1)."""
        return self.programme_of_id or self.pk


class SeatQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gt=day))

    def held_by(self, person):
        return self.current().filter(holder=person)


class Seat(TimeStamped):
    """A place in a body held by a person for a term (R-SSU-13, R-SSU-15)."""

    class Side(models.TextChoices):
        MUNICIPALITIES = "municipalities", _("Municipalities")
        TRUST = "trust", _("Hospital trust")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        MEMBER = "member", _("Permanent member")
        PERSONAL_DEPUTY = "personal_deputy", _("Personal deputy")
        LIST_DEPUTY = "list_deputy", _("Deputy on the trust's list")
        OBSERVER = "observer", _("Observer with right to speak")
        LISTENER = "listener", _("Listener")
        SECRETARIAT = "secretariat", _("Secretariat")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="seats")
    holder = models.ForeignKey(Person, verbose_name=_("held by"), on_delete=models.PROTECT,
                               related_name="seats")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    appointed_by = models.ForeignKey(
        Organisation, verbose_name=_("appointed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="appointed_seats",
        help_text=_("The regional council that appointed a municipal member."))
    represents = models.CharField(_("represents"), max_length=150, blank=True,
                                  help_text=_("For observers, e.g. «user representatives»."))
    deputy_for = models.ForeignKey(
        "self", verbose_name=_("personal deputy for"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="personal_deputies")
    list_position = models.PositiveSmallIntegerField(_("place on the deputy list"), null=True,
                                                     blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True,
                               help_text=_("The first day the seat is no longer held."))

    objects = SeatQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "role", "side", "list_position", "holder__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="personal_deputy", deputy_for__isnull=False)
                | (~Q(role="personal_deputy") & Q(deputy_for__isnull=True)),
                name="meetings_seat_personal_deputy_has_member"),
            models.CheckConstraint(
                condition=Q(role="list_deputy", list_position__isnull=False)
                | (~Q(role="list_deputy") & Q(list_position__isnull=True)),
                name="meetings_seat_list_deputy_has_position"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="meetings_seat_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.holder} – {self.get_role_display()} ({self.body})"

    def sort_key(self):
        """Members first, then deputies, observers, listeners and the secretariat."""
        return seat_order(self.role, self.side, self.list_position, self.holder.name)

    def held_on(self, day):
        """Whether the seat is held on the day, as SeatQuerySet.current selects."""
        return self.starts_on <= day and (self.ends_on is None or self.ends_on > day)

    @property
    def has_vote(self):
        """Only permanent members vote; a deputy only while standing in (R-SSU-7, part 2)."""
        return self.role == self.Role.MEMBER

    @property
    def is_deputy(self):
        return self.role in {self.Role.PERSONAL_DEPUTY, self.Role.LIST_DEPUTY}


# Seat.sort_key's order of the roles, as they are declared.
_ROLE_ORDER = {role: n for n, role in enumerate(Seat.Role.values)}


def seat_order(role, side, list_position, holder_name):
    """Seat.sort_key of a seat's values, for pages that read them without the model."""
    return (_ROLE_ORDER[role], side, list_position or 0, holder_name)


class ChairTerm(TimeStamped):
    """Who chairs a body (or is vice-chair) and for which side, for a term."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="chair_terms")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="chair_terms")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.CHAIR)
    side = models.CharField(_("side"), max_length=20, choices=Seat.Side.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    decided_at = models.ForeignKey(
        "Meeting", verbose_name=_("elected at the meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="chairs_elected",
        help_text=_("SSU's chair and vice-chair are elected by the partnership meeting."))
    decided_in = models.ForeignKey(
        "Case", verbose_name=_("in the case"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="chairs_elected")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chair term")
        verbose_name_plural = _("chair terms")
        ordering = ["body", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="meetings_chairterm_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.body}: {self.person} ({self.starts_on:%Y})"


class Mandate(TimeStamped):
    """A body's mandate as adopted, by which meeting and case (R-PM-8: the partnership meeting
    sets SSU's). The newest adopted one is the body's mandate; earlier ones stay."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="mandates")
    text = models.TextField(_("mandate"))
    adopted_on = models.DateField(_("adopted on"))
    adopted_at = models.ForeignKey(
        "Meeting", verbose_name=_("adopted at the meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="mandates_adopted")
    adopted_in = models.ForeignKey(
        "Case", verbose_name=_("in the case"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="mandates_adopted")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["body", "-adopted_on", "-pk"]

    def __str__(self):
        return "{} {} {:%d.%m.%Y}".format(_("Mandate"), self.body, self.adopted_on)


class MeetingPlan(TimeStamped):
    """A body's annual meeting plan, adopted before the year starts (R-SSU-2)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at_meeting = models.ForeignKey(
        "Meeting", verbose_name=_("adopted at the meeting"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="adopted_plans")
    adopted_in = models.CharField(_("decision"), max_length=100, blank=True,
                                  help_text=_("E.g. «Sak 14/2025»."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting plan")
        verbose_name_plural = _("meeting plans")
        ordering = ["body", "year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="meetings_plan_one_per_year"),
        ]

    def __str__(self):
        return f"{self.body} {self.year}"

    @property
    def is_adopted(self):
        return self.adopted_on is not None

    @property
    def adopted_in_time(self):
        """Adopted before 1 January of its year (R-SSU-2)."""
        return plan_adopted_in_time(self.adopted_on, self.year)
