"""URLs under /v1: the API's operations, its OpenAPI document and docs, and a JSON 404
for every other path (Katana's NotFoundError body, not Django's HTML page)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from makeline.api.errors import error_body
from makeline.api.site import api


def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse(error_body(404), status=404)


urlpatterns = [
    path("", api.urls),
    re_path(r"^.*$", not_found),
]
