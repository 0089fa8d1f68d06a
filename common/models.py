from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredPdf(models.Model):
    """A generated PDF, kept until its content changes (see common.documents)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    file = models.FileField(_("file"), upload_to="pdf/%Y/", blank=True)
    content_hash = models.CharField(_("content fingerprint"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored PDF")
        verbose_name_plural = _("stored PDFs")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="common_storedpdf_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.get_state_display()})"


class AuditEventQuerySet(models.QuerySet):
    """Audit events are only ever added: bulk changes are refused like single ones."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly(_("Audit events cannot be changed."))

    def delete(self):
        raise AuditLogIsAppendOnly(_("Audit events cannot be deleted."))


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    """Something a person did or was refused, kept for the record (see common.audit).

    Rows are written once and never changed or deleted by the product; the actor's e-mail is
    copied so that the entry keeps its meaning should the user be removed.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKOUT = "lockout", _("Locked out")
        LOGOUT = "logout", _("Logged out")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        ACCESS_REFUSED = "access_refused", _("Access refused")
        INVOICE_ISSUED = "invoice_issued", _("Invoice issued")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        PROVIDER_LINKED = "provider_linked", _("Login provider connected")
        PROVIDER_UNLINKED = "provider_unlinked", _("Login provider disconnected")
        MFA_ENROLLED = "mfa_enrolled", _("Second factor set up")
        MFA_REMOVED = "mfa_removed", _("Second factor removed")
        MFA_CODES_RENEWED = "mfa_codes_renewed", _("Recovery codes renewed")
        MFA_USED = "mfa_used", _("Second factor used")
        MFA_FAILED = "mfa_failed", _("Wrong second-factor code")
        MFA_RESET = "mfa_reset", _("Second factor reset by the secretariat")
        USER_INVITED = "user_invited", _("User invited")
        USER_CHANGED = "user_changed", _("User's access changed")
        USER_DEACTIVATED = "user_deactivated", _("User deactivated")
        USER_REACTIVATED = "user_reactivated", _("User reactivated")
        ATTENDANCE_CORRECTED = "attendance_corrected", _("Attendance corrected")

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    actor_email = models.CharField(_("user's e-mail"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    object_description = models.CharField(_("object"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-time", "-pk"]

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.get_action_display()} {self.actor_email}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly(_("Audit events cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_("Audit events cannot be deleted."))


class OutgoingMail(models.Model):
    """One e-mail to one recipient, sent in the background (see common.mail).

    `purpose` names why it is sent (e.g. «meetings.meeting:12:notice:0»); a recipient gets each
    purpose at most once, so queuing the same notice twice never e-mails anyone twice.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    topic = models.CharField(_("topic"), max_length=100, db_index=True,
                             help_text=_("What the e-mail is about, e.g. a meeting."))
    purpose = models.CharField(_("purpose"), max_length=150)
    recipient = models.EmailField(_("recipient"))
    recipient_name = models.CharField(_("recipient name"), max_length=150, blank=True)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("queued"), auto_now_add=True)
    # When a queued e-mail is due to be tried (again), and when a worker claimed it for
    # sending: both let the beat task find work whose hand-over or worker was lost.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "recipient"],
                                    name="common_outgoingmail_once_per_purpose_recipient"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient} ({self.get_state_display()})"


class Activity(models.Model):
    """One line of the change log: who created, changed or deleted which object, and when.

    A row is added with every history entry of a tracked model, in the same transaction (see
    common.history), so that the secretariat's «latest changes» is one indexed query instead
    of a search through every history table. The object's label is kept as it was then.
    """

    class Kind(models.TextChoices):
        CREATED = "+", _("Created")
        CHANGED = "~", _("Changed")
        DELETED = "-", _("Deleted")

    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    kind = models.CharField(_("type of change"), max_length=1, choices=Kind.choices)
    app_label = models.CharField(_("app"), max_length=50)
    model_name = models.CharField(_("model"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object"))
    label = models.CharField(_("object"), max_length=300)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("change log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at", "-id"], name="common_activity_newest_first")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.label}"
