"""The API tests' URL map: only /v1, so they neither load nor depend on the screens."""

from django.urls import include, path

urlpatterns = [path("v1/", include("makeline.api.urls"))]
