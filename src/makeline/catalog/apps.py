from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "makeline.catalog"
    label = "catalog"
    verbose_name = "Catalog"
