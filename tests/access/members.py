from .expect import (
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    PUBLIC,
    SECRETARIAT_ONLY,
    SECRETARIAT_POST_ONLY,
    expect,
)


def objects(cast):
    return {"municipality": cast.municipality_x, "person": cast.person_a,
            "user": cast.users["rep_a"]}


def _user(objects):
    return {"pk": objects["user"].pk}


def _history(objects):
    return {"app_label": "members", "model_name": "organisation",
            "pk": objects["municipality"].pk}


EXPECTATIONS = {
    "home": (None, PUBLIC),
    "robots_txt": (None, PUBLIC),
    "start": (None, LOGGED_IN),
    # The login page sends logged-in users on to their start page.
    "account_login": (None, expect(200, 302, 302, 302, 302, 302)),
    # Logging out asks first (a GET changes nothing); anonymous visitors are sent home.
    "account_logout": (None, expect(302, 200, 200, 200, 200, 200)),
    "account_inactive": (None, PUBLIC),
    # Nobody signs up: the page says so; the signed-in are sent on.
    "account_signup": (None, expect(200, 302, 302, 302, 302, 302)),
    "account_reauthenticate": (None, LOGGED_IN),
    "account_reset_password": (None, PUBLIC),
    "account_reset_password_done": (None, PUBLIC),
    "account_reset_password_from_key": (lambda o: {"uidb36": "1", "key": "bad-token"}, PUBLIC),
    "account_reset_password_from_key_done": (None, PUBLIC),
    "account_change_password": (None, LOGGED_IN),
    # Everyone of the cast has a password: setting one sends them to changing it.
    "account_set_password": (None, expect(LOGIN, 302, 302, 302, 302, 302)),
    "socialaccount_connections": (None, LOGGED_IN),
    "socialaccount_login_cancelled": (None, PUBLIC),
    "socialaccount_login_error": (None, expect(401, 401, 401, 401, 401, 401)),
    # Without a provider's sign-in under way there is nothing to sign up.
    "socialaccount_signup": (None, expect(302, 302, 302, 302, 302, 302)),
    # No such provider configured.
    "openid_connect_login": (lambda o: {"provider_id": "nowhere"}, NOT_FOUND),
    "openid_connect_callback": (lambda o: {"provider_id": "nowhere"}, NOT_FOUND),
    "mfa_index": (None, LOGGED_IN),
    # Without a login waiting for its second step there is nothing to enter a code for.
    "mfa_authenticate": (None, expect(302, 302, 302, 302, 302, 302)),
    # Changing the second factor needs the password (or a code) again first: 302 to confirm;
    # managing one that the user does not have is 404. The cast's secretariat has one.
    "mfa_reauthenticate": (None, expect(LOGIN, 302, 302, 302, 302, 200)),
    "mfa_activate_totp": (None, expect(LOGIN, 302, 302, 302, 302, 302)),
    "mfa_deactivate_totp": (None, expect(LOGIN, 404, 404, 404, 404, 302)),
    "mfa_view_recovery_codes": (None, expect(LOGIN, 404, 404, 404, 404, 302)),
    "mfa_generate_recovery_codes": (None, expect(LOGIN, 302, 302, 302, 302, 302)),
    "mfa_download_recovery_codes": (None, expect(LOGIN, 404, 404, 404, 404, 302)),
    "set_language": (None, expect(302, 302, 302, 302, 302, 302)),
    "members:organisations": (None, SECRETARIAT_ONLY),
    "members:organisation_create": (None, SECRETARIAT_ONLY),
    # Municipality X: its finance officer may look (not change); others need not know it.
    "members:organisation": (lambda o: {"pk": o["municipality"].pk},
                             expect(LOGIN, 404, 404, 200, 404, 200)),
    "members:organisation_edit": (lambda o: {"pk": o["municipality"].pk},
                                  expect(LOGIN, 404, 404, 403, 404, 200)),
    "members:people": (None, SECRETARIAT_ONLY),
    "members:person_create": (None, SECRETARIAT_ONLY),
    # Person A: representative A may look at their own record (not change it).
    "members:person": (lambda o: {"pk": o["person"].pk}, expect(LOGIN, 200, 404, 404, 404, 200)),
    "members:person_edit": (lambda o: {"pk": o["person"].pk},
                            expect(LOGIN, 403, 404, 404, 404, 200)),
    "members:partnership_edit": (None, SECRETARIAT_ONLY),
    "members:population": (None, SECRETARIAT_ONLY),
    "members:population_edit": (None, SECRETARIAT_ONLY),
    "members:population_import": (None, SECRETARIAT_ONLY),
    "members:users": (None, SECRETARIAT_ONLY),
    "members:user_invite": (None, SECRETARIAT_ONLY),
    "members:user": (_user, SECRETARIAT_ONLY),
    "members:user_deactivate": (_user, SECRETARIAT_POST_ONLY),
    "members:user_reactivate": (_user, SECRETARIAT_POST_ONLY),
    "members:user_reset_second_factor": (_user, SECRETARIAT_POST_ONLY),
    "members:user_resend_invitation": (_user, SECRETARIAT_POST_ONLY),
    "members:population_import_confirm": (None, SECRETARIAT_POST_ONLY),
    "members:history": (None, SECRETARIAT_ONLY),
    "members:history_object": (_history, SECRETARIAT_ONLY),
}

__all__ = ["EXPECTATIONS", "LOGIN", "objects"]
