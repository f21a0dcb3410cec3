"""Enumerations of the catalog (wire values are Katana's)."""

from django.db import models


class ItemKind(models.TextChoices):
    PRODUCT = "product", "Product"
    MATERIAL = "material", "Material"
    SERVICE = "service", "Service"


class OperationType(models.TextChoices):
    """How an operation's planned time and cost scale (Katana §1.7)."""

    PROCESS = "process", "Process (time per unit × hourly rate)"
    SETUP = "setup", "Setup (fixed time × hourly rate)"
    PER_UNIT = "perUnit", "Per unit (cost per unit)"
    FIXED = "fixed", "Fixed (fixed cost)"


class AddressKind(models.TextChoices):
    BILLING = "billing", "Billing"
    SHIPPING = "shipping", "Shipping"
