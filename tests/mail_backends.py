"""E-mail backends for tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down: every send raises."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 Service not available")


class BrokenBackend(BaseEmailBackend):
    """A fault that retrying cannot cure."""

    def send_messages(self, email_messages):
        raise ValueError("Invalid address")
