from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "makeline.web"
    label = "web"
    verbose_name = "Web"
