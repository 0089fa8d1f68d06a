"""Each partnership of the seeds set up and run from the product's pages alone, after a bare
migrate and one superuser: members, regional councils, bodies of their kinds with their rules,
seats and deputies, the secretariat and its rotation, users; a year planned, one meeting held
through published minutes, and the year's invoices issued."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from common.models import AuditEvent
from meetings.kinds import RULE_DEFAULTS
from members.models import User

from .driver import run_a_year
from .partnerships import PARTNERSHIPS

pytestmark = pytest.mark.django_db
YEAR = 2027
PASSWORD = "x-long-passord-1"  # noqa: S105


@pytest.fixture
def superuser(db):
    """`createsuperuser` and nothing more: the second factor is set up on the first login."""
    user = User.objects.create_superuser("sjef@helsefellesskap.example", PASSWORD)
    user.test_password = PASSWORD
    return user


@pytest.mark.parametrize("partnership", PARTNERSHIPS, ids=[p.name for p in PARTNERSHIPS])
def test_a_partnership_is_set_up_and_run_from_its_pages(superuser, partnership,
                                                       django_capture_on_commit_callbacks):
    result = run_a_year(Client(), superuser, partnership, YEAR,
                        django_capture_on_commit_callbacks)
    bodies = result["bodies"]
    assert sorted(b.kind for b in bodies.values()) == sorted(b.kind for b in partnership.bodies)
    for spec in partnership.bodies:
        body = bodies[spec.short]
        # A rule left empty took its kind's default; one typed in was kept.
        expected = {**RULE_DEFAULTS[spec.kind], **{k: type(RULE_DEFAULTS[spec.kind][k])(v)
                                                   if RULE_DEFAULTS[spec.kind][k] is not None
                                                   else v for k, v in spec.rules.items()}}
        assert body.meetings_per_year == expected["meetings_per_year"], spec.short
        assert body.decision_mode == expected["decision_mode"], spec.short
        assert (body.parent.short_name if body.parent else "") == spec.reports_to
        assert (body.region.name if body.region else "") == spec.region
        if spec.kind == "lsu":
            # Both sides seated, the municipal ones from the region's municipalities.
            seats = body.seats.select_related("holder__organisation")
            assert {(s.role, s.side) for s in seats} == {
                ("member", "trust"), ("member", "municipalities"),
                ("personal_deputy", "municipalities")}, spec.short
            assert {s.holder.organisation.regional_council.name for s in seats
                    if s.side == "municipalities"} == {spec.region}
    # The superuser's second factor was set up through its page, on the first login.
    assert AuditEvent.objects.filter(action="mfa_enrolled", actor=superuser).count() == 1
    meeting = result["meeting"]
    assert meeting.minutes.get().published_at is not None
    # Access as the pages gave it: the representative from their seat, the finance officer
    # their municipality's invoice only.
    representative = Client()
    representative.force_login(result["representative"].user)
    assert representative.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200
    officer = Client()
    officer.force_login(result["finance_officer"])
    page = officer.get(reverse("finance:invoices")).content.decode()
    own = next(i for i in result["invoices"] if i.municipality == result["finance_officer"]
               .municipality)
    others = [i for i in result["invoices"] if i != own]
    assert reverse("finance:invoice", args=[own.pk]) in page
    assert not any(reverse("finance:invoice", args=[i.pk]) in page for i in others)
    total = sum(invoice.total for invoice in result["invoices"])
    populations = sum(p for members in partnership.councils.values() for _n, _m, p in members)
    count = len(result["invoices"])
    model = partnership.cost_model
    if model["kind"] == "split":
        assert total == Decimal(900_000 - 504_000)  # R-FIN-4: the shares add up exactly
    elif model["kind"] == "per_inhabitant":
        assert abs(total - Decimal(model["rate"]) * populations) < count
    else:
        assert abs(total - (Decimal(model["base_amount"]) * count
                            + Decimal(model["rate"]) * populations)) < count
