import pytest

from members.models import User


@pytest.fixture
def staff(make_user):
    return make_user("sekretariat@example.org", User.Role.SECRETARIAT)
