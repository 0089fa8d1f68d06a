"""Vocabulary for the access matrix: what each user of the cast should get from a URL."""

LOGIN = "login"  # a redirect to the login page
USERS = ["anonymous", "rep_a", "rep_b", "fin_x", "fin_y", "secretariat"]


def expect(anonymous, rep_a, rep_b, fin_x, fin_y, secretariat):
    return dict(zip(USERS, [anonymous, rep_a, rep_b, fin_x, fin_y, secretariat], strict=True))


PUBLIC = expect(200, 200, 200, 200, 200, 200)
NOT_FOUND = expect(404, 404, 404, 404, 404, 404)
LOGGED_IN = expect(LOGIN, 200, 200, 200, 200, 200)
SECRETARIAT_ONLY = expect(LOGIN, 403, 403, 403, 403, 200)
SECRETARIAT_POST_ONLY = expect(LOGIN, 403, 403, 403, 403, 405)
