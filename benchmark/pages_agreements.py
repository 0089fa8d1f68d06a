"""The agreement pages measured by `make bench` (see bench_setup)."""

from django.urls import reverse

from agreements.models import Agreement


def pages(users):
    agreement = Agreement.objects.get(number="SA")
    # The text as on the day the version before the latest came into force.
    day = list(agreement.versions.order_by("-in_force_from").values_list(
        "in_force_from", flat=True)[:2])[-1]
    return [("agreement as on a date, secretariat",
             f"{reverse('agreements:as_on', args=[agreement.pk])}?dato={day:%d.%m.%Y}",
             "secretariat")]
