"""The root URLs with the benchmark's reference page, as make bench serves them."""

from django.urls import include, path

from helsefellesskap.urls import *  # noqa: F403
from helsefellesskap.urls import urlpatterns as product_urlpatterns

urlpatterns = [*product_urlpatterns, path("ytelse/", include("benchmark.urls"))]
