import pytest

from members import demo as members_demo
from members.models import User

from . import factories


@pytest.fixture
def secretary(make_user):
    return make_user("sekretariat@example.org", User.Role.SECRETARIAT)


@pytest.fixture
def helgeland_members(db):
    """The 17 Helgeland municipalities with their population 1.1.2022, Bindal outside, and
    the partnership hosted by Vefsn."""
    loaded = members_demo.load()
    # The demo dates its figures from today's budget year; the golden table is seed 003's
    # budget for 2023, which reads the same figures per 1 January 2022.
    for number, _name, _qualifier, population, _council in members_demo.MUNICIPALITIES:
        factories.give_population(loaded["municipalities"][number], population)
    factories.give_population(loaded["municipalities"]["1811"], 1400)  # Bindal: not a member
    secretariat = User.objects.get(email="sekretariat@helgeland.example")
    return {"secretariat": secretariat, **loaded}


@pytest.fixture
def helgeland(helgeland_members):
    """… and the seed 003 budget for 2023, adopted at 20/80."""
    budget = factories.adopted_budget(helgeland_members["secretariat"])
    return {"budget": budget, **helgeland_members}
