"""The product's URLs plus one page guarded by a per-object refusal, as the apps' access
helpers do it (common.access.refuse)."""

from django.urls import path

from common.access import refuse
from helsefellesskap.urls import (  # noqa: F401 - the error handlers come with the URLconf
    handler400,
    handler403,
    handler404,
    handler500,
    urlpatterns,
)
from members.models import Organisation


def guarded(request, pk, status):
    raise refuse(Organisation.objects.get(pk=pk), status=status)


urlpatterns = [*urlpatterns, path("test-guarded/<int:pk>/<int:status>/", guarded)]
