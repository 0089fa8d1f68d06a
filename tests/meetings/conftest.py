import pytest

from meetings import services
from members.models import User
from tests.meetings.factories import at, pdf_upload
from tests.meetings.holding_factories import decided, publish_minutes


@pytest.fixture
def staff(make_user):
    return make_user("sekretariat@example.org", User.Role.SECRETARIAT)


@pytest.fixture
def published_meeting(staff, settings, tmp_path):
    """A held SSU meeting with an attachment, its minutes sent, approved and published."""
    settings.MEDIA_ROOT = tmp_path
    held = decided(staff, at(2026, 3, 10), "SSU Helgeland")
    services.add_attachment(held.case1, upload=pdf_upload(), title="Rutineutkast",
                            screened=False, legal_basis="", acting_user=staff)
    return publish_minutes(held, staff)
