"""The URL map: admin, sign-in, the REST API (/v1) and the screens."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("v1/", include("makeline.api.urls")),
    path("", include("makeline.web.urls")),
]
