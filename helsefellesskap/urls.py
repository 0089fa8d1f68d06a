from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from common.views import robots_txt

urlpatterns = [
    path("", include("members.urls")),
    path("", include("common.urls")),
    path("medlemmer/", include(("members.urls_register", "members"))),
    path("moter/", include("meetings.urls")),
    path("avtaler/", include("agreements.urls")),
    path("okonomi/", include("finance.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
]

handler400 = "common.views.bad_request"
handler403 = "common.views.permission_denied"
handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"

if settings.BENCHMARK_REFERENCE_PAGE:
    urlpatterns.append(path("ytelse/", include("benchmark.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
