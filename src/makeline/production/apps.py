from django.apps import AppConfig


class ProductionConfig(AppConfig):
    name = "makeline.production"
    label = "production"
    verbose_name = "Production"
