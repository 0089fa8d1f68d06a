"""Population figures typed in or corrected on the population page, with their source
(R-FIN-2: imported from Statistics Norway or typed in)."""

from django.urls import reverse
from django.utils import timezone

from members.models import PopulationFigure


def test_r_fin_2_figures_are_typed_in_and_corrected_with_their_source(cast, secretariat_client):
    url = reverse("members:population_edit") + "?year=2025"
    page = secretariat_client.get(url).content.decode()
    assert 'name="population_1833"' in page and 'name="population_1824"' in page
    response = secretariat_client.post(url, {"source": "SSB 07459, hentet 10.01.2025",
                                             "population_1833": "26085"})
    assert response["Location"] == reverse("members:population")
    figure = PopulationFigure.objects.get(municipality=cast.municipality_x, year=2025)
    assert (figure.population, figure.source) == (26085, "SSB 07459, hentet 10.01.2025")
    assert not PopulationFigure.objects.filter(municipality=cast.municipality_y).exists()
    # A correction: the old value stays in the history, with who changed it.
    assert 'value="26085"' in secretariat_client.get(url).content.decode()
    secretariat_client.post(url, {"source": "Rettet etter SSB", "population_1833": "26090"})
    figure.refresh_from_db()
    assert (figure.population, figure.source) == (26090, "Rettet etter SSB")
    assert [(h.population, h.history_user) for h in figure.history.order_by("history_id")] == [
        (26085, cast.users["secretariat"]), (26090, cast.users["secretariat"])]


def test_bad_figures_are_refused_next_to_the_field_and_nothing_is_saved(cast,
                                                                        secretariat_client):
    url = reverse("members:population_edit") + "?year=2025"
    response = secretariat_client.post(url, {"source": "SSB", "population_1833": "26085",
                                             "population_1824": "-3"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["population_1824"]
    assert not PopulationFigure.objects.exists()


def test_the_missing_figure_message_links_to_the_form_for_that_year(cast, secretariat_client):
    page = secretariat_client.get(reverse("start")).content.decode()
    year = timezone.localdate().year
    assert "1833 Rana" in page  # lacks the figure
    assert f'href="{reverse("members:population_edit")}?year={year}"' in page
