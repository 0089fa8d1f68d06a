"""The secretariat's page listing the audit log."""

import pytest
from django.urls import reverse

from common import audit
from common.models import AuditEvent
from common.views import AUDIT_PAGE_SIZE


def add_events(count, action=audit.Action.LOGIN_FAILED):
    AuditEvent.objects.bulk_create(
        AuditEvent(action=action, object_description=f"guess{n}@example.org")
        for n in range(count))


def test_lists_the_entries_newest_first(secretariat_client, cast):
    audit.record(audit.Action.LOGIN_FAILED, obj="first@example.org")
    audit.record(audit.Action.LOCKOUT, obj="second@example.org", minutes=15)
    page = secretariat_client.get(reverse("common:audit_log"))
    rows = [event.object_description for event in page.context["page"]]
    assert rows[:2] == ["second@example.org", "first@example.org"]
    assert "minutes: 15" in page.content.decode()


def test_filters_by_action(secretariat_client, cast):
    add_events(3, audit.Action.LOGIN_FAILED)
    add_events(2, audit.Action.LOCKOUT)
    page = secretariat_client.get(reverse("common:audit_log"), {"action": "lockout"})
    assert [event.action for event in page.context["page"]] == ["lockout", "lockout"]


def test_unknown_action_is_explained_next_to_the_field(secretariat_client, cast):
    add_events(2)
    response = secretariat_client.get(reverse("common:audit_log"),
                                      {"action": "<script>", "side": "x"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["action"]
    assert "<script>" not in response.content.decode()


def test_pages_through_older_entries_keeping_the_filter(secretariat_client, cast):
    add_events(AUDIT_PAGE_SIZE + 5)
    url = reverse("common:audit_log")
    first = secretariat_client.get(url, {"action": "login_failed"})
    assert len(first.context["page"]) == AUDIT_PAGE_SIZE
    assert "?action=login_failed&amp;side=2" in first.content.decode()
    second = secretariat_client.get(url, {"action": "login_failed", "side": 2})
    assert len(second.context["page"]) == 5
    beyond = secretariat_client.get(url, {"side": 999})
    assert beyond.context["page"].number == 2


@pytest.mark.parametrize("count", [1, 60])
def test_query_count_does_not_grow_with_the_log(secretariat_client, cast, count,
                                                django_assert_num_queries):
    add_events(count)
    with django_assert_num_queries(5):
        response = secretariat_client.get(reverse("common:audit_log"))
    assert response.status_code == 200


def test_nav_links_the_audit_log_for_the_secretariat_only(cast):
    link = f'href="{reverse("common:audit_log")}"'
    assert link in cast.client("secretariat").get(reverse("start")).content.decode()
    assert link not in cast.client("rep_a").get(reverse("start")).content.decode()
