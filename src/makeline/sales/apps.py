from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "makeline.sales"
    label = "sales"
    verbose_name = "Sales"
