from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "makeline.purchasing"
    label = "purchasing"
    verbose_name = "Purchasing"
