"""RFC 6238 one-time codes, computed here independently of allauth, and a sign-in helper."""

import base64
import hashlib
import hmac
import struct
import time

from django.urls import reverse


def totp(secret, at=None, period=30, digits=6):
    counter = int(time.time() if at is None else at) // period
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter),
                      hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** digits:0{digits}d}"


def sign_in(client, user, password, **extra):
    """Password, then (for those who have one) the second factor with the current code."""
    response = client.post(reverse("account_login"), {"login": user.email,
                                                      "password": password}, **extra)
    if response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp(user.totp_secret)},
                               **extra)
    return response
