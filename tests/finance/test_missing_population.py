"""R-FIN-2: a budget whose population figures are missing says so and links to the page where
they are typed in, for the right year."""

import pytest
from django.urls import reverse

from . import factories

pytestmark = pytest.mark.django_db


def test_r_fin_2_missing_population_links_to_the_population_form_of_its_year(cast):
    factories.municipality("1812", "Sømna", population=1981)
    factories.municipality("1813", "Brønnøy")  # no figure for 1.1.2022
    budget = factories.budget(year=2023)
    client = cast.client("secretariat")
    link = reverse("members:population_edit") + "?year=2022"
    for url in (reverse("finance:budget", args=[budget.pk]),
                reverse("finance:allocation", args=[budget.pk])):
        page = client.get(url).content.decode()
        assert "1813 Brønnøy" in page
        assert f'<a href="{link}">Registrer tallene per 1.1.2022</a>' in page
