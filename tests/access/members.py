from .expect import LOGGED_IN, LOGIN, PUBLIC, SECRETARIAT_ONLY, SECRETARIAT_POST_ONLY, expect


def objects(cast):
    return {"municipality": cast.municipality_x, "person": cast.person_a}


def _history(objects):
    return {"app_label": "members", "model_name": "organisation",
            "pk": objects["municipality"].pk}


EXPECTATIONS = {
    "home": (None, PUBLIC),
    "robots_txt": (None, PUBLIC),
    "start": (None, LOGGED_IN),
    # The login page sends logged-in users on to their start page.
    "login": (None, expect(200, 302, 302, 302, 302, 302)),
    "logout": (None, expect(405, 405, 405, 405, 405, 405)),
    "password_reset": (None, PUBLIC),
    "password_reset_done": (None, PUBLIC),
    "password_reset_confirm": (lambda o: {"uidb64": "MQ", "token": "bad-token"}, PUBLIC),
    "password_reset_complete": (None, PUBLIC),
    "password_change": (None, LOGGED_IN),
    "password_change_done": (None, LOGGED_IN),
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
    "members:population_import": (None, SECRETARIAT_ONLY),
    "members:population_import_confirm": (None, SECRETARIAT_POST_ONLY),
    "members:history": (None, SECRETARIAT_ONLY),
    "members:history_object": (_history, SECRETARIAT_ONLY),
}

__all__ = ["EXPECTATIONS", "LOGIN", "objects"]
