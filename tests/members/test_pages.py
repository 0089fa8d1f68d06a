import datetime

from django.core.management import call_command
from django.urls import reverse

from members.demo import DEMO_TOTP_SECRET
from members.models import Organisation, Person, PopulationFigure, User
from tests.totp import sign_in


def test_pages_are_norwegian_and_english_on_request(cast):
    client = cast.client("secretariat")
    page = client.get(reverse("members:organisations")).content.decode()
    assert '<html lang="nb">' in page and "Medlemmer" in page and "Kommuner" in page
    response = client.post(reverse("set_language"), {"language": "en",
                                                      "next": reverse("members:organisations")})
    assert response.status_code == 302
    page = client.get(reverse("members:organisations")).content.decode()
    assert '<html lang="en">' in page and "Municipalities" in page


def test_municipality_with_a_bad_organisation_number_is_refused_next_to_the_field(cast):
    client = cast.client("secretariat")
    response = client.post(reverse("members:organisation_create"), {
        "kind": "municipality", "name": "Bindal", "number": "1811",
        "organisation_number": "123456789",
    })
    assert response.status_code == 200
    assert "123456789 er ikke et gyldig organisasjonsnummer" in response.content.decode()
    assert not Organisation.objects.filter(number="1811").exists()


def test_namesake_municipalities_need_a_qualifier(cast):
    Organisation.objects.create(kind="municipality", number="1818", name="Herøy",
                                name_qualifier="Nordland")
    client = cast.client("secretariat")
    data = {"kind": "municipality", "name": "Herøy", "number": "1515"}
    response = client.post(reverse("members:organisation_create"), data)
    assert "En annen kommune heter også Herøy (1818)" in response.content.decode()
    response = client.post(reverse("members:organisation_create"),
                           {**data, "name_qualifier": "Møre og Romsdal"})
    assert response.status_code == 302
    assert str(Organisation.objects.get(number="1515")) == "Herøy (Møre og Romsdal)"


def test_history_page_shows_who_changed_what(cast):
    client = cast.client("secretariat")
    client.post(reverse("members:person_edit", args=[cast.person_a.pk]), {
        "name": "Representant A", "email": "ny@example.org", "organisation": cast.municipality_x.pk,
    })
    page = client.get(reverse("members:history_object",
                              args=["members", "person", cast.person_a.pk])).content.decode()
    assert "sek" in page  # the secretariat user's name
    assert "a@example.org" in page and "ny@example.org" in page
    recent = client.get(reverse("members:history")).content.decode()
    assert "Representant A" in recent


def test_organisation_list_queries_do_not_grow(cast, municipality_factory,
                                               django_assert_num_queries):
    client = cast.client("secretariat")
    url = reverse("members:organisations")
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    for number in range(1000, 1020):
        m = municipality_factory(str(number))
        PopulationFigure.objects.create(municipality=m, year=2022, population=number)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_population_and_people_pages_queries_do_not_grow(cast, municipality_factory,
                                                         django_assert_num_queries):
    client = cast.client("secretariat")
    # The start page shows every app's panels: its count rises with the apps, not the data.
    counts = {reverse("members:population"): 5, reverse("members:people"): 4,
              reverse("members:history"): 4, reverse("start"): 11}
    # Its first visit works the rule warnings out and keeps them (tests/meetings/test_views).
    client.get(reverse("start"))

    def add(numbers):
        for number in numbers:
            m = municipality_factory(str(number))
            PopulationFigure.objects.create(municipality=m, year=2022, population=5)
            Person.objects.create(name=f"P {number}", organisation=m)

    add(range(2000, 2001))
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    add(range(2001, 2015))
    for url, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_admin_lists_and_history_of_every_model_open_for_the_secretariat(cast):
    from django.contrib import admin

    client = cast.client("secretariat")
    for model in admin.site._registry:
        meta = model._meta
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert response.status_code == 200, meta.label


def test_load_demo_twice_gives_the_same_data_and_working_logins(db, client):
    call_command("load_demo", verbosity=0)
    counts = (Organisation.objects.count(), Person.objects.count(), User.objects.count(),
              PopulationFigure.objects.count())
    call_command("load_demo", verbosity=0)
    assert counts == (Organisation.objects.count(), Person.objects.count(),
                      User.objects.count(), PopulationFigure.objects.count())
    assert Organisation.objects.members_on(datetime.date(2023, 6, 1)).count() == 17
    assert not Organisation.objects.get(number="1811").is_member_on(
        datetime.date(2023, 6, 1))
    for email in ["sekretariat@helgeland.example", "representant@helgeland.example",
                  "okonomi.rana@helgeland.example"]:
        client.logout()
        user = User.objects.get(email=email)
        user.totp_secret = DEMO_TOTP_SECRET  # printed by `make run`; only the secretariat's
        response = sign_in(client, user, "helgeland-demo")
        assert response["Location"] == reverse("start")
        assert client.get(reverse("start")).status_code == 200


def test_each_role_has_its_start_page(cast):
    year = datetime.date.today().year
    PopulationFigure.objects.create(municipality=cast.municipality_x, year=year, population=26000)
    secretariat = cast.client("secretariat").get(reverse("start")).content.decode()
    assert f"Folketall 1. januar {year}" in secretariat
    assert "1824 Vefsn" in secretariat  # lacks the figure; Rana has it
    assert "1833 Rana" not in secretariat
    finance = cast.client("fin_x").get(reverse("start")).content.decode()
    assert "1833 Rana" in finance and "Økonomiansvarlig" in finance
    representative = cast.client("rep_a").get(reverse("start")).content.decode()
    assert "Dine opplysninger" in representative and "Representant A" in representative
