import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import (
    REFERENCE_FORMATS,
    reference_problem,
    validate_bank_account,
    validate_municipality_number,
    validate_organisation_number,
)


class TimeStamped(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class OrganisationQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=Organisation.Kind.MUNICIPALITY)

    def members_on(self, day):
        """Municipalities that are members of the partnership on the given day."""
        return self.municipalities().filter(
            Q(joined_on__lte=day), Q(left_on__isnull=True) | Q(left_on__gt=day)
        )

    def members_during_year(self, year):
        """Municipalities that are members at some point of a calendar (budget) year."""
        return self.members_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def members_between(self, first, last):
        """Municipalities that are members at some point from `first` to `last`."""
        return self.municipalities().filter(
            Q(joined_on__lte=last), Q(left_on__isnull=True) | Q(left_on__gt=first)
        )

    def regional_councils(self):
        return self.filter(kind=Organisation.Kind.REGIONAL_COUNCIL)

    def in_region(self, council):
        """The municipalities of a region: those of one regional council (a pk or an
        organisation). An LSU's area and a regional cost pool are such a region."""
        return self.municipalities().filter(regional_council=council)


def organisation_name(name, qualifier):
    """How an organisation is named, "Herøy (Nordland)" where the name alone is ambiguous.
    Apart from the model for lists that read the two columns without loading it."""
    return f"{name} ({qualifier})" if qualifier else name


class Organisation(TimeStamped):
    """A municipality, the hospital trust, a regional council or a body that sends observers."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        HOSPITAL_TRUST = "hospital_trust", _("Hospital trust")
        REGIONAL_COUNCIL = "regional_council", _("Regional council")
        OTHER = "other", _("Other organisation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    name_qualifier = models.CharField(
        _("name qualifier"), max_length=60, blank=True,
        help_text=_("Tells apart organisations with the same name, e.g. «Nordland» for Herøy."),
    )
    number = models.CharField(
        _("municipality number"), max_length=4, null=True, blank=True, unique=True,
        validators=[validate_municipality_number],
        help_text=_("Four digits (kommunenummer), municipalities only."),
    )
    organisation_number = models.CharField(
        _("organisation number"), max_length=9, blank=True,
        validators=[validate_organisation_number],
    )
    regional_council = models.ForeignKey(
        "self", verbose_name=_("regional council"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="member_municipalities",
        limit_choices_to={"kind": Kind.REGIONAL_COUNCIL},
    )
    joined_on = models.DateField(_("member from"), null=True, blank=True)
    left_on = models.DateField(
        _("member until"), null=True, blank=True,
        help_text=_("The first day the municipality is no longer a member."),
    )
    invoice_reference = models.CharField(
        _("invoice reference"), max_length=100, blank=True,
        help_text=_("The buyer's reference the municipality wants on its invoices."))
    invoice_reference_format = models.CharField(
        _("format of the invoice reference"), max_length=10, default="free",
        choices=[(key, label) for key, (label, _pattern, _example) in REFERENCE_FORMATS.items()],
        help_text=_("What the municipality's accounts require, e.g. «B» and six digits."))
    street_address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "number", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="municipality", number__isnull=False)
                | (~Q(kind="municipality") & Q(number__isnull=True)),
                name="members_organisation_number_iff_municipality",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gt=models.F("joined_on")),
                name="members_organisation_left_after_joined",
            ),
            models.UniqueConstraint(
                fields=["organisation_number"], condition=~Q(organisation_number=""),
                name="members_organisation_unique_organisation_number",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("members:organisation", args=[self.pk])

    def clean(self):
        super().clean()
        problem = self.invoice_reference and self.invoice_reference_problem
        if problem:
            raise ValidationError({"invoice_reference": problem})

    @property
    def invoice_reference_problem(self):
        """R-FIN-8: why this municipality cannot be invoiced for want of a reference in its
        format, or None."""
        return reference_problem(self.invoice_reference, self.invoice_reference_format)

    @property
    def display_name(self):
        return organisation_name(self.name, self.name_qualifier)

    @property
    def is_municipality(self):
        return self.kind == self.Kind.MUNICIPALITY

    def is_member_on(self, day):
        return (
            self.is_municipality
            and self.joined_on is not None
            and self.joined_on <= day
            and (self.left_on is None or self.left_on > day)
        )


class Municipality(Organisation):
    """Organisations of kind municipality, for forms and admin lists that want only those."""

    class Manager(models.Manager.from_queryset(OrganisationQuerySet)):
        def get_queryset(self):
            return super().get_queryset().filter(kind=Organisation.Kind.MUNICIPALITY)

    objects = Manager()

    class Meta:
        proxy = True
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["number"]


class Partnership(TimeStamped):
    """The partnership itself: one record the secretariat keeps up to date."""

    name = models.CharField(_("name"), max_length=150)
    hospital_trust = models.ForeignKey(
        Organisation, verbose_name=_("hospital trust"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"kind": Organisation.Kind.HOSPITAL_TRUST},
    )
    host_municipality = models.ForeignKey(
        Organisation, verbose_name=_("host municipality"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        help_text=_("Employs the secretariat lead and issues the contribution invoices."),
    )
    organisation_number = models.CharField(
        _("organisation number"), max_length=9, blank=True,
        validators=[validate_organisation_number],
        help_text=_("The invoicing organisation's number, usually the host municipality's."),
    )
    bank_account = models.CharField(
        _("bank account"), max_length=11, blank=True, validators=[validate_bank_account]
    )
    street_address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partnership/", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnership")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="members_partnership_single_record")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        """The partnership's record, or an unsaved placeholder before it has been set up."""
        return (
            cls.objects.select_related("hospital_trust", "host_municipality").filter(pk=1).first()
            or cls(pk=1, name="Helsefellesskap")
        )


class PopulationFigure(TimeStamped):
    """A municipality's official population on 1 January of a year."""

    municipality = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.CASCADE,
        related_name="population_figures",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The figure is the population on 1 January of this year.")
    )
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["-year", "municipality__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="members_population_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.municipality} 1.1.{self.year}: {self.population}"


class Person(TimeStamped):
    """Someone who sits in a body, works in the secretariat or receives invoices."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="people",
    )
    title = models.CharField(_("title"), max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:person", args=[self.pk])


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", User.Role.SECRETARIAT)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. What it may see follows from its role and, for some roles, a link."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        REPRESENTATIVE = "representative", _("Representative")
        FINANCE_OFFICER = "finance_officer", _("Finance officer")

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.OneToOneField(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="user",
        help_text=_("Representatives see the bodies this person sits in."),
    )
    municipality = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="finance_officers",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        help_text=_("Finance officers see this municipality's invoices only."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
            models.CheckConstraint(
                condition=~Q(role="finance_officer") | Q(municipality__isnull=False),
                name="members_user_finance_officer_has_municipality",
            ),
            models.CheckConstraint(
                condition=~Q(role="representative") | Q(person__isnull=False),
                name="members_user_representative_has_person",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def is_staff(self):
        return self.role == self.Role.SECRETARIAT

    @property
    def is_secretariat(self):
        return self.role == self.Role.SECRETARIAT

    @property
    def is_representative(self):
        return self.role == self.Role.REPRESENTATIVE

    @property
    def is_finance_officer(self):
        return self.role == self.Role.FINANCE_OFFICER

    @property
    def must_use_second_factor(self):
        """The secretariat's accounts change the public record and issue invoices."""
        return self.is_secretariat or self.is_superuser
