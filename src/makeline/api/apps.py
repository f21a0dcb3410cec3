from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "makeline.api"
    label = "api"
    verbose_name = "REST API"
