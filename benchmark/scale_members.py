"""A large partnership for the benchmark: 50 municipalities, 500 people (see seed_scale).

Everything is written with its history and change-log lines, by the secretariat, as the
product's own pages would write it."""

import datetime
import random

from common.history import bulk_create_by, save_by
from members.accounts import enrol_totp
from members.demo import made_up_organisation_number
from members.models import Organisation, Partnership, Person, PopulationFigure, User

MUNICIPALITIES = 50
PEOPLE = 500
LAST_YEAR = 2026
# Population figures from the year before the first budget (ten years, forty at history=4).
YEARS_OF_FIGURES = 11


def build(rng: random.Random, world: dict, scale: float = 1.0, history: int = 1):
    municipality_count = max(2, round(MUNICIPALITIES * scale))
    people_count = max(2, round(PEOPLE * scale))
    first_year = LAST_YEAR + 1 - YEARS_OF_FIGURES * history
    secretariat = User.objects.create_user("sekretariat@skala.example", "bench-password",
                                           name="Sekretariat", role=User.Role.SECRETARIAT)
    council = save_by(Organisation(kind=Organisation.Kind.REGIONAL_COUNCIL,
                                   name="Skalaregionrådet"), secretariat)
    trust = save_by(Organisation(kind=Organisation.Kind.HOSPITAL_TRUST, name="Skala sykehus HF",
                                 organisation_number=made_up_organisation_number("9700001")),
                    secretariat)
    municipalities = bulk_create_by(Organisation, [
        Organisation(kind=Organisation.Kind.MUNICIPALITY, number=str(5000 + i),
                     name=f"Skala {i:02d}", regional_council=council,
                     organisation_number=made_up_organisation_number(f"96{5000 + i}"),
                     joined_on=datetime.date(first_year, 1, 1),
                     invoice_reference=f"HF/{5000 + i}")
        for i in range(municipality_count)
    ], secretariat)
    bulk_create_by(PopulationFigure, [
        PopulationFigure(municipality=m, year=year, population=rng.randint(400, 60000),
                         source="seed_scale")
        for m in municipalities
        for year in range(first_year, LAST_YEAR + 1)
    ], secretariat)
    people = bulk_create_by(Person, [
        Person(name=f"Person {i:03d}", email=f"person{i}@skala.example",
               organisation=municipalities[i % municipality_count] if i % 3 else trust)
        for i in range(people_count)
    ], secretariat)
    Partnership.objects.update_or_create(pk=1, defaults={
        "name": "Helsefellesskap Skala", "hospital_trust": trust,
        "host_municipality": municipalities[0],
        "organisation_number": municipalities[0].organisation_number,
        "bank_account": "45000000039",
    })
    users = {
        "secretariat": secretariat,
        "representative": User.objects.create_user(
            "representant@skala.example", "bench-password", name=people[1].name,
            role=User.Role.REPRESENTATIVE, person=people[1]),
        "finance_officer": User.objects.create_user(
            "okonomi@skala.example", "bench-password", name="Økonomi",
            role=User.Role.FINANCE_OFFICER, municipality=municipalities[1]),
    }
    enrol_totp(users["secretariat"])  # the secretariat cannot open a page without it
    return {"municipalities": municipalities, "people": people, "trust": trust, "users": users}
