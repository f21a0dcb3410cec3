from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "makeline.inventory"
    label = "inventory"
    verbose_name = "Inventory"
