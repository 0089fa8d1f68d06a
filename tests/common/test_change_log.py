"""The change log: a line for every history entry, with who, what, when and which object,
read in one query however much history there is."""

from django.urls import reverse

from common.history import recent_changes, save_by
from common.links import url_filler
from common.models import Activity
from members.models import Organisation


def test_a_change_is_logged_with_its_author_and_object(cast):
    organisation = cast.municipality_x
    organisation.name = "Rana kommune"
    save_by(organisation, cast.users["secretariat"])
    line = Activity.objects.first()
    assert (line.actor, line.kind, line.app_label, line.model_name, line.object_id,
            line.label) == (cast.users["secretariat"], "~", "members", "organisation",
                            organisation.pk, str(organisation))


def test_creating_and_deleting_are_logged(cast):
    organisation = Organisation.objects.create(name="Dønna", number="1827",
                                               kind=Organisation.Kind.MUNICIPALITY)
    pk = organisation.pk
    organisation.delete()
    assert list(Activity.objects.filter(object_id=pk, model_name="organisation")
                .values_list("kind", "label")) == [("-", "Dønna"), ("+", "Dønna")]


def test_the_latest_changes_are_one_query_at_any_size(cast, django_assert_num_queries):
    for size in (5, 40):
        for n in range(size):
            cast.municipality_y.name = f"Vefsn {n}"
            save_by(cast.municipality_y, cast.users["secretariat"])
        with django_assert_num_queries(1):
            changes = recent_changes(limit=5)
        assert [change.activity.label for change in changes] == [
            f"Vefsn {n}" for n in range(size - 1, size - 6, -1)]
    first = changes[0]
    assert (first.type_name, first.kind_name, first.url) == (
        "Organisasjon", "Endret", reverse("members:history_object",
                                          args=["members", "organisation",
                                                cast.municipality_y.pk]))


def test_a_url_filler_gives_what_reverse_gives():
    fill = url_filler("members:history_object", 3)
    assert fill("finance", "invoice", 12) == reverse("members:history_object",
                                                     args=["finance", "invoice", 12])


def test_the_latest_changes_read_the_actors_name_and_not_their_password(
        cast, django_assert_num_queries):
    save_by(cast.municipality_y, cast.users["secretariat"])
    with django_assert_num_queries(1) as queries:
        changes = recent_changes(limit=5)
        assert changes[0].activity.actor.name == cast.users["secretariat"].name
    assert "password" not in queries.captured_queries[0]["sql"]
